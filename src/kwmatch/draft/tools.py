"""The tools and methods the known taxonomy lists as evidence of its concepts ("Airflow",
"dbt", "object detection"): in a posting each names a thing of its own, found even
where the dictionary knows the word or the posting writes it in lower case."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from kwmatch.taxonomy import Taxonomy


class EvidenceNames:
    """Finds the known taxonomy's evidence forms in a text."""

    def __init__(
        self, known: Taxonomy | Iterable[str], is_english_word: Callable[[str], bool]
    ) -> None:
        self.is_english_word = is_english_word
        self.forms: dict[str, set[str]] = {}
        """The ways each name is written (by its lower case): "Sass" and "SASS"."""
        if isinstance(known, Taxonomy):
            known = [form for concept in known.concepts.values() for form in concept.evidence]
        for form in known:  # a taxonomy's evidence forms, or a list of names
            self.forms.setdefault(" ".join(form.lower().split()), set()).add(form)
        alternatives = sorted(self.forms, key=len, reverse=True)
        words = "|".join(r"\s+".join(map(re.escape, form.split())) for form in alternatives)
        self.pattern = (
            re.compile(rf"(?<![\w.+#-])(?:{words})(?![\w+#]|[.-]\w)", re.I) if words else None
        )

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, surface) of each evidence form in ``text``. A form that is one
        English word ("Airflow", "Prophet") counts only in the case the taxonomy writes
        it: in lower case it is the word ("airflow in the server room")."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            surface = match.group()
            key = " ".join(surface.lower().split())
            if " " not in key and self.is_english_word(key) and surface not in self.forms[key]:
                continue
            yield match.start(), match.end(), surface

"""Copies of a word, a phrase or a line written right after themselves are read once:
they neither add a hit nor change the context that decides one (issue #13: no reward
for keyword stuffing). Phrasings are our own."""

from __future__ import annotations

import pytest

from kwmatch.api import Scorer
from kwmatch.repeats import without_repeats
from kwmatch.text import clean


def _hits(scorer: Scorer, text: str) -> list[tuple[str, str, int]]:
    return [(m["concept"], m["text"], m["start"]) for m in scorer.score_text(text).data["matches"]]


def _concepts(scorer: Scorer, text: str) -> set[str]:
    return {concept for concept, _, _ in _hits(scorer, text)}


@pytest.mark.parametrize(
    ("once", "stuffed"),
    [
        # A guarded word copied into a list of itself is still the word after "Python".
        ("Python Go", "Python Go, Go, Go"),
        ("Python Go", "Python Go Go"),
        # A negative word pushed out of a rule's window, or out of a pattern's reach, by
        # copies of the words between it and the hit.
        ("Excel: trained models", "Excel: trained trained trained trained trained models"),
        (
            "Sales forecasting models weekly in Excel",
            "Sales forecasting models weekly weekly weekly weekly weekly in Excel",
        ),
        # A phrase across the line break between two copies of a line.
        ("vision computer", "vision computer\nvision computer"),
        ("learning, Docker, machine", "learning, Docker, machine\nlearning, Docker, machine"),
        # A heading doubled on its line still closes the skills list above it.
        ("SKILLS\nPython\nEXPERIENCE\nCV", "SKILLS\nPython\nEXPERIENCE EXPERIENCE\nCV"),
    ],
)  # fmt: skip
def test_copies_find_what_one_copy_finds(scorer: Scorer, once: str, stuffed: str) -> None:
    assert _concepts(scorer, stuffed) == _concepts(scorer, once)


def test_a_hit_after_copies_is_reported_where_it_stands(scorer: Scorer) -> None:
    text = "Languages: Go, Go, Go, Python, Rust\nmachine machine learning"
    hits = _hits(scorer, text)
    assert ("python", "Python", text.index("Python")) in hits
    assert ("go-lang", "Go", text.index("Go")) in hits
    # A phrase read across a cut is reported over the copies it spans, as written.
    assert ("machine-learning", "machine machine learning", text.index("machine")) in hits


def test_distinct_words_and_lines_are_left_alone() -> None:
    text = clean(["Python, SQL\nPython, Spark\nGo-live in May, Golang"])
    assert without_repeats(text) is None


def test_the_view_keeps_one_copy_of_each_run() -> None:
    text = clean(["SKILLS\nDocker | Docker | Docker\nDocker\nDocker\nLed the team team."])
    view = without_repeats(text)
    assert view is not None
    assert view.clean.text == "SKILLS\nDocker\nLed the team."
    assert [s.kind for s in view.clean.sections] == ["skills"]
    at = view.clean.text.index("Led")
    assert view.original_span(at, at + 3) == (text.text.index("Led"), text.text.index("Led") + 3)

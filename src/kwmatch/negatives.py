"""The negative contexts of the matching ladder: a hit inside one of its concept's
``not_in`` patterns (R&D, C-level, go-live, sales pipeline), next to one of its
``not_near`` words, or a technology named only to compare with ("similar to Kafka",
"Slack-like") never counts. :meth:`Negatives.refusal` says which one voids a hit.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

from kwmatch.context import compared_only
from kwmatch.nlp import Tokens
from kwmatch.taxonomy import Concept
from kwmatch.text import CleanText
from kwmatch.trace import Reason

#: Characters on each side of a hit that a ``not_in`` pattern may span ("R&D" around R),
#: and that a ``not_near`` word may stand in (both within the hit's line).
NOT_IN_REACH = 40
NOT_NEAR_REACH = 80


class _Hit(Protocol):
    @property
    def concept(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class Negatives:
    """The compiled ``not_in`` and ``not_near`` lists of a taxonomy's concepts."""

    def __init__(self, skill_concepts: frozenset[str]) -> None:
        self._skills = skill_concepts
        self._not_in: dict[str, re.Pattern[str]] = {}
        self._not_near: dict[str, frozenset[str]] = {}
        self._not_near_phrases: dict[str, tuple[str, ...]] = {}

    def add(self, concept: Concept) -> None:
        """Compile ``concept``'s negative contexts."""
        if concept.not_in:
            self._not_in[concept.id] = re.compile(
                "|".join(f"(?:{p})" for p in concept.not_in), re.I
            )
        if concept.not_near:
            words = [w.lower() for w in concept.not_near if " " not in w]
            # As written: a text word voids a hit when its form or its lemma is listed.
            self._not_near[concept.id] = frozenset(words)
            self._not_near_phrases[concept.id] = tuple(
                " ".join(w.lower().split()) for w in concept.not_near if " " in w
            )

    def refusal(self, match: _Hit, clean: CleanText, tokens: Tokens) -> tuple[Reason, str] | None:
        """Why ``match`` does not count (a reason code and what voids it), or None."""
        if match.concept in self._skills and compared_only(match, tokens):
            return "compared", "named only to compare with"
        pattern = self._not_in.get(match.concept)
        if pattern is not None:
            line_start, line_end = clean.line_span(match.start)
            lo = max(line_start, match.start - NOT_IN_REACH)
            hi = min(max(line_end, match.end), match.end + NOT_IN_REACH)
            for negative in pattern.finditer(clean.text, lo, hi):
                if negative.start() < match.end and match.start < negative.end():
                    return "not_in", negative.group()
        stop_words = self._not_near.get(match.concept)
        if stop_words:
            line_start, line_end = clean.line_span(match.start)
            lo = max(line_start, match.start - NOT_NEAR_REACH)
            hi = min(line_end, match.end + NOT_NEAR_REACH)
            # The document's own tokens in that window (no second tokenization).
            first = bisect.bisect_left(tokens.start, lo)
            last = bisect.bisect_right(tokens.start, hi)
            found = stop_words.intersection(tokens.lower[first:last]) or stop_words.intersection(
                tokens.lemma[first:last]
            )
            if found:
                return "not_near", min(found)
            folded = " ".join(clean.text[lo:hi].lower().split())
            for phrase in self._not_near_phrases.get(match.concept, ()):
                if phrase in folded:
                    return "not_near", phrase
        return None

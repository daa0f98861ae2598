"""A hit of the matching ladder, :class:`Match`, with its rungs and their confidence
(kept apart from :mod:`kwmatch.match`, which re-exports them, to keep it in size)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Rung = Literal["exact", "alias", "lemma", "near", "guarded", "fuzzy", "evidence"]


CONFIDENCE: dict[Rung, float] = {
    "exact": 1.0,
    "alias": 1.0,
    "lemma": 0.95,
    "near": 0.9,
    "guarded": 0.9,
    "fuzzy": 0.85,
    "evidence": 0.8,
}


@dataclass(frozen=True)
class Match:
    """One piece of evidence: a concept found at a place of the clean text."""

    concept: str
    """Id of the concept evidenced."""
    text: str
    """The exact surface text matched, as it stands in the clean text."""
    start: int
    """Offset of the first character matched."""
    end: int
    """Offset just past the last character matched."""
    kind: Rung
    """The rung of the ladder that found it (exact, alias, lemma, near, fuzzy, guarded,
    evidence)."""
    confidence: float
    """How sure the rung is, 0 to 1; a concept's strength is its best hit's confidence."""
    phrase: str | None = None
    """For an ``evidence`` hit, the phrase of the concept's evidence list it matched."""

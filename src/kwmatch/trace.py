"""The matcher's explain mode: a :class:`Trace` passed down the ladder records every
candidate hit that did not count, with the reason, and the detail of the ones that did
(the fuzzy distance, the cue that let a guarded form through).

Off by default: :meth:`kwmatch.match.Matcher.match` takes ``trace=None`` and then only
tests ``trace is not None`` at the places where a candidate is refused; scoring never
builds one. :mod:`kwmatch.explain` turns a trace into what ``kwmatch explain`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from typing import Literal

#: Why a candidate hit did not count. Each has its words in :mod:`kwmatch.explain`.
Reason = Literal[
    "not_in",
    "not_near",
    "compared",
    "no_cue",
    "case",
    "lowercase_name",
    "fuzzy_distance",
    "fuzzy_first_letter",
    "fuzzy_prefix",
    "fuzzy_derived",
    "split_ordinary",
    "split_context",
    "near_unless",
    "near_reversed",
    "nested",
    "repeat",
]


@dataclass(frozen=True)
class Candidate:
    """A place where a rung of the ladder found a concept, counted or refused."""

    concept: str
    start: int
    end: int
    rung: str
    """The rung that found it: exact, alias, lemma, near, guarded, fuzzy, evidence."""
    reason: Reason | None
    """Why it did not count; None for a note on a hit that counted."""
    detail: str
    """The words a taxonomy author acts on: the pattern, the word, the distance."""


class Trace:
    """Collects candidates for ``concepts`` (every concept when None)."""

    def __init__(self, concepts: Collection[str] | None = None) -> None:
        self.concepts = None if concepts is None else frozenset(concepts)
        self.candidates: list[Candidate] = []

    def wants(self, concept: str) -> bool:
        """Whether candidates of ``concept`` are collected."""
        return self.concepts is None or concept in self.concepts

    def reject(
        self, concept: str, start: int, end: int, rung: str, reason: Reason, detail: str
    ) -> None:
        """A candidate that does not count, and why."""
        if self.wants(concept):
            self.candidates.append(Candidate(concept, start, end, rung, reason, detail))

    def note(self, concept: str, start: int, end: int, rung: str, detail: str) -> None:
        """The detail of a hit that counts (kept only if the hit survives)."""
        if self.wants(concept):
            self.candidates.append(Candidate(concept, start, end, rung, None, detail))

    def remap(self, since: int, span: Callable[[int, int], tuple[int, int]]) -> None:
        """Move the candidates recorded from index ``since`` on to other offsets (those of
        the clean text, for candidates found in its view without repeats)."""
        for index in range(since, len(self.candidates)):
            candidate = self.candidates[index]
            start, end = span(candidate.start, candidate.end)
            self.candidates[index] = replace(candidate, start=start, end=end)

"""Where each piece of evidence stands, and what it is worth there.

A skill used in a dated role is demonstrated; one named in a project is shown at work
too, less surely; one in a skills list is only claimed; coursework is what a student was
taught. :func:`place` tells each match where it stands (the work history already cut the
resume into roles, degrees and projects), and :data:`WEIGHT` says how much each kind of
place counts: a concept's strength is its best hit's confidence times that weight, so a
second mention never adds anything, and adding evidence never lowers a strength.

Per concept, :func:`usage` gives the years it was used (the merged durations of the
dated roles that show it) and when it was last used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kwmatch.history import Entry, EvidenceKind, WorkHistory
from kwmatch.history_years import weighted_months
from kwmatch.match import Match
from kwmatch.text import CleanText

#: What a hit is worth by where it stands (multiplied by the rung's confidence).
WEIGHT: dict[EvidenceKind, float] = {
    "experience": 1.0,
    "project": 0.9,
    "other": 0.85,
    "skills": 0.75,
    "education": 0.6,
}
#: Kinds of place where a skill is demonstrated, not only named.
DEMONSTRATED: frozenset[EvidenceKind] = frozenset({"experience", "project"})
MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Placed:
    """A match and where it stands."""

    match: Match
    kind: EvidenceKind
    role: Entry | None
    """The dated (or undated) role it stands in, for ``experience``."""

    @property
    def weight(self) -> float:
        """What the hit is worth: the rung's confidence times the place's weight."""
        return self.match.confidence * WEIGHT[self.kind]


@dataclass(frozen=True)
class Usage:
    """How long and how lately a concept was used in dated roles."""

    years: float
    last_used: str | None
    """The last month of the latest role that shows it (YYYY-MM or YYYY), or None."""
    current: bool
    """The latest role that shows it runs to "Present"."""


def place(matches: Sequence[Match], history: WorkHistory, clean: CleanText) -> list[Placed]:
    """Where each match stands: a role, a project, a degree, a skills list, or other."""
    placed = []
    for match in matches:
        section = clean.section_of(match.start)
        kind = history.evidence_kind(match.start, section.kind if section else None)
        item = history.entry_at(match.start)
        placed.append(Placed(match, kind, item if isinstance(item, Entry) else None))
    return placed


def usage(placed: Sequence[Placed]) -> dict[str, Usage]:
    """Years used and last use of each concept shown in dated roles."""
    roles: dict[str, dict[int, Entry]] = {}
    for hit in placed:
        role = hit.role
        if role is not None and role.start is not None and role.end is not None:
            roles.setdefault(hit.match.concept, {})[id(role)] = role
    found = {}
    for concept, by_id in roles.items():
        entries = list(by_id.values())
        latest = max(entries, key=lambda e: e.end.index if e.end else -1)
        found[concept] = Usage(
            years=round(_merged_months(entries) / MONTHS_PER_YEAR, 2),
            last_used=str(latest.end) if latest.end else None,
            current=latest.end_is_present,
        )
    return found


def _merged_months(entries: Sequence[Entry]) -> int:
    """Months the entries cover, merged where they overlap."""
    return round(
        weighted_months([(e.start.index, e.end.index, 1.0) for e in entries if e.start and e.end])
    )

"""A posting's structured requirements checked against a candidate's work history.

:func:`check_requirements` takes the ``requirements`` of a taxonomy (format 3: years of
experience, a degree, the seniority of the title; see
:class:`kwmatch.taxonomy.Requirement`) and a :class:`kwmatch.history.WorkHistory`, and
says of each whether it is met, with the evidence. Pure: no I/O.

* **years**: met when the full-time years of the dated roles
  (:attr:`WorkHistory.fulltime_years`: internships and part-time roles at half) reach the
  minimum. Years of one subject ("3 years of Python") are judged by the same total: a
  resume rarely dates its use of one tool, and the concept itself is scored elsewhere.
* **degree**: met when some degree of the education is at the level asked or above
  (associate < bachelor's < master's < doctorate). The field is shown, not judged
  ("or a related field" is the rule in postings).
* **seniority**: met when the highest title held a year or more ranks at the level asked
  or above, or when the full-time years reach the years that level usually takes
  (:data:`SENIORITY_YEARS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kwmatch.history import WorkHistory, highest_title
from kwmatch.taxonomy import Requirement
from kwmatch.taxonomy.model import DEGREES, SENIORITIES

#: Full-time years that stand for a level when no title states it.
SENIORITY_YEARS = {"intern": 0.0, "junior": 0.0, "mid": 2.0, "senior": 5.0, "lead": 8.0}
_DEGREE_NAMES = {
    "associate": "an associate degree",
    "bachelors": "a bachelor's degree",
    "masters": "a master's degree",
    "phd": "a doctorate",
}


@dataclass(frozen=True)
class RequirementResult:
    """One requirement of the posting, judged against the resume."""

    kind: str
    """years, degree or seniority."""
    text: str
    """The posting's words."""
    preferred: bool
    """A plus rather than a condition."""
    met: bool
    """Whether the resume meets it."""
    wanted: str
    """What is asked, in words ("5+ years", "a bachelor's degree", "senior")."""
    evidence: str
    """What the resume shows, in words ("6.5 full-time years in 4 dated roles")."""

    def as_dict(self) -> dict[str, Any]:
        """The result as the report writes it."""
        return {
            "kind": self.kind,
            "text": self.text,
            "preferred": self.preferred,
            "met": self.met,
            "wanted": self.wanted,
            "evidence": self.evidence,
        }


def check_requirements(
    requirements: Sequence[Requirement], history: WorkHistory
) -> list[RequirementResult]:
    """Each requirement, in order, met or not, with the evidence from ``history``."""
    return [_check(requirement, history) for requirement in requirements]


def _years_evidence(history: WorkHistory) -> str:
    dated = [e for e in history.experience if e.start is not None]
    roles = "dated role" if len(dated) == 1 else "dated roles"
    return f"{history.fulltime_years:.1f} full-time years in {len(dated)} {roles}"


def _check(requirement: Requirement, history: WorkHistory) -> RequirementResult:
    if requirement.kind == "years":
        wanted = _years_wanted(requirement)
        met = history.fulltime_years >= requirement.min_years
        evidence = _years_evidence(history)
    elif requirement.kind == "degree":
        wanted = _DEGREE_NAMES.get(requirement.degree, requirement.degree)
        if requirement.field:
            wanted += f" in {requirement.field}"
        met, evidence = _degree(requirement.degree, history)
    else:
        wanted = requirement.seniority
        met, evidence = _seniority(requirement.seniority, history)
    return RequirementResult(
        kind=requirement.kind,
        text=requirement.text,
        preferred=requirement.preferred,
        met=met,
        wanted=wanted,
        evidence=evidence,
    )


def _years_wanted(requirement: Requirement) -> str:
    low = f"{requirement.min_years:g}"
    words = (
        f"{low}-{requirement.max_years:g} years"
        if requirement.max_years is not None
        else f"{low}+ years"
    )
    return f"{words} of {requirement.subject}" if requirement.subject else words


def _degree(level: str, history: WorkHistory) -> tuple[bool, str]:
    held = [e for e in history.education if e.level in DEGREES]
    if not held:
        return False, "no degree found in the education"
    best = max(held, key=lambda e: DEGREES.index(e.level))
    met = DEGREES.index(best.level) >= DEGREES.index(level) if level in DEGREES else True
    field = f" in {best.field}" if best.field else ""
    return met, f"{_DEGREE_NAMES[best.level]}{field} ({best.degree.strip()})"


def _seniority(level: str, history: WorkHistory) -> tuple[bool, str]:
    wanted = SENIORITIES.index(level) if level in SENIORITIES else 0
    years = history.fulltime_years
    top = highest_title(history)
    by_years = level in SENIORITY_YEARS and years >= SENIORITY_YEARS[level]
    if top is None:
        return by_years, f"no titled role; {years:.1f} full-time years"
    title, rank, _since = top
    met = rank >= wanted or by_years
    return met, f"highest title {title!r} ({SENIORITIES[rank]}); {years:.1f} full-time years"

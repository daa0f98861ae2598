"""How the months of a work history add up to full-time years, the way recruiters count.

Depends on :mod:`kwmatch.roles` and :mod:`kwmatch.dates` only; :mod:`kwmatch.history`
calls it with plain month indexes (:attr:`kwmatch.dates.YearMonth.index`).

* Each kind of role has a weight (:data:`KIND_WEIGHT`): full-time work counts whole;
  internships, assistantships and part-time roles half; volunteering and study nothing.
* Overlapping periods are merged month by month; each month counts once, at the highest
  weight of the roles that cover it (:func:`weighted_months`).
* A month is counted as "end minus start": "01/2022 – 12/2022" is 11 months, "2019 – 2021"
  is 24. Resumes name the first and the last month of a role and the labelers subtract
  them; counting both ends would add a month at every change of job.
* Research held during a PhD ("Researcher", "Research Fellow", "Graduate Researcher"...,
  a role whose months lie mostly within the PhD's) is the doctorate itself: its kind is
  ``education``, weight 0 (:func:`study_kind`). A Teaching or Research Assistant keeps
  its kind (an assistantship, half).
* Jobs held while at secondary school, before a high-school diploma, are part-time: the
  months before the diploma count half at most (:func:`school_cap`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence

from kwmatch.dates import MONTHS_PER_YEAR, YearMonth
from kwmatch.roles import DegreeLevel, EntryKind

#: How much a month of each kind of role adds to the full-time years.
KIND_WEIGHT: dict[str, float] = {
    "full-time": 1.0,
    "internship": 0.5,
    "part-time": 0.5,
    "assistantship": 0.5,
    "volunteer": 0.0,
    "education": 0.0,
}
#: The weight a month of work before a high-school diploma counts at, at most.
SCHOOL_WEIGHT = 0.5
#: A PhD named by its end alone is taken to have started this many years before it
#: (the usual length of a doctorate); only to tell research during it from later work.
PHD_YEARS = 5
#: A role is held "during" a PhD when more than this share of its months lie within it.
DURING_SHARE = 0.5
#: A diploma dated by its year alone was awarded at the end of that school year (June).
SCHOOL_YEAR_END_MONTH = 6

#: Titles of research done as a doctoral student. An assistant is not one of them.
RESEARCH_TITLE = re.compile(
    r"\b(?:researcher|research\s+(?:fellow|scientist|associate|student)|fellow(?:ship)?"
    r"|ph\.?\s?d\.?\s+(?:candidate|student|researcher|fellow)|doctoral|doctorate)\b",
    re.I,
)
_ASSISTANT = re.compile(r"\bassistant\b", re.I)
#: A high-school diploma, as opposed to a university one ("Diploma in Engineering").
HIGH_SCHOOL = re.compile(r"\b(?:high\s+school|secondary\s+school|GED|A[- ]levels?)\b", re.I)

Period = tuple[int, int, float]
"""First month index, last month index, weight."""
Degree = tuple[DegreeLevel, str, YearMonth | None, YearMonth | None]
"""Level, the words naming it (and its school), first and last month."""


def weighted_months(periods: Sequence[Period]) -> float:
    """Months covered by ``periods``, each at the highest weight of those covering it."""
    bounds = sorted({b for start, end, _ in periods if end > start for b in (start, end)})
    total = 0.0
    for left, right in itertools.pairwise(bounds):
        weight = max((w for s, e, w in periods if s <= left and right <= e), default=0.0)
        total += (right - left) * weight
    return total


def phd_spans(degrees: Iterable[Degree]) -> list[tuple[int, int]]:
    """The months of each dated PhD; one dated by its end alone lasted :data:`PHD_YEARS`."""
    spans = []
    for level, _, start, end in degrees:
        if level != "phd" or end is None:
            continue
        last = end.index
        early = start is not None and start.index < last
        spans.append((start.index if early and start else last - PHD_YEARS * MONTHS_PER_YEAR, last))
    return spans


def study_kind(
    kind: EntryKind, title: str, start: int, end: int, spans: Iterable[tuple[int, int]]
) -> EntryKind:
    """``education`` for a research role held during a PhD of ``spans`` (or a dated entry
    with no title at all held then: a PhD's projects), else ``kind``."""
    if kind != "full-time" or _ASSISTANT.search(title):
        return kind
    if title.strip() and not RESEARCH_TITLE.search(title):
        return kind
    length = max(1, end - start)
    for first, last in spans:
        inside = min(end, last) - max(start, first)
        if inside > DURING_SHARE * length or (start == end and first <= start <= last):
            return "education"
    return kind


def school_end(degrees: Iterable[Degree]) -> int | None:
    """The month of the latest high-school diploma (June of its year when no month)."""
    ends = []
    for level, words, start, end in degrees:
        month = end if end is not None else start
        if level == "other" and month is not None and HIGH_SCHOOL.search(words):
            given = month.month_given
            ends.append(month.index if given else month.index + SCHOOL_YEAR_END_MONTH - 1)
    return max(ends, default=None)


def school_cap(periods: Sequence[Period], school: int | None) -> list[Period]:
    """``periods`` with the months before ``school`` (a diploma's month) at half at most."""
    if school is None:
        return list(periods)
    capped: list[Period] = []
    for start, end, weight in periods:
        if start < school and weight > SCHOOL_WEIGHT:
            capped.append((start, min(end, school), SCHOOL_WEIGHT))
            if end > school:
                capped.append((school, end, weight))
        else:
            capped.append((start, end, weight))
    return capped

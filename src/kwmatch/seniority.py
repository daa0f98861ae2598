"""How senior the candidate is, judged from the work history as a recruiter would.

Two questions, each answered with its reasons:

* **When was the resume written?** "Present" in a resume means the day it was written,
  not the day it is read: a resume written in 2021 and read in 2026 must not gain five
  years. :func:`written_date` takes the resume's own word first ("Last updated January
  2015"), then a month in the file's name ("CV-March-2024.pdf"), then the file's own
  date unless the resume states dates years older than it (an export made later: then
  its claim of N years of experience counted from its first role, or the latest date it
  states), and the reading date when nothing says.
* **How senior is the person?** :func:`judge_seniority` combines full-time years
  (internships, assistantships and part-time roles at half; degrees at nothing), the
  rank of the titles held a year or more, and evidence of leading. Bands follow the
  written criteria of technical recruiting: entry up to about 2 full-time years; mid
  about 2 to 6, or a PhD with up to 4 years in industry; senior about 6 or more, or a
  senior title (Senior, Staff, Lead, Principal, Manager, Head...) held a year or more
  with evidence of leading. No dated work and no dated degree: no level.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from kwmatch.dates import YearMonth, find_ranges
from kwmatch.history import WorkHistory, highest_title
from kwmatch.history_years import weighted_months
from kwmatch.roles import RANK_LEAD, RANK_SENIOR, title_rank
from kwmatch.text import CleanText

Level = Literal["entry", "mid", "senior"]
Confidence = Literal["high", "medium", "low"]

#: Full-time years where the bands meet: entry below ENTRY_YEARS, senior from SENIOR_YEARS.
ENTRY_YEARS = 2.0
SENIOR_YEARS = 6.0
#: Within this many years of a band's edge the call is less sure.
NEAR_EDGE = 1.0
#: A PhD counts as mid-level experience with this many industry years or more ...
PHD_MID_YEARS = 1.0
#: A senior title makes a senior from this many full-time years on (fewer reads as a
#: title inflated by a small employer, or a student's club).
SENIOR_TITLE_MIN_YEARS = 4.0
#: A claim of experience counts when it exceeds the dated years by this many.
CLAIM_BEYOND_DATED = 2
#: A senior title counts once held this many months.
TITLE_HELD_MONTHS = 12
#: The file's own date is taken for an export, not the writing, when it is this many
#: months younger than the latest date the resume states.
STALE_EXPORT_MONTHS = 24
#: A claim of experience ("over 8 years") is believed up to this many years.
MAX_CLAIMED_YEARS = 50
MONTHS_PER_YEAR = 12
#: Dates before this year in a file's name are no date of writing.
EARLIEST_YEAR = 1990
#: A resume may name dates this many months after it was written (a degree expected).
EXPECTED_AHEAD_MONTHS = 12
#: Activities that show a person leading others.
LEADING = frozenset({"technical-leadership", "mentoring", "hiring"})

#: "over 8 years of experience", "8+ years' experience", "more than eight years in ..."
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_CLAIM = re.compile(
    r"\b(?:over|more\s+than|nearly|almost|about|around)?\s*"
    r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*(?:years?|yrs?)\b[’']?"
    r"(?:\s+of)?(?:\s+[\w-]+){0,4}?\s+(?:experience|expertise)\b",
    re.I,
)
#: "Last updated 21 January 2015", "Resume dated March 2020", "Updated: 05/2019"
_UPDATED = re.compile(r"\b(?:last\s+)?(?:updated|revised|dated)(?:\s+on)?\s*[:\-]?\s*", re.I)


@dataclass(frozen=True)
class WrittenDate:
    """When the resume was written, as far as it tells."""

    date: datetime.date
    basis: str
    """Why this date, in words ("the PDF's own date", "'over 8 years of experience'...")."""


@dataclass(frozen=True)
class Seniority:
    """The judgement of how senior the candidate is, with its reasons."""

    level: Level | None
    """entry, mid or senior; None when the resume shows no dated work and nothing
    technical."""
    confidence: Confidence
    reasons: tuple[str, ...]
    """Each fact the call rests on, in words a recruiter would use."""
    fulltime_years: float
    title: str | None
    """The highest title held a year or more (else the latest), if any."""
    title_rank: int | None
    since: str | None
    """When that title was first held (YYYY-MM or YYYY)."""


def written_date(
    clean: CleanText,
    history: WorkHistory,
    document_date: datetime.date | None,
    as_of: datetime.date,
    name: str = "",
) -> WrittenDate:
    """The day "Present" stands for in this resume (never after ``as_of``); ``name`` is
    the file's name, which may carry the month it was written ("CV-March-2024.pdf")."""
    stated = _updated_on(clean.text, as_of)
    if stated is not None:
        return WrittenDate(stated, f"the resume says it was updated {stated:%Y-%m}")
    latest = history.latest_date
    named = name_date(name)
    if named is not None and named <= as_of and not _before(named, latest):
        return WrittenDate(named, f"the file's name says {named:%Y-%m}")
    if document_date is not None and (document_date > as_of or _before(document_date, latest)):
        document_date = None  # a file dated after today, or before its own dates: a wrong clock
    # The file is a late export when the resume states something after its current role
    # began, and even that is years older than the file (a resume whose latest date is its
    # current role's start says nothing about when it was written).
    opened = [e.start.index for e in history.experience if e.end_is_present and e.start]
    stale = (
        document_date is not None
        and latest is not None
        and latest.index > max(opened, default=-1)
        and YearMonth.of(document_date).index - latest.index > STALE_EXPORT_MONTHS
    )
    if document_date is not None and not stale:
        return WrittenDate(document_date, "the file's own date")
    claimed = _claimed(clean.text, history, as_of)
    if claimed is not None and not _before(claimed[0], latest):
        return WrittenDate(claimed[0], f"it claims '{claimed[1]}'")
    if stale and latest is not None:
        return WrittenDate(
            _first_day(latest),
            f"the latest date it states ({latest}); the file's own date is years younger",
        )
    if document_date is not None:
        return WrittenDate(document_date, "the file's own date")
    return WrittenDate(as_of, "no date of writing: the reading date")


def _before(date: datetime.date, month: YearMonth | None) -> bool:
    """Whether ``date`` lies before ``month`` by more than an expected date (a degree due
    later that year) would put it."""
    return month is not None and YearMonth.of(date).index + EXPECTED_AHEAD_MONTHS < month.index


#: What separates the words of a file name.
_NAME_SEPARATORS = re.compile(r"[_\-.+]+")


def name_date(name: str) -> datetime.date | None:
    """The month a file's name gives ("Resume_July_2025.pdf", "cv-2024-03.docx"), or None
    (a year alone says too little)."""
    stem = PurePath(name).stem if name else ""
    found = find_ranges(_NAME_SEPARATORS.sub(" ", stem)) if stem else []
    points = [f for f in found if f.is_point and f.start.month_given]
    if len(points) != 1 or points[0].start.year < EARLIEST_YEAR:
        return None
    return _first_day(points[0].start)


def reading_date(
    history: WorkHistory, document_date: datetime.date | None, today: datetime.date
) -> datetime.date:
    """The reading date when none is given: the document's own date when it is plausible
    (not after ``today``, not before the dates the resume states), else ``today``."""
    if document_date is None or document_date > today:
        return today
    return today if _before(document_date, history.latest_date) else document_date


def _first_day(month: YearMonth) -> datetime.date:
    return datetime.date(month.year, month.month or 1, 1)


def _updated_on(text: str, as_of: datetime.date) -> datetime.date | None:
    for cue in _UPDATED.finditer(text):
        line_end = text.find("\n", cue.end())
        rest = text[cue.end() : line_end if line_end >= 0 else len(text)]
        found = find_ranges(rest)
        if found and found[0].start_offset == 0 and found[0].is_point:
            date = _first_day(found[0].start)
            if date <= as_of:
                return date
    return None


def _claimed(
    text: str, history: WorkHistory, as_of: datetime.date
) -> tuple[datetime.date, str] | None:
    """The date a claim of N years of experience points at, counted from the first dated
    full-time role, with the claim's words."""
    starts = [
        e.start.index for e in history.experience if e.start is not None and e.kind == "full-time"
    ]
    if not starts:
        return None
    for years, words in _claims(text):
        if not 0 < years <= MAX_CLAIMED_YEARS:
            continue
        index = min(starts) + years * MONTHS_PER_YEAR
        date = datetime.date(index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1, 1)
        if date <= as_of:
            return date, " ".join(words.split())
    return None


def claimed_years(text: str) -> int | None:
    """The most years of experience the resume claims ("over 10 years of experience"), or
    None."""
    kept = [n for n, _ in _claims(text) if 0 < n <= MAX_CLAIMED_YEARS]
    return max(kept) if kept else None


#: The claims of the last text read: the judgement asks for them twice (the written
#: date, the level), and the pattern is slow to run over a whole resume.
_LAST_CLAIMS: list[tuple[str, tuple[tuple[int, str], ...]]] = []


def _claims(text: str) -> tuple[tuple[int, str], ...]:
    """Every claim of years in ``text``: the years, and the claim's words."""
    for known, found in list(_LAST_CLAIMS):  # a copy: another thread may replace it
        if known == text:
            return found
    lowered = text.lower()
    if "year" not in lowered and "yr" not in lowered:
        found = ()  # every claim holds "year" or "yr": a scan of a fortieth of the pattern's cost
    else:
        found = tuple((_claim_value(c), c.group(0)) for c in _CLAIM.finditer(text))
    _LAST_CLAIMS[:] = [(text, found)]
    return found


def _claim_value(claim: re.Match[str]) -> int:
    number = claim.group("n").lower()
    return int(number) if number.isdigit() else _NUMBER_WORDS[number]


def judge_seniority(
    history: WorkHistory, evidenced: set[str], technical: bool, claimed: int | None = None
) -> Seniority:
    """The level of the candidate from the history, the activities ``evidenced`` (concept
    ids), whether the resume is ``technical`` at all, and the years it ``claimed``
    (counted when the dated roles cover far fewer: an older career summed up in a line)."""
    years = round(history.fulltime_years, 2)
    top = highest_title(history)
    title, rank, since = top if top else (None, None, None)
    dated = any(e.start is not None for e in history.experience)
    studied = any(d.start is not None or d.end is not None for d in history.education)
    reasons = [f"{years:.1f} full-time years" + ("" if dated else " (no dated role)")]
    if claimed is not None and claimed >= years + CLAIM_BEYOND_DATED:
        reasons.append(f"claims {claimed} years of experience")
        years = float(claimed)
    if not dated and not studied and claimed is None:
        # Nothing dated to judge by; a dated degree alone makes a student or a graduate.
        why = "no dated work" + ("" if technical else " and no technical evidence")
        return Seniority(None, "low", (why,), years, None, None, None)
    held = _months_at_rank(history, RANK_SENIOR)
    leads = bool(evidenced & LEADING)
    senior_title = rank is not None and rank >= RANK_SENIOR and held >= TITLE_HELD_MONTHS
    if title:
        reasons.append(f"'{title}' since {since}" if since else f"'{title}'")
    phd = any(d.level == "phd" for d in history.education)
    level: Level
    if years >= SENIOR_YEARS:
        level = "senior"
    elif (
        years >= SENIOR_TITLE_MIN_YEARS
        and senior_title
        and (leads or (rank is not None and rank >= RANK_LEAD))
    ):
        level = "senior"
        reasons.append(f"a senior title held {held // MONTHS_PER_YEAR or 1}+ years, leading")
    elif years >= ENTRY_YEARS or (phd and years >= PHD_MID_YEARS):
        level = "mid"
        if phd and years < ENTRY_YEARS:
            reasons.append("a PhD with industry experience")
    else:
        level = "entry"
    if leads and level != "entry":
        reasons.append("leads or mentors")
    return Seniority(
        level,
        _confidence(years, dated, senior_title, level),
        tuple(reasons),
        years,
        title,
        rank,
        str(since) if since else None,
    )


def _months_at_rank(history: WorkHistory, rank: int) -> int:
    """Months spent, merged where roles overlap, in roles of ``rank`` or above."""
    limit = YearMonth.of(history.as_of).index
    spans = [
        (e.start.index, min(e.end.index, limit), 1.0)
        for e in history.experience
        if e.start is not None and e.end is not None and title_rank(e.title) >= rank
    ]
    return round(weighted_months(spans))


def _confidence(years: float, dated: bool, senior_title: bool, level: Level) -> Confidence:
    if not dated:
        return "low"
    edges = (ENTRY_YEARS, SENIOR_YEARS)
    near = any(abs(years - edge) < NEAR_EDGE for edge in edges)
    if level == "senior" and senior_title and years >= SENIOR_YEARS:
        return "high"
    return "medium" if near else "high"

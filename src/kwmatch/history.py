"""Work history: the dated roles, degrees and projects of a resume, and the years they add up to.

:func:`extract_history` reads a :class:`~kwmatch.text.CleanText` and returns a
:class:`WorkHistory`. It depends on :mod:`kwmatch.text` and :mod:`kwmatch.dates` only.

How it reads a resume:

* Every date and date range is found in one scan of the text (:func:`kwmatch.dates.find_ranges`).
* A date belongs to what its section announces: experience, education or projects. Dates
  under other headings (awards, publications, certifications, skills, summary) are not
  employment and are left out. Dates outside any heading, and every date of a resume with
  no headings, are judged by their lines: degree words make an education entry, a job noun
  ("engineer", "analyst", "intern"...) an experience entry. Inside an experience section a
  line that names a degree and no job is education, and the other way round.
* Lines about a birth, a certificate, a patent, a publication or an award are no
  employment; "Expected May 2025" and "graduated" lines are education.
* The title is on the date's line, or on a neighbouring line (one or two above or below).
  Each section's layout is voted on: where most of its dated roles have their title is
  where the others are looked for first.
* A role with no date is kept (title only) and adds no years: no date is ever made up.
  A lone date (a year alone, "May 2019") is a point and adds no years either.
* Years (:attr:`WorkHistory.fulltime_years`, counted by :mod:`kwmatch.history_years`):
  overlapping periods are merged month by month; full-time roles count whole,
  internships, assistantships and part-time roles half, volunteering nothing; degrees
  nothing, and research held during a PhD is study too (kind ``education``). Work before
  a high-school diploma counts half. Each month counts once, at the highest weight of the
  roles that cover it; a role lasts its end month minus its start month.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kwmatch.dates import MONTHS_PER_YEAR, DateRange, YearMonth
from kwmatch.history_layout import (
    NEIGHBOUR_OFFSETS,
    degree_layout,
    last_before,
    layout,
    organization,
    reads_as_title,
    subheadings,
    title_for,
)
from kwmatch.history_years import (
    KIND_WEIGHT,
    Degree,
    phd_spans,
    school_cap,
    school_end,
    study_kind,
    weighted_months,
)
from kwmatch.roles import (
    BULLET,
    INSTITUTION,
    JOB_NOUN,
    NOT_EMPLOYMENT,
    PROJECT_LINE,
    STUDY,
    DegreeLevel,
    EntryKind,
    LineReader,
    degree_level,
    field_after,
    kind_of,
    segments,
    tidy,
    title_rank,
    trim_title,
)
from kwmatch.text import CleanText

__all__ = [
    "Education",
    "Entry",
    "EntryKind",
    "EvidenceKind",
    "Project",
    "WorkHistory",
    "YearMonth",
    "as_of_for",
    "extract_history",
    "highest_title",
    "title_rank",
]

EvidenceKind = Literal["experience", "project", "skills", "education", "other"]

#: A lone date (no range) counts only on a line this short (besides the date).
POINT_LINE_MAX_WORDS = 10
#: An undated line must be this short to be taken for a role's title.
UNDATED_TITLE_MAX_WORDS = 6
#: A title must be held this long for :func:`highest_title` to call it the person's level.
MIN_HELD_MONTHS = 12
#: A role may start this many months after the reading date at most (an offer already
#: signed); a "year" later than that is some other number, never a role's date.
FUTURE_MONTHS_MAX = 12


@dataclass(frozen=True)
class Entry:
    """A role of the experience part of a resume."""

    title: str
    organization: str
    start: YearMonth | None
    """First month; None when the role is not dated."""
    end: YearMonth | None
    """Last month; "Present" is resolved to the as-of month. None when not dated."""
    end_is_present: bool
    start_offset: int
    """Offset where the first line of the role (its title, date or employer) starts."""
    end_offset: int
    """Offset just past the role's last line (before the next role or heading)."""
    kind: EntryKind

    @property
    def months(self) -> int:
        """How many months the role lasted (0 for an undated role or a lone date)."""
        if self.start is None or self.end is None:
            return 0
        return max(0, self.end.index - self.start.index)


@dataclass(frozen=True)
class Education:
    """A degree or school of the resume."""

    degree: str
    level: DegreeLevel
    field: str
    institution: str
    start: YearMonth | None
    end: YearMonth | None
    start_offset: int
    end_offset: int


@dataclass(frozen=True)
class Project:
    """A project of a projects section."""

    name: str
    start: YearMonth | None
    end: YearMonth | None
    start_offset: int
    end_offset: int


Item = Entry | Education | Project


@dataclass(frozen=True)
class WorkHistory:
    """What :func:`extract_history` found."""

    experience: tuple[Entry, ...]
    education: tuple[Education, ...]
    projects: tuple[Project, ...]
    as_of: datetime.date
    latest_date: YearMonth | None = None
    """The latest date the resume states, up to ``as_of``, other than the start of a range
    that runs to "Present" (a role's end, a degree, a certificate...): the resume was
    written no earlier than this."""
    _items: tuple[Item, ...] = field(default=(), repr=False, compare=False)

    @property
    def fulltime_years(self) -> float:
        """Merged years of work, internships, assistantships and part-time roles at half."""
        limit = YearMonth.of(self.as_of).index
        periods = [
            (entry.start.index, min(entry.end.index, limit), KIND_WEIGHT[entry.kind])
            for entry in self.experience
            if entry.start is not None and entry.end is not None and KIND_WEIGHT[entry.kind]
        ]
        school = school_end(_degrees(self.education))
        return weighted_months(school_cap(periods, school)) / MONTHS_PER_YEAR

    def entry_at(self, offset: int) -> Item | None:
        """The role, degree or project whose lines hold ``offset`` (the narrowest one)."""
        best: Item | None = None
        for item in self._items or (*self.experience, *self.education, *self.projects):
            if item.start_offset <= offset < item.end_offset and (
                best is None
                or item.end_offset - item.start_offset < best.end_offset - best.start_offset
            ):
                best = item
        return best

    def evidence_kind(self, offset: int, section_kind: str | None = None) -> EvidenceKind:
        """What a piece of evidence at ``offset`` stands in: a role, a project, a degree,
        a skills list, or something else; ``section_kind`` is its section's kind, if any."""
        item = self.entry_at(offset)
        if isinstance(item, Entry):
            return "experience"
        if isinstance(item, Project):
            return "project"
        if isinstance(item, Education):
            return "education"
        return _SECTION_EVIDENCE.get(section_kind or "", "other")


_SECTION_EVIDENCE: dict[str, EvidenceKind] = {
    "experience": "experience",
    "projects": "project",
    "education": "education",
    "skills": "skills",
    "competencies": "skills",
}


def _degrees(education: Iterable[Education]) -> list[Degree]:
    return [
        (d.level, f"{d.degree} {d.institution}", d.start, d.end)
        for d in education
        if d.start is not None or d.end is not None
    ]


def _study_kinds(entries: Iterable[Entry], education: Sequence[Education]) -> list[Entry]:
    """Roles re-kinded by the degrees: research during a PhD is ``education``, a job that
    ended before a high-school diploma ``part-time``."""
    spans = phd_spans(_degrees(education))
    school = school_end(_degrees(education))
    kinded = []
    for entry in entries:
        kind = entry.kind
        if entry.start is not None and entry.end is not None:
            kind = study_kind(kind, entry.title, entry.start.index, entry.end.index, spans)
            if kind == "full-time" and school is not None and entry.end.index <= school:
                kind = "part-time"
        kinded.append(entry if kind == entry.kind else dataclasses.replace(entry, kind=kind))
    return kinded


def highest_title(history: WorkHistory) -> tuple[str, int, YearMonth | None] | None:
    """The highest-ranked title held :data:`MIN_HELD_MONTHS` or more (counting the time
    in roles of that rank or above), with the month it was first reached.

    When no rank was held that long, the most recent role's title; None without roles.
    """
    roles = [e for e in history.experience if e.kind != "volunteer" and e.title]
    if not roles:
        return None
    limit = YearMonth.of(history.as_of).index
    ranked = [(title_rank(e.title), e) for e in roles]
    for rank in sorted({r for r, _ in ranked}, reverse=True):
        holders = [e for r, e in ranked if r >= rank and e.start is not None and e.end is not None]
        spans = [(e.start.index, min(e.end.index, limit), 1.0) for e in holders]  # type: ignore[union-attr]
        if holders and weighted_months(spans) >= MIN_HELD_MONTHS:
            title = max((e for r, e in ranked if r == rank), key=_recency).title
            since = min((e.start for e in holders if e.start), key=lambda m: m.index)
            return title, rank, since
    latest = max(roles, key=_recency)
    return latest.title, title_rank(latest.title), latest.start


def _recency(entry: Entry) -> tuple[int, int]:
    end, start = entry.end, entry.start
    return (end.index if end else -1, start.index if start else -1)


def as_of_for(
    document_date: datetime.date | None, explicit: datetime.date | None, today: datetime.date
) -> datetime.date:
    """The date "Present" stands for: the caller's, else the document's, else today."""
    if explicit is not None:
        return explicit
    return document_date if document_date is not None else today


# --- deciding what each date belongs to ---------------------------------------------------

Role = Literal["experience", "education", "project"]
#: Sections whose heading may be a misread one: a dated role under it is still a role.
_LOOSE_KINDS = ("skills", "summary", "competencies")


def _role(reader: LineReader, index: int, found: DateRange) -> Role | None:
    """What the dates of line ``index`` date: a role, a degree, a project, or nothing."""
    line = reader.undated(index)
    veto = NOT_EMPLOYMENT.search(line)
    title = reader.title_segment(index)
    if veto and not (title and veto.group(0) in title and JOB_NOUN.search(title.split()[-1])):
        return None  # "Certified ...", "Award ...", but a "Certification Analyst" is a job
    kind = reader.region(index).kind
    degree = degree_level(line) is not None
    job = reader.title_segment(index) is not None
    if STUDY.search(line):
        return "education" if kind in (None, "education", "experience") else None
    if kind == "volunteer":
        return None if degree and not job else "experience"
    if kind == "experience":
        if PROJECT_LINE.search(line) and not job:
            return "project"
        return "education" if degree and not job else "experience"
    if kind == "education":
        return "experience" if job and not degree and not INSTITUTION.search(line) else "education"
    if kind == "projects":
        return "project"
    if kind is not None and (kind not in _LOOSE_KINDS or found.is_point):
        return None
    near = [n for n in (index - 1, index + 1) if reader.same_region(index, n)]
    if kind is None and (degree or any(degree_level(reader.line(n)) for n in near)):
        return "education"
    if job or any(reader.title_line(n, index) for n in (*near, index - 2, index + 2)):
        return "experience"
    return None


def _dates_count(reader: LineReader, index: int, found: DateRange) -> bool:
    """Whether a date on line ``index`` stands as a header's date, not inside prose."""
    rest = reader.undated(index)
    if not segments(rest):
        return True  # the line holds the dates and nothing else
    if not reader.header_like(index, rest):
        # a run-on line counts its first range when a header stands before it
        return found is reader.ranges[index][0] and reader.lead(index) is not None
    if not found.is_point:
        return True
    if reader.region(index).kind == "education" and degree_level(rest) is not None:
        return True  # "Bachelor of Arts : History , May 2009 Northgate University"
    if len(rest.split()) > POINT_LINE_MAX_WORDS:
        return False
    line, base = reader.line(index), reader.starts[index]
    before, after = line[: found.start_offset - base], line[found.end_offset - base :]
    return not re.search(r"\w", before) or not re.search(r"\w", after)


@dataclass(frozen=True)
class _Anchor:
    """An item found at some lines, its span not known yet."""

    first: int
    last: int
    item: Item
    named: bool = True
    """Whether the title names a job (not one taken by the layout alone)."""


def _resolve(found: DateRange, as_of: YearMonth) -> tuple[YearMonth, YearMonth, bool]:
    if found.open_end or found.end is None:
        return found.start, as_of, True
    return found.start, found.end, False


def _experience(
    reader: LineReader, lines: Sequence[int], as_of: YearMonth, used: set[int]
) -> list[_Anchor]:
    """The dated roles of ``lines`` (date lines of one region)."""
    where = layout(reader, lines)
    region = reader.region(lines[0])
    kinds_under = subheadings(reader, range(max(0, region.first), region.last + 1))
    anchors = []
    for index in lines:
        found_title, title_at = title_for(reader, index, where)
        named = found_title is not None and reader.title_segment(title_at) is not None
        title, rest = trim_title(found_title) if named and found_title else (found_title or "", "")
        employer, org_at = organization(reader, index, title_at, found_title, rest)
        kind_text = " ".join((title, reader.line(index), reader.line(title_at)))
        kind = kind_of(kind_text) or last_before(kinds_under, index)
        if region.kind == "volunteer":
            kind = "volunteer"
        lines_used = [n for n in (index, title_at, org_at) if n is not None]
        used.update(lines_used)
        for found in reader.ranges[index]:
            if not _dates_count(reader, index, found):
                continue
            if found.start.index > as_of.index + FUTURE_MONTHS_MAX:
                continue  # a year long after the reading date is some other number
            start, end, present = _resolve(found, as_of)
            season_kind: EntryKind | None = "internship" if found.season == "summer" else None
            entry = Entry(
                title=title,
                organization=employer,
                start=start,
                end=end,
                end_is_present=present,
                start_offset=0,
                end_offset=0,
                kind=kind or season_kind or "full-time",
            )
            anchors.append(_Anchor(min(lines_used), max(lines_used), entry, named))
    return [a for a in anchors if not _umbrella(a, anchors)]


def _umbrella(anchor: _Anchor, anchors: Sequence[_Anchor]) -> bool:
    """An untitled date over the titled roles listed under it: an employer's whole stay
    ("Acme Corp | 2019 - 2024" above its positions), which they already date.

    A date with a title that names no job ("Healthcare Provider, 2015 - Present") is such
    a stay only when its positions begin or end with it: a role of its own that merely
    outlasts a later, shorter one (a tutoring job on the side) stays a role.
    """
    outer = anchor.item
    if not isinstance(outer, Entry) or (anchor.named and outer.title):
        return False
    if outer.start is None or outer.end is None:
        return False
    inner = [
        item
        for other in anchors
        for item in (other.item,)
        if isinstance(item, Entry)
        and item.title
        and other.named
        and other.first > anchor.last
        and item.start is not None
        and item.end is not None
        and outer.start.index <= item.start.index
        and item.end.index <= outer.end.index
    ]
    if not inner or not outer.title:
        return bool(inner)
    return any(
        item.start is not None
        and item.end is not None
        and (item.start.index == outer.start.index or item.end.index == outer.end.index)
        for item in inner
    )


def _dates_of(reader: LineReader, index: int, as_of: YearMonth) -> tuple[YearMonth | None, ...]:
    dates = reader.ranges.get(index, [])
    if not dates:
        return None, None
    start, end, _ = _resolve(dates[0], as_of)
    return start, end


def _education(
    reader: LineReader,
    index: int,
    as_of: YearMonth,
    used: set[int],
    order: Sequence[int] = NEIGHBOUR_OFFSETS,
) -> _Anchor:
    """A degree dated on line ``index`` (or undated, named there)."""
    near = [index] + [
        index + o
        for o in order
        if reader.same_region(index, index + o) and not reader.closer_date(index, index + o)
    ]
    degree, degree_at, subject = "", index, ""
    level: DegreeLevel = "other"
    for at in near:
        text = reader.undated(at)
        found = degree_level(text)
        if found is not None:
            level, match = found
            segment = next((s for s in segments(text) if match.group(0) in s), text)
            degree, degree_at = tidy(segment), at
            subject = field_after(text[match.end() :])
            break
    institution, institution_at = "", None
    for at in near[:4]:
        school = next((s for s in segments(reader.undated(at)) if INSTITUTION.search(s)), None)
        if school is not None:
            institution, institution_at = school, at
            break
    start, end = _dates_of(reader, index, as_of)
    lines_used = [n for n in (index, degree_at, institution_at) if n is not None]
    used.update(lines_used)
    item = Education(degree, level, subject, institution, start, end, 0, 0)
    return _Anchor(min(lines_used), max(lines_used), item)


def _project(reader: LineReader, index: int, as_of: YearMonth, used: set[int]) -> _Anchor:
    """A project named on line ``index`` (or the line above it), dated there if at all."""
    parts = segments(reader.undated(index))
    name_at = index
    if not parts and reader.same_region(index, index - 1):
        name_at = index - 1
        parts = segments(reader.line(name_at))
    start, end = _dates_of(reader, index, as_of)
    used.update((index, name_at))
    item = Project(parts[0] if parts else "", start, end, 0, 0)
    return _Anchor(min(index, name_at), index, item)


def _undated(reader: LineReader, used: set[int], as_of: YearMonth) -> list[_Anchor]:
    """Titles and degrees with no date, and project names, under their regions' headings."""
    anchors = []
    for region in reader.regions:
        if region.kind not in ("experience", "education", "projects"):
            continue
        for index in region.body:
            if index in used or index in reader.date_lines:
                continue
            text = reader.line(index)
            if region.kind == "experience":
                title = reader.title_segment(index)
                short = len(text.split()) <= UNDATED_TITLE_MAX_WORDS
                if title is not None and short and reads_as_title(text):
                    title, organization = trim_title(title)
                    kind = kind_of(text) or "full-time"
                    entry = Entry(title, organization, None, None, False, 0, 0, kind)
                    anchors.append(_Anchor(index, index, entry))
            elif region.kind == "education":
                if degree_level(text) is not None and reader.header_like(index):
                    anchors.append(_education(reader, index, as_of, used))
            elif _is_project_name(reader, index):
                anchors.append(_project(reader, index, as_of, used))
    return anchors


def _is_project_name(reader: LineReader, index: int) -> bool:
    text = reader.line(index).strip()
    if not reader.header_like(index) or BULLET.match(text) or text.endswith((".", ":")):
        return False
    following = reader.line(index + 1).strip()
    return len(text.split()) <= UNDATED_TITLE_MAX_WORDS and bool(BULLET.match(following))


def _place(reader: LineReader, anchors: list[_Anchor]) -> list[Item]:
    """Give each item its span: its lines up to the next item or the end of its region."""
    anchors = sorted(anchors, key=lambda a: (a.first, a.last))
    firsts = sorted({a.first for a in anchors})
    placed: list[Item] = []
    for anchor in anchors:
        region = reader.region(anchor.first)
        later = [f for f in firsts if f > anchor.last and f <= region.last]
        last_line = later[0] - 1 if later else region.last
        start = reader.starts[anchor.first]
        end = reader.starts[last_line] + len(reader.line(last_line))
        placed.append(_with_span(anchor.item, start, max(start + 1, end)))
    return placed


def _with_span(item: Item, start: int, end: int) -> Item:
    return dataclasses.replace(item, start_offset=start, end_offset=end)


#: The line reader of the last text read: the judgement reads a resume's history a
#: second time when "Present" turns out to be the day it was written, and the lines,
#: their dates and regions do not depend on that day (its caches only grow).
_last_reader: list[LineReader] = []


def _line_reader(clean: CleanText) -> LineReader:
    if _last_reader and _last_reader[0].clean is clean:
        return _last_reader[0]
    reader = LineReader(clean)
    _last_reader[:] = [reader]
    return reader


def extract_history(clean: CleanText, as_of: datetime.date) -> WorkHistory:
    """The roles, degrees and projects of a resume; "Present" means ``as_of``."""
    reader = _line_reader(clean)
    month = YearMonth.of(as_of)
    used: set[int] = set()
    groups: dict[int, list[int]] = {}
    degrees: dict[int, list[int]] = {}
    anchors: list[_Anchor] = []
    for index in sorted(reader.ranges):
        counted = [f for f in reader.ranges[index] if _dates_count(reader, index, f)]
        if not counted:
            continue
        role = _role(reader, index, counted[0])
        if role == "experience":
            groups.setdefault(reader.region(index).first, []).append(index)
        elif role == "education":
            degrees.setdefault(reader.region(index).first, []).append(index)
        elif role == "project":
            anchors.append(_project(reader, index, month, used))
    for lines in degrees.values():
        order = degree_layout(reader, lines)
        anchors.extend(_education(reader, index, month, used, order) for index in lines)
    for lines in groups.values():
        anchors.extend(_experience(reader, lines, month, used))
    anchors.extend(_undated(reader, used, month))
    placed = _place(reader, anchors)
    education = [i for i in placed if isinstance(i, Education)]
    kinded = iter(_study_kinds((i for i in placed if isinstance(i, Entry)), education))
    items = [next(kinded) if isinstance(i, Entry) else i for i in placed]
    stated = [
        point
        for found_ranges in reader.ranges.values()
        for found in found_ranges
        for point in ((found.end,) if found.open_end else (found.start, found.end))
        if point is not None and point.index <= month.index
    ]
    return WorkHistory(
        experience=tuple(i for i in items if isinstance(i, Entry)),
        education=tuple(i for i in items if isinstance(i, Education)),
        projects=tuple(i for i in items if isinstance(i, Project)),
        as_of=as_of,
        latest_date=max(stated, key=lambda point: point.index, default=None),
        _items=tuple(items),
    )

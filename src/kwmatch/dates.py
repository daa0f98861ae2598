"""Dates as resumes write them: "Jan 2020 – Present", "03/2018 - 06/2020", "Summer 2021"...

Pure functions over a string; no other kwmatch module. :func:`find_ranges` scans a text
once and returns every date it finds, paired into ranges where two dates (or a date and a
word for "now") stand side by side with a separator between them.

What a range means:

* Month precision is kept when the resume gives it; a year alone stands for January of
  that year, so "2019 – 2021" lasts two years, the way a reader subtracts the years.
* A lone date (a year, a month and year) is a *point*: it starts and ends at the same
  month and lasts nothing. No end is ever made up for it.
* "Present", "Current", "Now", "Today", "to date", "till date", "ongoing", "onwards" and
  "Since <date>" leave the range open: :attr:`DateRange.open_end` is set and the caller
  decides what "now" is.
* A season is a range of its own: spring March–June, summer June–September, fall or
  autumn September–December, winter January–April. Two seasons with a dash or "to"
  between them ("Fall 2019 – Spring 2021") run from the first one's start to the second
  one's end.
* A range split over two lines ("Jan 2020 –" / "Present", or a start date, a dash and
  a title, then the end date at the start of the next line) is joined, and so is one
  split over three with the separator alone on the middle line ("Jan 2020" / "to" /
  "Present").
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS_PER_YEAR = 12
#: A two-digit year ("Jan '22") below this is of the 2000s, else of the 1900s.
TWO_DIGIT_PIVOT = 50
#: Years outside this window are not dates of a working life (a street number, a count).
EARLIEST_YEAR = 1950
LATEST_YEAR = 2049

_MONTH_NUMBER = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
#: Season -> (first month, last month) of the range it stands for.
SEASON_MONTHS = {
    "spring": (3, 6),
    "summer": (6, 9),
    "fall": (9, 12),
    "autumn": (9, 12),
    "winter": (1, 4),
}

_YEAR4 = r"(?:19[5-9]\d|20[0-4]\d)"
_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MM = r"(?:0?[1-9]|1[0-2])"
#: One token: a date, a word for "now", or "since". Each alternative has its own groups.
_TOKEN = re.compile(
    rf"""
    (?P<season>\b(?:spring|summer|fall|autumn|winter)),?[ \t]+(?P<season_year>{_YEAR4})\b
    | (?:(?<![a-z])|(?-i:(?<=[a-z])(?=[A-Z])))(?P<month_name>{_MONTH_NAME})\.?,?(?:[ \t]*|-)
      (?:(?P<named_year>{_YEAR4})(?!\d)|['’](?P<short_year>\d\d)\b)
    | (?<![\d/.])(?P<mm>{_MM})[/.\-](?P<mm_year>{_YEAR4})(?![\d/.])
    | (?<![\d/.])(?P<ym_year>{_YEAR4})[./\-](?P<ym>0[1-9]|1[0-2])(?![\d/.])
    | (?<![\d.$#/])(?P<year>{_YEAR4})(?![\d%+/]|\.\d)
    | \b(?P<present>present(?:[ \t]+day)?|current(?:ly)?|now|today|ongoing|onwards|date)\b
    | \b(?P<since>since)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
#: What every date holds: a year of four digits, or of two after an apostrophe.
_YEARISH = re.compile(r"(?:19|20)\d\d|['’]\d\d")
#: What may stand between the two ends of a range on one line. The "ï1/4" is a full-width
#: separator read through the wrong code page, common in exported resumes.
_SEPARATOR = re.compile(
    r"[ \t]*(?:[-–—~]+(?:[ \t]*(?:to|till|until)\b)?|to|until|till|through|thru|ï1/4|\|)?"
    r"[ \t]*",
    re.IGNORECASE,
)
#: A start date left hanging by a dash at the end of its line (two-column layouts).
_DANGLING = re.compile(r"[ \t]*[-–—][^\n]*\n[ \t•·]*")
_DASH_ONLY = re.compile(r"[ \t]*[-–—]")
#: "April 2015" / "to" / "Current": the separator on a line of its own between the two
#: ends (a date column read line by line). Its group is the separator word.
_OWN_LINE = re.compile(r"[ \t]*\n[ \t]*(to|till|until|through|[-–—])[ \t]*\n[ \t]*", re.IGNORECASE)


@dataclass(frozen=True)
class YearMonth:
    """A month of a year, or a year alone (``month`` None: the resume gave no month)."""

    year: int
    month: int | None = None

    @property
    def month_given(self) -> bool:
        """Whether the resume named the month."""
        return self.month is not None

    @property
    def index(self) -> int:
        """Months since year 0; a year alone counts as its January."""
        return self.year * MONTHS_PER_YEAR + (self.month or 1) - 1

    @classmethod
    def of(cls, day: datetime.date) -> YearMonth:
        """The month holding ``day``."""
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@dataclass(frozen=True)
class DateRange:
    """A date or a range of dates found in a text."""

    start: YearMonth
    end: YearMonth | None
    """The last month; None when the range is open ("Present")."""
    start_offset: int
    """Offset of the first character of the date text."""
    end_offset: int
    """Offset just past the date text."""
    open_end: bool = False
    """The range runs to "now" ("Present", "Current", "Since 2019")."""
    season: str | None = None
    """The season word when the range came from one ("summer")."""
    pieces: tuple[tuple[int, int], ...] = ()
    """Where the date words stand: one span, or two for a range split over two lines."""

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The spans of the date words (the whole range unless it is split)."""
        return self.pieces or ((self.start_offset, self.end_offset),)

    @property
    def is_point(self) -> bool:
        """A lone date: it starts and ends in the same month and lasts nothing."""
        return not self.open_end and self.end == self.start


@dataclass(frozen=True)
class _Token:
    kind: str  # "date", "season", "present" or "since"
    start: int
    end: int
    value: YearMonth | None = None
    last: YearMonth | None = None  # a season's last month
    season: str | None = None


def _year(text: str) -> int:
    return int(text)


def _token(match: re.Match[str]) -> _Token:
    group = match.group
    start, end = match.span()
    if group("season"):
        year = _year(group("season_year"))
        first, last = SEASON_MONTHS[group("season").lower()]
        season = group("season").lower()
        return _Token("season", start, end, YearMonth(year, first), YearMonth(year, last), season)
    if group("month_name"):
        month = _MONTH_NUMBER[group("month_name")[:3].lower()]
        if group("named_year"):
            year = _year(group("named_year"))
        else:
            short = int(group("short_year"))
            year = short + (2000 if short < TWO_DIGIT_PIVOT else 1900)
        return _Token("date", start, end, YearMonth(year, month))
    if group("mm"):
        return _Token("date", start, end, YearMonth(_year(group("mm_year")), int(group("mm"))))
    if group("ym"):
        return _Token("date", start, end, YearMonth(_year(group("ym_year")), int(group("ym"))))
    if group("year"):
        return _Token("date", start, end, YearMonth(_year(group("year"))))
    if group("present"):
        return _Token("present", start, end)
    return _Token("since", start, end)


def _joins(text: str, left: _Token, right: _Token) -> bool:
    """Whether ``right`` ends the range that ``left`` starts."""
    gap = text[left.end : right.start]
    if _SEPARATOR.fullmatch(gap):
        # Two dates with only spaces between them read as a range ("Mar 2021 Aug 2022");
        # a word for "now" after bare spaces only when it is one of the strong ones.
        return right.kind != "present" or bool(gap.strip()) or _strong_present(text, right)
    if _OWN_LINE.fullmatch(gap):
        return True
    return bool(_DANGLING.fullmatch(gap)) and _DASH_ONLY.match(gap) is not None


def _strong_present(text: str, token: _Token) -> bool:
    return text[token.start : token.end].lower() in ("present", "current", "onwards")


def _chunks(text: str) -> list[tuple[int, int]]:
    """The runs of lines worth a full scan: each line with a year and the two after it.

    Every date holds a year, so the costly token pattern runs on these lines only (a
    range's end may be on the next line: "Jan 2020 –" / "Present", or on the line after
    a separator of its own: "Jan 2020" / "to" / "Present").
    """
    chunks: list[tuple[int, int]] = []
    for match in _YEARISH.finditer(text):
        if chunks and match.start() < chunks[-1][1]:
            start = chunks.pop()[0]
        else:
            start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        for _ in range(2):
            end = -1 if end < 0 else text.find("\n", end + 1)
        chunks.append((start, len(text) if end < 0 else end))
    return chunks


def find_ranges(text: str) -> list[DateRange]:
    """Every date and range of ``text``, in text order (see the module doc)."""
    tokens = [_token(m) for start, end in _chunks(text) for m in _TOKEN.finditer(text, start, end)]
    ranges: list[DateRange] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.kind == "since"
            and following is not None
            and following.kind == "date"
            and _SEPARATOR.fullmatch(text[token.end : following.start])
        ):
            assert following.value is not None
            ranges.append(
                DateRange(following.value, None, token.start, following.end, open_end=True)
            )
            index += 2
            continue
        if token.kind == "season":
            assert token.value is not None
            if (
                following is not None
                and following.kind in ("season", "date", "present")
                and text[token.end : following.start].strip()
                and _joins(text, token, following)
            ):
                ranges.append(_range(text, token, following))
                index += 2
                continue
            ranges.append(
                DateRange(token.value, token.last, token.start, token.end, season=token.season)
            )
        elif token.kind == "date":
            assert token.value is not None
            if (
                following is not None
                and following.kind in ("date", "present")
                and _joins(text, token, following)
            ):
                ranges.append(_range(text, token, following))
                index += 2
                continue
            ranges.append(DateRange(token.value, token.value, token.start, token.end))
        index += 1
    return ranges


def _range(text: str, left: _Token, right: _Token) -> DateRange:
    assert left.value is not None
    pieces: tuple[tuple[int, int], ...] = ()
    own_line = _OWN_LINE.fullmatch(text, left.end, right.start)
    if own_line is not None:
        word = own_line.span(1)
        pieces = ((left.start, left.end), word, (right.start, right.end))
    elif "\n" in text[left.end : right.start]:
        dash = _DASH_ONLY.match(text, left.end)
        pieces = ((left.start, dash.end() if dash else left.end), (right.start, right.end))
    if right.kind == "present":
        return DateRange(left.value, None, left.start, right.end, open_end=True, pieces=pieces)
    assert right.value is not None
    end = right.last if right.kind == "season" and right.last else right.value
    return DateRange(left.value, end, left.start, right.end, pieces=pieces)

"""Where a role's parts stand around its date: the layout of a region's roles, its
subheadings, and the title and employer of a dated line.

Helpers of :mod:`kwmatch.history` over a :class:`~kwmatch.roles.LineReader`; they depend
on :mod:`kwmatch.roles` only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kwmatch.roles import (
    BULLET,
    EMPLOYER_PLACEHOLDER,
    INSTITUTION,
    PLACEHOLDER,
    SUBHEADING,
    SUBHEADING_MAX_WORDS,
    EntryKind,
    LineReader,
    degree_level,
    kind_of,
    segments,
    tidy,
)

#: How far (in lines) from its date a role's title may stand.
NEIGHBOUR_OFFSETS = (-1, 1, -2, 2)
#: A title without a job noun has at most this many words.
PLAIN_TITLE_MAX_WORDS = 5
#: "City , State", "Austin, TX": a place, not a title.
PLACE = re.compile(r"(?:City|[A-Z][\w.' ]+)\s*,\s*(?:State|[A-Z]{2})\b.*")


@dataclass(frozen=True)
class Layout:
    """Where the dated roles of a region have their titles."""

    order: tuple[int, ...]
    """The neighbour offsets to look at for a title, the most used first."""
    place: int | None
    """The offset (0: the date line itself) most titled roles use; None with no title."""


def layout(reader: LineReader, lines: Iterable[int]) -> Layout:
    """How the dated roles of ``lines`` (one region) place their titles."""
    votes: Counter[int] = Counter()
    for index in lines:
        if reader.title_segment(index) is not None:
            votes[0] += 1
        else:
            votes.update(o for o in NEIGHBOUR_OFFSETS if reader.title_line(index + o, index))
    order = sorted(NEIGHBOUR_OFFSETS, key=lambda o: (-votes[o], NEIGHBOUR_OFFSETS.index(o)))
    place = max(votes, key=lambda o: (votes[o], o == 0)) if votes else None
    return Layout(tuple(order), place)


def subheadings(reader: LineReader, lines: Iterable[int]) -> dict[int, EntryKind | None]:
    """Short lines inside an experience region that announce a kind ("Internships")."""
    found: dict[int, EntryKind | None] = {}
    for index in lines:
        text = tidy(reader.line(index))
        if text and len(text.split()) <= SUBHEADING_MAX_WORDS and SUBHEADING.fullmatch(text):
            found[index] = kind_of(text)
    return found


def last_before(found: dict[int, EntryKind | None], index: int) -> EntryKind | None:
    before = [at for at in found if at < index]
    return found[max(before)] if before else None


def title_for(reader: LineReader, index: int, where: Layout) -> tuple[str | None, int]:
    """The title of the role dated on line ``index``, and the line it stands on.

    A title names a job ("Engineer", "Analyst"...). When no line near the date does, the
    text where the region's other roles have their titles is taken if it reads as a title
    (short, no sentence, no place or placeholder): "Quality Assurance", "System Management
    and Response" are titles without a job noun.
    """
    title = reader.title_segment(index)
    if title is not None:
        return title, index
    last = max(reader.clean.line_index(f.end_offset - 1) for f in reader.ranges[index])
    for at in (index - 1, last + 1, last + 2) if last > index else ():
        # a range set over several lines ("June 2007" / "to" / "May 2010"): right above
        # its start, or under its end, not farther
        title = reader.title_line(at, index)
        if title is not None:
            return title, at
    place = where.place
    if place:
        # where the region's roles put their titles, before the lines farther off
        title = reader.title_line(index + place, index) or _plain_at(reader, index, place)
        if title is not None:
            return title, index + place
    for offset in where.order:
        title = reader.title_line(index + offset, index)
        if title is not None:
            return title, index + offset
    above = _title_above_employer(reader, index)
    if above is not None:
        return reader.title_segment(above), above
    if place is not None:
        title = _plain_at(reader, index, place)
        if title is not None:
            return title, index + place
    return None, index


#: "Title" / "Employer" / "City, State" / "dates": the title stands at most this many
#: lines (not counting blank ones) above the date line, over short lines that name no job.
TITLE_ABOVE_MAX = 3
#: Blank lines between them (a PDF engine that keeps the layout's gaps) are passed over,
#: up to this many.
BLANK_LINES_MAX = 3


def _title_above_employer(reader: LineReader, index: int) -> int | None:
    """The line of a title set above its employer and place lines, the dates under them."""
    at, lines, blanks = index - 1, 0, 0
    while lines < TITLE_ABOVE_MAX and reader.same_region(index, at):
        text = reader.line(at).strip()
        if not text:
            blanks += 1
            if blanks > BLANK_LINES_MAX:
                return None
            at -= 1
            continue
        if at in reader.date_lines:
            return None
        if reader.title_segment(at) is not None:
            return at if reads_as_title(text) else None
        if BULLET.match(text) or not reader.header_like(at):
            return None
        if len(text.split()) > PLAIN_TITLE_MAX_WORDS:
            return None
        lines += 1
        at -= 1
    return None


def _plain_at(reader: LineReader, index: int, offset: int) -> str | None:
    at = index + offset
    if at == index or (at not in reader.date_lines and reader.same_region(index, at)):
        return plain_title(reader, at)
    return None


def plain_title(reader: LineReader, index: int) -> str | None:
    """The first part of line ``index`` when it reads as a title without a job noun."""
    text = reader.undated(index)
    if index in reader.heading_lines or BULLET.match(text.strip()) or not reader.header_like(index):
        return None
    parts = [  # "Public Relations Lead Company Name": the part before the placeholder
        part
        for segment in segments(text)
        for part in (tidy(p) for p in EMPLOYER_PLACEHOLDER.split(segment))
        if part and not PLACEHOLDER.fullmatch(part)
    ]
    if not parts:
        return None
    first = parts[0]
    words = first.split()
    if (
        len(words) > PLAIN_TITLE_MAX_WORDS
        or not first[0].isalpha()
        or first.endswith(".")
        or any(c.isdigit() for c in first)
        or PLACE.fullmatch(first)
        or degree_level(first) is not None
        or INSTITUTION.search(first)
    ):
        return None
    return first


def organization(
    reader: LineReader, index: int, title_at: int, title: str | None, rest: str
) -> tuple[str, int | None]:
    """The employer: another part of the title line, else a neighbour line, else another
    part of the date line."""
    for segment in segments(reader.undated(title_at)):
        if title and title in segment:
            segment = tidy(segment.replace(title, " ", 1))
        if segment and segment != title and re.search(r"[A-Za-z]{2}", segment):
            return segment, title_at
    if rest:
        return rest, title_at
    for at in (title_at + 1, index + 1, title_at - 1):
        if at in (index, title_at) or at in reader.date_lines:
            continue
        if (
            reader.same_region(index, at)
            and reader.header_like(at)
            and BULLET.match(reader.line(at)) is None
            and reader.title_segment(at) is None
        ):
            parts = segments(reader.line(at))
            if parts:
                return parts[0], at
    for segment in segments(reader.undated(index)):
        if segment != title and re.search(r"[A-Za-z]{2}", segment):
            return segment, index
    return "", None


def degree_layout(reader: LineReader, lines: Iterable[int]) -> tuple[int, ...]:
    """The neighbour offsets where this region's dated degrees name the degree, most used first."""
    votes: Counter[int] = Counter()
    for index in lines:
        if degree_level(reader.undated(index)) is None:
            votes.update(
                o
                for o in NEIGHBOUR_OFFSETS
                if reader.same_region(index, index + o)
                and degree_level(reader.undated(index + o)) is not None
            )
    return tuple(sorted(NEIGHBOUR_OFFSETS, key=lambda o: (-votes[o], NEIGHBOUR_OFFSETS.index(o))))


#: Short words a title leaves in lower case ("Head of Data", "Research and Development").
_SMALL_WORDS = frozenset("of and the for in at to a an on with & / -".split())


def reads_as_title(text: str) -> bool:
    """Whether an undated line reads as a role's title, not the tail of a sentence: short,
    in title case (or capitals), with no full stop at its end and no bullet."""
    line = text.strip()
    words = line.split()
    if not words or BULLET.match(line) or line.endswith((".", ",", ";", ":")):
        return False
    if not line[0].isupper():
        return False
    return all(w[0].isupper() or not w[0].isalpha() or w.lower() in _SMALL_WORDS for w in words)

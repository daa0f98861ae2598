"""Where a role's parts stand around its date: the layout of a region's roles, its
subheadings, and the title and employer of a dated line.

Helpers of :mod:`kwmatch.history` over a :class:`~kwmatch.roles.LineReader`; they depend
on :mod:`kwmatch.roles` only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from kwmatch.roles import (
    BULLET,
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


def layout(reader: LineReader, lines: Iterable[int]) -> tuple[int, ...]:
    """The neighbour offsets to look at for a title, the most used in this region first."""
    votes: Counter[int] = Counter()
    for index in lines:
        if reader.title_segment(index) is None:
            votes.update(o for o in NEIGHBOUR_OFFSETS if reader.title_line(index + o, index))
    return tuple(sorted(NEIGHBOUR_OFFSETS, key=lambda o: (-votes[o], NEIGHBOUR_OFFSETS.index(o))))


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


def title_for(reader: LineReader, index: int, order: Sequence[int]) -> tuple[str | None, int]:
    """The title of the role dated on line ``index``, and the line it stands on."""
    title = reader.title_segment(index)
    if title is not None:
        return title, index
    for offset in order:
        title = reader.title_line(index + offset, index)
        if title is not None:
            return title, index + offset
    return None, index


def organization(
    reader: LineReader, index: int, title_at: int, title: str | None, rest: str
) -> tuple[str, int | None]:
    """The employer: another part of the title line, else a neighbour line, else another
    part of the date line."""
    for segment in segments(reader.undated(title_at)):
        if segment != title and re.search(r"[A-Za-z]{2}", segment):
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

"""Keyword stuffing made neutral: the clean text with its immediate repetitions removed.

A word, a phrase or a whole line written again right after itself ("Go, Go, Go",
"machine learning machine learning", the same skills line pasted five times) says
nothing the first copy did not say. Matching reads a view of the text where only the
first copy stands, so that copies can neither add a hit nor change the context of one: a
guarded word copied into a list of itself, a heading doubled on its line, a negative word
pushed out of a window by copies of the word between, a phrase read across the line
break between two copies of a line ("vision computer" twice holds "computer vision").

The view keeps the text around each run whole (the first copy's left, the last copy's
right), and :meth:`Repeatless.original` maps an offset of the view back to the clean text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from itertools import compress
from operator import and_, eq

from kwmatch.text import CleanText

#: A unit (one to four pieces of a line, each with no space or list separator in it)
#: written again right after itself, glued by spaces or by one list separator. A unit
#: starts a piece; a copy ends where a word does ("team team." is one team).
_SEPARATORS = ",;|·•"
_PIECES = re.compile(rf"[^\s{_SEPARATORS}]+")
#: What a piece may end with beyond a copy's end.
_TRAILING = ".:!?)]}'\"-"
_UNIT_PIECES = 4
_PIECE_CHARS = 60
_PIECE = rf"[^\s{_SEPARATORS}]{{1,{_PIECE_CHARS}}}"
_GLUE = rf"(?:[ \t]*[{_SEPARATORS}][ \t]*|[ \t]+)"
_REPEATED_WORDS = re.compile(
    rf"(?P<unit>{_PIECE}(?:{_GLUE}{_PIECE}){{0,{_UNIT_PIECES - 1}}}?){_GLUE}"
    rf"(?P=unit)(?![\w+#])(?:{_GLUE}(?P=unit)(?![\w+#]))*"
)


@dataclass(frozen=True)
class _Pass:
    """The cuts of one pass: spans of its input, in order."""

    spans: tuple[tuple[int, int], ...]
    """(start, end) of each span cut from the pass's input."""
    cuts: tuple[int, ...]
    """Where each span was, as an offset of the pass's output."""
    shifts: tuple[int, ...]
    """Characters cut at each of those places and at every one before it."""

    @classmethod
    def of(cls, spans: list[tuple[int, int]]) -> _Pass:
        cuts, shifts = [], []
        removed = 0
        for start, end in spans:
            cuts.append(start - removed)
            removed += end - start
            shifts.append(removed)
        return cls(spans=tuple(spans), cuts=tuple(cuts), shifts=tuple(shifts))

    def apply(self, text: str) -> str:
        kept = []
        at = 0
        for start, end in self.spans:
            kept.append(text[at:start])
            at = end
        kept.append(text[at:])
        return "".join(kept)

    def backward(self, offset: int, *, end: bool) -> int:
        find = bisect.bisect_left if end else bisect.bisect_right
        index = find(self.cuts, offset)
        return offset + (self.shifts[index - 1] if index else 0)

    def forward(self, offset: int) -> int:
        """The output's offset of an input ``offset`` (a cut one goes to the cut)."""
        removed = 0
        for start, end in self.spans:
            if start >= offset:
                break
            removed += min(end, offset) - start
        return offset - removed


@dataclass(frozen=True)
class Repeatless:
    """The clean text without its immediate repetitions, and the way back."""

    clean: CleanText
    """The view: the first copy of each run stands, the others are cut."""
    passes: tuple[_Pass, ...]
    """The cuts, repeated words first, then repeated lines."""

    def original(self, offset: int, *, end: bool = False) -> int:
        """The clean text's offset of the view's ``offset``. A start that falls on a cut
        goes past it (to the text after the run); an ``end`` stays before it."""
        for cut in reversed(self.passes):
            offset = cut.backward(offset, end=end)
        return offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The clean text's span of the view's ``start:end`` (a hit found in the view)."""
        return self.original(start), self.original(end, end=True)


def _word_cuts(text: str) -> _Pass:
    """For every run of a unit written again right after itself, the span from the
    first copy's end to the run's end.

    The pattern is tried only where a unit's pieces come back as many pieces later, not
    at every character: cheap on a resume, and linear on any text."""
    pieces = list(_PIECES.finditer(text))
    keys = [piece.group().rstrip(_TRAILING) for piece in pieces]
    candidates: set[int] = set()
    for size in range(1, _UNIT_PIECES + 1):
        # The pieces that come back ``size`` pieces later, then the first of ``size``
        # such pieces in a row: where a unit of ``size`` pieces may be written twice.
        back = list(map(eq, keys, keys[size:]))
        rows = back
        for shift in range(1, size):
            rows = list(map(and_, rows, back[shift:]))
        candidates.update(compress(range(len(rows)), rows))
    spans: list[tuple[int, int]] = []
    reached = 0
    for index in sorted(candidates):
        at = pieces[index].start()
        if at < reached:
            continue  # inside a run already cut
        run = _REPEATED_WORDS.match(text, at)
        if run is not None:
            spans.append((at + len(run.group("unit")), run.end()))
            reached = run.end()
    return _Pass.of(spans)


def _line_cuts(text: str) -> _Pass:
    """For every line written again right under itself, the span of its copies (from
    the first copy's end, so the newline before each copy goes with it)."""
    spans: list[tuple[int, int]] = []
    at = 0
    previous = None
    for line in text.split("\n"):
        end = at + len(line)
        if line == previous and line.strip():
            if spans and spans[-1][1] == at - 1:
                spans[-1] = (spans[-1][0], end)  # one more copy of the same run
            else:
                spans.append((at - 1, end))
        previous = line
        at = end + 1
    return _Pass.of(spans)


def without_repeats(clean: CleanText) -> Repeatless | None:
    """The view of ``clean`` without its immediate repetitions; None when it has none."""
    words = _word_cuts(clean.text)
    once = words.apply(clean.text)
    lines = _line_cuts(once)
    if not words.spans and not lines.spans:
        return None
    view = lines.apply(once)

    def forward(offset: int) -> int:
        return lines.forward(words.forward(offset))

    viewed = CleanText(
        text=view,
        page_starts=tuple(map(forward, clean.page_starts)),
        line_starts=(0, *(m.end() for m in re.finditer("\n", view))),
        # The same headings: a heading doubled on its line is one (text.heading_kind).
        sections=tuple(
            replace(s, start=forward(s.start), end=forward(s.end)) for s in clean.sections
        ),
    )
    return Repeatless(clean=viewed, passes=(words, lines))

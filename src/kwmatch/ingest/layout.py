"""Words and reading order rebuilt from glyph boxes, with numpy: the hot loop of the
default engine.

PDFium's own text (``get_text_range``) drops the spaces of PDFs that place every
character on its own (resumes rendered from HTML lose about a quarter of their word
breaks), so words are rebuilt here from the character boxes, as pdfminer does, and
two-column pages are read column by column."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from kwmatch.ingest.hidden_text import (
    Rect,  #: A gap between two characters is a space when it exceeds the page's typical gap inside
)

#: words by this share of the font height. The typical gap is measured per page: glyph
#: boxes of some fonts overlap inside words, those of others leave a little air.
SPACE_GAP = 0.07
#: The typical gap inside words is taken as at least this share of the font height.
_MIN_TYPICAL_GAP = -0.1
#: Two glyphs stand on one line when their centres differ by less than this share of
#: the larger font height.
_SAME_LINE = 0.5
#: ... and belong to one run when the gap between them lies in this range (in font
#: heights): overlapping a little (kerning) up to a wide space.
_MIN_JOIN_GAP = -1.5
_MAX_JOIN_GAP = 2.5
#: Two glyphs share a baseline (inside a word) within this share of the font height.
_SAME_BASELINE = 0.1
#: Runs overlapping vertically by more than this share of the smaller height share a line.
_LINE_OVERLAP = 0.5
#: Code points of the characters that join words: hyphen-minus, hyphen, non-breaking hyphen.
_HYPHENS = (0x2D, 0x2010, 0x2011)
#: The whitespace table covers code points up to this one (U+3000, the ideographic space).
_LAST_SPACE = 0x3000

# The gutter of a two-column page:
#: fewer runs than this on a page make no columns;
_MIN_GUTTER_RUNS = 12
#: it lies between these shares of the page width, tried every _GUTTER_STEP points;
_GUTTER_FROM, _GUTTER_TO, _GUTTER_STEP = 0.25, 0.75, 2
#: at most this share of the runs cross it;
_MAX_CROSSING = 0.1
#: at least this share of the runs stand on its thinner side;
_MIN_SIDE = 0.15
#: and the two columns stand side by side over more than this share of the taller one.
_MIN_SHARED_HEIGHT = 0.3


@dataclass
class Run:
    """Characters that stand next to each other on one baseline."""

    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        """The run's height (its font's ascent to descent)."""
        return self.top - self.bottom


@dataclass
class Glyphs:
    """The characters of one PDFium text page and the loose boxes of those that are not
    whitespace: fetched once per page, read by the text rebuild and the hidden-text test."""

    text: str
    """Every character, indexed as PDFium indexes them."""
    at: Any
    """Indices (numpy ints) of the characters that are not whitespace."""
    boxes: Any
    """Their loose boxes, a float array with columns left, top, right, bottom."""
    codes: Any = None
    """Their code points (numpy uint32)."""

    @property
    def aligned(self) -> bool:
        """False when PDFium's indices and the characters disagree (surrogate pairs)."""
        return self.boxes is not None


@lru_cache(maxsize=1)
def whitespace_table() -> Any:
    """For each code point up to U+3000, whether ``str.isspace`` accepts it; one more
    entry, False, stands for every code point above (none of them is whitespace)."""
    return np.array([chr(c).isspace() for c in range(_LAST_SPACE + 1)] + [False], dtype=bool)


def glyph_runs(glyphs: Glyphs) -> list[Run]:
    """Characters grouped into runs by their geometry, with spaces where gaps are.

    PDFium's own text (``get_text_range``) drops the spaces of PDFs that place every
    character on its own (resumes rendered from HTML lose about a quarter of their
    word breaks), so words are rebuilt here from the character boxes, as pdfminer does.
    The geometry is worked out with numpy over all characters of the page at once: this
    is the hot loop of the default engine.
    """
    text = glyphs.text
    if not glyphs.aligned:  # fall back on PDFium's text
        return [Run(text, 0.0, 0.0, 0.0, 0.0)]
    where = glyphs.at
    if not len(where):
        return []
    left, top, right, bottom = glyphs.boxes.T
    spaced = np.zeros(len(where), dtype=bool)
    spaced[1:] = np.diff(where) > 1  # whitespace stood between this glyph and the last
    # Boxes of damaged PDFs can be NaN or infinite: they count as no box at all.
    finite = np.isfinite(left) & np.isfinite(right) & np.isfinite(top) & np.isfinite(bottom)
    left, right, top, bottom = (np.where(finite, v, 0.0) for v in (left, right, top, bottom))
    height = top - bottom
    valid = np.flatnonzero(finite & (height > 0) & (right >= left))
    if not len(valid):
        return []
    # Compare each glyph with the previous glyph that has a box.
    lv, rv, bv, tv, hv = left[valid], right[valid], bottom[valid], top[valid], height[valid]
    size = np.maximum(hv[1:], hv[:-1])
    gap = lv[1:] - rv[:-1]
    same_line = np.abs((bv[1:] + tv[1:]) - (bv[:-1] + tv[:-1])) / 2 < _SAME_LINE * size
    joined = same_line & (gap > _MIN_JOIN_GAP * size) & (gap < _MAX_JOIN_GAP * size)
    same_baseline = np.abs(bv[1:] - bv[:-1]) < _SAME_BASELINE * hv[:-1]
    inner = ~spaced[valid[1:]] & same_baseline & (lv[1:] >= lv[:-1])
    ratios = np.sort(gap[inner] / hv[:-1][inner])
    typical = float(ratios[len(ratios) // 2]) if len(ratios) else 0.0
    threshold = max(typical, _MIN_TYPICAL_GAP) + SPACE_GAP
    # A hyphen's box is narrower than its advance in many fonts: after one, only a real
    # space character separates ("Self-motivated", "F-22").
    codes = glyphs.codes
    is_hyphen = np.isin(codes, _HYPHENS)
    after_hyphen = is_hyphen[valid[:-1]]
    wide = (gap > threshold * size) & ~after_hyphen
    space_before = np.zeros(len(where), dtype=bool)
    space_before[valid[1:]] = joined & (spaced[valid[1:]] | wide)
    # Runs start at the first glyph with a box and wherever the next boxed glyph does not
    # join the last; glyphs before the first box have no place on the page and are dropped.
    run_starts = valid[np.flatnonzero(np.concatenate(([True], ~joined)))]
    # The page's glyphs as one string, a space before each glyph that has one: a run's
    # text is a slice of it (code points placed by array arithmetic, decoded once).
    shift = np.cumsum(space_before)
    spelled = np.full(len(where) + (int(shift[-1]) if len(shift) else 0), 0x20, dtype=np.uint32)
    spelled[np.arange(len(where)) + shift] = glyphs.codes
    spelled_text = spelled.tobytes().decode("utf-32-le", "surrogatepass")
    # A run's slice starts at its first glyph (at the space before it, had it one).
    offsets = (run_starts + shift[run_starts] - space_before[run_starts]).tolist()
    # Each run's bounds over its boxed glyphs, in one pass per side: glyphs without a box
    # take values that never win the minimum or the maximum.
    lows = np.where(finite & (height > 0) & (right >= left), 1.0, np.nan)
    bounds = [
        reduce(lows * value, run_starts)
        for reduce, value in (
            (np.fmin.reduceat, left),
            (np.fmin.reduceat, bottom),
            (np.fmax.reduceat, right),
            (np.fmax.reduceat, top),
        )
    ]
    ends = [*offsets[1:], len(spelled_text)]
    return [
        Run(spelled_text[begin:end], run_left, run_bottom, run_right, run_top)
        for begin, end, run_left, run_bottom, run_right, run_top in zip(
            offsets, ends, *(b.tolist() for b in bounds), strict=True
        )
    ]


def page_text(glyphs: Glyphs | None, page_width: float) -> str:
    """Text of one page in reading order.

    Runs are grouped into lines top to bottom. When the runs leave a clear vertical
    gutter (a two-column resume), the page is read column by column instead: runs that
    cross the gutter (a name banner, a full-width heading) cut the page into bands, and
    each band is read left column first, then right.
    """
    runs = glyph_runs(glyphs) if glyphs is not None else []
    if not runs:
        return ""
    if len(runs) == 1 and runs[0].top == runs[0].bottom == 0.0:
        return runs[0].text
    gutter = _find_gutter([(r.left, r.bottom, r.right, r.top) for r in runs], page_width)
    if gutter is None:
        return "\n".join(_lines(runs))
    lines: list[str] = []
    band: list[Run] = []

    def flush() -> None:
        lines.extend(_lines([r for r in band if r.right <= gutter]))
        lines.extend(_lines([r for r in band if r.left >= gutter]))
        band.clear()

    for run in sorted(runs, key=lambda r: -r.top):
        if run.left < gutter < run.right:
            flush()
            lines.extend(_lines([run]))
        else:
            band.append(run)
    flush()
    return "\n".join(lines)


def _lines(runs: list[Run]) -> list[str]:
    """Runs grouped into lines (overlapping vertically), top to bottom, left to right."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (-(r.bottom + r.top) / 2, r.left)):
        if rows:
            first = rows[-1][0]
            overlap = min(first.top, run.top) - max(first.bottom, run.bottom)
            if overlap > _LINE_OVERLAP * min(first.height, run.height):
                rows[-1].append(run)
                continue
        rows.append([run])
    return [" ".join(r.text for r in sorted(row, key=lambda r: r.left)) for row in rows]


def _find_gutter(rects: list[Rect], page_width: float) -> float | None:
    """An x position between 25% and 75% of the page that few text runs cross."""
    if len(rects) < _MIN_GUTTER_RUNS or page_width <= 0:
        return None
    # A real two-column page: few runs cross the gutter and both sides hold many runs;
    # of such places, the one with the most runs on its thinner side, then the fewest
    # crossings (a margin beside all the text crosses nothing but is no gutter).
    lefts = np.array([r[0] for r in rects])[:, None]
    rights = np.array([r[2] for r in rects])[:, None]
    xs = np.arange(
        int(page_width * _GUTTER_FROM), int(page_width * _GUTTER_TO), _GUTTER_STEP, dtype=float
    )
    crossing = ((lefts < xs) & (xs < rights)).sum(axis=0)
    thinner = np.minimum((rights <= xs).sum(axis=0), (lefts >= xs).sum(axis=0))
    fits = np.flatnonzero(
        (crossing <= _MAX_CROSSING * len(rects)) & (thinner >= _MIN_SIDE * len(rects))
    )
    if not len(fits):
        return None
    # Most runs on the thinner side first, then fewest crossings, then leftmost.
    best = fits[np.lexsort((fits, crossing[fits], -thinner[fits]))[0]]
    gutter = float(xs[best])
    left = [r for r in rects if r[2] <= gutter]
    right = [r for r in rects if r[0] >= gutter]
    # Both sides must stand side by side over a good part of the page height.
    left_span = _vertical_extent(left)
    right_span = _vertical_extent(right)
    shared = min(left_span[1], right_span[1]) - max(left_span[0], right_span[0])
    taller = max(left_span[1] - left_span[0], right_span[1] - right_span[0])
    if shared <= _MIN_SHARED_HEIGHT * taller:
        return None
    return gutter


def _vertical_extent(rects: list[Rect]) -> tuple[float, float]:
    return min(r[1] for r in rects), max(r[3] for r in rects)

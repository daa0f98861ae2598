"""Hidden text: what counts as text a reader cannot see, and the warning about it.

Keyword stuffing for resume scanners hides text from the human reader: white on white,
a font too small to see, text placed off the page or drawn in the invisible render
mode. The text is still extracted and matched (a reader of the file sees it too); the
report warns about it. The engines find the hidden objects (PDFium walks the page
objects, pdfminer's layout characters are sampled); this module holds the thresholds,
the geometry and the warning they share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Rect = tuple[float, float, float, float]
"""left, bottom, right, top"""
Matrix = tuple[float, float, float, float, float, float]
Colour = tuple[int, int, int]
Reason = Literal["outside", "invisible", "tiny", "transparent", "colour", "vanish", "small"]


@dataclass(frozen=True)
class Hidden:
    """A text object a reader of the printed page cannot see."""

    page: int
    reason: Reason
    text: str


#: Text smaller than this, in points after every scaling, cannot be read on paper.
TINY_TEXT = 2.0
#: A Word run set smaller than this, in points, is not meant to be read (Word's own
#: smallest size in its menu is 8; footnote marks are 5 and more).
SMALL_WORD_TEXT = 4.0
#: A sampled glyph this much taller than TINY_TEXT may still be tiny text once scaled.
TINY_SAMPLE_MARGIN = 1.2
#: The largest value of a colour channel.
MAX_CHANNEL = 255
#: Colours whose channels (0-255) all differ by at most this look the same on screen.
SAME_COLOUR = 24
#: A fill alpha (0-255) under this is as good as transparent.
TRANSPARENT = 13
#: Why a text object counts as hidden, in the order the warnings list them.
REASONS: dict[Reason, str] = {
    "outside": "placed outside the page",
    "invisible": "drawn invisible (text render mode 3)",
    "tiny": f"in a font under {TINY_TEXT:g} pt",
    "transparent": "drawn fully transparent",
    "colour": "in the colour of its background (e.g. white on white)",
    "vanish": "marked hidden (Word's hidden-text format)",
    "small": f"in a font under {SMALL_WORD_TEXT:g} pt",
}
WHITE: Colour = (255, 255, 255)

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: A hidden-text warning quotes this many characters of the text at most.
SAMPLE_SHOWN = 80
#: ... and names this many pages at most.
PAGES_SHOWN = 10


def compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner`` first, then ``outer`` (PDF row-vector order)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def map_rect(rect: Rect, matrix: Matrix) -> Rect:
    """The bounding box of ``rect`` placed by ``matrix``."""
    if matrix == IDENTITY:
        return rect
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((rect[0], rect[1]), (rect[0], rect[3]), (rect[2], rect[1]), (rect[2], rect[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


#: Every how many glyphs the quick test looks at one. A hidden run this long or longer is
#: always seen; stuffed keywords come by the dozen, and less hidden text than this (a
#: page number set below the margin) earns no warning.
SAMPLE_STRIDE = 12


def same_colour(one: Sequence[int], other: Sequence[int]) -> bool:
    """Whether two colours look the same on screen (see :data:`SAME_COLOUR`)."""
    return max(abs(p - q) for p, q in zip(one, other, strict=True)) <= SAME_COLOUR


def background_at(
    backgrounds: Sequence[tuple[Rect, Colour | None]], x: float, y: float
) -> Colour | None:
    """The colour drawn last under a point: a filled shape's, white for the bare page,
    None when it is an image (colour unknown)."""
    for rect, colour in reversed(backgrounds):
        if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]:
            return colour
    return WHITE


def warnings_about(hidden: Sequence[Hidden]) -> list[str]:
    """One warning per reason: how much text, on which pages, and a sample of it."""
    warnings = []
    for reason, description in REASONS.items():
        items = [h for h in hidden if h.reason == reason]
        if not items:
            continue
        chars = sum(len(h.text.strip()) for h in items)
        more = "more than " if any(not h.text for h in items) else ""
        glyphs = sum(len("".join(h.text.split())) for h in items)
        if glyphs < SAMPLE_STRIDE and not more:
            continue  # a page number below the margin, a stray mark: not stuffing
        pages = sorted({h.page for h in items})
        sample = " ".join(" ".join(h.text.split()) for h in items if h.text)
        shown = sample if len(sample) <= SAMPLE_SHOWN else sample[: SAMPLE_SHOWN - 1] + "…"
        numbers = ", ".join(map(str, pages[:PAGES_SHOWN]))
        where = ("page " if len(pages) == 1 else "pages ") + numbers
        if len(pages) > PAGES_SHOWN:
            where += ", …"
        warnings.append(
            f"possible keyword stuffing: {more}{chars} characters of text {description} "
            f'on {where}: "{shown}"'
        )
    return warnings

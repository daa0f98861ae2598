"""Hidden text: what counts as text a reader cannot see, and the warning about it.

Keyword stuffing for resume scanners hides text from the human reader: white on white,
a font too small to see, text placed off the page, clipped away, covered by a box or an
image, squeezed flat, nearly transparent, or drawn in the invisible render mode. Hidden
words never add to a score: the engines leave them out of the text that is matched, and
the report warns about them with a sample. The engines find the hidden objects (PDFium
walks the page objects, pdfminer's layout characters are sampled and PDFium's walk says
what to drop); this module holds the thresholds, the geometry and the warning they share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Rect = tuple[float, float, float, float]
"""left, bottom, right, top"""
Matrix = tuple[float, float, float, float, float, float]
Colour = tuple[int, int, int]
Reason = Literal[
    "outside",
    "clipped",
    "covered",
    "invisible",
    "tiny",
    "squeezed",
    "transparent",
    "colour",
    "vanish",
    "small",
]


@dataclass(frozen=True)
class Hidden:
    """A text object a reader of the printed page cannot see."""

    page: int
    """The page it stands on, from 1."""
    reason: Reason
    """Why it cannot be seen."""
    text: str
    """Its text ("" when it was not fetched: past the sample's needs)."""
    box: Rect | None = None
    """Its box on the page, in PDF points from the bottom left (None: not a PDF's)."""


#: Text smaller than this, in points after every scaling, cannot be read on paper.
TINY_TEXT = 2.0
#: A Word run set smaller than this, in points, is not meant to be read (Word's own
#: smallest size in its menu is 8; footnote marks are 5 and more).
SMALL_WORD_TEXT = 4.0
#: A sampled glyph this much taller than TINY_TEXT may still be tiny text once scaled.
TINY_SAMPLE_MARGIN = 1.2
#: The largest value of a colour channel.
MAX_CHANNEL = 255
#: A sampled glyph narrower than this share of its height may be squeezed flat (the
#: narrowest letters of common fonts are about a fifth of their box height).
SQUEEZED_SAMPLE = 0.1
#: Colours whose channels (0-255) all differ by at most this look the same on screen.
SAME_COLOUR = 24
#: A fill alpha (0-255) under this is as good as transparent.
TRANSPARENT = 13
#: Text fainter than this (fill alpha 0-255) may be nearly transparent: the quick tests
#: look further (the walk blends it with what lies under it).
FAINT = 64
#: A shape or an image this opaque (alpha 0-255) hides what was drawn before it under it.
OPAQUE = 128
#: Text drawn narrower than this share of its height scale (PDF horizontal scaling, or a
#: squeezing matrix) is a smear, not letters: a tenth of its width is already unreadable.
SQUEEZED = 0.2
#: Why a text object counts as hidden, in the order the warnings list them.
REASONS: dict[Reason, str] = {
    "outside": "placed outside the page",
    "clipped": "clipped away (outside its clipping path)",
    "covered": "covered by a shape or an image drawn over it",
    "invisible": "drawn invisible (text render mode 3)",
    "tiny": f"in a font under {TINY_TEXT:g} pt",
    "squeezed": f"squeezed to under {SQUEEZED:.0%} of its width",
    "transparent": "drawn transparent or nearly so",
    "colour": "in the colour of its background (e.g. white on white)",
    "vanish": "marked hidden (Word's hidden-text format)",
    "small": f"in a font under {SMALL_WORD_TEXT:g} pt",
}
WHITE: Colour = (255, 255, 255)

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: How every hidden-text warning begins (reports, the batch CSV and the CI switches
#: recognise the warning by it).
WARNING_PREFIX = "possible keyword stuffing:"
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


def blend(colour: Sequence[int], alpha: int, under: Sequence[int]) -> Colour:
    """What ``colour`` drawn with ``alpha`` (0-255) over ``under`` looks like."""
    if alpha >= MAX_CHANNEL:
        return colour[0], colour[1], colour[2]
    share = alpha / MAX_CHANNEL
    return (
        round(share * colour[0] + (1 - share) * under[0]),
        round(share * colour[1] + (1 - share) * under[1]),
        round(share * colour[2] + (1 - share) * under[2]),
    )


def inside_all(rects: Sequence[Rect], x: float, y: float) -> bool:
    """Whether a point lies inside every rectangle."""
    return all(r[0] <= x <= r[2] and r[1] <= y <= r[3] for r in rects)


#: Text of which a clipping path leaves less than this share of its box is clipped away;
#: a line cut by a page break (drawn on both pages, each copy clipped to its page's
#: margins) keeps a sliver and more.
CLIPPED_VISIBLE = 0.05


def visible_share(box: Rect, clip: Sequence[Rect]) -> float:
    """The share of a box that a clipping path leaves visible (a clipping path is the
    intersection of its paths; each is taken by its bounding box)."""
    left, bottom, right, top = box
    area = (right - left) * (top - bottom)
    if area <= 0:
        return 1.0
    for rect in clip:
        left, bottom = max(left, rect[0]), max(bottom, rect[1])
        right, top = min(right, rect[2]), min(top, rect[3])
    if right <= left or top <= bottom:
        return 0.0
    return (right - left) * (top - bottom) / area


#: An image XObject's dictionary (a stream: never inside an object stream, so always
#: in the file's plain bytes).
_IMAGE_XOBJECT = re.compile(rb"/Subtype\s*/Image\b")


def holds_images(data: bytes) -> bool:
    """Whether a PDF's bytes hold an image (inline images in a content stream aside)."""
    return b"/Image" in data and _IMAGE_XOBJECT.search(data) is not None  # find first: fast


def background_at(
    backgrounds: Sequence[tuple[Rect, Colour | None]], x: float, y: float
) -> Colour | None:
    """The colour drawn last under a point: a filled shape's, white for the bare page,
    None when it is an image (colour unknown)."""
    for rect, colour in reversed(backgrounds):
        if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]:
            return colour
    return WHITE


#: Two hidden objects on one line are one word when the gap between them is under this
#: share of their height (PDFs printed from HTML draw one object per character).
_WORD_GAP = 0.25


def _sample(items: Sequence[Hidden]) -> str:
    """The hidden text, objects joined with a space, or with none where the next object
    continues the last one's word on the page."""
    pieces: list[str] = []
    last: Rect | None = None
    for item in items:
        text = " ".join(item.text.split())
        box = item.box
        joined = (
            last is not None
            and box is not None
            and abs((box[1] + box[3]) - (last[1] + last[3])) / 2 < (last[3] - last[1]) / 2
            and -_WORD_GAP * (last[3] - last[1])
            < box[0] - last[2]
            < _WORD_GAP * (last[3] - last[1])
            and not item.text[:1].isspace()
        )
        if pieces and not joined:
            pieces.append(" ")
        pieces.append(text)
        last = box
    return "".join(pieces)


def warns_of_hidden_text(warnings: Iterable[object]) -> bool:
    """Whether a report's warnings (``input.warnings``) include a hidden-text warning."""
    return any(str(warning).startswith(WARNING_PREFIX) for warning in warnings)


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
        sample = _sample([h for h in items if h.text])
        shown = sample if len(sample) <= SAMPLE_SHOWN else sample[: SAMPLE_SHOWN - 1] + "…"
        numbers = ", ".join(map(str, pages[:PAGES_SHOWN]))
        where = ("page " if len(pages) == 1 else "pages ") + numbers
        if len(pages) > PAGES_SHOWN:
            where += ", …"
        warnings.append(
            f'{WARNING_PREFIX} {more}{chars} characters of text {description} on {where}: "{shown}"'
        )
    return warnings

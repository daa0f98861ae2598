"""The judgement of one PDF page's objects, in drawing order: which text a reader of the
printed page cannot see, and why.

The engine walks the page and reports what it finds (a text object's box, clipping
path, paints and scale; a shape's box and colour; an image's box and pixels); this
module knows nothing of PDFium. What is drawn later covers what was drawn before:
text under an opaque shape or image drawn after it is hidden, and text takes the
colour of what was painted under it as its background.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kwmatch.ingest.hidden_text import (
    CLIPPED_VISIBLE,
    MAX_CHANNEL,
    OPAQUE,
    SQUEEZED,
    SQUEEZED_SAMPLE,
    TINY_SAMPLE_MARGIN,
    TINY_TEXT,
    TRANSPARENT,
    WHITE,
    Colour,
    Reason,
    Rect,
    blend,
    inside_all,
    same_colour,
    visible_share,
)

Paint = tuple[int, int, int, int]
"""A colour with its alpha (0-255 each)."""
#: numpy dimensions of a grey image, and channels of a colour one without alpha.
_GREY_DIMENSIONS = 2
_RGB_CHANNELS = 3


@dataclass(frozen=True)
class TextFacts:
    """What the engine read of one text object."""

    box: Rect
    """Its box on the page."""
    clip: Sequence[Rect] | None
    """The boxes of its clipping path's paths, on the page (None: no clipping path)."""
    invisible: bool
    """Drawn in a render mode that paints nothing (3, or 7: clipping only)."""
    paints: Sequence[Paint] | None
    """The colours it paints with (fill, stroke or both, by its render mode); None when
    the engine could not tell."""
    width: float = math.inf
    """Its font's width on the page, in points (inf: not known)."""
    height: float = math.inf
    """Its font's height on the page, in points (inf: not known)."""


@dataclass
class Image:
    """An image drawn on the page: its box, and its pixels as drawn (RGBA rows, top
    first; None when the engine could not render it)."""

    box: Rect
    pixels: Any

    def under(self, box: Rect) -> Any:
        """The pixels (RGBA, one a row) under ``box``, or None when not known."""
        pixels, rect = self.pixels, self.box
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        if pixels is None or width <= 0 or height <= 0:
            return None
        rows, columns = pixels.shape[:2]
        left = int(max(0.0, (box[0] - rect[0]) / width) * columns)
        right = int(min(1.0, (box[2] - rect[0]) / width) * columns) + 1
        top = int(max(0.0, (rect[3] - box[3]) / height) * rows)
        bottom = int(min(1.0, (rect[3] - box[1]) / height) * rows) + 1
        found = pixels[top:bottom, left:right].reshape(-1, 4)
        return found if len(found) else None


def glyph_centres(boxes: Any) -> tuple[Any, Any]:
    """The centres (x, y) of glyph boxes given as rows of left, top, right, bottom."""
    left, top, right, bottom = boxes.T
    return (left + right) / 2, (top + bottom) / 2


def boxes_may_hide(boxes: Any, page_box: Sequence[float]) -> bool:
    """Whether a sample of glyph boxes (rows of left, top, right, bottom) holds one that
    may be hidden by its geometry: centred off the page, tiny, or squeezed flat."""
    page_left, page_bottom, page_right, page_top = page_box
    left, top, right, bottom = boxes.T
    with np.errstate(invalid="ignore"):
        has_box = (right > left) | (top > bottom)  # PDFium leaves no box at zero
        x, y = glyph_centres(boxes)
        outside = ~((page_left <= x) & (x <= page_right) & (page_bottom <= y) & (y <= page_top))
        height = top - bottom
        tiny = (height > 0) & (height < TINY_TEXT * TINY_SAMPLE_MARGIN)
        width = right - left
        squeezed = (width > 0) & (width < SQUEEZED_SAMPLE * height)
    return bool(np.any(has_box & (outside | tiny | squeezed)))


def rgba(pixels: Any, bgr: bool) -> Any:
    """Pixels of any layout (grey, RGB, BGR, with or without alpha) as RGBA."""
    if pixels.ndim == _GREY_DIMENSIONS:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    if pixels.shape[2] == _RGB_CHANNELS:
        alpha = np.full((*pixels.shape[:2], 1), MAX_CHANNEL, dtype=np.uint8)
        pixels = np.concatenate([pixels, alpha], axis=2)
    return pixels[:, :, [2, 1, 0, 3]] if bgr else pixels


@dataclass
class PageScan:
    """What has been drawn on one page so far, and the text found hidden."""

    page_box: Rect
    #: Shapes (their colour) and images, in drawing order: what lies under later text.
    backgrounds: list[tuple[Rect, Colour | None, Image | None]] = field(default_factory=list)
    #: Every background colour: text in none of them (and in no image) is seen on all.
    palette: set[Colour] = field(default_factory=lambda: {WHITE})
    #: Text still visible (what a later shape or image may cover), by the engine's key.
    visible: list[tuple[Any, Rect]] = field(default_factory=list)
    #: Hidden text: the engine's key, why, and its box.
    suspects: list[tuple[Any, Reason, Rect]] = field(default_factory=list)
    images_seen: bool = False

    def text(self, key: Any, facts: TextFacts) -> None:
        """A text object drawn: hidden now, or visible until something covers it."""
        reason = self._reason(facts)
        if reason is None:
            self.visible.append((key, facts.box))
        else:
            self.suspects.append((key, reason, facts.box))

    def shape(self, box: Rect, colour: Colour) -> None:
        """An opaque filled shape drawn: a background for later text, a cover for earlier."""
        self.backgrounds.append((box, colour, None))
        self.palette.add(colour)
        self._cover(box, None)

    def image(self, box: Rect, image: Image | None) -> None:
        """An image (or a shading: None) drawn."""
        self.backgrounds.append((box, None, image))
        self.images_seen = self.images_seen or image is not None
        self._cover(box, image)

    def _reason(self, facts: TextFacts) -> Reason | None:
        box = facts.box
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if not inside_all([self.page_box], x, y):
            return "outside"
        if facts.clip is not None and visible_share(box, facts.clip) < CLIPPED_VISIBLE:
            return "clipped"
        if facts.invisible:
            # Over an image this is the OCR layer of a scan: invisible on purpose.
            return "invisible" if self._under(x, y)[1] is None else None
        if facts.height < TINY_TEXT:
            return "tiny"
        if facts.width < SQUEEZED * facts.height:
            return "squeezed"
        if facts.width < TINY_TEXT / 2:
            return "tiny"
        paints = facts.paints
        if not paints:
            return None
        if all(paint[3] < TRANSPARENT for paint in paints):
            return "transparent"
        if (
            all(paint[3] == MAX_CHANNEL for paint in paints)
            and not self.images_seen
            and not any(same_colour(p[:3], known) for p in paints for known in self.palette)
        ):
            return None  # opaque, in no colour painted on the page: seen on any of them
        under = self._colour_under(x, y, box)
        if under is None or not all(same_colour(blend(p[:3], p[3], under), under) for p in paints):
            return None
        return "colour" if min(paint[3] for paint in paints) >= OPAQUE else "transparent"

    def _under(self, x: float, y: float) -> tuple[Colour | None, Image | None]:
        """The colour (None: an image or a shading) and the image drawn last under a
        point; the bare page is white."""
        for rect, colour, image in reversed(self.backgrounds):
            if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]:
                return colour, image
        return WHITE, None

    def _colour_under(self, x: float, y: float, box: Rect) -> Colour | None:
        """The colour under a text object: a shape's, the page's, or the mean of the
        image pixels under its box (None: not known, as under a shading)."""
        colour, image = self._under(x, y)
        if colour is not None or image is None:
            return colour
        pixels = image.under(box)
        if pixels is None:
            return None
        red, green, blue = (round(float(v)) for v in pixels[:, :3].mean(axis=0))
        return red, green, blue

    def _cover(self, rect: Rect, image: Image | None) -> None:
        """Text drawn before a shape or an image, under it, is hidden by it (an image only
        where its pixels are opaque)."""
        if not self.visible:
            return
        boxes = np.array([box for _, box in self.visible], dtype=float)
        xs, ys = (boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2
        inside = (rect[0] <= xs) & (xs <= rect[2]) & (rect[1] <= ys) & (ys <= rect[3])
        if not inside.any():
            return
        still = []
        for (key, box), under in zip(self.visible, inside.tolist(), strict=True):
            if under and (image is None or _opaque_over(image, box)):
                self.suspects.append((key, "covered", box))
            else:
                still.append((key, box))
        self.visible = still


def _opaque_over(image: Image, box: Rect) -> bool:
    pixels = image.under(box)
    return pixels is not None and float(pixels[:, 3].mean()) >= OPAQUE

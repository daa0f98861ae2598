"""The pdfminer.six engine (its sole importer): layout analysis, with a watch for text a
reader may not see while the file is read, and a second reading that leaves out the
characters PDFium's walk found hidden."""

from __future__ import annotations

import io
import logging
import struct
import zlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pdfminer.converter import TextConverter
from pdfminer.layout import LAParams, LTChar, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import dict_value, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral, literal_name
from pdfminer.utils import apply_matrix_pt

from kwmatch.errors import InputError, short_reason
from kwmatch.ingest.hidden_text import (
    CLIPPED_VISIBLE,
    FAINT,
    MAX_CHANNEL,
    SAME_COLOUR,
    SAMPLE_STRIDE,
    SQUEEZED_SAMPLE,
    TINY_SAMPLE_MARGIN,
    TINY_TEXT,
    Hidden,
    Rect,
    visible_share,
)
from kwmatch.ingest.pdfbase import (
    TRUNCATED_WARNING,
    PdfText,
    corrupt_message,
    encrypted_message,
    looks_truncated,
    too_many_pages,
    written_on,
)
from kwmatch.limits import Limits

#: What malformed input makes pdfminer raise, besides its own PSException tree; its fuzz
#: harness counts the same families as the expected failures of a bad file.
_PDFMINER_FAILURES: tuple[type[BaseException], ...] = (
    PSException,
    AssertionError,
    ArithmeticError,
    AttributeError,
    EOFError,
    LookupError,
    NotImplementedError,
    RecursionError,
    TypeError,
    ValueError,
    struct.error,
    zlib.error,
)
#: Colour spaces of four components (CMYK): a channel is an ink, and white is no ink.
_INK_COMPONENTS = 4


def _ignore(*args: object, **kwargs: object) -> None:
    """A logger's ``debug`` while nothing can hear it."""


@contextmanager
def _quiet_pdfminer() -> Iterator[None]:
    """pdfminer logs a warning for every oddity of a malformed file; while kwmatch reads
    one, only its errors pass (then the level is what the host application had set).

    pdfminer also calls ``log.debug`` for every token and operator it reads, some 150,000
    calls a resume: with the level at ERROR none of them can print, yet each costs a
    call and a level check, about 6% of pdfminer's time. While the level is ERROR, the
    ``debug`` of its loggers that would print nothing is a no-op."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    silenced = [
        one
        for name, one in list(logging.Logger.manager.loggerDict.items())
        if name.startswith("pdfminer")
        and isinstance(one, logging.Logger)
        and not one.isEnabledFor(logging.DEBUG)
        and "debug" not in vars(one)
    ]
    for one in silenced:
        one.debug = _ignore  # type: ignore[method-assign]
    try:
        yield
    finally:
        for one in silenced:
            del one.debug
        logger.setLevel(level)


def read(
    path: Path,
    data: bytes,
    password: str | None,
    limits: Limits,
    drop: Sequence[Hidden] = (),
) -> PdfText:
    """The text of every page, by pdfminer's layout analysis, without the characters
    of ``drop`` (hidden text that PDFium's walk found: by page, box and text).

    These are ``extract_text``'s own steps (the same text), so that the page count is
    checked before any layout analysis and the file is parsed once. The failure net
    covers pdfminer's calls only: the converter is built outside it, and its probe
    for hidden text catches its own errors.
    """
    output = io.StringIO()
    converter_class = _DroppingConverter if drop else _ProbingConverter
    interpreter_class = _ProbingInterpreter
    with _quiet_pdfminer():
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
            tree = resolve1(document.catalog.get("Pages"))
            declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
            if isinstance(declared, int) and declared > limits.max_pages:
                raise InputError(path, too_many_pages(declared, limits))
            resources = PDFResourceManager(caching=True)
            device = converter_class(resources, output, codec="utf-8", laparams=LAParams())
            if isinstance(device, _DroppingConverter):
                device.drop = _drop_by_page(drop)
            interpreter = interpreter_class(resources, device)
            info = resolve1(document.info[0]) if document.info else {}
            if not isinstance(info, dict):
                info = {}
            date = written_on(resolve1(info.get("ModDate")), resolve1(info.get("CreationDate")))
            count = 0
            for page in PDFPage.create_pages(document):
                count += 1
                if count > limits.max_pages:
                    raise InputError(path, too_many_pages(None, limits))
                interpreter.process_page(page)
        except PDFPasswordIncorrect:
            raise InputError(path, encrypted_message(password)) from None
        except PDFEncryptionError as exc:
            raise InputError(
                path, f"encrypted PDF that cannot be opened ({short_reason(exc)})"
            ) from None
        except _PDFMINER_FAILURES as exc:
            raise InputError(path, corrupt_message(data, type(exc).__name__)) from None
    text = output.getvalue()
    pages = text.split("\f")[:count] if "\f" in text else [text]
    warnings = (TRUNCATED_WARNING,) if looks_truncated(data) else ()
    return PdfText(tuple(pages), warnings, date=date, may_hide_text=bool(device.may_hide_text))


#: pdfminer's own handler of a glyph, called as a plain function by the converters below.
_RENDER_CHAR = TextConverter.render_char
#: Text render modes that fill the glyphs and nothing else: plain, and with clipping.
_FILL_MODES = (0, 4)
#: A shape or an image drawn over this area (square points) or more may cover text.
_MIN_COVER_AREA = 20.0
#: Sampled characters are filed by their centre in square cells this wide (points).
_CELL = 16
#: A character of the text to drop lies inside its hidden object's box, give or take this.
_DROP_MARGIN = 1.0


#: A filled shape whose sides are both this long (points) is a box text may stand in.
_BOX_SIDE = 4.0
#: A path segment with a point ends with its x and y (an operator, then numbers).
_POINT_SEGMENT = 3
#: Components of grey, and of RGB, colours.
_GREY, _RGB = 1, 3


def _rgb(state: Any) -> tuple[int, ...] | None:
    """The fill colour of a graphics state as 0-255 channels (grey, RGB or CMYK), or None."""
    colour = state.ncolor
    channels = [colour] if isinstance(colour, (int, float)) else list(colour or ())
    if not channels or not all(isinstance(c, (int, float)) for c in channels):
        return None
    if len(channels) == _GREY:
        channels = channels * _RGB
    elif len(channels) == _INK_COMPONENTS:
        cyan, magenta, yellow, black = channels
        channels = [(1 - c) * (1 - black) for c in (cyan, magenta, yellow)]
    elif len(channels) != _RGB:
        return None
    return tuple(round(min(max(c, 0.0), 1.0) * MAX_CHANNEL) for c in channels)


def _same(one: tuple[int, ...], other: tuple[int, ...]) -> bool:
    return max(abs(p - q) for p, q in zip(one, other, strict=True)) <= SAME_COLOUR


def _points(ctm: Any, path: Any) -> list[tuple[float, float]]:
    """The end points of a path's segments, on the page."""
    return [
        apply_matrix_pt(ctm, (float(segment[-2]), float(segment[-1])))
        for segment in path
        if len(segment) >= _POINT_SEGMENT and all(isinstance(v, (int, float)) for v in segment[-2:])
    ]


def _drop_by_page(drop: Sequence[Hidden]) -> dict[int, list[tuple[Rect, str]]]:
    by_page: dict[int, list[tuple[Rect, str]]] = defaultdict(list)
    for hidden in drop:
        if hidden.box is not None:
            by_page[hidden.page].append((hidden.box, hidden.text))
    return dict(by_page)


def _in_dropped(char: Any, origin: tuple[float, float], boxes: list[tuple[Rect, str]]) -> bool:
    """Whether a laid-out character is one of the hidden text objects' (centred in one's
    box, on the page's own coordinates, and one of its characters when it was fetched)."""
    x = (char.x0 + char.x1) / 2 + origin[0]
    y = (char.y0 + char.y1) / 2 + origin[1]
    text = char.get_text()
    return any(
        box[0] - _DROP_MARGIN <= x <= box[2] + _DROP_MARGIN
        and box[1] - _DROP_MARGIN <= y <= box[3] + _DROP_MARGIN
        and (not known or text in known)
        for box, known in boxes
    )


def _may_hide(container: Any, page_box: Rect) -> bool:
    """Whether a laid-out page holds a sampled character that may be hidden."""
    # One character in SAMPLE_STRIDE of each line (or other container), as the pdfium
    # engine samples its glyphs: a hidden run that long or longer is always seen.
    # A text line holds characters only: its sample is all that is looked at.
    items = list(container)
    if any(
        isinstance(item, LTChar) and _char_may_hide(item, page_box)
        for item in items[::SAMPLE_STRIDE]
    ):
        return True
    if isinstance(container, LTTextLine):
        return False
    return any(
        _may_hide(item, page_box)
        for item in items
        if not isinstance(item, LTChar) and hasattr(item, "__iter__")
    )


class _ProbingConverter(TextConverter):
    """pdfminer's text converter, extended to notice text that a reader may not see while
    the file is read (the pdfium engine's quick tests, done on pdfminer's own objects
    instead of a second reading of the file)."""

    may_hide_text = False
    chars = 0
    origin = (0.0, 0.0)
    sampled: dict[tuple[int, int], list[tuple[float, float]]]
    palette: set[tuple[int, ...]]
    _clip: Rect | None = None
    #: How many objects of the current container have been looked at.
    _flushed = 0

    # No override of render_char: pdfminer calls it once per glyph, and one more Python
    # call per glyph cost about 5% of the reading. The glyphs drawn since the last look
    # are looked at instead whenever what they are compared with is about to change
    # (the clip, the boxes drawn, a figure's start or end, the page's end): each one is
    # seen with the state it was drawn in, as if it were looked at when it was drawn.

    def begin_page(self, page: Any, ctm: Any) -> None:
        super().begin_page(page, ctm)
        self.origin = (float(page.mediabox[0]), float(page.mediabox[1]))
        self.sampled = defaultdict(list)
        self.palette = set()
        self._flushed = 0

    @property
    def clip(self) -> Rect | None:
        """The clipping path's box, set by the interpreter."""
        return self._clip

    @clip.setter
    def clip(self, box: Rect | None) -> None:
        self.flush()
        self._clip = box

    def flush(self) -> None:
        """Count the characters drawn since the last look, and look at the sampled ones:
        every :data:`SAMPLE_STRIDE`-th character of the file, in drawing order."""
        objects = self.cur_item._objs
        start, end = self._flushed, len(objects)
        if start == end:
            return
        self._flushed = end
        before = self.chars
        self.chars += end - start  # only characters are added between two looks
        if self.may_hide_text:
            return
        first = start + SAMPLE_STRIDE - 1 - before % SAMPLE_STRIDE
        for char in objects[first:end:SAMPLE_STRIDE]:
            self.sample(char)
            if self.may_hide_text:
                return

    def begin_figure(self, name: str, bbox: Any, matrix: Any) -> None:
        self.flush()
        super().begin_figure(name, bbox, matrix)
        self._flushed = 0

    def end_figure(self, name: str) -> None:
        self.flush()
        super().end_figure(name)
        self._flushed = len(self.cur_item._objs)  # the figure itself is no character

    def end_page(self, page: Any) -> None:
        self.flush()  # before the layout analysis regroups the characters
        super().end_page(page)

    def sample(self, char: Any) -> None:
        """Look at a sampled character as it is drawn: clipped out of sight, or of the
        colour of a box drawn before it; filed for the shapes drawn after it."""
        box = (char.x0, char.y0, char.x1, char.y1)
        if self.clip is not None and visible_share(box, [self.clip]) < CLIPPED_VISIBLE:
            self.may_hide_text = True
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        self.sampled[int(x) // _CELL, int(y) // _CELL].append((x, y))
        if not self.palette:
            return  # no box drawn yet: no colour to compare
        colour = _rgb(char.graphicstate)
        if colour is not None and any(_same(colour, known) for known in self.palette):
            self.may_hide_text = True  # the colour of a box drawn on the page

    def covers_text(self, rect: Rect) -> bool:
        """Whether a sampled character drawn before lies under ``rect``."""
        left, bottom, right, top = rect
        if not self.sampled or (right - left) * (top - bottom) < _MIN_COVER_AREA:
            return False
        return any(
            left <= x <= right and bottom <= y <= top
            for column in range(int(left) // _CELL, int(right) // _CELL + 1)
            for row in range(int(bottom) // _CELL, int(top) // _CELL + 1)
            for x, y in self.sampled.get((column, row), ())
        )

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, *rest: Any) -> None:
        self.flush()
        path = rest[-1]
        if fill and path and not self.may_hide_text:
            points = _points(self.ctm, path)
            if points:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                rect = (min(xs), min(ys), max(xs), max(ys))
                self.may_hide_text = self.covers_text(rect)
                colour = _rgb(gstate)
                if colour is not None and min(rect[2] - rect[0], rect[3] - rect[1]) >= _BOX_SIDE:
                    self.palette.add(colour)

    def render_image(self, name: str, stream: Any) -> None:
        self.flush()
        figure = self.cur_item
        if not self.may_hide_text:
            self.may_hide_text = self.covers_text((figure.x0, figure.y0, figure.x1, figure.y1))
        super().render_image(name, stream)

    def receive_layout(self, ltpage: Any) -> None:
        if not self.may_hide_text:
            try:
                self.may_hide_text = _may_hide(ltpage, ltpage.bbox)
            except Exception:  # odd layout objects: let the thorough check decide
                self.may_hide_text = True
        super().receive_layout(ltpage)


class _DroppingConverter(_ProbingConverter):
    """The probing converter of the second reading: the characters of the hidden text
    objects PDFium found are left out as they are drawn (and not counted), so each
    character is counted and looked at as it is drawn."""

    drop: dict[int, list[tuple[Rect, str]]] = {}  # noqa: RUF012 (set per instance)

    def render_char(
        self,
        matrix: Any,
        font: Any,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: Any,
        graphicstate: Any,
    ) -> float:
        advance: float = _RENDER_CHAR(
            self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
        )
        dropped = self.drop.get(self.pageno)
        char: Any = self.cur_item._objs[-1]
        if dropped and _in_dropped(char, self.origin, dropped):
            self.cur_item._objs.pop()  # hidden: never laid out, never matched
            return advance
        self.chars += 1
        if self.chars % SAMPLE_STRIDE == 0 and not self.may_hide_text:
            self.sample(char)
        return advance

    def flush(self) -> None:
        """Nothing to do: each character was looked at as it was drawn."""


class _ProbingInterpreter(PDFPageInterpreter):
    """pdfminer's page interpreter, telling the converter the clipping path's box, the
    render modes and the fill alphas that pdfminer itself ignores."""

    clips: list[Rect | None]

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self.clips = []
        setattr(self.device, "clip", None)  # noqa: B010 (our converter)

    def do_q(self) -> None:
        super().do_q()
        self.clips.append(getattr(self.device, "clip", None))

    def do_Q(self) -> None:
        super().do_Q()
        if self.clips:
            setattr(self.device, "clip", self.clips.pop())  # noqa: B010 (our converter)

    def do_W(self) -> None:
        super().do_W()
        self._clip()

    def do_W_a(self) -> None:
        super().do_W_a()
        self._clip()

    def _clip(self) -> None:
        # The clipping path's box, on the page, within the clip already in force.
        points = _points(self.ctm, self.curpath)
        if not points:
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        current = getattr(self.device, "clip", None)
        if current is not None:
            box = (
                max(box[0], current[0]),
                max(box[1], current[1]),
                min(box[2], current[2]),
                min(box[3], current[3]),
            )
        setattr(self.device, "clip", box)  # noqa: B010 (our converter)

    def do_Tr(self, render: Any) -> None:
        super().do_Tr(render)
        if self.textstate.render not in _FILL_MODES:
            setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

    def do_gs(self, name: Any) -> None:
        # pdfminer ignores graphics state dictionaries; their fill alpha ("ca") is how
        # a PDF draws transparent or faint text.
        super().do_gs(name)
        if self.faint(name):
            setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

    def faint(self, name: Any) -> bool:
        """Whether the graphics state ``name`` of the resources in force fills faintly;
        memoized per resources and name (a page sets the same few states hundreds of
        times). The memo holds the resources, so that their id is not reused."""
        if not isinstance(name, PSLiteral):  # a malformed operand: no memo for it
            return self._faint(name)
        memo: dict[tuple[int, PSLiteral], tuple[Any, bool]] = self.__dict__.setdefault(
            "faint_memo", {}
        )
        known = memo.get((id(self.resources), name))
        if known is not None and known[0] is self.resources:
            return known[1]
        faint = self._faint(name)
        memo[id(self.resources), name] = (self.resources, faint)
        return faint

    def _faint(self, name: Any) -> bool:
        try:
            states = dict_value(self.resources.get("ExtGState")) if self.resources else {}
            alpha = resolve1(dict_value(states.get(literal_name(name))).get("ca"))
        except Exception:
            return False
        return isinstance(alpha, (int, float)) and alpha * MAX_CHANNEL < FAINT


def _char_may_hide(char: Any, page_box: Rect) -> bool:
    """Whether a character pdfminer laid out may be hidden: tiny, centred off the page, or
    filled near-white (the render mode and transparency are watched as they are set)."""
    if 0 < char.size < TINY_TEXT * TINY_SAMPLE_MARGIN:
        return True
    if 0 < char.width < SQUEEZED_SAMPLE * char.height:
        return True  # squeezed flat (horizontal scaling)
    x0, y0, x1, y1 = page_box
    x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return True
    state = char.graphicstate
    space = getattr(state.ncs, "name", "")
    if space in ("Indexed", "Pattern"):
        return True  # no plain colour to compare: let the thorough check decide
    colour = state.ncolor
    channels = [float(colour)] if isinstance(colour, (int, float)) else list(colour or ())
    if not channels or not all(isinstance(c, (int, float)) for c in channels):
        return True
    near = SAME_COLOUR / MAX_CHANNEL
    if state.ncs.ncomponents == _INK_COMPONENTS or space in ("Separation", "DeviceN"):
        return all(c <= near for c in channels)  # inks and tints: white is no ink at all
    return all(c >= 1 - near for c in channels)

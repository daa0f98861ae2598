"""The PDFium engine (pypdfium2, its sole importer): text from the glyph boxes of each
page (words rebuilt by :mod:`kwmatch.ingest.layout`), and the walk over the page objects
that finds hidden text (what counts as hidden: :mod:`kwmatch.ingest.hidden_text`)."""

from __future__ import annotations

import ctypes
import itertools
import math
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kwmatch.errors import InputError
from kwmatch.ingest.hidden_text import (
    IDENTITY,
    MAX_CHANNEL,
    SAME_COLOUR,
    SAMPLE_STRIDE,
    TINY_SAMPLE_MARGIN,
    TINY_TEXT,
    TRANSPARENT,
    WHITE,
    Colour,
    Hidden,
    Matrix,
    Reason,
    Rect,
    background_at,
    compose,
    map_rect,
    same_colour,
    warnings_about,
)
from kwmatch.ingest.layout import Glyphs, page_text, whitespace_table
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

#: Page objects examined on one page at most (nested forms included), and form depth.
_MAX_OBJECTS = 20_000
_MAX_FORM_DEPTH = 8
#: Filled shapes and images remembered per page as what may lie under text.
_MAX_BACKGROUNDS = 500
#: Hidden objects whose text is fetched, per reason and page (PDFium finds an object's
#: text by a search over the page): enough for the warning's count and sample.
_MAX_QUOTED = 40
#: A filled shape is a background when it is this opaque (alpha 0-255) ...
_OPAQUE = 128
#: ... and covers at least this area, in square points (a rule or a bullet is none).
_MIN_BACKGROUND_AREA = 20.0
#: A box of four floats (left, top, right, bottom) per glyph, as PDFium writes them.
_BOX_FLOATS = 4
#: PDFium's text of an object ends with a two-byte UTF-16 NUL.
_UTF16_NUL = 2


def _open_pdfium(path: Path, data: bytes, password: str | None) -> Any:

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputError(path, encrypted_message(password)) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(
                path, "encrypted PDF with a security handler PDFium does not support"
            ) from None
        raise InputError(path, corrupt_message(data, "PDFium cannot open it")) from None


#: The largest page side, in points, that the PDF format allows (200 inches).
MAX_PAGE_SIDE = 14_400.0


def _check_page_sizes(pdf: Any, path: Path, count: int) -> None:
    """Refuse a page whose box is not a page (four billion points wide, not a number),
    before PDFium lays anything out on it."""
    size = pdfium_c.FS_SIZEF()
    for index in range(count):
        if not pdfium_c.FPDF_GetPageSizeByIndexF(pdf.raw, index, ctypes.byref(size)):
            raise InputError(path, f"corrupt PDF (page {index + 1} has no size)")
        width, height = size.width, size.height
        if not all(math.isfinite(v) and 0 <= v <= MAX_PAGE_SIDE for v in (width, height)):
            raise InputError(
                path,
                f"corrupt PDF (page {index + 1} measures {width:g} x {height:g} points; "
                f"a page side is at most {MAX_PAGE_SIDE:g})",
            )


def check_page_boxes(path: Path, data: bytes, password: str | None, limits: Limits) -> None:
    """The page-size check on its own, for PDFs that another engine reads (PDFium cannot
    open what pdfminer might: then there is nothing to check here)."""
    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError:
        return
    try:
        count = len(pdf)
        if count <= limits.max_pages:
            _check_page_sizes(pdf, path, count)
    finally:
        pdf.close()


def read(path: Path, data: bytes, password: str | None, limits: Limits) -> PdfText:
    """The text of every page of a PDF, and the warnings about it (hidden text, a
    truncated file)."""
    pdf = _open_pdfium(path, data, password)
    hidden: list[Hidden] = []
    try:
        metadata = pdf.get_metadata_dict()
        date = written_on(metadata.get("ModDate"), metadata.get("CreationDate"))
        count = len(pdf)
        if count > limits.max_pages:
            raise InputError(path, too_many_pages(count, limits))
        _check_page_sizes(pdf, path, count)
        pages = []
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                glyphs = _page_glyphs(textpage)
                pages.append(page_text(glyphs, page.get_width()))
                hidden.extend(_hidden_text_of_page(page, textpage, glyphs, index + 1))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(path, corrupt_message(data, str(exc))) from None
    finally:
        pdf.close()
    warnings = [TRUNCATED_WARNING] if looks_truncated(data) else []
    return PdfText(tuple(pages), (*warnings, *warnings_about(hidden)), date=date)


@cache
def _raw_call(name: str, result: Any, *arguments: Any) -> Any:
    """A PDFium function bound to plain ctypes arguments (pointers passed as integers).

    pypdfium2's bindings convert handle objects and structures at every call; the calls
    that run per character (thousands a page on resumes rendered one character at a
    time) are a third cheaper this way.
    """

    prototype = ctypes.CFUNCTYPE(result, *arguments)
    return prototype(ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0)


def _address(handle: Any) -> int:
    """The address a ctypes handle points at, as a Python int."""

    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _page_glyphs(textpage: Any) -> Glyphs | None:
    """The characters of a text page and the boxes of its glyphs (None: no characters)."""

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return None
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs shift indices
        return Glyphs(text, None, None)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    spaces = whitespace_table()
    where = np.flatnonzero(~spaces[np.minimum(codes, len(spaces) - 1)])
    # Loose boxes span the font's ascent to descent: one height for every glyph of a font.
    boxes = (pdfium_c.FS_RECTF * count)()
    width = ctypes.sizeof(pdfium_c.FS_RECTF)
    base = ctypes.addressof(boxes)
    pointer = ctypes.c_void_p
    char_box = _raw_call("FPDFText_GetLooseCharBox", ctypes.c_int, pointer, ctypes.c_int, pointer)
    # Each box's address, worked out over the array (64-bit unsigned: an address fits).
    addresses = (np.uint64(base) + np.uint64(width) * where.astype(np.uint64)).tolist()
    list(map(char_box, itertools.repeat(_address(handle)), where.tolist(), addresses))
    table = np.frombuffer(boxes, dtype=np.float32).reshape(-1, _BOX_FLOATS)[where].astype(float)
    return Glyphs(text, where, table, codes[where])


def _page_objects(page_handle: Any) -> Iterator[tuple[Any, int, Matrix]]:
    """Every object of a page in drawing order, with the matrix from its container to
    the page (objects inside form XObjects are placed by their forms' matrices)."""

    budget = _MAX_OBJECTS
    matrix = pdfium_c.FS_MATRIX()

    def walk(container: Any, is_form: bool, to_page: Matrix, depth: int) -> Iterator[Any]:
        nonlocal budget
        if is_form:
            count, get = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
        else:
            count, get = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
        for index in range(count(container)):
            if budget <= 0:
                return
            budget -= 1
            obj = get(container, index)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            yield obj, kind, to_page
            if (
                kind == pdfium_c.FPDF_PAGEOBJ_FORM
                and depth < _MAX_FORM_DEPTH
                and pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
            ):
                own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
                yield from walk(obj, True, compose(own, to_page), depth + 1)

    yield from walk(page_handle, False, IDENTITY, 0)


def _hidden_text_of_page(
    page: Any, textpage: Any, glyphs: Glyphs | None, number: int
) -> list[Hidden]:
    """Hidden text of one page: a quick test over a sample of the glyphs (their boxes,
    colours and render modes), then, on the rare page it flags, the walk over every page
    object that says what is hidden and why.

    The walk costs a few PDFium calls per text object, and PDFs rendered from HTML hold
    one object per character: run on every page, it would cost more than the text
    extraction itself. The quick test reuses the boxes the text rebuild fetched.
    """
    if glyphs is None or not _may_hide_text(page, textpage, glyphs):
        return []
    return _hidden_on_page(page, textpage, number)


def _may_hide_text(page: Any, textpage: Any, glyphs: Glyphs) -> bool:
    """Whether a sample of the page's glyphs holds one that may be hidden: off the page,
    tiny, near-white or transparent, or drawn in an invisible render mode."""
    if not glyphs.aligned:
        return True  # indices and characters disagree: do the full walk
    if not len(glyphs.at):
        return False
    page_left, page_bottom, page_right, page_top = page.get_bbox()
    sample = glyphs.at[::SAMPLE_STRIDE].tolist()
    left, top, right, bottom = glyphs.boxes[::SAMPLE_STRIDE].T
    with np.errstate(invalid="ignore"):
        has_box = (right > left) | (top > bottom)  # PDFium leaves no box at zero
        x, y = (left + right) / 2, (top + bottom) / 2
        outside = ~((page_left <= x) & (x <= page_right) & (page_bottom <= y) & (y <= page_top))
        height = top - bottom
        tiny = (height > 0) & (height < TINY_TEXT * TINY_SAMPLE_MARGIN)
    if np.any(has_box & (outside | tiny)):
        return True
    handle = _address(textpage.raw)
    pointer, number = ctypes.c_void_p, ctypes.c_int
    fill_colour = _raw_call(
        "FPDFText_GetFillColor", number, pointer, number, pointer, pointer, pointer, pointer
    )
    text_object = _raw_call("FPDFText_GetTextObject", pointer, pointer, number)
    render_mode = _raw_call("FPDFTextObj_GetTextRenderMode", number, pointer)
    invisible = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
    near_white = MAX_CHANNEL - SAME_COLOUR
    colour = (ctypes.c_uint * 4)()
    step = ctypes.sizeof(ctypes.c_uint)
    red, green, blue, alpha = (ctypes.addressof(colour) + step * i for i in range(4))
    for index in sample:
        if fill_colour(handle, index, red, green, blue, alpha) and (
            colour[3] < TRANSPARENT
            or (colour[0] >= near_white and colour[1] >= near_white and colour[2] >= near_white)
        ):
            return True
        obj = text_object(handle, index)
        if obj and render_mode(obj) in invisible:
            return True
    return False


def _hidden_on_page(page: Any, textpage: Any, number: int) -> list[Hidden]:
    """The text objects of one page that a reader cannot see, with their text."""
    scan = _PageScan(page)
    suspects: list[tuple[Any, Reason]] = []
    for obj, kind, to_page in _page_objects(page.raw):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            box = scan.bounds(obj, to_page)
            reason = None if box is None else scan.text_reason(obj, box, to_page)
            if reason is not None:
                suspects.append((obj, reason))
        else:
            scan.note_background(obj, kind, to_page)
    found = []
    quoted: dict[str, int] = {}
    for obj, reason in suspects:
        if quoted.get(reason, 0) >= _MAX_QUOTED:
            found.append(Hidden(number, reason, ""))
            continue
        text = _object_text(obj, textpage)
        if text.strip():
            quoted[reason] = quoted.get(reason, 0) + 1
            found.append(Hidden(number, reason, text))
    return found


class _PageScan:
    """What the walk over one page's objects has seen so far: the shapes and images drawn
    (what may lie under later text), with PDFium's out-parameters allocated once."""

    def __init__(self, page: Any) -> None:
        box_left, box_bottom, box_right, box_top = page.get_bbox()
        self.page_box: Rect = (box_left, box_bottom, box_right, box_top)
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.float_refs = [ctypes.byref(v) for v in self.floats]
        self.uints = [ctypes.c_uint() for _ in range(4)]
        self.uint_refs = [ctypes.byref(v) for v in self.uints]
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.backgrounds: list[tuple[Rect, Colour | None]] = []  # None: an image
        self.palette: set[Colour] = {WHITE}  # every background colour: most text matches none

    def bounds(self, obj: Any, to_page: Matrix) -> Rect | None:
        """The object's box on the page, or None when PDFium gives none."""
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *self.float_refs):
            return None
        floats = self.floats
        rect = (floats[0].value, floats[1].value, floats[2].value, floats[3].value)
        return map_rect(rect, to_page)

    def fill_colour(self, obj: Any) -> tuple[int, int, int, int] | None:
        """The object's fill colour with its alpha, or None when it has none."""
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, *self.uint_refs):
            return None
        uints = self.uints
        return uints[0].value, uints[1].value, uints[2].value, uints[3].value

    def text_reason(self, obj: Any, box: Rect, to_page: Matrix) -> Reason | None:
        """Why a text object cannot be seen, or None when it can."""
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        page_box = self.page_box
        if not (page_box[0] <= x <= page_box[2] and page_box[1] <= y <= page_box[3]):
            return "outside"
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        if mode in (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP):
            # Over an image this is the OCR layer of a scan: invisible on purpose.
            return None if background_at(self.backgrounds, x, y) is None else "invisible"
        if self._tiny(obj, to_page):
            return "tiny"
        if mode not in (pdfium_c.FPDF_TEXTRENDERMODE_FILL, pdfium_c.FPDF_TEXTRENDERMODE_FILL_CLIP):
            return None
        colour = self.fill_colour(obj)
        if colour is None:
            return None
        if colour[3] < TRANSPARENT:
            return "transparent"
        if not any(same_colour(colour[:3], known) for known in self.palette):
            return None
        under = background_at(self.backgrounds, x, y)
        if under is not None and same_colour(colour[:3], under):
            return "colour"
        return None

    def _tiny(self, obj: Any, to_page: Matrix) -> bool:
        """Whether the text's font, scaled onto the page, is too small to read: under
        TINY_TEXT high, or squeezed to under half of that wide."""
        size = ctypes.c_float()
        matrix = self.matrix
        if not (
            pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
            and size.value > 0
            and pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        ):
            return False
        a, b, c, d, _, _ = compose(
            (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page
        )
        return bool(
            size.value * math.hypot(c, d) < TINY_TEXT
            or size.value * math.hypot(a, b) < TINY_TEXT / 2
        )

    def note_background(self, obj: Any, kind: int, to_page: Matrix) -> None:
        """Remember an image, a shading or a filled shape as what later text stands on."""
        if len(self.backgrounds) >= _MAX_BACKGROUNDS:
            return
        if kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_SHADING):
            box = self.bounds(obj, to_page)
            if box is not None:
                self.backgrounds.append((box, None))
            return
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH or not pdfium_c.FPDFPath_GetDrawMode(
            obj, ctypes.byref(self.fill_mode), ctypes.byref(self.stroke)
        ):
            return
        if self.fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
            return
        box = self.bounds(obj, to_page)
        colour = self.fill_colour(obj)
        if box is None or colour is None or colour[3] < _OPAQUE:
            return
        if (box[2] - box[0]) * (box[3] - box[1]) >= _MIN_BACKGROUND_AREA:
            self.backgrounds.append((box, colour[:3]))
            self.palette.add(colour[:3])


def _object_text(obj: Any, textpage: Any) -> str:

    size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    if size <= _UTF16_NUL:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(
        obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size
    )
    return buffer.raw[: size - _UTF16_NUL].decode("utf-16-le", errors="replace")


def hidden_text(data: bytes, password: str | None) -> list[Hidden]:
    """The hidden-text check on its own, for PDFs that another engine read."""

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError:
        return []  # PDFium cannot open what pdfminer could: no check, no failure
    found: list[Hidden] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                found.extend(
                    _hidden_text_of_page(page, textpage, _page_glyphs(textpage), index + 1)
                )
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError:
        pass
    finally:
        pdf.close()
    return found

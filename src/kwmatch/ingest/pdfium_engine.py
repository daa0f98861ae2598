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
from kwmatch.ingest.hidden_scan import (
    Image,
    PageScan,
    Paint,
    TextFacts,
    boxes_may_hide,
    glyph_centres,
    rgba,
)
from kwmatch.ingest.hidden_text import (
    CLIPPED_VISIBLE,
    FAINT,
    IDENTITY,
    MAX_CHANNEL,
    OPAQUE,
    SAME_COLOUR,
    SAMPLE_STRIDE,
    Colour,
    Hidden,
    Matrix,
    Rect,
    compose,
    holds_images,
    map_rect,
    same_colour,
    visible_share,
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
_MAX_QUOTED = 200
#: A filled shape is a background (or a cover) when it covers at least this area, in
#: square points (a rule or a bullet is none).
_MIN_BACKGROUND_AREA = 20.0
#: A page of this many objects at most is walked whole (the walk costs about 5 us an
#: object); pages of more, rendered from HTML one object per character, are tested first.
_ALWAYS_WALK = 100
#: The quick test asks every how many sampled glyphs for their clipping path (two calls
#: each): a clipped run of SAMPLE_STRIDE * _CLIP_EVERY glyphs or more is always seen.
_CLIP_EVERY = 2
#: How many of the last objects drawn on a page the quick test looks at for covers.
_TAIL = 64
#: Text render modes (the Tr operand, PDFium's FPDF_TEXTRENDERMODE_*) that fill the
#: glyphs, and that stroke them: plain, both, and each with clipping.
_FILL_MODES = (0, 2, 4, 6)
_STROKE_MODES = (1, 2, 5, 6)
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
    """The text of every page of a PDF without the text a reader cannot see, and the
    warnings about it (hidden text, a truncated file)."""
    pdf = _open_pdfium(path, data, password)
    hidden: list[Hidden] = []
    images = holds_images(data)
    try:
        date = written_on(_meta_text(pdf, "ModDate"), _meta_text(pdf, "CreationDate"))
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
                found, objects = _hidden_text_of_page(page, textpage, glyphs, index + 1, images)
                if objects and glyphs is not None:
                    glyphs = _without(textpage, glyphs, objects)
                pages.append(page_text(glyphs, page.get_width()))
                hidden.extend(found)
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(path, corrupt_message(data, str(exc))) from None
    finally:
        pdf.close()
    warnings = [TRUNCATED_WARNING] if looks_truncated(data) else []
    return PdfText(tuple(pages), (*warnings, *warnings_about(hidden)), date=date)


def _meta_text(pdf: Any, key: str) -> str:
    """A value of the document's information dictionary ("" when absent), decoded with
    replacement characters: a damaged file's UTF-16 may hold lone surrogates."""
    size = pdfium_c.FPDF_GetMetaText(pdf.raw, key.encode("ascii"), None, 0)
    if size <= _UTF16_NUL:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDF_GetMetaText(pdf.raw, key.encode("ascii"), buffer, size)
    return buffer.raw[: size - _UTF16_NUL].decode("utf-16-le", errors="replace")


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


def _without(textpage: Any, glyphs: Glyphs, objects: set[int]) -> Glyphs:
    """The glyphs of a page less those of the hidden text objects ``objects`` (by
    address): hidden words never reach the text that is matched."""
    handle = _address(textpage.raw)
    pointer = ctypes.c_void_p
    text_object = _raw_call("FPDFText_GetTextObject", pointer, pointer, ctypes.c_int)
    if glyphs.aligned:
        owners = map(text_object, itertools.repeat(handle), glyphs.at.tolist())
        keep = np.fromiter((owner not in objects for owner in owners), dtype=bool)
        return Glyphs(glyphs.text, glyphs.at[keep], glyphs.boxes[keep], glyphs.codes[keep])
    # Indices and characters disagree (surrogate pairs): keep PDFium's characters one by one.
    count = pdfium_c.FPDFText_CountChars(textpage.raw)
    kept = [
        chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        for i in range(count)
        if text_object(handle, i) not in objects
    ]
    return Glyphs("".join(kept), None, None)


def _hidden_text_of_page(
    page: Any, textpage: Any, glyphs: Glyphs | None, number: int, images: bool
) -> tuple[list[Hidden], set[int]]:
    """Hidden text of one page, and the addresses of its text objects.

    A page of few objects is walked whole: the walk over every page object says what is
    hidden and why. PDFs rendered from HTML hold one object per character, and walking
    them would cost more than the text extraction itself: on such a page quick tests
    over a sample of the glyphs (their boxes, colours, render modes and clipping paths,
    reusing the boxes the text rebuild fetched) and over the last objects drawn (or
    every image, in a file that holds any) decide whether the walk is needed.
    """
    if glyphs is None:
        return [], set()
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    if not (
        count <= _ALWAYS_WALK
        or _may_hide_text(page, textpage, glyphs)
        or _may_be_covered(page, textpage, glyphs, images, count)
    ):
        return [], set()
    return _hidden_on_page(page, textpage, number)


def _may_hide_text(page: Any, textpage: Any, glyphs: Glyphs) -> bool:
    """Whether a sample of the page's glyphs holds one that may be hidden: off the page,
    tiny or squeezed, faint or near-white, clipped away, or drawn in a render mode other
    than a plain fill."""
    if not glyphs.aligned:
        return True  # indices and characters disagree: do the full walk
    if not len(glyphs.at):
        return False
    sample = glyphs.at[::SAMPLE_STRIDE].tolist()
    if boxes_may_hide(glyphs.boxes[::SAMPLE_STRIDE], page.get_bbox()):
        return True
    handle = _address(textpage.raw)
    pointer, number = ctypes.c_void_p, ctypes.c_int
    fill_colour = _raw_call(
        "FPDFText_GetFillColor", number, pointer, number, pointer, pointer, pointer, pointer
    )
    text_object = _raw_call("FPDFText_GetTextObject", pointer, pointer, number)
    render_mode = _raw_call("FPDFTextObj_GetTextRenderMode", number, pointer)
    clip_of = _raw_call("FPDFPageObj_GetClipPath", pointer, pointer)
    clip_paths = _raw_call("FPDFClipPath_CountPaths", number, pointer)
    filled = (pdfium_c.FPDF_TEXTRENDERMODE_FILL, pdfium_c.FPDF_TEXTRENDERMODE_FILL_CLIP)
    near_white = MAX_CHANNEL - SAME_COLOUR
    colour = (ctypes.c_uint * 4)()
    step = ctypes.sizeof(ctypes.c_uint)
    red, green, blue, alpha = (ctypes.addressof(colour) + step * i for i in range(4))
    last = None
    boxes = glyphs.boxes[::SAMPLE_STRIDE].tolist()
    for at, index in enumerate(sample):
        if fill_colour(handle, index, red, green, blue, alpha) and (
            colour[3] < FAINT
            or (colour[0] >= near_white and colour[1] >= near_white and colour[2] >= near_white)
        ):
            return True
        obj = text_object(handle, index)
        if not obj or obj == last:
            continue
        last = obj
        if render_mode(obj) not in filled:
            return True
        clip = clip_of(obj) if at % _CLIP_EVERY == 0 else None
        if (
            clip
            and clip_paths(clip) > 0
            and visible_share(
                (boxes[at][0], boxes[at][3], boxes[at][2], boxes[at][1]),
                _clip_rects(ctypes.cast(clip, pdfium_c.FPDF_CLIPPATH), IDENTITY),
            )
            < CLIPPED_VISIBLE
        ):
            return True
    return False


def _may_be_covered(page: Any, textpage: Any, glyphs: Glyphs, images: bool, count: int) -> bool:
    """Whether one of the last objects drawn on the page (or any image or form, in a file
    that holds images) is a shape or an image over glyphs drawn before it (the text
    objects drawn after it, which stand on it, are told apart by each glyph's object)."""
    if not glyphs.aligned or not len(glyphs.at):
        return False
    handle = _address(page.raw)
    pointer = ctypes.c_void_p
    get_object = _raw_call("FPDFPage_GetObject", pointer, pointer, ctypes.c_int)
    kind_of = _raw_call("FPDFPageObj_GetType", ctypes.c_int, pointer)
    text_object = _raw_call("FPDFText_GetTextObject", pointer, pointer, ctypes.c_int)
    xs, ys = glyph_centres(glyphs.boxes)
    facts = _Facts(page)
    tail = count - _TAIL
    first = 0 if images else max(tail, 0)
    objects = [get_object(handle, index) for index in range(first, count)]
    kinds = [kind_of(obj) if obj else pdfium_c.FPDF_PAGEOBJ_UNKNOWN for obj in objects]
    for at, (obj, kind) in enumerate(zip(objects, kinds, strict=True)):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT or (
            kind == pdfium_c.FPDF_PAGEOBJ_PATH and first + at < tail
        ):
            continue
        typed = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
        colour = facts.opaque_fill(typed) if kind == pdfium_c.FPDF_PAGEOBJ_PATH else None
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH and colour is None:
            continue
        box = facts.bounds(typed, IDENTITY)
        if box is None:
            continue
        under = np.flatnonzero((box[0] <= xs) & (xs <= box[2]) & (box[1] <= ys) & (ys <= box[3]))
        if not len(under):
            continue
        later = {
            later_obj
            for later_obj, later_kind in zip(objects[at + 1 :], kinds[at + 1 :], strict=True)
            if later_kind == pdfium_c.FPDF_PAGEOBJ_TEXT
        }
        chars = glyphs.at[under].tolist()
        owners = list(map(text_object, itertools.repeat(_address(textpage.raw)), chars))
        if any(owner not in later for owner in owners):
            return True
        if colour is not None and _in_colour(textpage, chars[::SAMPLE_STRIDE], colour):
            return True  # text drawn on the shape in the shape's colour
    return False


def _in_colour(textpage: Any, chars: list[int], colour: Colour) -> bool:
    """Whether one of these characters is filled in (about) ``colour``."""
    values = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(v) for v in values]
    for index in chars:
        if pdfium_c.FPDFText_GetFillColor(textpage.raw, index, *refs) and same_colour(
            (values[0].value, values[1].value, values[2].value), colour
        ):
            return True
    return False


def _clip_rects(clip: Any, to_page: Matrix) -> list[Rect]:
    """The bounding box of each path of a clipping path, on the page."""
    rects = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for index in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, path)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(
                segment, ctypes.byref(x), ctypes.byref(y)
            ):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            rects.append(map_rect((min(xs), min(ys), max(xs), max(ys)), to_page))
    return rects


def _hidden_on_page(page: Any, textpage: Any, number: int) -> tuple[list[Hidden], set[int]]:
    """The text objects of one page that a reader cannot see, with their text, and all
    their addresses."""
    facts = _Facts(page)
    box_left, box_bottom, box_right, box_top = page.get_bbox()
    scan = PageScan((box_left, box_bottom, box_right, box_top))
    for obj, kind, to_page in _page_objects(page.raw):
        box = facts.bounds(obj, to_page)
        if box is None:
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            scan.text(obj, facts.of_text(obj, box, to_page))
        elif len(scan.backgrounds) >= _MAX_BACKGROUNDS:
            continue
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            scan.image(box, Image(box, _rendered_image(page, obj)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_SHADING:
            scan.image(box, None)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            colour = facts.opaque_fill(obj)
            if colour is not None and (box[2] - box[0]) * (box[3] - box[1]) >= _MIN_BACKGROUND_AREA:
                scan.shape(box, colour)
    found = []
    quoted: dict[str, int] = {}
    for obj, reason, box in scan.suspects:
        if quoted.get(reason, 0) >= _MAX_QUOTED:
            found.append(Hidden(number, reason, "", box))
            continue
        text = _object_text(obj, textpage)
        if text.strip():
            quoted[reason] = quoted.get(reason, 0) + 1
            found.append(Hidden(number, reason, text, box))
    return found, {_address(obj) for obj, _, _ in scan.suspects}


class _Facts:
    """What PDFium says of a page's objects, with its out-parameters allocated once."""

    def __init__(self, page: Any) -> None:
        self.floats = [ctypes.c_float() for _ in range(4)]
        self.float_refs = [ctypes.byref(v) for v in self.floats]
        self.uints = [ctypes.c_uint() for _ in range(4)]
        self.uint_refs = [ctypes.byref(v) for v in self.uints]
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.size = ctypes.c_float()
        self.matrix = pdfium_c.FS_MATRIX()

    def bounds(self, obj: Any, to_page: Matrix) -> Rect | None:
        """The object's box on the page, or None when PDFium gives none."""
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *self.float_refs):
            return None
        floats = self.floats
        rect = (floats[0].value, floats[1].value, floats[2].value, floats[3].value)
        return map_rect(rect, to_page)

    def _colour(self, getter: Any, obj: Any) -> Paint | None:
        if not getter(obj, *self.uint_refs):
            return None
        uints = self.uints
        return uints[0].value, uints[1].value, uints[2].value, uints[3].value

    def opaque_fill(self, obj: Any) -> Colour | None:
        """The colour of a path filled opaquely, or None."""
        if not pdfium_c.FPDFPath_GetDrawMode(
            obj, ctypes.byref(self.fill_mode), ctypes.byref(self.stroke)
        ):
            return None
        if self.fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
            return None
        colour = self._colour(pdfium_c.FPDFPageObj_GetFillColor, obj)
        return None if colour is None or colour[3] < OPAQUE else colour[:3]

    def of_text(self, obj: Any, box: Rect, to_page: Matrix) -> TextFacts:
        """What a text object shows: its clipping path, render mode, paints and scale."""
        clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        paints: list[Paint] | None = []
        for modes, getter in (
            (_FILL_MODES, pdfium_c.FPDFPageObj_GetFillColor),
            (_STROKE_MODES, pdfium_c.FPDFPageObj_GetStrokeColor),
        ):
            if mode in modes and paints is not None:
                paint = self._colour(getter, obj)
                paints = None if paint is None else [*paints, paint]
        width = height = math.inf
        matrix = self.matrix
        if (
            pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(self.size))
            and self.size.value > 0
            and pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        ):
            a, b, c, d, _, _ = compose(
                (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page
            )
            width, height = self.size.value * math.hypot(a, b), self.size.value * math.hypot(c, d)
        return TextFacts(
            box=box,
            clip=_clip_rects(clip, to_page) if clip else None,
            invisible=mode
            in (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP),
            paints=paints,
            width=width,
            height=height,
        )


def _rendered_image(page: Any, image: Any) -> Any:
    """An image object's pixels as PDFium draws it (its mask applied), RGBA rows top
    first; None when PDFium cannot render it."""
    try:
        picture = pdfium.PdfImage(image, page=page, pdf=page.pdf)
        bitmap = picture.get_bitmap(render=True)
        pixels = bitmap.to_numpy()
    except (pdfium.PdfiumError, ValueError, TypeError):
        return None
    bgr = bitmap.format in (
        pdfium_c.FPDFBitmap_BGRA,
        pdfium_c.FPDFBitmap_BGRx,
        pdfium_c.FPDFBitmap_BGR,
    )
    return rgba(pixels, bgr)


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
    """The hidden-text check on its own, for PDFs that another engine read: what is
    hidden, why, and where (each object's box)."""

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError:
        return []  # PDFium cannot open what pdfminer could: no check, no failure
    found: list[Hidden] = []
    images = holds_images(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                glyphs = _page_glyphs(textpage)
                found.extend(_hidden_text_of_page(page, textpage, glyphs, index + 1, images)[0])
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError:
        pass
    finally:
        pdf.close()
    return found

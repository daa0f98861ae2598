"""Ingest: a path in, a :class:`Document` (raw text per page) out.

The only module that imports the PDF engines (pdfminer.six, pypdfium2), python-docx and
charset-normalizer. Every parser failure is turned here into an :class:`InputError` that
names the file, so that malformed input never surfaces as a traceback.

Hostile input is expected: the format is sniffed from the content (never the name),
sizes, pages, characters and DOCX archives are bounded by :class:`Limits`, XML entities
are refused, and PDF text drawn so that a reader cannot see it is reported as a warning.
"""

from __future__ import annotations

import errno
import hashlib
import io
import itertools
import logging
import math
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from kwmatch.errors import InputError

PdfEngine = Literal["pdfminer", "pdfium", "auto"]
PDF_ENGINES: tuple[str, ...] = ("pdfium", "pdfminer", "auto")
#: The engine used when none is asked for; chosen from measurements (bench/RESULTS.md).
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"

FORMATS = ("pdf", "docx", "txt", "md")
READABLE = "kwmatch reads PDF, DOCX, TXT and Markdown"


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from exhausting time or memory."""

    max_bytes: int = 20 * 1024 * 1024
    """Largest input file read, in bytes."""
    max_pages: int = 50
    """Most PDF pages read; a longer document is refused (resumes are short)."""
    max_chars: int = 500_000
    """Most characters kept from one document; the rest is cut with a warning. The
    longest resume of the evaluation corpus has about 20,000."""
    max_docx_uncompressed: int = 100 * 1024 * 1024
    """Largest total uncompressed size of a DOCX archive (zip bombs)."""
    max_docx_ratio: float = 200.0
    """Largest compression ratio of any DOCX member over 1 MB (zip bombs)."""
    timeout: float | None = 60.0
    """Most seconds spent reading and scoring one file (a parser that hangs); None for
    no limit. Enforced by :func:`kwmatch.guard.time_limit` in the main thread only."""
    max_memory: int | None = None
    """Address space, in bytes, a batch worker process may use (None: no cap); applied
    by :func:`kwmatch.guard.cap_memory` when the worker starts."""


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Document:
    """An input file read into raw text, before normalization."""

    path: str
    """The path as the user gave it."""
    format: str
    """pdf, docx, txt or md: sniffed from the content, not from the name."""
    sha256: str
    """Hex digest of the file's bytes."""
    pages: tuple[str, ...]
    """Raw text of each page (a single page for formats without pages)."""
    engine: str | None = None
    """The PDF engine that read a PDF; None for other formats."""
    warnings: tuple[str, ...] = field(default=())
    """Things the user should know about the extraction (cut text, odd encodings,
    hidden text...)."""


# --- sniffing ----------------------------------------------------------------------------

_PDF_HEADER = re.compile(rb"%PDF-\d")
#: Signatures of formats that are no resume kwmatch can read, with what to call them.
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"AT&TFORM", "a DjVu document"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
)
_IMAGES = ("image", "DjVu")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAMED = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".md": "md", ".markdown": "md"}


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the format from the first bytes; the name only tells text from Markdown.

    A file named ``.pdf`` or ``.docx`` that holds plain text is read as text (the caller
    warns); one that holds neither its format nor text is refused as corrupt or misnamed.
    """
    if head.startswith(b"%PDF-") or _PDF_HEADER.search(head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE):
        raise InputError(
            path,
            "unsupported format: a legacy Word .doc (or other old Office file); "
            "save it as DOCX or PDF",
        )
    for magic, name in _FOREIGN:
        if head.startswith(magic):
            hint = "; a scanned resume needs OCR first" if any(w in name for w in _IMAGES) else ""
            raise InputError(path, f"unsupported format: {name} ({READABLE}{hint})")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise InputError(path, f"unsupported format: a WebP image ({READABLE})")
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx") and not _looks_like_text(head):
        if suffix == ".pdf":
            raise InputError(path, "not a PDF file (no %PDF header): corrupt or misnamed")
        raise InputError(path, "not a DOCX file (not a zip archive): corrupt or misnamed")
    return "md" if suffix in (".md", ".markdown") else "txt"


def _looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file read as text (UTF-8, or with a BOM)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head or b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="ignore")
    if len(text) < 0.9 * len(head.decode("latin-1")):
        return False
    return _control_share(text) < 0.05


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def _control_share(text: str) -> float:
    sample = text[:65536]
    return len(_CONTROL_CHARS.findall(sample)) / max(len(sample), 1)


# --- reading -----------------------------------------------------------------------------


def load_pdf_engines(pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> None:
    """Import the libraries ``pdf_engine`` reads with (PDFium is needed by both engines:
    the pdfminer engine's hidden-text check uses it), so that a process can load them
    before it caps its own memory."""
    import numpy  # noqa: F401
    import pypdfium2  # noqa: F401

    if pdf_engine == "pdfminer":
        import pdfminer.converter
        import pdfminer.pdfinterp  # noqa: F401


def read_document(
    path: str | Path,
    *,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read ``path`` into a :class:`Document`; raise :class:`InputError` on any problem."""
    path = Path(path)
    data = _read_bytes(path, limits)
    if data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError(
            path, "encrypted Office document (a password-protected DOCX): save it without one"
        )
    fmt = sniff_format(path, data[:2048])
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    named = _NAMED.get(path.suffix.lower())
    if named is not None and named != fmt and {named, fmt} != {"txt", "md"}:
        shown = {"pdf": "a PDF", "docx": "a DOCX document", "txt": "plain text", "md": "text"}
        warnings.append(
            f"read as {fmt.upper()}: the file holds {shown[fmt]} although its name ends "
            f"in {path.suffix}"
        )
    engine: str | None = None
    if fmt == "pdf":
        engine = "pdfium" if pdf_engine == "auto" else pdf_engine
        reader = _PDF_READERS[engine]
        pages = reader(path, data, password, limits, warnings)
    elif fmt == "docx":
        pages = [_read_docx(path, data, limits)]
    else:
        text = _decode_text(path, data, warnings)
        pages = [strip_markdown(text) if fmt == "md" else text]
    pages = _cut(pages, limits, warnings)
    if not any(p.strip() for p in pages):
        if fmt == "pdf":
            if not pages:
                raise InputError(path, "the PDF has no pages")
            if _looks_truncated(data):
                raise InputError(
                    path, "no extractable text: the PDF looks truncated (no end-of-file marker)"
                )
            raise InputError(
                path, "no extractable text: the PDF looks scanned or image-only (run OCR first)"
            )
        raise InputError(path, "no text in the file")
    return Document(
        path=str(path),
        format=fmt,
        sha256=digest,
        pages=tuple(pages),
        engine=engine,
        warnings=tuple(warnings),
    )


def document_from_text(
    text: str, name: str = "<text>", *, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """A :class:`Document` for text given as a string, cut to ``limits.max_chars``."""
    warnings: list[str] = []
    pages = _cut([text], limits, warnings)
    return Document(
        path=name,
        format="text",
        sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        pages=tuple(pages),
        warnings=tuple(warnings),
    )


def _cut(pages: list[str], limits: Limits, warnings: list[str]) -> list[str]:
    total = sum(len(p) for p in pages)
    if total <= limits.max_chars:
        return pages
    warnings.append(f"text cut to the first {limits.max_chars} characters of {total}")
    kept, budget = [], limits.max_chars
    for page in pages:
        kept.append(page[:budget])
        budget = max(0, budget - len(page))
    return kept


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(path, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file (a device, pipe or socket)")
        if info.st_size == 0:
            raise InputError(path, "empty file (0 bytes)")
        if info.st_size > limits.max_bytes:
            raise InputError(
                path,
                f"file too large ({info.st_size} bytes; the limit is {limits.max_bytes}, "
                "see --max-size)",
            )
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(path, "broken symbolic link (its target does not exist)") from None
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied (the file is not readable)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(path, "symbolic link loop (the link points back to itself)") from None
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limits.max_bytes:  # it grew since stat
        raise InputError(path, f"file too large (the limit is {limits.max_bytes} bytes)")
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    return data


# --- PDF -------------------------------------------------------------------------------

logging.getLogger("pdfminer").setLevel(logging.ERROR)

#: What malformed input makes pdfminer raise, besides its own PSException tree; its fuzz
#: harness counts the same families as the expected failures of a bad file.
_PDFMINER_FAILURES: tuple[type[BaseException], ...] = (
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


def _looks_truncated(data: bytes) -> bool:
    """A PDF ends with ``%%EOF`` (a little trailing junk is common; a cut file has none)."""
    return b"%%EOF" not in data[-4096:]


def _read_pdf_pdfminer(
    path: Path, data: bytes, password: str | None, limits: Limits, warnings: list[str]
) -> list[str]:
    # extract_text's own steps, so that the page count is checked before any layout
    # analysis and the file is parsed once (the same text as extract_text).
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psexceptions import PSException

    failures: tuple[type[BaseException], ...] = (PSException, *_PDFMINER_FAILURES)
    output = io.StringIO()
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password=password or "")
        tree = resolve1(document.catalog.get("Pages"))
        declared = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
        if isinstance(declared, int) and declared > limits.max_pages:
            raise InputError(path, _too_many_pages(declared, limits))
        resources = PDFResourceManager(caching=True)
        converter_class, interpreter_class = _pdfminer_probing_classes()
        device = converter_class(resources, output, codec="utf-8", laparams=LAParams())
        interpreter = interpreter_class(resources, device)
        count = 0
        for page in PDFPage.create_pages(document):
            count += 1
            if count > limits.max_pages:
                raise InputError(path, _too_many_pages(None, limits))
            interpreter.process_page(page)
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise InputError(path, _encrypted_message(password)) from None
    except PDFEncryptionError as exc:
        raise InputError(path, f"encrypted PDF that cannot be opened ({_short(exc)})") from None
    except failures as exc:
        raise InputError(path, _corrupt_message(data, type(exc).__name__)) from None
    text = output.getvalue()
    pages = text.split("\f")[:count] if "\f" in text else [text]
    if _looks_truncated(data):
        warnings.append(_TRUNCATED_WARNING)
    if device.may_hide_text:  # rare: PDFium's walk over the page objects says what and why
        warnings.extend(_hidden_text_warnings(_pdfium_hidden_text(data, password)))
    return pages


#: Text render modes that draw nothing: invisible, and invisible with clipping.
_INVISIBLE_MODES = (3, 7)


@lru_cache(maxsize=1)
def _pdfminer_probing_classes() -> tuple[Any, Any]:
    """pdfminer's text converter and page interpreter, extended to notice text that a
    reader may not see while the file is read (the pdfium engine's quick test, done on
    pdfminer's own layout objects instead of a second reading of the file)."""
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LTChar, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import dict_value, resolve1
    from pdfminer.psparser import literal_name

    def may_hide(container: Any, page_box: _Rect) -> bool:
        # One character in _SAMPLE_STRIDE of each line (or other container), as the pdfium
        # engine samples its glyphs: a hidden run that long or longer is always seen.
        # A text line holds characters only: its sample is all that is looked at.
        items = list(container)
        if any(
            isinstance(item, LTChar) and _pdfminer_char_may_hide(item, page_box)
            for item in items[::_SAMPLE_STRIDE]
        ):
            return True
        if isinstance(container, LTTextLine):
            return False
        return any(
            may_hide(item, page_box)
            for item in items
            if not isinstance(item, LTChar) and hasattr(item, "__iter__")
        )

    class ProbingConverter(TextConverter):
        may_hide_text = False

        def receive_layout(self, ltpage: Any) -> None:
            if not self.may_hide_text:
                try:
                    self.may_hide_text = may_hide(ltpage, ltpage.bbox)
                except Exception:  # odd layout objects: let the thorough check decide
                    self.may_hide_text = True
            super().receive_layout(ltpage)

    class ProbingInterpreter(PDFPageInterpreter):
        def do_Tr(self, render: Any) -> None:
            super().do_Tr(render)
            if self.textstate.render in _INVISIBLE_MODES:
                setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

        def do_gs(self, name: Any) -> None:
            # pdfminer ignores graphics state dictionaries; their fill alpha ("ca") is how
            # a PDF draws fully transparent text.
            super().do_gs(name)
            try:
                states = dict_value(self.resources.get("ExtGState")) if self.resources else {}
                alpha = resolve1(dict_value(states.get(literal_name(name))).get("ca"))
            except Exception:
                return
            if isinstance(alpha, (int, float)) and alpha * 255 < _TRANSPARENT:
                setattr(self.device, "may_hide_text", True)  # noqa: B010 (our converter)

    return ProbingConverter, ProbingInterpreter


def _pdfminer_char_may_hide(char: Any, page_box: _Rect) -> bool:
    """Whether a character pdfminer laid out may be hidden: tiny, centred off the page, or
    filled near-white (the render mode and transparency are watched as they are set)."""
    if 0 < char.size < TINY_TEXT * 1.2:
        return True
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
    near = SAME_COLOUR / 255
    if state.ncs.ncomponents == 4 or space in ("Separation", "DeviceN"):
        return all(c <= near for c in channels)  # inks and tints: white is no ink at all
    return all(c >= 1 - near for c in channels)


_TRUNCATED_WARNING = "the PDF looks truncated (no end-of-file marker): some text may be missing"


def _too_many_pages(count: int | None, limits: Limits) -> str:
    shown = f"{count}" if count is not None else f"more than {limits.max_pages}"
    return f"too many pages ({shown}; the limit is {limits.max_pages}, see --max-pages)"


def _corrupt_message(data: bytes, detail: str) -> str:
    if _looks_truncated(data):
        return f"truncated PDF: it ends before its end-of-file marker ({detail})"
    return f"corrupt PDF ({detail})"


def _encrypted_message(password: str | None) -> str:
    if password:
        return "encrypted PDF: the password given does not open it"
    return "encrypted PDF: give its password with --password"


def _open_pdfium(path: Path, data: bytes, password: str | None) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise InputError(path, _encrypted_message(password)) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputError(
                path, "encrypted PDF with a security handler PDFium does not support"
            ) from None
        raise InputError(path, _corrupt_message(data, "PDFium cannot open it")) from None


def _read_pdf_pdfium(
    path: Path, data: bytes, password: str | None, limits: Limits, warnings: list[str]
) -> list[str]:
    import pypdfium2 as pdfium

    pdf = _open_pdfium(path, data, password)
    hidden: list[_Hidden] = []
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise InputError(path, _too_many_pages(count, limits))
        pages = []
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                glyphs = _page_glyphs(textpage)
                pages.append(_pdfium_page_text(glyphs, page.get_width()))
                hidden.extend(_hidden_text_of_page(page, textpage, glyphs, index + 1))
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(path, _corrupt_message(data, str(exc))) from None
    finally:
        pdf.close()
    if _looks_truncated(data):
        warnings.append(_TRUNCATED_WARNING)
    warnings.extend(_hidden_text_warnings(hidden))
    return pages


_Rect = tuple[float, float, float, float]


@dataclass
class _Run:
    """Characters that stand next to each other on one baseline."""

    text: list[str]
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


#: A gap between two characters is a space when it exceeds the page's typical gap inside
#: words by this share of the font height. The typical gap is measured per page: glyph
#: boxes of some fonts overlap inside words, those of others leave a little air.
SPACE_GAP = 0.07


@dataclass
class _Glyphs:
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


@cache
def _raw_call(name: str, result: Any, *arguments: Any) -> Any:
    """A PDFium function bound to plain ctypes arguments (pointers passed as integers).

    pypdfium2's bindings convert handle objects and structures at every call; the calls
    that run per character (thousands a page on resumes rendered one character at a
    time) are a third cheaper this way.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    prototype = ctypes.CFUNCTYPE(result, *arguments)
    return prototype(ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value or 0)


def _address(handle: Any) -> int:
    import ctypes

    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _page_glyphs(textpage: Any) -> _Glyphs | None:
    """The characters of a text page and the boxes of its glyphs (None: no characters)."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return None
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs shift indices
        return _Glyphs(text, None, None)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    spaces = _whitespace_table()
    where = np.flatnonzero(~spaces[np.minimum(codes, len(spaces) - 1)])
    # Loose boxes span the font's ascent to descent: one height for every glyph of a font.
    boxes = (pdfium_c.FS_RECTF * count)()
    width = ctypes.sizeof(pdfium_c.FS_RECTF)
    glyph_at = where.tolist()
    base = ctypes.addressof(boxes)
    pointer = ctypes.c_void_p
    char_box = _raw_call("FPDFText_GetLooseCharBox", ctypes.c_int, pointer, ctypes.c_int, pointer)
    list(
        map(
            char_box,
            itertools.repeat(_address(handle)),
            glyph_at,
            [base + width * i for i in glyph_at],  # Python ints: no fixed-width overflow
        )
    )
    table = np.frombuffer(boxes, dtype=np.float32).reshape(-1, 4)[where].astype(float)
    return _Glyphs(text, where, table, codes[where])


@lru_cache(maxsize=1)
def _whitespace_table() -> Any:
    """For each code point up to U+3000, whether ``str.isspace`` accepts it; one more
    entry, False, stands for every code point above (none of them is whitespace)."""
    import numpy as np

    return np.array([chr(c).isspace() for c in range(0x3001)] + [False], dtype=bool)


def _pdfium_runs(glyphs: _Glyphs) -> list[_Run]:
    """Characters grouped into runs by their geometry, with spaces where gaps are.

    PDFium's own text (``get_text_range``) drops the spaces of PDFs that place every
    character on its own (resumes rendered from HTML lose about a quarter of their
    word breaks), so words are rebuilt here from the character boxes, as pdfminer does.
    The geometry is worked out with numpy over all characters of the page at once: this
    is the hot loop of the default engine.
    """
    import numpy as np

    text = glyphs.text
    if not glyphs.aligned:  # fall back on PDFium's text
        return [_Run(list(text), 0.0, 0.0, 0.0, 0.0)]
    where = glyphs.at
    if not len(where):
        return []
    left, top, right, bottom = glyphs.boxes.T
    chars = [text[i] for i in where.tolist()]
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
    same_line = np.abs((bv[1:] + tv[1:]) - (bv[:-1] + tv[:-1])) / 2 < 0.5 * size
    joined = same_line & (gap > -1.5 * size) & (gap < 2.5 * size)
    inner = ~spaced[valid[1:]] & (np.abs(bv[1:] - bv[:-1]) < 0.1 * hv[:-1]) & (lv[1:] >= lv[:-1])
    ratios = np.sort(gap[inner] / hv[:-1][inner])
    typical = float(ratios[len(ratios) // 2]) if len(ratios) else 0.0
    threshold = max(typical, -0.1) + SPACE_GAP
    # A hyphen's box is narrower than its advance in many fonts: after one, only a real
    # space character separates ("Self-motivated", "F-22").
    codes = glyphs.codes
    is_hyphen = (codes == 0x2D) | (codes == 0x2010) | (codes == 0x2011)
    after_hyphen = is_hyphen[valid[:-1]]
    wide = (gap > threshold * size) & ~after_hyphen
    space_before = np.zeros(len(where), dtype=bool)
    space_before[valid[1:]] = joined & (spaced[valid[1:]] | wide)
    # Runs start at the first glyph with a box and wherever the next boxed glyph does not
    # join the last; glyphs before the first box have no place on the page and are dropped.
    run_starts = valid[np.flatnonzero(np.concatenate(([True], ~joined)))]
    pieces = [" " + c if s else c for c, s in zip(chars, space_before.tolist(), strict=True)]
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
    ends = [*run_starts[1:].tolist(), len(where)]
    return [
        _Run(list(pieces[begin:end]), run_left, run_bottom, run_right, run_top)
        for begin, end, run_left, run_bottom, run_right, run_top in zip(
            run_starts.tolist(), ends, *(b.tolist() for b in bounds), strict=True
        )
    ]


def _pdfium_page_text(glyphs: _Glyphs | None, page_width: float) -> str:
    """Text of one page in reading order.

    Runs are grouped into lines top to bottom. When the runs leave a clear vertical
    gutter (a two-column resume), the page is read column by column instead: runs that
    cross the gutter (a name banner, a full-width heading) cut the page into bands, and
    each band is read left column first, then right.
    """
    runs = _pdfium_runs(glyphs) if glyphs is not None else []
    if not runs:
        return ""
    if len(runs) == 1 and runs[0].top == runs[0].bottom == 0.0:
        return "".join(runs[0].text)
    gutter = _find_gutter([(r.left, r.bottom, r.right, r.top) for r in runs], page_width)
    if gutter is None:
        return "\n".join(_lines(runs))
    lines: list[str] = []
    band: list[_Run] = []

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


def _lines(runs: list[_Run]) -> list[str]:
    """Runs grouped into lines (overlapping vertically), top to bottom, left to right."""
    rows: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-(r.bottom + r.top) / 2, r.left)):
        if rows:
            first = rows[-1][0]
            overlap = min(first.top, run.top) - max(first.bottom, run.bottom)
            if overlap > 0.5 * min(first.height, run.height):
                rows[-1].append(run)
                continue
        rows.append([run])
    return [" ".join("".join(r.text) for r in sorted(row, key=lambda r: r.left)) for row in rows]


def _find_gutter(rects: list[_Rect], page_width: float) -> float | None:
    """An x position between 25% and 75% of the page that few text runs cross."""
    if len(rects) < 12 or page_width <= 0:
        return None
    # A real two-column page: few runs cross the gutter and both sides hold many runs;
    # of such places, the one with the most runs on its thinner side, then the fewest
    # crossings (a margin beside all the text crosses nothing but is no gutter).
    import numpy as np

    lefts = np.array([r[0] for r in rects])[:, None]
    rights = np.array([r[2] for r in rects])[:, None]
    xs = np.arange(int(page_width * 0.25), int(page_width * 0.75), 2, dtype=float)
    crossing = ((lefts < xs) & (xs < rights)).sum(axis=0)
    thinner = np.minimum((rights <= xs).sum(axis=0), (lefts >= xs).sum(axis=0))
    fits = np.flatnonzero((crossing <= 0.1 * len(rects)) & (thinner >= 0.15 * len(rects)))
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
    if shared <= 0.3 * max(left_span[1] - left_span[0], right_span[1] - right_span[0]):
        return None
    return gutter


def _vertical_extent(rects: list[_Rect]) -> tuple[float, float]:
    return min(r[1] for r in rects), max(r[3] for r in rects)


# --- hidden text -----------------------------------------------------------------------
#
# Keyword stuffing for resume scanners hides text from the human reader: white on white,
# a font too small to see, text placed off the page or drawn in the invisible render
# mode. The text is still extracted and matched (a reader of the file sees it too); the
# report warns about it. The check walks PDFium's page objects, so it costs a few calls
# per text object, not per character.


@dataclass(frozen=True)
class _Hidden:
    """A text object a reader of the printed page cannot see."""

    page: int
    reason: str
    text: str


#: Text smaller than this, in points after every scaling, cannot be read on paper.
TINY_TEXT = 2.0
#: Colours whose channels (0-255) all differ by at most this look the same on screen.
SAME_COLOUR = 24
#: A fill alpha (0-255) under this is as good as transparent.
_TRANSPARENT = 13
#: Why a text object counts as hidden, in the order the warnings list them.
_REASONS = {
    "outside": "placed outside the page",
    "invisible": "drawn invisible (text render mode 3)",
    "tiny": f"in a font under {TINY_TEXT:g} pt",
    "transparent": "drawn fully transparent",
    "colour": "in the colour of its background (e.g. white on white)",
}
#: Page objects examined on one page at most (nested forms included), and form depth.
_MAX_OBJECTS = 20_000
_MAX_FORM_DEPTH = 8
_MAX_BACKGROUNDS = 500
#: Hidden objects whose text is fetched, per reason and page (PDFium finds an object's
#: text by a search over the page): enough for the warning's count and sample.
_MAX_QUOTED = 40
_WHITE = (255, 255, 255)

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_Colour = tuple[int, int, int]


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
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


def _map_rect(rect: _Rect, matrix: _Matrix) -> _Rect:
    if matrix == _IDENTITY:
        return rect
    a, b, c, d, e, f = matrix
    xs, ys = [], []
    for x, y in ((rect[0], rect[1]), (rect[0], rect[3]), (rect[2], rect[1]), (rect[2], rect[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _page_objects(page_handle: Any) -> Iterator[tuple[Any, int, _Matrix]]:
    """Every object of a page in drawing order, with the matrix from its container to
    the page (objects inside form XObjects are placed by their forms' matrices)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    budget = _MAX_OBJECTS
    matrix = pdfium_c.FS_MATRIX()

    def walk(container: Any, is_form: bool, to_page: _Matrix, depth: int) -> Iterator[Any]:
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
                yield from walk(obj, True, _compose(own, to_page), depth + 1)

    yield from walk(page_handle, False, _IDENTITY, 0)


#: Every how many glyphs the quick test looks at one. A hidden run this long or longer is
#: always seen; stuffed keywords come by the dozen, and less hidden text than this (a
#: page number set below the margin) earns no warning.
_SAMPLE_STRIDE = 12


def _hidden_text_of_page(
    page: Any, textpage: Any, glyphs: _Glyphs | None, number: int
) -> list[_Hidden]:
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


def _may_hide_text(page: Any, textpage: Any, glyphs: _Glyphs) -> bool:
    """Whether a sample of the page's glyphs holds one that may be hidden: off the page,
    tiny, near-white or transparent, or drawn in an invisible render mode."""
    import ctypes

    import numpy as np
    import pypdfium2.raw as pdfium_c

    if not glyphs.aligned:
        return True  # indices and characters disagree: do the full walk
    if not len(glyphs.at):
        return False
    page_left, page_bottom, page_right, page_top = page.get_bbox()
    sample = glyphs.at[::_SAMPLE_STRIDE].tolist()
    left, top, right, bottom = glyphs.boxes[::_SAMPLE_STRIDE].T
    with np.errstate(invalid="ignore"):
        has_box = (right > left) | (top > bottom)  # PDFium leaves no box at zero
        x, y = (left + right) / 2, (top + bottom) / 2
        outside = ~((page_left <= x) & (x <= page_right) & (page_bottom <= y) & (y <= page_top))
        height = top - bottom
        tiny = (height > 0) & (height < TINY_TEXT * 1.2)
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
    near_white = 255 - SAME_COLOUR
    colour = (ctypes.c_uint * 4)()
    step = ctypes.sizeof(ctypes.c_uint)
    red, green, blue, alpha = (ctypes.addressof(colour) + step * i for i in range(4))
    for index in sample:
        if fill_colour(handle, index, red, green, blue, alpha) and (
            colour[3] < _TRANSPARENT
            or (colour[0] >= near_white and colour[1] >= near_white and colour[2] >= near_white)
        ):
            return True
        obj = text_object(handle, index)
        if obj and render_mode(obj) in invisible:
            return True
    return False


def _hidden_on_page(page: Any, textpage: Any, number: int) -> list[_Hidden]:
    """The text objects of one page that a reader cannot see, with their text."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    box_left, box_bottom, box_right, box_top = page.get_bbox()
    page_box: _Rect = (box_left, box_bottom, box_right, box_top)
    floats = [ctypes.c_float() for _ in range(4)]
    float_refs = [ctypes.byref(v) for v in floats]
    uints = [ctypes.c_uint() for _ in range(4)]
    uint_refs = [ctypes.byref(v) for v in uints]
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    matrix = pdfium_c.FS_MATRIX()

    def bounds(obj: Any, to_page: _Matrix) -> _Rect | None:
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *float_refs):
            return None
        rect = (floats[0].value, floats[1].value, floats[2].value, floats[3].value)
        return _map_rect(rect, to_page)

    def fill_colour(obj: Any) -> tuple[int, int, int, int] | None:
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, *uint_refs):
            return None
        return uints[0].value, uints[1].value, uints[2].value, uints[3].value

    backgrounds: list[tuple[_Rect, _Colour | None]] = []  # None: an image, colour unknown
    palette: set[_Colour] = {_WHITE}  # every background colour so far: most text matches none
    suspects: list[tuple[Any, str]] = []

    def text_reason(obj: Any, box: _Rect, to_page: _Matrix) -> str | None:
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if not (page_box[0] <= x <= page_box[2] and page_box[1] <= y <= page_box[3]):
            return "outside"
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        if mode in (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP):
            # Over an image this is the OCR layer of a scan: invisible on purpose.
            return None if _background_at(backgrounds, x, y) is None else "invisible"
        size = ctypes.c_float()
        if (
            pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
            and size.value > 0
            and pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        ):
            a, b, c, d, _, _ = _compose(
                (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page
            )
            if size.value * math.hypot(c, d) < TINY_TEXT or size.value * math.hypot(a, b) < (
                TINY_TEXT / 2
            ):
                return "tiny"
        if mode not in (pdfium_c.FPDF_TEXTRENDERMODE_FILL, pdfium_c.FPDF_TEXTRENDERMODE_FILL_CLIP):
            return None
        colour = fill_colour(obj)
        if colour is None:
            return None
        if colour[3] < _TRANSPARENT:
            return "transparent"
        if not any(_same_colour(colour[:3], known) for known in palette):
            return None
        under = _background_at(backgrounds, x, y)
        if under is not None and _same_colour(colour[:3], under):
            return "colour"
        return None

    for obj, kind, to_page in _page_objects(page.raw):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            box = bounds(obj, to_page)
            if box is not None:
                reason = text_reason(obj, box, to_page)
                if reason is not None:
                    suspects.append((obj, reason))
            continue
        if len(backgrounds) >= _MAX_BACKGROUNDS:
            continue
        if kind in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_SHADING):
            box = bounds(obj, to_page)
            if box is not None:
                backgrounds.append((box, None))
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            if not pdfium_c.FPDFPath_GetDrawMode(
                obj, ctypes.byref(fill_mode), ctypes.byref(stroke)
            ):
                continue
            if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
                continue
            box = bounds(obj, to_page)
            colour = fill_colour(obj)
            if box is None or colour is None or colour[3] < 128:
                continue
            if (box[2] - box[0]) * (box[3] - box[1]) >= 20.0:
                backgrounds.append((box, colour[:3]))
                palette.add(colour[:3])

    found = []
    quoted: dict[str, int] = {}
    for obj, reason in suspects:
        if quoted.get(reason, 0) >= _MAX_QUOTED:
            found.append(_Hidden(number, reason, ""))
            continue
        text = _object_text(obj, textpage)
        if text.strip():
            quoted[reason] = quoted.get(reason, 0) + 1
            found.append(_Hidden(number, reason, text))
    return found


def _same_colour(one: Sequence[int], other: Sequence[int]) -> bool:
    return max(abs(p - q) for p, q in zip(one, other, strict=True)) <= SAME_COLOUR


def _background_at(
    backgrounds: Sequence[tuple[_Rect, _Colour | None]], x: float, y: float
) -> _Colour | None:
    """The colour drawn last under a point: a filled shape's, white for the bare page,
    None when it is an image (colour unknown)."""
    for rect, colour in reversed(backgrounds):
        if rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]:
            return colour
    return _WHITE


def _object_text(obj: Any, textpage: Any) -> str:
    import ctypes

    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(
        obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size
    )
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _pdfium_hidden_text(data: bytes, password: str | None) -> list[_Hidden]:
    """The hidden-text check on its own, for PDFs that another engine read."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError:
        return []  # PDFium cannot open what pdfminer could: no check, no failure
    found: list[_Hidden] = []
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


def _hidden_text_warnings(hidden: Sequence[_Hidden]) -> list[str]:
    """One warning per reason: how much text, on which pages, and a sample of it."""
    warnings = []
    for reason, description in _REASONS.items():
        items = [h for h in hidden if h.reason == reason]
        if not items:
            continue
        chars = sum(len(h.text.strip()) for h in items)
        more = "more than " if any(not h.text for h in items) else ""
        glyphs = sum(len("".join(h.text.split())) for h in items)
        if glyphs < _SAMPLE_STRIDE and not more:
            continue  # a page number below the margin, a stray mark: not stuffing
        pages = sorted({h.page for h in items})
        sample = " ".join(" ".join(h.text.split()) for h in items if h.text)
        shown = sample if len(sample) <= 80 else sample[:79] + "…"
        where = ("page " if len(pages) == 1 else "pages ") + ", ".join(map(str, pages[:10]))
        if len(pages) > 10:
            where += ", …"
        warnings.append(
            f"possible keyword stuffing: {more}{chars} characters of text {description} "
            f'on {where}: "{shown}"'
        )
    return warnings


_PDF_READERS: dict[str, Callable[[Path, bytes, str | None, Limits, list[str]], list[str]]] = {
    "pdfminer": _read_pdf_pdfminer,
    "pdfium": _read_pdf_pdfium,
}


# --- DOCX ------------------------------------------------------------------------------

#: What a broken zip archive makes zipfile (and python-docx reading through it) raise.
_ZIP_FAILURES: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
    ValueError,
    struct.error,
    zlib.error,
    OSError,
)
#: Most members of a DOCX archive (a resume has a few dozen).
_MAX_DOCX_MEMBERS = 5_000
#: Other zip-based formats, by a member only they have.
_ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument file (.odt)"),
)


def _check_zip(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse archives that are no Word document, or that expand too much (zip bombs).

    The sizes checked are those the archive declares; zipfile never inflates a member past
    its declared size (it stops there and fails the CRC), so they are a real bound.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _MAX_DOCX_MEMBERS:
                raise InputError(path, f"refused: the archive holds {len(members)} members")
            names = {m.filename for m in members}
            if "word/document.xml" not in names:
                kind = next((k for n, k in _ZIP_KINDS if n in names), "a zip archive")
                raise InputError(
                    path, f"unsupported format: {kind}, not a Word document ({READABLE})"
                )
            if any(m.flag_bits & 0x1 for m in members):
                raise InputError(
                    path, "encrypted zip archive: save the document without a password"
                )
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1_000_000 and ratio > limits.max_docx_ratio:
                    raise InputError(
                        path,
                        f"refused: {member.filename} expands {ratio:.0f}x (zip bomb?; the "
                        f"limit is {limits.max_docx_ratio:g}x, see --max-ratio)",
                    )
            if total > limits.max_docx_uncompressed:
                raise InputError(
                    path,
                    f"refused: uncompressed size {total} bytes exceeds "
                    f"{limits.max_docx_uncompressed} (zip bomb?; see --max-unzipped)",
                )
            # python-docx's parser does not expand entities, but a declaration has no
            # business in a Word document: billion laughs, external files.
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _ENTITY_DECL.search(
                    archive.read(member)
                ):
                    raise InputError(
                        path,
                        f"refused: {member.filename} declares XML entities or a DOCTYPE "
                        "(an XML bomb or external-entity attack)",
                    )
    except InputError:
        raise
    except _ZIP_FAILURES as exc:
        raise InputError(path, f"corrupt DOCX (broken zip archive: {_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:79] + "…"


_ENTITY_DECL = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def _read_docx(path: Path, data: bytes, limits: Limits) -> str:
    _check_zip(path, data, limits)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    failures: tuple[type[BaseException], ...] = (
        PackageNotFoundError,
        KeyError,
        AttributeError,
        TypeError,
        IndexError,
        *_ZIP_FAILURES,
    )
    try:
        document = docx.Document(io.BytesIO(data))
        return _docx_text(document.element.body)
    except failures as exc:
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__}: {_short(exc)})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        if type(exc).__module__.startswith("lxml"):
            raise InputError(path, f"corrupt DOCX (bad XML: {_short(exc)})") from None
        raise


def _docx_text(body: Any) -> str:
    lines: list[str] = []
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if _is(t, "}t")))
        elif tag == "tbl":
            for row in block.iter():
                if not _is(row, "}tr"):
                    continue
                cells = []
                for cell in row.iterchildren():
                    if _is(cell, "}tc"):
                        cells.append(
                            " ".join(
                                "".join(t.text or "" for t in p.iter() if _is(t, "}t"))
                                for p in cell.iter()
                                if _is(p, "}p")
                            ).strip()
                        )
                lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines)


def _is(element: Any, suffix: str) -> bool:
    # Comments and processing instructions have a function, not a string, as their tag.
    return isinstance(element.tag, str) and bool(element.tag.endswith(suffix))


# --- Text and Markdown -------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    text = _decode(path, data, warnings)
    if _control_share(text) > 0.05:
        raise InputError(path, "binary data, not text (control characters throughout)")
    replaced = text.count("\ufffd")
    if replaced:
        warnings.append(f"{replaced} undecodable characters replaced")
    return text


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    sample = data[:65536]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"decoded as {utf16.upper()} (no byte order mark)")
                return text
        raise InputError(path, "binary data, not text (it holds NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        warnings.append("decoded as cp1252 (not UTF-8)")
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "unknown text encoding or binary data: save it as UTF-8")
    warnings.append(f"decoded as {best.encoding} (not UTF-8)")
    return str(best)


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1) text with a few accented letters: the usual
    non-UTF-8 English resume. Guessing on a short text, charset-normalizer picks an
    unrelated code page as often as not ("Zürich" read as cp775 gives "Z³rich")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text if non_ascii <= 0.1 * len(text) else None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of mostly Latin text: one byte of every pair is NUL, always the same one."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 2:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.5 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.5 and odd_nul < 0.05:
        return "utf-16-be"
    return None


#: Markdown markers to drop. No pattern may scan past the next opening marker of its own
#: kind (a "[" in link text, a "<" in a tag, a "**" in bold text): otherwise a line of a
#: million "[" is rescanned from each of them, in quadratic time.
_MD_RULES = (
    (re.compile(r"^ {0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s+", re.M), "• "),
    (re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
    (re.compile(r"^ {0,3}>\s?", re.M), ""),
    (re.compile(r"<[^<>\n]+>"), ""),
)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: markers go, words stay (link text, emphasis, code spans)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text

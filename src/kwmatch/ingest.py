"""Ingest: a path in, a :class:`Document` (raw text per page) out.

The only module that imports the PDF engines (pdfminer.six, pypdfium2), python-docx and
charset-normalizer. Every parser failure is turned here into an :class:`InputError` that
names the file, so that malformed input never surfaces as a traceback.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from kwmatch.errors import InputError

PdfEngine = Literal["pdfminer", "pdfium", "auto"]
PDF_ENGINES: tuple[str, ...] = ("pdfium", "pdfminer", "auto")
#: The engine used when none is asked for; chosen from measurements (bench/RESULTS.md).
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"

FORMATS = ("pdf", "docx", "txt", "md")


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from exhausting time or memory."""

    max_bytes: int = 20 * 1024 * 1024
    """Largest input file read, in bytes."""
    max_pages: int = 50
    """Most PDF pages read; a longer document is refused (resumes are short)."""
    max_chars: int = 2_000_000
    """Most characters kept from one document; the rest is cut with a warning."""
    max_docx_uncompressed: int = 100 * 1024 * 1024
    """Largest total uncompressed size of a DOCX archive (zip bombs)."""
    max_docx_ratio: float = 200.0
    """Largest compression ratio of any DOCX member (zip bombs)."""


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
    """Things the user should know about the extraction (cut text, odd encodings...)."""


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the format from the first bytes, falling back on the name for text."""
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and path.suffix.lower() == ".pdf"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        raise InputError(path, "unsupported format (legacy .doc or RTF); save it as DOCX or PDF")
    if path.suffix.lower() in (".md", ".markdown"):
        return "md"
    if path.suffix.lower() == ".pdf":
        raise InputError(path, "not a PDF file (no %PDF header): corrupt or misnamed")
    if path.suffix.lower() == ".docx":
        raise InputError(path, "not a DOCX file (not a zip archive): corrupt or misnamed")
    return "txt"


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
    fmt = sniff_format(path, data[:2048])
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    engine: str | None = None
    if fmt == "pdf":
        engine = "pdfium" if pdf_engine == "auto" else pdf_engine
        reader = _PDF_READERS[engine]
        pages = reader(path, data, password, limits)
    elif fmt == "docx":
        pages = [_read_docx(path, data, limits)]
    else:
        text = _decode_text(path, data, warnings)
        pages = [strip_markdown(text) if fmt == "md" else text]
    total = sum(len(p) for p in pages)
    if total > limits.max_chars:
        warnings.append(f"text cut to the first {limits.max_chars} characters of {total}")
        kept, budget = [], limits.max_chars
        for page in pages:
            kept.append(page[:budget])
            budget = max(0, budget - len(page))
        pages = kept
    if not any(p.strip() for p in pages):
        if fmt == "pdf":
            raise InputError(path, "no extractable text: the PDF looks scanned or image-only")
        raise InputError(path, "no text in the file")
    return Document(
        path=str(path),
        format=fmt,
        sha256=digest,
        pages=tuple(pages),
        engine=engine,
        warnings=tuple(warnings),
    )


def _read_bytes(path: Path, limits: Limits) -> bytes:
    try:
        if path.is_dir():
            raise InputError(path, "is a directory, not a file")
        size = path.stat().st_size
        if size == 0:
            raise InputError(path, "empty file (0 bytes)")
        if size > limits.max_bytes:
            raise InputError(
                path, f"file too large ({size} bytes; the limit is {limits.max_bytes})"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


# --- PDF -------------------------------------------------------------------------------

logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _read_pdf_pdfminer(path: Path, data: bytes, password: str | None, limits: Limits) -> list[str]:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    try:
        count = sum(1 for _ in PDFPage.get_pages(io.BytesIO(data), password=password or ""))
        if count > limits.max_pages:
            raise InputError(path, f"too many pages ({count}; the limit is {limits.max_pages})")
        text = extract_text(io.BytesIO(data), password=password or "")
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(path, _encrypted_message(password)) from None
    except (
        PDFSyntaxError,
        PSException,
        AssertionError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        ZeroDivisionError,
        OverflowError,
    ) as exc:
        raise InputError(path, f"corrupt or truncated PDF ({type(exc).__name__})") from None
    return text.split("\f")[:count] if "\f" in text else [text]


def _encrypted_message(password: str | None) -> str:
    if password:
        return "encrypted PDF: the password given does not open it"
    return "encrypted PDF: give its password with --password"


def _read_pdf_pdfium(path: Path, data: bytes, password: str | None, limits: Limits) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise InputError(path, _encrypted_message(password)) from None
        raise InputError(path, "corrupt or truncated PDF (PDFium cannot open it)") from None
    try:
        count = len(pdf)
        if count > limits.max_pages:
            raise InputError(path, f"too many pages ({count}; the limit is {limits.max_pages})")
        pages = []
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                pages.append(_pdfium_page_text(textpage, page.get_width()))
            finally:
                textpage.close()
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(path, f"corrupt PDF ({exc})") from None
    finally:
        pdf.close()


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


def _pdfium_runs(textpage: Any) -> list[_Run]:
    """Characters grouped into runs by their geometry, with spaces where gaps are.

    PDFium's own text (``get_text_range``) drops the spaces of PDFs that place every
    character on its own (resumes rendered from HTML lose about a quarter of their
    word breaks), so words are rebuilt here from the character boxes, as pdfminer does.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs shift indices: fall back on PDFium's text
        return [_Run(list(text), 0.0, 0.0, 0.0, 0.0)]
    # Loose boxes span the font's ascent to descent: one height for every glyph of a font.
    box = pdfium_c.FS_RECTF()
    box_ref = ctypes.byref(box)
    char_box = pdfium_c.FPDFText_GetLooseCharBox
    glyphs: list[tuple[str, float, float, float, float, bool]] = []
    pending_space = False
    for index, char in enumerate(text):
        if char.isspace():
            pending_space = True
            continue
        char_box(handle, index, box_ref)
        glyphs.append((char, box.left, box.bottom, box.right, box.top, pending_space))
        pending_space = False
    inner_gaps = sorted(
        (b[1] - a[3]) / (a[4] - a[2])
        for a, b in itertools.pairwise(glyphs)
        if not b[5] and a[4] > a[2] and abs(b[2] - a[2]) < 0.1 * (a[4] - a[2]) and b[1] >= a[1]
    )
    typical = inner_gaps[len(inner_gaps) // 2] if inner_gaps else 0.0
    threshold = max(typical, -0.1) + SPACE_GAP
    runs: list[_Run] = []
    run: _Run | None = None
    for char, x0, b, x1, t, spaced in glyphs:
        height = t - b
        if height <= 0 or x1 < x0:
            if run is not None:
                run.text.append(char)
            continue
        if run is not None:
            size = max(run.height, height)
            same_line = abs((b + t) / 2 - (run.bottom + run.top) / 2) < 0.5 * size
            gap = x0 - run.right
            if same_line and -1.5 * size < gap < 2.5 * size:
                if spaced or gap > threshold * size:
                    run.text.append(" ")
                run.text.append(char)
                run.right = max(run.right, x1)
                run.bottom, run.top = min(run.bottom, b), max(run.top, t)
                continue
        run = _Run([char], x0, b, x1, t)
        runs.append(run)
    return runs


def _pdfium_page_text(textpage: Any, page_width: float) -> str:
    """Text of one page in reading order.

    Runs are grouped into lines top to bottom. When the runs leave a clear vertical
    gutter (a two-column resume), the page is read column by column instead: runs that
    cross the gutter (a name banner, a full-width heading) cut the page into bands, and
    each band is read left column first, then right.
    """
    runs = _pdfium_runs(textpage)
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
    best: tuple[int, int, float] | None = None
    lo, hi = int(page_width * 0.25), int(page_width * 0.75)
    for x in range(lo, hi, 2):
        crossing = sum(1 for r in rects if r[0] < x < r[2])
        thinner = min(sum(1 for r in rects if r[2] <= x), sum(1 for r in rects if r[0] >= x))
        if crossing > 0.1 * len(rects) or thinner < 0.15 * len(rects):
            continue
        if best is None or (thinner, -crossing) > (best[0], best[1]):
            best = (thinner, -crossing, float(x))
    if best is None:
        return None
    gutter = best[2]
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


_PDF_READERS: dict[str, Callable[[Path, bytes, str | None, Limits], list[str]]] = {
    "pdfminer": _read_pdf_pdfminer,
    "pdfium": _read_pdf_pdfium,
}


# --- DOCX ------------------------------------------------------------------------------


def _check_zip(path: Path, data: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if "word/document.xml" not in {m.filename for m in members}:
                raise InputError(
                    path, "a zip archive but not a Word document (no word/document.xml)"
                )
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1_000_000 and ratio > limits.max_docx_ratio:
                    raise InputError(
                        path, f"refused: {member.filename} expands {ratio:.0f}x (zip bomb?)"
                    )
            if total > limits.max_docx_uncompressed:
                raise InputError(
                    path,
                    f"refused: uncompressed size {total} bytes exceeds "
                    f"{limits.max_docx_uncompressed} (zip bomb?)",
                )
    except zipfile.BadZipFile:
        raise InputError(path, "corrupt DOCX (broken zip archive)") from None


_ENTITY_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def _read_docx(path: Path, data: bytes, limits: Limits) -> str:
    _check_zip(path, data, limits)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") and _ENTITY_DECL.search(archive.read(name)[:4096]):
                raise InputError(path, f"refused: {name} declares XML entities or a DOCTYPE")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        if type(exc).__module__.startswith("lxml"):
            raise InputError(path, f"corrupt DOCX (bad XML: {exc})") from None
        raise
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if not row.tag.endswith("}tr"):
                    continue
                cells = []
                for cell in row.iterchildren():
                    if cell.tag.endswith("}tc"):
                        cells.append(
                            " ".join(
                                "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                for p in cell.iter()
                                if p.tag.endswith("}p")
                            ).strip()
                        )
                lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines)


# --- Text and Markdown -------------------------------------------------------------------


def _decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    sample = data[:65536]
    if b"\x00" in sample:
        raise InputError(path, "binary data, not text (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "binary data or an unknown text encoding")
    warnings.append(f"decoded as {best.encoding} (not UTF-8)")
    return str(best)


_MD_RULES = (
    (re.compile(r"^ {0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s+", re.M), "• "),
    (re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
    (re.compile(r"^ {0,3}>\s?", re.M), ""),
    (re.compile(r"<[^>\n]+>"), ""),
)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: markers go, words stay (link text, emphasis, code spans)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text

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
    The geometry is worked out with numpy over all characters of the page at once: this
    is the hot loop of the default engine.
    """
    import numpy as np
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # surrogate pairs shift indices: fall back on PDFium's text
        return [_Run(list(text), 0.0, 0.0, 0.0, 0.0)]
    glyph_at = [i for i, char in enumerate(text) if not char.isspace()]
    if not glyph_at:
        return []
    # Loose boxes span the font's ascent to descent: one height for every glyph of a font.
    boxes = (pdfium_c.FS_RECTF * count)()
    char_box = pdfium_c.FPDFText_GetLooseCharBox
    for index in glyph_at:
        char_box(handle, index, boxes[index])
    where = np.asarray(glyph_at)
    left, top, right, bottom = (
        np.frombuffer(boxes, dtype=np.float32).reshape(-1, 4)[where].T.astype(float)
    )
    chars = [text[i] for i in glyph_at]
    spaced = np.zeros(len(where), dtype=bool)
    spaced[1:] = np.diff(where) > 1  # whitespace stood between this glyph and the last
    height = top - bottom
    valid = np.flatnonzero((height > 0) & (right >= left))
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
    after_hyphen = np.array([chars[i] in "-\u2010\u2011" for i in valid[:-1].tolist()], dtype=bool)
    wide = (gap > threshold * size) & ~after_hyphen
    space_before = np.zeros(len(where), dtype=bool)
    space_before[valid[1:]] = joined & (spaced[valid[1:]] | wide)
    starts = np.zeros(len(where), dtype=bool)
    starts[valid[0]] = True
    starts[valid[1:]] = ~joined
    # Glyphs before the first box have no place on the page: they are dropped.
    first = int(valid[0])
    pieces = [" " + c if s else c for c, s in zip(chars, space_before.tolist(), strict=True)]
    run_starts = [*np.flatnonzero(starts).tolist(), len(where)]
    runs = []
    for begin, end in itertools.pairwise(run_starts):
        if end <= first:
            continue
        has_box = valid[(valid >= begin) & (valid < end)]
        runs.append(
            _Run(
                list(pieces[begin:end]),
                float(left[has_box].min()),
                float(bottom[has_box].min()),
                float(right[has_box].max()),
                float(top[has_box].max()),
            )
        )
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

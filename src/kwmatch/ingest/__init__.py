"""Ingest: a path in, a :class:`Document` (raw text per page) out.

The facade of the reading stage: :func:`read_document` reads the bytes under the
:class:`~kwmatch.limits.Limits`, sniffs the format from the content (:mod:`.sniff`), and
hands them to the reader of that format: a PDF engine through the registry of
:mod:`.pdf` (:mod:`.pdfium_engine`, :mod:`.pdfminer_engine`, with :mod:`.layout` and
:mod:`.hidden_text`), :mod:`.docx`, or :mod:`.plain` for text and Markdown. Every parser
failure becomes an :class:`InputError` that names the file, so that malformed input never
surfaces as a traceback.

Hostile input is expected: sizes, pages, characters and DOCX archives are bounded, XML
entities are refused, and PDF text drawn so that a reader cannot see it is reported as a
warning.
"""

from __future__ import annotations

import datetime
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kwmatch.errors import InputError, shown_path
from kwmatch.ingest import pdf, pdfbase, plain
from kwmatch.ingest.pdf import DEFAULT_PDF_ENGINE, PDF_ENGINES, PdfEngine, load_pdf_engines
from kwmatch.ingest.plain import strip_markdown
from kwmatch.ingest.sniff import NAMED, OLE, READABLE, Format, sniff_format
from kwmatch.limits import DEFAULT_LIMITS, Limits, isolated

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_PDF_ENGINE",
    "PDF_ENGINES",
    "READABLE",
    "Document",
    "DocumentFormat",
    "Limits",
    "PdfEngine",
    "document_from_bytes",
    "document_from_text",
    "load_pdf_engines",
    "read_document",
    "sniff_format",
    "strip_markdown",
]

DocumentFormat = Literal[Format, "text"]
#: Bytes of a file's start that the format is sniffed from.
_SNIFFED_BYTES = 2048


@dataclass(frozen=True)
class Document:
    """An input file read into raw text, before normalization."""

    path: str
    """The path as the user gave it."""
    format: DocumentFormat
    """pdf, docx, txt or md: sniffed from the content, not from the name; text for a
    string given to :func:`document_from_text`."""
    sha256: str
    """Hex digest of the file's bytes."""
    pages: tuple[str, ...]
    """Raw text of each page (a single page for formats without pages)."""
    engine: PdfEngine | None = None
    """The PDF engine that read a PDF; None for other formats."""
    warnings: tuple[str, ...] = field(default=())
    """Things the user should know about the extraction (cut text, odd encodings,
    hidden text...)."""
    date: datetime.date | None = None
    """When the file says it was written (a PDF's or DOCX's own modification or creation
    date); None for text, or when the file gives none."""


def read_document(
    path: str | Path,
    *,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read ``path`` into a :class:`Document`; raise :class:`InputError` on any problem."""
    path = Path(path)
    return _document(path, _read_bytes(path, limits), pdf_engine, password, limits)


def document_from_bytes(
    data: bytes,
    name: str,
    *,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
    password: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read a resume's bytes that came from no file (standard input, say) as
    :func:`read_document` reads a file's; ``name`` stands for the path in messages and
    in the report, and its ending tells Markdown from plain text."""
    path = Path(name)
    if not data:
        raise InputError(path, "empty input (0 bytes)")
    if len(data) > limits.max_bytes:
        raise InputError(
            path, f"input too large (the limit is {limits.max_bytes} bytes, see --max-size)"
        )
    return _document(path, data, pdf_engine, password, limits)


def _document(
    path: Path, data: bytes, pdf_engine: PdfEngine, password: str | None, limits: Limits
) -> Document:
    if data.startswith(OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        raise InputError(
            path, "encrypted Office document (a password-protected DOCX): save it without one"
        )
    fmt = sniff_format(path, data[:_SNIFFED_BYTES])
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    named = NAMED.get(path.suffix.lower())
    if named is not None and named != fmt and {named, fmt} != {"txt", "md"}:
        shown = {"pdf": "a PDF", "docx": "a DOCX document", "txt": "plain text", "md": "text"}
        warnings.append(
            f"read as {fmt.upper()}: the file holds {shown[fmt]} although its name ends "
            f"in {path.suffix}"
        )
    engine: PdfEngine | None = None
    date: datetime.date | None = None
    if fmt == "pdf":
        engine = pdf_engine
        load_pdf_engines(engine)  # imported before the reading process starts
        arguments = (path, data, engine, password, limits)
        read = isolated(pdf.read_pdf, arguments, path, limits)
        pages, date = list(read.pages), read.date
        warnings.extend(read.warnings)
    elif fmt == "docx":
        from kwmatch.ingest import docx

        text, hidden, date = isolated(docx.read, (path, data, limits), path, limits)
        pages = [text]
        warnings.extend(hidden)
    else:
        text = plain.decode_text(path, data, warnings)
        pages = [plain.strip_markdown(text) if fmt == "md" else text]
    pages = _cut(pages, limits, warnings)
    if not any(p.strip() for p in pages):
        if fmt == "pdf":
            if not pages:
                raise InputError(path, "the PDF has no pages")
            if pdfbase.looks_truncated(data):
                raise InputError(
                    path, "no extractable text: the PDF looks truncated (no end-of-file marker)"
                )
            raise InputError(
                path, "no extractable text: the PDF looks scanned or image-only (run OCR first)"
            )
        raise InputError(path, "no text in the file")
    return Document(
        path=shown_path(path),
        format=fmt,
        sha256=digest,
        pages=tuple(pages),
        engine=engine,
        warnings=tuple(warnings),
        date=date,
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

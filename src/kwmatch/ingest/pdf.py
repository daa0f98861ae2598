"""PDF: the engine registry.

An engine is a module with ``read(path, data, password, limits) -> PdfText``. The engines
are imported when first used (their libraries cost start-up time that a DOCX or a text
resume need not pay), all here: :func:`read_pdf` is the one way in.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Literal, Protocol, cast, get_args

from kwmatch.ingest.hidden_text import warnings_about
from kwmatch.ingest.pdfbase import PdfText
from kwmatch.ingest.pdfscan import check_streams
from kwmatch.limits import Limits

PdfEngine = Literal["pdfium", "pdfminer"]
#: Every engine, the default first.
PDF_ENGINES: tuple[PdfEngine, ...] = get_args(PdfEngine)
#: The engine used when none is asked for; chosen from measurements (bench/RESULTS.md).
DEFAULT_PDF_ENGINE: PdfEngine = "pdfium"


class _Engine(Protocol):
    def read(self, path: Path, data: bytes, password: str | None, limits: Limits) -> PdfText:
        """Read ``data`` (the bytes of ``path``)."""


def engine_module(name: PdfEngine) -> _Engine:
    """The module of an engine, imported on first use."""
    return cast(_Engine, importlib.import_module(f"kwmatch.ingest.{name}_engine"))


def load_pdf_engines(pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> None:
    """Import the libraries ``pdf_engine`` reads with (PDFium is needed by both engines:
    it runs the hidden-text check of PDFs that pdfminer read), so that a process can load
    them before it caps its own memory."""
    engine_module("pdfium")
    engine_module(pdf_engine)


def read_pdf(
    path: Path, data: bytes, engine: PdfEngine, password: str | None, limits: Limits
) -> PdfText:
    """Read a PDF with ``engine``, after the checks no engine makes: the total size its
    streams inflate to, and (PDFium does it for itself) its page sizes. Where that
    engine only noticed possibly hidden text, PDFium's walk over the page objects says
    what is hidden and why, and the file is read again without it (hidden words never
    add to a score)."""
    from kwmatch.ingest import pdfium_engine

    check_streams(path, data, limits)
    if engine != "pdfium":
        pdfium_engine.check_page_boxes(path, data, password, limits)
    text = engine_module(engine).read(path, data, password, limits)
    if not text.may_hide_text:
        return text

    hidden = pdfium_engine.hidden_text(data, password)
    if not hidden:
        return PdfText(text.pages, text.warnings, date=text.date)
    from kwmatch.ingest import pdfminer_engine

    clean = pdfminer_engine.read(path, data, password, limits, drop=hidden)
    return PdfText(clean.pages, (*clean.warnings, *warnings_about(hidden)), date=clean.date)

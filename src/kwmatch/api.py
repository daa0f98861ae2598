"""The library's front door: the pipeline from a path (or a string) to a :class:`Report`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kwmatch.ingest import (
    DEFAULT_LIMITS,
    DEFAULT_PDF_ENGINE,
    Document,
    Limits,
    PdfEngine,
    read_document,
)
from kwmatch.match import Matcher
from kwmatch.nlp import get_pipeline
from kwmatch.report import Report, build_report
from kwmatch.score import score
from kwmatch.taxonomy import Taxonomy, load_taxonomy
from kwmatch.text import clean


@dataclass(frozen=True)
class Options:
    """How to read and report one input."""

    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    """PDF engine: pdfium (fast, default), pdfminer (layout analysis) or auto."""
    password: str | None = None
    """Password for encrypted PDFs."""
    limits: Limits = DEFAULT_LIMITS
    """Size, page and archive limits."""
    redact: bool = False
    """Mask emails, phone numbers and URLs in snippets."""


class Scorer:
    """A taxonomy compiled once, scoring any number of resumes."""

    def __init__(self, taxonomy: Taxonomy | str | Path | None = None) -> None:
        self.taxonomy = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
        self.pipeline = get_pipeline()
        self.matcher = Matcher(self.taxonomy, self.pipeline)

    def score_document(self, document: Document, options: Options = Options()) -> Report:
        """Score a document that is already read."""
        clean_text = clean(document.pages, self.pipeline.is_english_word)
        matches = self.matcher.match(clean_text)
        scores = score(self.taxonomy, matches)
        return build_report(
            document, clean_text, matches, scores, self.taxonomy, hide_personal=options.redact
        )

    def score_file(self, path: str | Path, options: Options = Options()) -> Report:
        """Read and score one resume file (PDF, DOCX, TXT or Markdown)."""
        document = read_document(
            path, pdf_engine=options.pdf_engine, password=options.password, limits=options.limits
        )
        return self.score_document(document, options)

    def score_text(self, text: str, name: str = "<text>", options: Options = Options()) -> Report:
        """Score resume text given as a string."""
        document = Document(
            path=name,
            format="text",
            sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            pages=(text,),
        )
        return self.score_document(document, options)


@lru_cache(maxsize=4)
def _scorer(taxonomy: str | None) -> Scorer:
    return Scorer(taxonomy)


def score_file(
    path: str | Path, taxonomy: str | Path | None = None, options: Options = Options()
) -> Report:
    """Score one resume file against a taxonomy (default: the shipped ML engineer)."""
    return _scorer(None if taxonomy is None else str(taxonomy)).score_file(path, options)


def score_text(
    text: str, taxonomy: str | Path | None = None, options: Options = Options()
) -> Report:
    """Score resume text against a taxonomy (default: the shipped ML engineer)."""
    return _scorer(None if taxonomy is None else str(taxonomy)).score_text(text, options=options)

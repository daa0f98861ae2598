"""The library's front door: the pipeline from a path (or a string) to a :class:`Report`."""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from kwmatch.history import WorkHistory
from kwmatch.ingest import (
    DEFAULT_PDF_ENGINE,
    Document,
    PdfEngine,
    document_from_text,
    read_document,
)
from kwmatch.judge import Judgement, judge
from kwmatch.limits import DEFAULT_LIMITS, Limits, bounded
from kwmatch.match import Match, Matcher
from kwmatch.nlp import get_pipeline
from kwmatch.report import Report, build_report, redact
from kwmatch.requirements import RequirementResult, check_requirements
from kwmatch.taxonomy import Taxonomy, load_taxonomy
from kwmatch.text import CleanText, clean
from kwmatch.trace import Trace


@dataclass(frozen=True)
class Options:
    """How to read and report one input."""

    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE
    """PDF engine: pdfium (fast, default) or pdfminer (layout analysis)."""
    password: str | None = None
    """Password for encrypted PDFs."""
    limits: Limits = DEFAULT_LIMITS
    """Size, page and archive limits."""
    redact: bool = False
    """Mask emails, phone numbers and URLs in snippets."""
    as_of: datetime.date | None = None
    """The reading date "Present" is resolved against at most (the resume's own date of
    writing comes first, see :func:`kwmatch.seniority.written_date`); None for the
    document's own date when it has a plausible one, else today."""


@dataclass(frozen=True)
class Analysis:
    """What the stages of scoring found in one document, before the report."""

    document: Document
    """The document as read (its warnings redacted with ``--redact``)."""
    clean: CleanText
    matches: list[Match]
    judgement: Judgement


class Scorer:
    """A taxonomy compiled once, scoring any number of resumes."""

    def __init__(self, taxonomy: Taxonomy | str | Path | None = None) -> None:
        with _collection_paused():
            self.taxonomy = taxonomy if isinstance(taxonomy, Taxonomy) else load_taxonomy(taxonomy)
            self.pipeline = get_pipeline()
            self.matcher = Matcher(self.taxonomy, self.pipeline)

    @classmethod
    def from_job(cls, posting: str | Path, *, pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE) -> Scorer:
        """A scorer for a job posting (PDF, DOCX, TXT or Markdown), its taxonomy drafted
        by :func:`kwmatch.draft.extract` (required and preferred groups, or levels)."""
        from kwmatch.draft import extract

        return cls(extract(posting, pdf_engine=pdf_engine).taxonomy)

    def is_word(self, word: str) -> bool:
        """A word of English or of the taxonomy: decides whether a hyphen at a line end
        joins two words ("scikit-" / "learn" stays "scikit-learn", "Kuber-" / "netes"
        becomes "Kubernetes")."""
        return self.pipeline.is_english_word(word) or self.matcher.knows(word)

    def analyse(
        self, document: Document, options: Options = Options(), trace: Trace | None = None
    ) -> Analysis:
        """The stages of scoring a read document, before the report: the clean text, the
        hits and the judgement. A ``trace`` records the refused candidates as well
        (:mod:`kwmatch.explain`); the hits are the same without one."""
        if options.redact and document.warnings:  # a hidden-text sample may hold an email
            document = replace(document, warnings=tuple(map(redact, document.warnings)))
        clean_text = clean(document.pages, self.is_word)
        matches = self.matcher.match(clean_text, trace=trace)
        judged = judge(
            clean_text,
            matches,
            self.taxonomy,
            document_date=document.date,
            as_of=options.as_of,
            name=document.path,
        )
        return Analysis(document, clean_text, matches, judged)

    def score_document(self, document: Document, options: Options = Options()) -> Report:
        """Score a document that is already read."""
        found = self.analyse(document, options)
        return build_report(
            found.document,
            found.clean,
            found.matches,
            found.judgement.scores,
            self.taxonomy,
            hide_personal=options.redact,
            judgement=found.judgement,
            requirements=_checked_requirements(self.taxonomy, found.judgement.history),
        )

    def score_file(self, path: str | Path, options: Options = Options()) -> Report:
        """Read and score one resume file (PDF, DOCX, TXT or Markdown), under the guards
        of :func:`kwmatch.limits.bounded`: reading and scoring stop after
        ``options.limits.timeout`` seconds, and running out of memory fails this file,
        not the process."""
        with bounded(path, options.limits):
            return self.score_document(_read(path, options), options)

    def score_read(self, document: Document, options: Options = Options()) -> Report:
        """Score a document that :func:`read_file` read (in this process or another),
        under the same time and memory guards as :meth:`score_file`."""
        with bounded(document.path, options.limits):
            return self.score_document(document, options)

    def score_text(self, text: str, name: str = "<text>", options: Options = Options()) -> Report:
        """Score resume text given as a string."""
        document = document_from_text(text, name, limits=options.limits)
        return self.score_document(document, options)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while the block runs (then as it was before).

    Importing spaCy and building the pipeline allocate some 80,000 long-lived objects;
    the collector walks them a few hundred times on the way, a tenth of a second of a
    start-up that every ``kwmatch score`` pays. They make no cycles worth collecting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _checked_requirements(
    taxonomy: Taxonomy, history: WorkHistory
) -> list[RequirementResult] | None:
    """A posting's years, degree and seniority checked against the resume's work history
    (the judgement's: "Present" is when the resume was written), None when the taxonomy
    asks none."""
    if not taxonomy.requirements:
        return None
    return check_requirements(taxonomy.requirements, history)


def _read(path: str | Path, options: Options) -> Document:
    return read_document(
        path, pdf_engine=options.pdf_engine, password=options.password, limits=options.limits
    )


def read_file(path: str | Path, options: Options = Options()) -> Document:
    """Read a resume file into raw text, under the time and memory guards of
    :meth:`Scorer.score_file`; needs no scorer (no spaCy, no taxonomy)."""
    with bounded(path, options.limits):
        return _read(path, options)


#: The scorers this process built, by taxonomy (a file or shipped name; None: the
#: default): the one cache that :func:`score_file`, :func:`score_text` and every batch
#: worker share.
_SCORERS: dict[str | None, Scorer] = {}


def cached_scorer(taxonomy: str | Path | None = None) -> Scorer:
    """The scorer for ``taxonomy``, built once per process."""
    key = None if taxonomy is None else str(taxonomy)
    scorer = _SCORERS.get(key)
    if scorer is None:
        scorer = _SCORERS[key] = Scorer(key)
    return scorer


def score_file(
    path: str | Path, taxonomy: str | Path | None = None, options: Options = Options()
) -> Report:
    """Score one resume file against a taxonomy (default: the shipped ML engineer)."""
    return cached_scorer(taxonomy).score_file(path, options)


def score_text(
    text: str, taxonomy: str | Path | None = None, options: Options = Options()
) -> Report:
    """Score resume text against a taxonomy (default: the shipped ML engineer)."""
    return cached_scorer(taxonomy).score_text(text, options=options)

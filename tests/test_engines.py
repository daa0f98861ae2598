"""The two PDF engines feed the matcher the same text, and read two columns in order."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kwmatch.api import Options, Scorer
from kwmatch.ingest import read_document
from kwmatch.text import clean

ENGINES = ("pdfium", "pdfminer")

LEFT = [
    "SKILLS",
    "Python, SQL, PyTorch",
    "Docker and Kubernetes",
    "EDUCATION",
    "MSc Computer Science",
]
RIGHT = [
    "EXPERIENCE",
    "Deployed models to production with",
    "Kuber-",
    "netes and monitored their drift.",
    "Ran A/B tests on ranking changes.",
    "Mentored two junior engineers.",
]


def write_pdf(
    path: Path, columns: list[tuple[float, list[str]]], *, banner: str | None = None
) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    top = height - 72
    if banner:
        page.setFont("Helvetica-Bold", 18)
        page.drawString(72, top, banner)
        top -= 40
    page.setFont("Helvetica", 11)
    for x, lines in columns:
        y = top
        for line in lines:
            page.drawString(x, y, line)
            y -= 16
    page.save()
    return path


def words(path: Path, engine: str, scorer: Scorer) -> list[str]:
    document = read_document(path, pdf_engine=engine)  # type: ignore[arg-type]
    return clean(document.pages, scorer.pipeline.is_english_word).text.split()


@pytest.fixture()
def single(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "single.pdf", [(72, LEFT + RIGHT)])


@pytest.fixture()
def two_columns(tmp_path: Path) -> Path:
    return write_pdf(
        tmp_path / "two.pdf", [(60, LEFT), (250, RIGHT)], banner="Ada Example, Engineer"
    )


def test_engines_give_the_same_words(single: Path, scorer: Scorer) -> None:
    by_engine = {engine: words(single, engine, scorer) for engine in ENGINES}
    assert by_engine["pdfium"] == by_engine["pdfminer"]
    assert "Kubernetes" in by_engine["pdfium"]  # the line-break hyphen is gone in both


@pytest.mark.parametrize("engine", ENGINES)
def test_two_columns_come_out_in_reading_order(
    two_columns: Path, engine: str, scorer: Scorer
) -> None:
    text = " ".join(words(two_columns, engine, scorer))
    assert text.index("Ada Example") < text.index("SKILLS")
    # The left column is read whole before the right one starts: lines never interleave.
    assert text.index("Python, SQL") < text.index("Docker and") < text.index("MSc Computer")
    assert text.index("MSc Computer") < text.index("EXPERIENCE") or text.index(
        "Mentored"
    ) < text.index("SKILLS")
    assert "Deployed models to production with Kubernetes and monitored" in text


def test_two_columns_find_the_same_concepts_as_one(
    single: Path, two_columns: Path, scorer: Scorer
) -> None:
    found = {}
    for name, path in (("single", single), ("two", two_columns)):
        for engine in ENGINES:
            report = scorer.score_file(path, Options(pdf_engine=engine))  # type: ignore[arg-type]
            found[(name, engine)] = {m["concept"] for m in report.data["matched"]}
    reference = found[("single", "pdfminer")]
    assert {
        "python",
        "sql",
        "pytorch",
        "docker",
        "kubernetes",
        "model-deployment",
        "ab-testing",
    } <= reference
    assert all(concepts == reference for concepts in found.values()), found


def test_engine_match_counts_agree_on_the_examples(scorer: Scorer) -> None:
    from .conftest import EXAMPLES

    counts = {}
    for engine in ENGINES:
        report = scorer.score_file(
            EXAMPLES / "ml_engineer_two_column.pdf", Options(pdf_engine=engine)
        )  # type: ignore[arg-type]
        counts[engine] = Counter(m["concept"] for m in report.data["matches"])
    assert set(counts["pdfium"]) == set(counts["pdfminer"])


def test_corpus_two_column_template_equals_single_column(corpus: Path, scorer: Scorer) -> None:
    folder = corpus / "pdf"
    for engine in ENGINES:
        concepts = [
            {
                m["concept"]
                for m in scorer.score_file(folder / name, Options(pdf_engine=engine)).data[
                    "matched"
                ]
            }  # type: ignore[arg-type]
            for name in (
                "resume_matcher_tpl_single-column.pdf",
                "resume_matcher_tpl_two-column.pdf",
            )
        ]
        assert concepts[0] == concepts[1], (engine, concepts[0] ^ concepts[1])


def test_pdfminer_debug_logging_is_muted_only_while_it_reads() -> None:
    # kwmatch mutes pdfminer's per-token debug calls during a read; the loggers are
    # restored afterwards, and a logger someone turned to DEBUG keeps logging.
    import logging
    from dataclasses import replace

    from kwmatch.limits import DEFAULT_LIMITS

    from .conftest import EXAMPLES

    parser_log = logging.getLogger("pdfminer.psparser")
    listened = logging.getLogger("pdfminer.pdfinterp")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    listened.addHandler(handler)
    listened.setLevel(logging.DEBUG)
    try:
        in_process = replace(DEFAULT_LIMITS, isolate=False)  # the records stay in this process
        read_document(
            EXAMPLES / "ml_engineer_two_column.pdf", pdf_engine="pdfminer", limits=in_process
        )
    finally:
        listened.removeHandler(handler)
        listened.setLevel(logging.NOTSET)
    assert "debug" not in vars(parser_log) and "debug" not in vars(listened)
    assert any(r.levelno == logging.DEBUG for r in records)

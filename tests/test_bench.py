"""The benchmark runs end to end (on 3 files), so that it cannot rot between full runs.

No timing is asserted here: speed is judged by bench/run.py's ratios, never by tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_benchmark_smoke_run(corpus: Path, tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    run = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--smoke",
            "--corpus",
            str(corpus),
            "--results",
            str(results),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = results.read_text()
    for heading in (
        "### Accuracy",
        "### Speed",
        "### Memory",
        "### Near the floor",
        "### Cost growth",
        "### Ranking",
        "### Targets",
    ):
        assert heading in report
    for figure in (
        "| pdfium | kwmatch |",
        "| pdfminer | naive |",
        "bare pdfminer extract_text",
        "one-file score / import spacy",
        "ranking AUC",
        "| fuzzy |",
        "| judge |",
        "| PDFium text extraction (pypdfium2) |",
        "per-file CPU, batch --jobs 1 / PDFium text extraction",
        "ms per page",
        "ms per file",
        "peak RSS per worker at",
        "2 workers / 1 worker on",
    ):
        assert figure in report, figure
    assert (REPO / "bench" / "RESULTS.md").read_text() != report  # the smoke run left it alone


def test_benchmark_without_corpus_says_so(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--smoke", "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0
    assert "corpus is not at" in run.stderr

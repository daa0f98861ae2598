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


def test_the_committed_report_names_files_and_quotes_none_of_their_words() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec and spec.loader
    bench_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_run)
    lines = [
        "- FN mentoring              livecareer/X/1.pdf: Coached the new hires on the till",
        "- FP hiring                 pdf/made_up.pdf: Interviewed the mayor for the paper",
        "- FN docker                 github/someone.pdf: Docker and more",
        "  - 0.347 BANKING/123: BRANCH MANAGER",
        "| docker | 1.00 | 1.00 |",
    ]
    kept = bench_run._shareable(lines)
    assert kept[:2] == [
        "- FN mentoring              livecareer/X/1.pdf",
        "- FP hiring                 pdf/made_up.pdf",
    ]
    assert "  - 0.347 BANKING/123" in kept and "| docker | 1.00 | 1.00 |" in kept
    assert not any("someone" in line or "Coached" in line or "MANAGER" in line for line in kept)
    assert any(line.startswith("- (errors on resumes under github/ left out") for line in kept)

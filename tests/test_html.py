"""The HTML report and the batch page: self-contained, escaped, and holding what a reader
acts on. The resume lines and the taxonomy here are written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from kwmatch.api import Options, Scorer
from kwmatch.cli import app
from kwmatch.render import render
from kwmatch.render.html import render_batch_html

HOSTILE = '<script>alert(1)</script>"onload=alert(2) x="'

RESUME = f"""\
Robin Example
EXPERIENCE
Machine Learning Engineer, Example Analytics, Jan 2019 - Present
- Trained deep learning models in Python with PyTorch; {HOSTILE}
- Deployed models with Docker on AWS. Reach me at robin@example.com or +1 555 123 4567.
SKILLS
Kubernetes, SQL
"""

TAXONOMY = f"""\
kind: kwmatch-taxonomy
version: 1
id: hostile
title: 'Role {HOSTILE.replace("'", "''")}'
concepts:
  - id: python
    label: 'Python {HOSTILE.replace("'", "''")}'
    aliases: [Python]
  - id: docker
    label: Docker
  - id: kubernetes
    label: Kubernetes
  - id: rust
    label: '<img src=x onerror=alert(3)>'
    aliases: [Rust]
groups:
  required:
    label: Required
    responsibilities:
      - id: build
        text: 'Build <b onload="x">things</b>'
        concepts: [python, docker, kubernetes, rust]
"""


def _html(scorer: Scorer, text: str = RESUME, *, redact: bool = False) -> str:
    report = scorer.score_text(text, "resume.txt", Options(redact=redact))
    return render(report, "html")


def test_self_contained_no_network() -> None:
    scorer = Scorer()
    page = _html(scorer)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert "<script" not in page  # the single report needs none
    assert "default-src 'none'" in page


def test_every_string_from_a_resume_or_taxonomy_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    scorer = Scorer(path)
    single = _html(scorer)
    batch = render_batch_html(
        [{"path": "resume.txt", "report": scorer.score_text(RESUME, "resume.txt").data}],
        "overall",
    )
    for page in (single, batch):
        assert "<script>alert" not in page
        assert '"onload=' not in page and "<b onload" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&#34;onload=alert(2)" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in single  # the missing label, as text
    assert "Build &lt;b onload=&#34;x&#34;&gt;things&lt;/b&gt;" in single


def test_redact_is_honoured_in_the_page() -> None:
    scorer = Scorer()
    plain, masked = _html(scorer), _html(scorer, redact=True)
    assert "robin@example.com" in plain and "Robin Example" in plain
    assert "robin@example.com" not in masked and "555 123 4567" not in masked
    assert "Robin Example" not in masked  # the name from the first line
    assert "[email]" in masked


def test_the_page_holds_charts_gaps_evidence_and_warnings() -> None:
    scorer = Scorer()
    report = scorer.score_text(RESUME, "resume.txt")
    report.data["input"]["warnings"].append("possible keyword stuffing: white text on page 1")
    page = render(report, "html")
    assert page.count('<svg class="chart"') == 3  # levels, specializations, fit parts
    assert 'role="alert"' in page and "white text on page 1" in page
    assert "Fit bands: strong 60%+" in page
    assert "Kubernetes" in page and "listed, not shown at work" in page
    assert "<mark>PyTorch</mark>" in page
    levels = re.search(r'aria-label="Coverage per level".*?</svg>', page, re.S)
    assert levels is not None and levels.group(0).count('class="bar"') == 3


def test_batch_writes_one_page_with_a_row_per_candidate(tmp_path: Path) -> None:
    for name, extra in (("a.txt", ""), ("b.txt", "- Ran Spark jobs on Kubernetes.\n")):
        (tmp_path / name).write_text(RESUME.replace("SKILLS", extra + "SKILLS"), "utf-8")
    out = tmp_path / "ranking.html"
    result = CliRunner().invoke(
        app, ["batch", str(tmp_path / "*.txt"), "--html", str(out), "-q", "-j", "1"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    rows = re.findall(r'<tr data-level="[^"]*" data-specialization="[^"]*">', page)
    assert len(rows) == 2
    assert page.count('<section class="candidate" id="candidate-') == 2
    assert 'href="#candidate-1"' in page and 'href="#candidate-2"' in page
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", page)

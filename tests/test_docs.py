"""README tells the truth: its command block is what `kwmatch --help` prints, every
command is documented, its JSON excerpt is what `score --format json` prints, and every
command line it shows runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kwmatch.api import Scorer
from kwmatch.cli import app

from .conftest import EXAMPLES, REPO


def test_readme_help_block_matches_the_real_help() -> None:
    readme = (REPO / "README.md").read_text()
    block = re.search(r"<!-- help:start -->\n```\n(.*?)```\n<!-- help:end -->", readme, re.S)
    assert block, "README lost its help block"
    result = CliRunner().invoke(app, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    assert block.group(1).strip() == result.stdout.strip()


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    commands = re.findall(r"^  (\w+) {2,}", CliRunner().invoke(app, ["--help"]).stdout, re.M)
    assert {"score", "batch", "schema", "check", "taxonomy"} <= set(commands)
    for command in commands:
        assert f"kwmatch {command}" in readme, command


def test_readme_lists_every_exit_code() -> None:
    readme = (REPO / "README.md").read_text()
    for code in range(6):
        assert re.search(rf"^\| {code} \|", readme, re.M), code


# --- README's JSON excerpt is what the command prints ----------------------------------

ELIDED = "…"


def _agrees(excerpt: Any, real: Any, where: str = "") -> list[str]:
    """Where ``excerpt`` differs from ``real``: "…" stands for any value (or, in a list,
    for the elements left out); a dict shows some of the keys, a list some elements."""
    if excerpt == ELIDED:
        return []
    if isinstance(excerpt, dict):
        if not isinstance(real, dict):
            return [f"{where}: not an object"]
        problems = []
        for key, value in excerpt.items():
            if key not in real:
                problems.append(f"{where}/{key}: the report has no such key")
            else:
                problems += _agrees(value, real[key], f"{where}/{key}")
        return problems
    if isinstance(excerpt, list):
        if not isinstance(real, list):
            return [f"{where}: not a list"]
        shown = [item for item in excerpt if item != ELIDED]
        if ELIDED not in excerpt and len(shown) != len(real) and not isinstance(shown[0], dict):
            return [f"{where}: {len(real)} items, the excerpt shows {len(shown)} without '…'"]
        return [
            f"{where}: no item like {item!r}"
            for item in shown
            if not any(not _agrees(item, candidate) for candidate in real)
        ]
    return [] if excerpt == real else [f"{where}: README says {excerpt!r}, kwmatch {real!r}"]


def test_readme_json_excerpt_is_what_kwmatch_prints(
    scorer: Scorer, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO / "README.md").read_text()
    section = readme.split("## The report", 1)[1]
    excerpt = json.loads(re.search(r"```json\n(.*?)```", section, re.S).group(1))
    monkeypatch.chdir(REPO)
    real = json.loads(scorer.score_file(excerpt["input"]["path"]).to_json())
    assert _agrees(excerpt, real) == []
    assert set(excerpt) == set(real), "the excerpt shows every top-level key"


def test_the_excerpt_check_catches_a_stale_figure() -> None:
    real = {"scores": {"overall": 0.65, "levels": {"entry": 0.8}}, "matched": [{"id": "aws"}]}
    assert _agrees({"scores": {"overall": 0.65}, "matched": [ELIDED]}, real) == []
    assert _agrees({"scores": {"overall": 0.53}}, real) != []
    assert _agrees({"scores": {"fit": 0.5}}, real) != []
    assert _agrees({"matched": [{"id": "gcp"}]}, real) != []


# --- every documented command line runs --------------------------------------------------

#: README's set-up commands start by installing kwmatch; the tests use this checkout.
INSTALL = re.compile(r"^python3 -m venv \.venv && \. \.venv/bin/activate && pip install \S+ && ")


def _readme_command_lines() -> list[str]:
    readme = (REPO / "README.md").read_text()
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", readme, re.S):
        for line in block.splitlines():
            line = INSTALL.sub("", line.strip())
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def test_readme_command_lines_are_found() -> None:
    lines = _readme_command_lines()
    assert "kwmatch score examples/ml_engineer_two_column.pdf" in lines  # set-up, installed
    assert "python -m pytest" in lines
    assert sum(line.startswith("kwmatch ") for line in lines) >= 10


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder holding what README's command lines name: resume.pdf, resume.txt,
    applications/, and the examples/ of the repository."""
    shutil.copy(EXAMPLES / "ml_engineer_two_column.pdf", tmp_path / "resume.pdf")
    (tmp_path / "resume.txt").write_text(
        "Machine learning engineer. Skills: Python, PyTorch, SQL, Docker, AWS.\n"
        "Built and deployed models; data pipelines with Apache Spark.\n"
    )
    (tmp_path / "applications").mkdir()
    for name in ("ml_engineer_two_column.pdf", "junior_data_analyst.docx", "sales_manager.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / "applications" / name)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("line", _readme_command_lines())
def test_readme_command_line_exits_0(env: dict[str, str], workspace: Path, line: str) -> None:
    if line == "python -m pytest":
        pytest.skip("the test suite itself: .ci/run runs it, test_ci_examples checks the line")
    summary = workspace / "summary.md"
    result = subprocess.run(
        ["bash", "-c", line],
        cwd=workspace,
        env={**env, "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{line}\n{result.stderr}"
    if "GITHUB_STEP_SUMMARY" in line:
        assert summary.read_text().startswith("### kwmatch")


@pytest.mark.slow
def test_readme_python_example_runs(workspace: Path) -> None:
    readme = (REPO / "README.md").read_text()
    code = re.search(r"From Python:\n\n```python\n(.*?)```", readme, re.S).group(1)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workspace,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

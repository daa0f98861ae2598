"""The tables fit the terminal: at 80, 120 and 160 columns no line is longer than the
width and no row wraps; newlines never enter a cell; NO_COLOR and FORCE_COLOR are
honoured; the table shows the band legend, the responsibilities and the ranked gaps, and
the batch table the score it ranks by and a name. Resume lines are written for this test."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.cli import app

from .conftest import REPO

EXAMPLE = str(REPO / "examples" / "ml_engineer_two_column.pdf")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
LONG = "Robin Example\nSKILLS\nPython, " + "a very long list of words that never ends " * 8 + "\n"


def _run(args: list[str], env: dict[str, str]) -> str:
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_table_fits_the_width(width: int) -> None:
    out = _run(["score", EXAMPLE], {"COLUMNS": str(width), "NO_COLOR": "1"})
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    rows = [line for line in lines if line.startswith("│")]
    assert rows and all(line.endswith("│") for line in rows)  # a wrapped row would not
    assert any("…" in line for line in rows) or width > 120  # cut, not wrapped
    for title in ("Coverage", "Responsibilities", "Largest gaps (of ", "Evidence"):
        assert any(line.startswith(title) for line in lines), title
    assert "Fit bands: strong 60%+" in out
    assert re.search(r"\+\d+\.\d points", out)


def test_a_newline_never_enters_a_cell(tmp_path: Path) -> None:
    resume = tmp_path / "r.txt"
    resume.write_text(LONG, encoding="utf-8")
    out = _run(["score", str(resume)], {"COLUMNS": "80", "NO_COLOR": "1"})
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert rows and all(line.endswith("│") and len(line) <= 80 for line in rows)


def test_no_color_and_force_color() -> None:
    assert not ANSI.search(_run(["score", EXAMPLE], {"NO_COLOR": "1"}))
    assert ANSI.search(_run(["score", EXAMPLE], {"FORCE_COLOR": "1"}))
    assert not ANSI.search(_run(["score", EXAMPLE, "--no-color"], {"FORCE_COLOR": "1"}))


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_batch_table_shows_the_score_and_a_name(tmp_path: Path, width: int) -> None:
    folder = tmp_path / "a-folder-with-a-rather-long-name-for-applications"
    folder.mkdir()
    for name in ("ml_engineer_two_column.pdf", "sales_manager.txt"):
        (folder / name).write_bytes((REPO / "examples" / name).read_bytes())
    env = {"COLUMNS": str(width), "NO_COLOR": "1"}
    out = _run(["batch", str(folder), "--rank-by", "fit", "-j", "1"], env)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    header = next(line for line in lines if "Candidate" in line)
    assert header.index("Fit") < header.index("Candidate")
    # the name on the example's first line, and the file's name: what tells candidates apart
    assert ("Lindiwe Marchetti" if width >= 120 else "Lindiwe") in out
    assert "senior" in out
    assert ("ml_engineer_two_column.pdf" if width >= 120 else "column.pdf") in out

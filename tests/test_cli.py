"""The ``kwmatch`` command as a CI pipeline or a person uses it: output formats, files,
thresholds and the exit-code contract (0 ok, 1 threshold, 2 usage, 3 input, 4 taxonomy,
5 batch partial).

Streams: with the installed click (8.2 and later) ``CliRunner()`` always records stdout
and stderr apart (``result.stdout``, ``result.stderr``); ``result.output`` is both
interleaved, as a terminal shows them. The report goes to stdout and every message to
stderr, so the tests read each stream on its own.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import kwmatch
from kwmatch.api import Scorer
from kwmatch.cli import app
from kwmatch.report import validate_report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PDF = EXAMPLES / "ml_engineer_two_column.pdf"
DOCX = EXAMPLES / "junior_data_analyst.docx"
TXT = EXAMPLES / "sales_manager.txt"
ALL_EXAMPLES = [PDF, DOCX, TXT]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {stderr!r}"
    assert lines[0].startswith("kwmatch: error: "), lines[0]
    return lines[0]


def test_runner_keeps_stderr_apart(runner: CliRunner) -> None:
    # The premise of every stream assertion below.
    result = runner.invoke(app, ["score", str(Path("no") / "such.pdf")])
    assert result.stdout == ""
    assert "such.pdf" in result.stderr


@pytest.mark.parametrize("resume", ALL_EXAMPLES, ids=lambda p: p.name)
def test_default_output_is_a_table(runner: CliRunner, resume: Path) -> None:
    result = runner.invoke(app, ["score", str(resume)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    out = result.stdout
    assert f"{resume} vs Machine Learning Engineer: overall coverage" in out
    assert "Coverage" in out and "Evidence" in out
    for row in ("core", "level: entry", "level: mid", "level: senior"):
        assert row in out
    assert "┏" in out  # a drawn table, not JSON
    assert "\x1b[" not in out  # no colour codes when stdout is no terminal


@pytest.mark.parametrize("resume", ALL_EXAMPLES, ids=lambda p: p.name)
def test_json_output_is_a_valid_report(runner: CliRunner, resume: Path) -> None:
    result = runner.invoke(app, ["score", str(resume), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert validate_report(report) == []
    assert report["input"]["path"] == str(resume)
    assert report["input"]["format"] == resume.suffix.lstrip(".")


def test_json_output_is_the_library_report(runner: CliRunner, scorer: Scorer) -> None:
    result = runner.invoke(app, ["score", str(PDF), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == scorer.score_file(PDF).to_json()


def test_markdown_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(PDF), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"### kwmatch: `{PDF}` vs Machine Learning Engineer")
    assert re.search(r"\*\*Overall coverage: \d+%\*\*", out)
    assert "| group | coverage | |" in out
    assert "**Found (" in out and "**Missing (" in out
    assert "Python" in out and "Kubernetes" in out


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(TXT), "--format", "yaml"])
    assert result.exit_code == 2
    assert "yaml" in _one_error_line(result.stderr)
    assert result.stdout == ""


def test_output_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = runner.invoke(app, ["score", str(DOCX), "--format", "json", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    written = json.loads(target.read_text(encoding="utf-8"))
    assert validate_report(written) == []
    assert written["input"]["path"] == str(DOCX)


def test_output_dash_means_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(TXT), "--format", "json", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert validate_report(json.loads(result.stdout)) == []


def test_unmet_threshold_exits_1_and_names_it(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(TXT), "--fail-under", "0.99"])
    assert result.exit_code == 1, result.output
    message = _one_error_line(result.stderr)
    assert "overall" in message and "0.99" in message
    assert "Coverage" in result.stdout  # the report is still printed


def test_met_threshold_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(TXT), "--fail-under", "senior=0.0"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_several_thresholds_report_every_failure(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["score", str(TXT), "--fail-under", "0.99", "--fail-under", "mid=95%"]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "overall" in lines[0] and "0.99" in lines[0]
    assert "mid" in lines[1] and "0.95" in lines[1]


def test_threshold_on_unknown_score_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", str(TXT), "--fail-under", "nosuch=0.5"])
    assert result.exit_code == 2, result.output
    message = _one_error_line(result.stderr)
    assert "nosuch" in message
    assert "senior" in message  # it lists the names that exist


@pytest.mark.parametrize("spec", ["1.5", "-0.1", "senior=2", "lots"])
def test_threshold_out_of_range_is_a_usage_error(runner: CliRunner, spec: str) -> None:
    result = runner.invoke(app, ["score", str(TXT), f"--fail-under={spec}"])
    assert result.exit_code == 2, result.output
    assert spec in _one_error_line(result.stderr)


def test_missing_file_exits_3_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nobody.pdf"
    result = runner.invoke(app, ["score", str(missing)])
    assert result.exit_code == 3
    message = _one_error_line(result.stderr)
    assert str(missing) in message
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""


def test_truncated_pdf_exits_3_with_one_line(runner: CliRunner, tmp_path: Path) -> None:
    # An interrupted download: the first kilobyte of a real PDF.
    truncated = tmp_path / "resume.pdf"
    truncated.write_bytes(PDF.read_bytes()[:1024])
    result = runner.invoke(app, ["score", str(truncated)])
    assert result.exit_code == 3, result.output
    assert str(truncated) in _one_error_line(result.stderr)
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_invalid_yaml_taxonomy_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: broken\nconcepts: [python, r\n  - label: oops\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(TXT), "--taxonomy", str(broken)])
    assert result.exit_code == 4, result.output
    message = _one_error_line(result.stderr)
    assert str(broken) in message
    assert re.search(r"line \d+", message)
    assert "Traceback" not in result.output


def test_taxonomy_of_wrong_shape_exits_4(runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text("kind: kwmatch-taxonomy\nversion: 1\nid: odd\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(TXT), "--taxonomy", str(odd)])
    assert result.exit_code == 4, result.output
    assert str(odd) in _one_error_line(result.stderr)


def test_schema_command_prints_the_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    shipped = resources.files("kwmatch").joinpath("schemas/report.schema.json")
    assert schema == json.loads(shipped.read_text("utf-8"))


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"kwmatch {kwmatch.__version__}"


def test_help_documents_every_exit_code(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # undo the wrapping
    assert "Exit codes:" in text
    expected = {
        0: "ok",
        1: "a --fail-under threshold not met",
        2: "usage error",
        3: "an input could not be read",
        4: "taxonomy invalid",
        5: "batch finished but some inputs failed",
    }
    for code, meaning in expected.items():
        assert f"{code} {meaning}" in text, f"exit code {code} is not documented in --help"


def test_score_help_documents_its_exit_codes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for code in range(5):
        assert re.search(rf"\b{code} [a-z]", text.split("Exit codes:")[1])


@pytest.mark.parametrize(
    ("command", "option", "value"),
    [
        ("check", "--pdf-engine", "foo"),
        ("score", "--pdf-engine", "auto"),
        ("score", "--format", "yaml"),
    ],
)
def test_a_bad_choice_is_one_line_and_exit_2(
    runner: CliRunner, command: str, option: str, value: str
) -> None:
    result = runner.invoke(app, [command, option, value, str(TXT)])
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.stderr)
    assert value in line and option in line


def test_check_takes_the_limits_of_score(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", "--max-size", "1KB", str(PDF)])
    assert result.exit_code == 3
    assert "too large" in result.stderr


def test_a_bug_exits_70_with_its_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug in scoring")

    monkeypatch.setattr(Scorer, "score_document", broken)
    result = runner.invoke(app, ["score", str(TXT)])
    assert result.exit_code == 70
    assert "Traceback (most recent call last)" in result.stderr
    assert "simulated bug in scoring" in result.stderr
    assert "please report" in result.stderr.splitlines()[-1]

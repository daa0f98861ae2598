"""kwmatch in CI pipelines: a stable schema, JUnit and markdown output, thresholds, and
example workflows that only use flags that exist."""

from __future__ import annotations

import datetime
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kwmatch.api import Options, Scorer
from kwmatch.cli import app
from kwmatch.render.junit import JUNIT_COVERED, render_junit
from kwmatch.render.markdown import render_markdown
from kwmatch.report import SCHEMA_VERSION, report_schema_text

from .conftest import EXAMPLES, REPO

SNAPSHOT = Path(__file__).parent / "snapshots" / "report.schema.json"
GOLDEN = EXAMPLES / "golden"
#: The reading date of the golden reports (as in tests/test_golden.py).
AS_OF = datetime.date(2026, 12, 1)


def test_schema_matches_the_committed_copy() -> None:
    shipped = json.loads(report_schema_text())
    committed = json.loads(SNAPSHOT.read_text())
    assert shipped == committed, (
        "the report schema changed: if consumers can break, bump SCHEMA_VERSION's major "
        "number, then update tests/snapshots/report.schema.json"
    )
    major = SCHEMA_VERSION.split(".")[0]
    assert shipped["properties"]["schema_version"]["pattern"].startswith(f"^{major}\\.")


def test_schema_command_prints_the_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(report_schema_text())


@pytest.mark.parametrize("name", ["ml_engineer_two_column.pdf", "sales_manager.txt"])
def test_junit_has_a_case_per_responsibility(scorer: Scorer, name: str) -> None:
    report = scorer.score_file(EXAMPLES / name)
    root = ET.fromstring(render_junit(report))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    responsibilities = report.data["responsibilities"]
    assert len(cases) == len(responsibilities) == int(root.get("tests", "-1"))
    expected_failures = sum(1 for r in responsibilities if r["coverage"] < JUNIT_COVERED)
    assert len(root.findall("./testsuite/testcase/failure")) == expected_failures
    assert int(root.get("failures", "-1")) == expected_failures
    suites = {s.get("name") for s in root.findall("testsuite")}
    assert {"core", "level: entry", "level: senior", "specialization: deep-learning"} <= suites
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests", "0")) == len(suite.findall("testcase"))
        assert int(suite.get("failures", "0")) == len(suite.findall("testcase/failure"))
    for failure in root.findall(".//failure"):
        assert "missing:" in failure.get("message", "")


def test_the_sales_resume_fails_every_case_and_the_ml_resume_passes_most(scorer: Scorer) -> None:
    sales = ET.fromstring(render_junit(scorer.score_file(EXAMPLES / "sales_manager.txt")))
    ml = ET.fromstring(render_junit(scorer.score_file(EXAMPLES / "ml_engineer_two_column.pdf")))
    assert sales.get("failures") == sales.get("tests")
    assert int(ml.get("failures", "0")) < int(ml.get("tests", "0")) / 2


@pytest.mark.parametrize(
    "name", ["ml_engineer_two_column.pdf", "junior_data_analyst.docx", "sales_manager.txt"]
)
def test_markdown_golden(scorer: Scorer, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    text = render_markdown(scorer.score_file(Path("examples") / name, Options(as_of=AS_OF)))
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("KWMATCH_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-under", "0.1"], 0),
        (["--fail-under", "0.99"], 1),
        (["--fail-under", "senior=0.99"], 1),
        (["--fail-under", "senior=0.1", "--fail-under", "deep-learning=0.1"], 0),
        (["--fail-under", "mid=0.1", "--fail-under", "mid=0.99"], 1),
        (["--fail-on-missing", "python"], 0),
        (["--fail-on-missing", "python", "--fail-on-missing", "r-lang"], 1),
        (["--fail-on-missing", "no-such-concept"], 2),
        (["--fail-under", "nosuch=0.5"], 2),
        (["--fail-under", "abc"], 2),
    ],
)
def test_threshold_exit_codes(args: list[str], code: int) -> None:
    result = CliRunner().invoke(
        app, ["score", str(EXAMPLES / "ml_engineer_two_column.pdf"), "-f", "json", *args]
    )
    assert result.exit_code == code, result.output


def test_check_many_files() -> None:
    runner = CliRunner()
    files = [str(EXAMPLES / "ml_engineer_two_column.pdf"), str(EXAMPLES / "sales_manager.txt")]
    passing = runner.invoke(app, ["check", files[0], "--fail-under", "0.3"])
    assert passing.exit_code == 0
    assert passing.stdout.startswith("ok")
    mixed = runner.invoke(app, ["check", *files, "--fail-under", "0.3"])
    assert mixed.exit_code == 1
    assert "FAIL" in mixed.stdout and "sales_manager.txt" in mixed.stdout
    unreadable = runner.invoke(app, ["check", files[0], str(EXAMPLES / "missing.pdf")])
    assert unreadable.exit_code == 3


def _help_flags(command: str) -> set[str]:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    return set(re.findall(r"--[a-z][a-z-]*", result.stdout))


def _kwmatch_calls(text: str) -> list[tuple[str, set[str]]]:
    calls = []
    for match in re.finditer(r"\bkwmatch (score|batch|check|schema|taxonomy)\b([^\n]*)", text):
        calls.append((match.group(1), set(re.findall(r"(?<!\S)--[a-z][a-z-]*", match.group(2)))))
    return calls


@pytest.mark.parametrize(
    "path",
    [
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
        "action.yml",
        ".pre-commit-hooks.yaml",
    ],
)
def test_ci_files_are_yaml(path: str) -> None:
    assert yaml.safe_load((REPO / path).read_text())


# The GitHub example calls kwmatch through the Action, the Action through its script, and
# the pre-commit hook through its entry script: these are the files that call kwmatch.
# tests/test_ci_examples.py runs them.
@pytest.mark.parametrize(
    "path",
    ["examples/ci/gitlab-ci.yml", "scripts/kwmatch-action.sh", "scripts/pre-commit-check.sh"],
)
def test_ci_files_use_documented_flags(path: str) -> None:
    calls = _kwmatch_calls((REPO / path).read_text())
    assert calls, f"{path} never calls kwmatch"
    for command, flags in calls:
        unknown = flags - _help_flags(command)
        assert not unknown, f"{path}: kwmatch {command} has no {sorted(unknown)}"

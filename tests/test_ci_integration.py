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
import xmlschema
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


# --- JUnit: the schema CI servers accept, the verdict of each rule -----------------------

JUNIT_XSD = Path(__file__).parent / "junit.xsd"


@pytest.fixture(scope="module")
def junit_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(JUNIT_XSD)


def _junit(*args: str, resume: Path = EXAMPLES / "ml_engineer_two_column.pdf") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["score", str(resume), "--format", "junit", *args])
    return result.exit_code, result.stdout


def test_the_junit_schema_refuses_what_ci_servers_refuse(junit_schema: xmlschema.XMLSchema) -> None:
    # The schema is no rubber stamp: a case without a name, a count that is no number and
    # a timestamp that is no date fail it.
    good = '<testsuites><testsuite name="s" tests="1"><testcase name="c"/></testsuite></testsuites>'
    assert junit_schema.is_valid(good)
    for bad in (
        good.replace(' name="c"', ""),
        good.replace('tests="1"', 'tests="one"'),
        good.replace('tests="1"', 'tests="1" timestamp="yesterday"'),
        good.replace("<testcase", "<testcase><failure/><error/></testcase><testcase"),
    ):
        assert not junit_schema.is_valid(bad), bad


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--fail-under", "0.9", "--fail-on-missing", "python", "--fail-on-missing", "r-lang"],
        ["--fail-under", "senior=0.1", "--timestamp", "--junit-pass-mark", "0.8"],
    ],
    ids=["plain", "rules", "timestamp"],
)
@pytest.mark.parametrize("name", ["ml_engineer_two_column.pdf", "sales_manager.txt"])
def test_junit_is_valid_against_the_schema(
    junit_schema: xmlschema.XMLSchema, args: list[str], name: str
) -> None:
    code, xml = _junit(*args, resume=EXAMPLES / name)
    assert code in (0, 1), xml
    junit_schema.validate(xml)
    root = ET.fromstring(xml)
    for suite in root.findall("testsuite"):
        assert {"tests", "failures", "errors", "skipped", "time"} <= set(suite.keys())
        assert (suite.get("timestamp") is not None) == ("--timestamp" in args)
    for count in ("tests", "failures", "errors", "skipped"):
        assert int(root.get(count, "-1")) == sum(int(s.get(count, "0")) for s in root)


def test_a_failed_threshold_is_a_failing_verdict_case() -> None:
    plain_code, plain = _junit()
    code, xml = _junit("--fail-under", "0.9", "--fail-under", "entry=0.1")
    assert (plain_code, code) == (0, 1)
    assert xml != plain  # the job fails, and the report says why
    root = ET.fromstring(xml)
    verdict = root.find("testsuite[@name='verdict']")
    assert verdict is not None and root.find("testsuite") is verdict  # shown first
    cases = {c.get("name"): c for c in verdict.findall("testcase")}
    assert list(cases) == ["--fail-under overall=0.90", "--fail-under entry=0.10"]
    failed = cases["--fail-under overall=0.90"].find("failure")
    assert failed is not None and "is below the threshold 0.90" in failed.get("message", "")
    assert cases["--fail-under entry=0.10"].find("failure") is None
    assert "reaches the threshold 0.10" in (
        cases["--fail-under entry=0.10"].findtext("system-out") or ""
    )
    assert (verdict.get("tests"), verdict.get("failures")) == ("2", "1")
    assert int(root.get("failures", "0")) == int(ET.fromstring(plain).get("failures", "0")) + 1


def test_must_have_concepts_are_verdict_cases_by_id_label_or_set() -> None:
    code, xml = _junit(
        "--fail-on-missing", "PyTorch", "--fail-on-missing", "r-lang",
        "--fail-on-missing", "Cloud computing (any platform)",
    )  # fmt: skip
    assert code == 1
    cases = {c.get("name"): c for c in ET.fromstring(xml).findall("testsuite[@name='verdict']/")}
    assert set(cases) == {
        "--fail-on-missing pytorch",
        "--fail-on-missing r-lang",
        "--fail-on-missing cloud-platform",
    }
    assert cases["--fail-on-missing r-lang"].find("failure") is not None
    assert cases["--fail-on-missing pytorch"].find("failure") is None
    assert "through" in (cases["--fail-on-missing cloud-platform"].findtext("system-out") or "")


def test_no_rules_no_verdict_suite_and_the_same_bytes_every_run() -> None:
    first, second = _junit()[1], _junit()[1]
    assert first == second
    assert ET.fromstring(first).find("testsuite[@name='verdict']") is None
    assert "timestamp" not in first


def test_timestamp_is_the_time_of_the_run_in_iso_form() -> None:
    from datetime import datetime, timezone

    before = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    _, xml = _junit("--timestamp")
    stamps = {s.get("timestamp") for s in ET.fromstring(xml).findall("testsuite")}
    (stamp,) = stamps
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", stamp or "")
    assert (
        before
        <= datetime.fromisoformat(stamp or "")
        <= datetime.now(timezone.utc).replace(tzinfo=None)
    )


@pytest.mark.parametrize("mark", [0.0, 0.3, 0.8, 1.0])
def test_junit_pass_mark_sets_each_responsibilitys_mark(scorer: Scorer, mark: float) -> None:
    report = scorer.score_file(EXAMPLES / "ml_engineer_two_column.pdf")
    _, xml = _junit("--junit-pass-mark", str(mark))
    root = ET.fromstring(xml)
    expected = sum(1 for r in report.data["responsibilities"] if r["coverage"] < mark)
    assert int(root.get("failures", "-1")) == expected
    for failure in root.iter("failure"):
        assert f"< {mark * 100:.0f}%;" in failure.get("message", "")


@pytest.mark.parametrize("mark", ["1.5", "-0.1", "half"])
def test_junit_pass_mark_out_of_range_is_a_usage_error(mark: str) -> None:
    code, _ = _junit("--junit-pass-mark", mark)
    assert code == 2


def test_render_keeps_its_old_signature(scorer: Scorer) -> None:
    from kwmatch.render import render

    report = scorer.score_file(EXAMPLES / "sales_manager.txt")
    assert render(report, "junit") == render_junit(report)
    assert render(report, "json", color=False, width=80) == report.to_json()

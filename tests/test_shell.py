"""kwmatch as a shell user meets it: standard input, -h and -V, completion, a project's
defaults (pyproject.toml, KWMATCH_* variables) and their precedence, `taxonomy show` for
scripts, and --fail-on-missing by what the table shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch import __version__
from kwmatch.cli import app
from kwmatch.report import validate_report

from .conftest import EXAMPLES, REPO

PDF = EXAMPLES / "ml_engineer_two_column.pdf"
TXT = EXAMPLES / "sales_manager.txt"
ML_TEXT = """Machine learning engineer
Skills: Python, PyTorch, scikit-learn, SQL, Docker, Kubernetes, AWS
Built and deployed models to production; data pipelines with Apache Spark.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a pyproject.toml (written by each test) and a working folder
    two levels below it; the tests run in the working folder."""
    work = tmp_path / "project" / "docs" / "resumes"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    for name in list(os.environ):
        if name.startswith("KWMATCH_"):
            monkeypatch.delenv(name)
    return tmp_path / "project"


def _pyproject(project: Path, text: str) -> None:
    (project / "pyproject.toml").write_text(text, encoding="utf-8")


def _one_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kwmatch: error: "), lines[0]
    return lines[0]


# --- standard input --------------------------------------------------------------------


def test_score_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(app, ["score", "-", "-f", "json"], input=ML_TEXT)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert validate_report(report) == []
    assert report["input"]["path"] == "<stdin>"
    assert {"python", "pytorch", "docker"} <= {m["concept"] for m in report["matched"]}


def test_a_pdf_on_standard_input_scores_like_the_file(runner: CliRunner) -> None:
    piped = runner.invoke(
        app, ["score", "-", "-f", "json", "--name", "cv.pdf"], input=PDF.read_bytes()
    )
    direct = runner.invoke(app, ["score", str(PDF), "-f", "json"])
    assert piped.exit_code == direct.exit_code == 0, piped.output
    one, other = json.loads(piped.stdout), json.loads(direct.stdout)
    assert one["input"]["path"] == "cv.pdf"
    assert one["input"]["sha256"] == other["input"]["sha256"]
    assert one["scores"] == other["scores"]


def test_name_ending_in_md_reads_markdown(runner: CliRunner) -> None:
    markdown = "## Skills\n\n- **Python**, [PyTorch](https://pytorch.org)\n"
    result = runner.invoke(app, ["score", "-", "-f", "json", "--name", "me.md"], input=markdown)
    report = json.loads(result.stdout)
    assert (report["input"]["path"], report["input"]["format"]) == ("me.md", "md")
    assert "https" not in json.dumps(report["matches"])  # the link target is markup


def test_check_reads_one_resume_from_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["check", str(TXT), "-", "--name", "piped.txt", "--fail-under", "0.1"], input=ML_TEXT
    )
    assert result.exit_code == 1, result.output  # the sales resume fails
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"FAIL {TXT}:")
    assert lines[1].startswith("ok   piped.txt: overall")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["score", str(TXT), "--name", "x.txt"],
            "--name names the resume read from standard input",
        ),
        (["check", "-", "-", "--fail-under", "0.1"], "'-' (standard input) can be given once"),
        (["score", "-"], "<stdin>: empty input (0 bytes)"),
    ],
)
def test_standard_input_misuse_is_one_line(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args, input="")
    assert result.exit_code == (3 if "empty" in message else 2), result.output
    assert message in _one_error(result.stderr)


# --- -h, -V, completion ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [[], ["score"], ["check"], ["batch"], ["schema"], ["taxonomy"], ["taxonomy", "show"]]
)
def test_dash_h_is_help_everywhere(runner: CliRunner, command: list[str]) -> None:
    short = runner.invoke(app, [*command, "-h"])
    assert short.exit_code == 0, short.output
    assert short.stdout.startswith("Usage: ")
    assert short.stdout == runner.invoke(app, [*command, "--help"]).stdout


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_dash_v_prints_the_version(runner: CliRunner, flag: str) -> None:
    result = runner.invoke(app, [flag])
    assert (result.exit_code, result.stdout) == (0, f"kwmatch {__version__}\n")


def test_a_kwmatch_version_variable_is_no_request_for_the_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"], env={"KWMATCH_VERSION": "1"})
    assert result.exit_code == 0 and result.stdout.startswith("{")


def _complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the command line ``words`` (the cursor at its end),
    asked the way the script of --show-completion asks: a subprocess, offline."""
    parts = words.split(" ")
    result = subprocess.run(
        [sys.executable, "-m", "kwmatch"],
        env={
            **os.environ,
            "_KWMATCH_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.slow
def test_shell_completion_offers_commands_options_and_choices() -> None:
    assert _complete("kwmatch sc") == ["score", "schema"]
    assert "--fail-on-missing" in _complete("kwmatch score cv.pdf --fail")
    assert _complete("kwmatch score cv.pdf --format ") == [
        "table",
        "json",
        "markdown",
        "junit",
        "html",
    ]
    assert _complete("kwmatch taxonomy show --format ") == ["table", "json", "ids"]


@pytest.mark.slow
def test_show_completion_prints_a_script_that_calls_kwmatch_back() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kwmatch", "--show-completion", "bash"],
        env={
            **os.environ,
            # Name the shell instead of detecting the one that runs the tests.
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "_KWMATCH_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _kwmatch_completion kwmatch" in result.stdout


# --- defaults: pyproject.toml and KWMATCH_* --------------------------------------------


def test_defaults_come_from_the_nearest_pyproject(runner: CliRunner, project: Path) -> None:
    _pyproject(project, '[tool.kwmatch.score]\nformat = "json"\nfail-under = ["0.9"]\n')
    result = runner.invoke(app, ["score", str(PDF)])
    assert result.exit_code == 1  # the file's threshold
    assert json.loads(result.stdout)["input"]["path"] == str(PDF)  # the file's format
    # A nearer pyproject.toml without a [tool.kwmatch] table ends the search.
    (project / "docs" / "pyproject.toml").write_text("[project]\nname = 'docs'\n")
    plain = runner.invoke(app, ["score", str(PDF)])
    assert plain.exit_code == 0 and "┏" in plain.stdout


def test_precedence_is_command_line_then_environment_then_file(
    runner: CliRunner, project: Path
) -> None:
    _pyproject(project, '[tool.kwmatch.score]\nfail-under = "0.9"\nformat = "json"\n')
    score = ["score", str(PDF)]
    assert runner.invoke(app, score).exit_code == 1  # file: 0.9
    env = {"KWMATCH_SCORE_FAIL_UNDER": "0.1"}
    assert runner.invoke(app, score, env=env).exit_code == 0  # environment over file
    assert runner.invoke(app, [*score, "--fail-under", "0.95"], env=env).exit_code == 1
    # A variable holds several values of a repeatable option, separated by spaces.
    both = {"KWMATCH_SCORE_FAIL_UNDER": "0.1 senior=0.99"}
    result = runner.invoke(app, score, env=both)
    assert result.exit_code == 1 and "senior coverage" in result.stderr
    # The built-in default is last: the file's format stands until the variable's.
    assert runner.invoke(app, score, env={"KWMATCH_SCORE_FORMAT": "markdown"}).stdout.startswith(
        "### kwmatch"
    )


def test_top_level_keys_serve_every_command_and_paths_are_the_files(
    runner: CliRunner, project: Path
) -> None:
    (project / "roles").mkdir()
    own = (
        (REPO / "taxonomy" / "ml-engineer.yaml")
        .read_text()
        .replace("title: Machine Learning Engineer", "title: Our ML role", 1)
    )
    (project / "roles" / "ml.yaml").write_text(own)
    _pyproject(
        project, '[tool.kwmatch]\ntaxonomy = "roles/ml.yaml"\nfail-on-missing = ["python"]\n'
    )
    scored = runner.invoke(app, ["score", str(TXT), "-f", "json"])
    assert scored.exit_code == 1  # the shared must-have concept applies to score
    assert json.loads(scored.stdout)["taxonomy"]["title"] == "Our ML role"
    checked = runner.invoke(app, ["check", str(PDF)])
    assert checked.exit_code == 0 and checked.stdout.startswith("ok")  # and to check


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[tool.kwmatch]\nformt = 'json'\n", "[tool.kwmatch] formt: no command has this option"),
        (
            "[tool.kwmatch.schema]\nformat = 'json'\n",
            "[tool.kwmatch] schema.format: `kwmatch schema` has no such option",
        ),
        ("[tool.kwmatch.score]\nformat = ['json', 'table']\n", "takes one value, not a list"),
        ("[tool.kwmatch\n", "cannot read it: "),
        ("[tool.kwmatch.score]\nformat = 'yaml'\n", "'yaml' is not one of"),
    ],
)
def test_a_bad_project_file_is_one_line_naming_it(
    runner: CliRunner, project: Path, text: str, problem: str
) -> None:
    _pyproject(project, text)
    result = runner.invoke(app, ["score", str(TXT)])
    assert result.exit_code == 2
    line = _one_error(result.stderr)
    assert problem in line
    assert str(project / "pyproject.toml") in line


def test_a_bad_variable_is_named(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(app, ["score", str(TXT)], env={"KWMATCH_SCORE_FORMAT": "xml"})
    assert result.exit_code == 2
    assert "(from the environment variable KWMATCH_SCORE_FORMAT)" in _one_error(result.stderr)


def test_the_installed_command_reads_the_project_file_too(project: Path) -> None:
    _pyproject(project, "[tool.kwmatch.taxonomy.show]\nformat = 'ids'\n")
    result = subprocess.run(
        [sys.executable, "-m", "kwmatch", "taxonomy", "show"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "python"


# --- taxonomy show for scripts; --fail-on-missing by what it shows ---------------------


def test_taxonomy_show_ids_lists_every_concept_and_set(runner: CliRunner) -> None:
    ids = runner.invoke(app, ["taxonomy", "show", "--format", "ids"]).stdout.splitlines()
    data = json.loads(runner.invoke(app, ["taxonomy", "show", "-f", "json"]).stdout)
    assert ids == [c["id"] for c in data["concepts"]] + [s["id"] for s in data["sets"]]
    assert {"python", "transformers-llm", "cloud-platform"} <= set(ids)
    by_id = {c["id"]: c for c in data["concepts"]}
    assert by_id["scikit-learn"]["label"] == "scikit-learn"
    assert "sklearn" in by_id["scikit-learn"]["aliases"]
    (cloud,) = [s for s in data["sets"] if s["id"] == "cloud-platform"]
    assert {"aws", "gcp", "azure"} <= set(cloud["members"])
    entries = {e for g in data["groups"] for r in g["responsibilities"] for e in r["concepts"]}
    assert entries <= set(ids)


def test_taxonomy_table_keeps_every_id_whole_at_80_columns(runner: CliRunner) -> None:
    table = runner.invoke(app, ["taxonomy", "show", "--width", "80"]).stdout
    ids = runner.invoke(app, ["taxonomy", "show", "--format", "ids"]).stdout.split()
    cells = {cell.strip() for line in table.splitlines() for cell in line.split("│")}
    assert set(ids) <= cells
    assert max(map(len, table.splitlines())) <= 80


@pytest.mark.parametrize(
    ("concept", "code"),
    [
        ("python", 0),
        ("PYTHON", 0),
        ("Python", 0),  # the label as the table shows it
        ("r-lang", 1),
        ("R", 1),  # R's label
        ("cloud computing (any platform)", 0),  # a set's label, any member counts
        ("dl-framework", 0),  # a set: PyTorch covers it
        ("Pyton", 2),
    ],
)
def test_fail_on_missing_takes_ids_and_labels(runner: CliRunner, concept: str, code: int) -> None:
    result = runner.invoke(app, ["score", str(PDF), "-f", "json", "--fail-on-missing", concept])
    assert result.exit_code == code, result.output
    if code == 2:
        assert "unknown concept 'Pyton'" in _one_error(result.stderr)


def test_a_set_with_no_member_found_fails(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(TXT), "--fail-on-missing", "Deep-learning framework"])
    assert result.exit_code == 1
    assert "required concept 'dl-framework' is missing" in result.stdout


def test_a_label_two_entries_share_asks_for_the_id(runner: CliRunner, tmp_path: Path) -> None:
    taxonomy = tmp_path / "t.yaml"
    text = (REPO / "taxonomy" / "ml-engineer.yaml").read_text()
    taxonomy.write_text(text.replace("label: R\n", "label: Machine learning\n", 1))
    base = ["score", str(PDF), "-f", "json", "-t", str(taxonomy), "--fail-on-missing"]
    result = runner.invoke(app, [*base, "machine learning"])
    assert result.exit_code == 2
    assert "the label of r-lang, machine-learning; give the id" in _one_error(result.stderr)
    assert runner.invoke(app, [*base, "Machine-Learning"]).exit_code == 0  # an id, any case

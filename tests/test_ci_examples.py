"""The CI-facing files work as a user runs them: the Action's script on resumes whose
names hold spaces, the pre-commit hook through pre-commit itself, and every command line
of examples/ci/ against the real `kwmatch` command of this checkout."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import EXAMPLES, REPO

ACTION_SCRIPT = REPO / "scripts" / "kwmatch-action.sh"
HOOK_SCRIPT = REPO / "scripts" / "pre-commit-check.sh"
VERSION = re.search(r'^version = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M).group(1)
ML = EXAMPLES / "ml_engineer_two_column.pdf"  # overall 0.55
SALES = EXAMPLES / "sales_manager.txt"  # overall 0.00
ANALYST = EXAMPLES / "junior_data_analyst.docx"  # overall 0.18


def _help(env: dict[str, str], *command: str) -> str:
    result = subprocess.run(
        ["kwmatch", *command, "--help"],
        env={**env, "COLUMNS": "200"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _options(env: dict[str, str], subcommand: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", _help(env, subcommand)))


def _subcommands(env: dict[str, str]) -> set[str]:
    section = _help(env).split("Commands:", 1)[1]
    return set(re.findall(r"^  ([a-z]+)\b", section, re.M))


def _outputs(path: Path) -> dict[str, str]:
    """Parse a $GITHUB_OUTPUT file: name=value lines and name<<DELIMITER blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            value = []
            for item in lines:
                if item == delimiter:
                    break
                value.append(item)
            outputs[name] = "\n".join(value)
        else:
            name, value_ = line.split("=", 1)
            outputs[name] = value_
    return outputs


def _run_action_script(
    env: dict[str, str], cwd: Path, inputs: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    output, summary = cwd / "github-output.txt", cwd / "step-summary.md"
    output.write_text("")
    summary.write_text("")
    result = subprocess.run(
        ["bash", str(ACTION_SCRIPT)],
        cwd=cwd,
        env={**env, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary), **inputs},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, _outputs(output), summary.read_text(encoding="utf-8")


def _table_rows(summary: str) -> dict[str, list[str]]:
    rows = {}
    for line in summary.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if line.startswith("| `"):
            rows[cells[0].strip("`")] = cells[1:]
    return rows


# --- the Action ------------------------------------------------------------------------


@pytest.mark.slow
def test_action_script_scores_each_resume_and_exits_with_the_worst_code(
    env: dict[str, str], tmp_path: Path
) -> None:
    folder = tmp_path / "my resumes"
    folder.mkdir()
    shutil.copy(ML, folder / "my resume.pdf")
    shutil.copy(SALES, folder / "sales cv.txt")
    shutil.copy(ANALYST, folder / "junior analyst.docx")
    # The failing resume is in the middle: the last one passes, the step must still fail.
    files = "my resumes/**/*.pdf\n  my resumes/sales cv.txt \nmy resumes/junior analyst.docx\n"
    result, outputs, summary = _run_action_script(
        env,
        tmp_path,
        {
            "KWMATCH_FILES": files,
            "KWMATCH_FAIL_UNDER": "0.15",
            "KWMATCH_FORMATS": "junit markdown",
        },
    )
    assert result.returncode == 1, result.stderr
    assert outputs["passed"] == "false"
    assert float(outputs["overall"]) == 0.0  # the lowest: the sales resume
    assert float(outputs["fit"]) == 0.0  # the lowest fit too: the sales resume

    names = ["my resume.pdf", "sales cv.txt", "junior analyst.docx"]
    reports = tmp_path / "kwmatch-reports"
    assert outputs["report-json"].splitlines() == [f"kwmatch-reports/{n}.json" for n in names]
    assert outputs["report-junit"].splitlines() == [f"kwmatch-reports/{n}.junit.xml" for n in names]
    for name in names:
        report = json.loads((reports / f"{name}.json").read_text())
        assert report["input"]["path"] == f"my resumes/{name}"
        junit = ET.parse(reports / f"{name}.junit.xml").getroot()
        assert junit.tag == "testsuites" and int(junit.get("tests", "0")) > 0
        assert (reports / f"{name}.md").read_text().startswith("### kwmatch")

    rows = _table_rows(summary)
    assert list(rows) == [f"my resumes/{n}" for n in names]
    ml_report = json.loads((reports / "my resume.pdf.json").read_text())
    assert rows["my resumes/my resume.pdf"][0] == f"{ml_report['scores']['overall'] * 100:.0f}%"
    assert rows["my resumes/my resume.pdf"][-1] == "pass"
    assert rows["my resumes/sales cv.txt"][-1].startswith("FAIL: overall coverage 0.00")
    assert rows["my resumes/junior analyst.docx"][-1] == "pass"
    assert "| fit |" in summary  # the reports carry scores.fit
    # The markdown reports follow the table.
    assert summary.count("### kwmatch: `my resumes/") == 3


@pytest.mark.slow
def test_action_script_reports_unreadable_and_unmatched_files(
    env: dict[str, str], tmp_path: Path
) -> None:
    shutil.copy(ML, tmp_path / "my resume.pdf")
    (tmp_path / "broken cv.pdf").write_bytes(ML.read_bytes()[:20])
    shutil.copy(SALES, tmp_path / "sales cv.txt")
    result, outputs, summary = _run_action_script(
        env,
        tmp_path,
        {
            "KWMATCH_FILES": "broken cv.pdf\nnowhere/*.pdf\n*.txt\nmy resume.pdf",
            "KWMATCH_FORMATS": "",
        },
    )
    assert result.returncode == 3, result.stderr  # unreadable beats the passing last file
    assert outputs["passed"] == "false"
    assert outputs["report-json"].splitlines() == [
        "kwmatch-reports/sales cv.txt.json",
        "kwmatch-reports/my resume.pdf.json",
    ]
    assert outputs["report-junit"] == ""
    rows = _table_rows(summary)
    assert rows["broken cv.pdf"][-1].startswith("unreadable: broken cv.pdf: truncated PDF")
    assert rows["nowhere/*.pdf"][-1] == "unreadable: nowhere/*.pdf: no such file"
    assert rows["my resume.pdf"][-1] == "pass"


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"KWMATCH_FILES": "\n \n"}, "no resumes given"),
        (
            {"KWMATCH_FILES": "a.pdf", "KWMATCH_TAXONOMY": "t.yaml", "KWMATCH_JOB": "j.txt"},
            "not both",
        ),
        ({"KWMATCH_FILES": "a.pdf", "KWMATCH_FORMATS": "junit html"}, "unknown format 'html'"),
    ],
)
def test_action_script_refuses_bad_inputs_before_scoring(
    env: dict[str, str], tmp_path: Path, inputs: dict[str, str], message: str
) -> None:
    result, outputs, _ = _run_action_script(env, tmp_path, inputs)
    assert result.returncode == 2
    assert message in result.stderr
    assert outputs == {}


def test_action_wires_its_inputs_outputs_and_steps(env: dict[str, str]) -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text())
    steps = action["runs"]["steps"]
    (score,) = [s for s in steps if s.get("id") == "score"]
    assert "$GITHUB_ACTION_PATH/scripts/kwmatch-action.sh" in score["run"]
    # Every input reaches the script through the environment, never through the script's
    # text (an input holding `"; rm -rf ~` must stay data).
    for step in steps:
        assert "${{ inputs." not in step.get("run", ""), step
    wired = {v.removeprefix("${{ inputs.").removesuffix(" }}") for v in score["env"].values()}
    assert set(action["inputs"]) - wired == {
        "upload-artifact",
        "artifact-name",
        "python-version",
    }
    script = ACTION_SCRIPT.read_text()
    for variable in score["env"]:
        assert variable in script, variable
    for name, output in action["outputs"].items():
        assert output["value"] == f"${{{{ steps.score.outputs.{name} }}}}"
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "${{ inputs.reports-dir }}"
    assert "inputs.upload-artifact == 'true'" in upload["if"]
    (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    assert "pip-cache.outputs.dir" in cache["with"]["path"]
    # The step that fails the action comes after the upload, so the reports survive.
    assert steps.index(upload) < len(steps) - 1
    assert "exit" in steps[-1]["run"] and "steps.score.outputs.exit-code" in steps[-1]["if"]
    flags = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", script))
    assert flags <= _options(env, "score")


@pytest.mark.parametrize("script", [ACTION_SCRIPT, HOOK_SCRIPT], ids=lambda p: p.name)
def test_scripts_are_executable_and_shellcheck_clean(script: Path) -> None:
    assert script.stat().st_mode & stat.S_IXUSR, f"{script.name} is not executable"
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed")
    result = subprocess.run(["shellcheck", str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# --- the pre-commit hook ------------------------------------------------------------------


def _hook() -> dict[str, Any]:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hook, dict)
    return hook


@pytest.mark.parametrize(
    ("path", "selected"),
    [
        ("resume/alice.txt", True),
        ("resumes/2026/Bob Smith.PDF", True),
        ("Resume - final.docx", True),
        ("docs/résumé.md", True),
        ("jane-cv.pdf", True),
        ("CV.md", True),
        ("resume/README.md", False),
        ("README.md", False),
        ("CHANGELOG.md", False),
        ("LICENSE.txt", False),
        ("CONTRIBUTING.md", False),
        ("notes.txt", False),
        ("resume.yaml", False),
        ("resume/photo.png", False),
    ],
)
def test_hook_default_pattern_selects_resumes(path: str, selected: bool) -> None:
    # pre-commit selects a file when `files` matches it (re.search) and `exclude` does not.
    hook = _hook()
    chosen = bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)
    assert chosen == selected


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=kwmatch tests", "-c", "user.email=tests@example.invalid", *args],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
    )


ALICE = """Alice Example - Machine Learning Engineer
Skills: Python, PyTorch, scikit-learn, pandas, SQL, Docker, Kubernetes, AWS
Experience: built and deployed machine learning models to production; data pipelines
with Apache Spark; A/B testing; model monitoring; mentored two junior engineers.
"""
BOB = """Bob Example - Store manager
Ran a shop of twelve people, scheduled shifts, handled the accounts and the suppliers.
"""


@pytest.fixture
def resume_repo(env: dict[str, str], tmp_path: Path) -> tuple[Path, Path, str]:
    """A hook repository holding this checkout's hook files, committed, and a user's
    repository holding two resumes and files that are not resumes."""
    pytest.importorskip("pre_commit")
    hooks = tmp_path / "hooks"
    (hooks / "scripts").mkdir(parents=True)
    shutil.copy(REPO / ".pre-commit-hooks.yaml", hooks)
    shutil.copy(HOOK_SCRIPT, hooks / "scripts")  # copies the executable bit
    _git(hooks, env, "init", "-q")
    _git(hooks, env, "add", ".")
    _git(hooks, env, "commit", "-q", "-m", "hooks")
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, env=env, capture_output=True, text=True
    ).stdout.strip()
    user = tmp_path / "user"
    (user / "resume").mkdir(parents=True)
    (user / "resume" / "alice.txt").write_text(ALICE)
    (user / "bob-cv.md").write_text(BOB)
    (user / "resume" / "README.md").write_text("The resumes of the team.\n")
    (user / "README.md").write_text("# My resumes\n")
    (user / "CHANGELOG.md").write_text("# Changes\n\n- Python resume added\n")
    (user / "notes.txt").write_text("Python, PyTorch\n")
    _git(user, env, "init", "-q")
    _git(user, env, "add", ".")
    return hooks, user, rev


def _pre_commit(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env={**env, "PRE_COMMIT_HOME": str(cwd.parent / "pre-commit-home"), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_pre_commit_hook_checks_exactly_the_resumes(
    env: dict[str, str], resume_repo: tuple[Path, Path, str]
) -> None:
    hooks, user, rev = resume_repo
    config = {
        "repos": [
            {
                "repo": str(hooks),
                "rev": rev,
                "hooks": [{"id": "kwmatch", "args": ["--fail-under", "0.1"]}],
            }
        ]
    }
    (user / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    result = _pre_commit(env, user, "run", "--all-files", "--verbose")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out  # Bob's resume is below the threshold
    checked = re.findall(r"^(ok|FAIL) +(\S+?):", out, re.M)
    assert sorted(checked) == [("FAIL", "bob-cv.md"), ("ok", "resume/alice.txt")], out
    for other in ("README.md", "CHANGELOG.md", "notes.txt"):
        assert other not in out


@pytest.mark.slow
def test_pre_commit_hook_without_args_says_how_to_set_a_threshold(
    env: dict[str, str], resume_repo: tuple[Path, Path, str]
) -> None:
    hooks, user, _ = resume_repo
    result = _pre_commit(env, user, "try-repo", str(hooks), "kwmatch", "--all-files")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        "kwmatch hook: set args, e.g. [--fail-under, '0.5'] or [--fail-on-missing, python]" in out
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 2),
        (["--fail-under", "0.1"], 0),
        (["--fail-under=0.99"], 1),
        (["--fail-on-missing", "r-lang"], 1),
    ],
)
def test_hook_entry_needs_a_rule_then_runs_kwmatch_check(
    env: dict[str, str], args: list[str], code: int
) -> None:
    result = subprocess.run(
        [str(HOOK_SCRIPT), *args, str(ML)], env=env, capture_output=True, text=True
    )
    assert result.returncode == code, result.stdout + result.stderr
    if code == 2:
        assert result.stderr.startswith("kwmatch hook: set args")
    else:
        assert str(ML) in result.stdout


# --- examples/ci -----------------------------------------------------------------------


def _commands(path: Path) -> list[str]:
    """The shell lines of a workflow: GitHub steps' `run:` and GitLab jobs' `script:`."""
    data = yaml.safe_load(path.read_text())
    lines: list[str] = []
    for job in data.get("jobs", {}).values():
        for step in job.get("steps", []):
            lines += step.get("run", "").splitlines()
    for key, job in data.items():
        if isinstance(job, dict) and not key.startswith(".") and "script" in job:
            for item in ("before_script", "script", "after_script"):
                lines += job.get(item, [])
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _kwmatch_calls(line: str) -> list[list[str]]:
    words = shlex.split(line, comments=True)
    return [words[i + 1 :] for i, word in enumerate(words) if word == "kwmatch"]


EXAMPLE_FILES = sorted((REPO / "examples" / "ci").glob("*.yml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_commands_use_existing_subcommands_and_options(
    env: dict[str, str], path: Path
) -> None:
    subcommands = _subcommands(env)
    for line in _commands(path):
        for call in _kwmatch_calls(line):
            assert call and call[0] in subcommands, f"{path.name}: {line}"
            options = {w.split("=", 1)[0] for w in call[1:] if w.startswith("--")}
            unknown = options - _options(env, call[0])
            assert not unknown, f"{path.name}: kwmatch {call[0]} has no {sorted(unknown)}"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_examples_install_kwmatch_the_way_it_is_published(path: Path) -> None:
    text = path.read_text()
    assert not re.search(r"pip install\s+['\"]?kwmatch\b", text), "kwmatch is not on PyPI"
    installs = [line for line in _commands(path) if "pip install" in line]
    uses = re.findall(r"uses:\s*(\S+)", text)
    kwmatch_action = [u for u in uses if u.split("@")[0].endswith("/kwmatch")]
    assert installs or kwmatch_action, f"{path.name} never installs kwmatch"
    for line in installs:
        assert re.search(
            rf"(git\+https://github\.com/OWNER/kwmatch@v{VERSION}"
            rf"|https://github\.com/OWNER/kwmatch/archive/refs/tags/v{VERSION}\.tar\.gz)",
            line,
        ), line
    assert kwmatch_action in ([], [f"OWNER/kwmatch@v{VERSION}"])
    assert "replace owner" in text.lower()


def _kwmatch_step(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    (step,) = [s for s in steps if s.get("uses", "").startswith("OWNER/kwmatch@")]
    assert isinstance(step, dict)
    return step


def test_github_example_uses_the_action_and_scores_the_resume_once() -> None:
    path = REPO / "examples" / "ci" / "github-actions.yml"
    step = _kwmatch_step(path)
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert set(step["with"]) <= set(action["inputs"])
    assert all(n in step["with"] for n, i in action["inputs"].items() if i.get("required"))
    # The Action does the scoring: no step scores the same resume again.
    assert not [c for line in _commands(path) for c in _kwmatch_calls(line)]


def _action_env(with_: dict[str, Any]) -> dict[str, str]:
    """The environment action.yml's Score step gives the script for these inputs."""
    action = yaml.safe_load((REPO / "action.yml").read_text())
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update({name: str(value) for name, value in with_.items()})
    (score,) = [s for s in action["runs"]["steps"] if s.get("id") == "score"]
    environ = {}
    for variable, value in score["env"].items():
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
        if match:
            environ[variable] = inputs[match.group(1)]
    return environ


@pytest.mark.slow
@pytest.mark.parametrize(("resume", "code"), [(ML, 0), (SALES, 1)], ids=["ml", "sales"])
def test_github_example_runs_through_the_action_script(
    env: dict[str, str], tmp_path: Path, resume: Path, code: int
) -> None:
    step = _kwmatch_step(REPO / "examples" / "ci" / "github-actions.yml")
    shutil.copy(resume, tmp_path / step["with"]["files"])
    result, outputs, summary = _run_action_script(env, tmp_path, _action_env(step["with"]))
    assert result.returncode == code, result.stderr
    assert outputs["passed"] == ("true" if code == 0 else "false")
    assert (tmp_path / "kwmatch-reports" / "resume.pdf.json").is_file()
    assert (tmp_path / "kwmatch-reports" / "resume.pdf.junit.xml").is_file()
    assert "| `resume.pdf` |" in summary


@pytest.mark.slow
@pytest.mark.parametrize(("resume", "code"), [(ML, 0), (SALES, 1)], ids=["ml", "sales"])
def test_gitlab_example_script_runs_on_the_example_resumes(
    env: dict[str, str], tmp_path: Path, resume: Path, code: int
) -> None:
    path = REPO / "examples" / "ci" / "gitlab-ci.yml"
    job = yaml.safe_load(path.read_text())["kwmatch"]
    shutil.copy(resume, tmp_path / "resume.pdf")
    status = 0
    for line in job["script"]:
        if "pip install" in line:
            continue  # the install step: this checkout's kwmatch is on PATH instead
        status = subprocess.run(
            ["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True
        ).returncode
        if status:
            break  # GitLab stops the job at the first failing line
    assert status == code
    # `artifacts: when: always` keeps the reports of a failing job too.
    assert job["artifacts"]["when"] == "always"
    for artifact in [*job["artifacts"]["paths"], job["artifacts"]["reports"]["junit"]]:
        assert (tmp_path / artifact).is_file(), artifact
    junit = ET.parse(tmp_path / job["artifacts"]["reports"]["junit"]).getroot()
    assert junit.tag == "testsuites"


# --- README's set-up commands ----------------------------------------------------------


def test_readme_setup_works_without_python_or_a_system_pip() -> None:
    """On Debian and Ubuntu there is no `python` and pip refuses to install into the
    system's Python: each set-up command makes and activates a virtual environment first,
    and .ci/run runs the same test command."""
    readme = (REPO / "README.md").read_text()
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2
    prefix = "python3 -m venv .venv && . .venv/bin/activate && "
    for command in commands:
        assert command.startswith(prefix), command
        assert "pip install" in command.removeprefix(prefix)
    assert commands[0].endswith("kwmatch score examples/ml_engineer_two_column.pdf")
    test_command = commands[1].removeprefix(prefix)
    run = (REPO / ".ci" / "run").read_text()
    assert re.search(rf"^{re.escape(test_command)}$", run, re.M), ".ci/run lost README's command"

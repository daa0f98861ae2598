"""A hostile taxonomy file fails fast, with exit code 4 and one line naming the problem:
YAML alias bombs, weights that are no finite positive number, regular expressions that
backtrack without end, devices, pipes and oversized files. Every file is generated here."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.cli import app
from kwmatch.errors import TaxonomyError
from kwmatch.taxonomy import MAX_TAXONOMY_BYTES, load_taxonomy, parse_taxonomy, regex_problem

runner = CliRunner()

TINY = """\
kind: kwmatch-taxonomy
version: 2
id: tiny
title: Tiny role
concepts:
  - id: python
    label: Python
  - id: sql
    label: SQL
groups:
  required:
    label: Required
    responsibilities:
      - id: req-code
        text: Write Python and SQL.
        concepts: [python, sql]
"""
#: A resume line to score against the hostile taxonomies.
RESUME_LINE = "Wrote Python services and SQL reports for a logistics firm.\n"


def _cli_problem(path: Path) -> str:
    """`kwmatch taxonomy validate` on ``path``: exit 4 and exactly one error line."""
    result = runner.invoke(app, ["taxonomy", "validate", str(path)])
    assert result.exit_code == 4, result.output
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    return line.removeprefix(f"kwmatch: error: {path}: ")


def _billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return TINY + "\n".join(lines) + "\n"


# --- YAML aliases -------------------------------------------------------------------------


def test_billion_laughs_fails_fast_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    started = time.monotonic()
    problem = _cli_problem(path)
    assert time.monotonic() - started < 5
    assert "YAML aliases (*l0) are not allowed" in problem
    assert problem.startswith("line ")


def test_billion_laughs_is_refused_when_scoring(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME_LINE, encoding="utf-8")
    result = runner.invoke(app, ["score", str(resume), "--taxonomy", str(path)])
    assert result.exit_code == 4, result.output
    assert len(result.stderr.splitlines()) == 1


def test_an_alias_to_a_list_is_refused_where_it_stands(tmp_path: Path) -> None:
    text = TINY.replace("    label: Python\n", "    label: Python\n    aliases: &names [Py]\n")
    text = text.replace("    label: SQL\n", "    label: SQL\n    not_near: *names\n")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "*names" in row)
    with pytest.raises(TaxonomyError, match=rf"line {line}, column \d+: YAML aliases \(\*names\)"):
        parse_taxonomy(text.encode(), "alias.yaml")


def test_a_merge_key_is_an_alias_too(tmp_path: Path) -> None:
    text = TINY.replace(
        "  - id: sql\n    label: SQL\n",
        "  - &base {id: sql, label: SQL}\n  - <<: *base\n    id: sqlite\n",
    )
    with pytest.raises(TaxonomyError, match="YAML aliases"):
        parse_taxonomy(text.encode(), "merge.yaml")


# --- weights ----------------------------------------------------------------------------


def _with_weight(where: str, value: str) -> str:
    anchors = {
        "concept": ("    label: SQL\n", f"    label: SQL\n    weight: {value}\n"),
        "responsibility": (
            "        concepts: [python, sql]\n",
            f"        concepts: [python, sql]\n        weight: {value}\n",
        ),
    }
    old, new = anchors[where]
    return TINY.replace(old, new)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "-1", "0", "0.0"])
@pytest.mark.parametrize(
    ("where", "field"),
    [("concept", "concepts/1/weight"), ("responsibility", "groups/required/responsibilities/0")],
)
@pytest.mark.parametrize("schema", [True, False])
def test_a_weight_must_be_finite_and_positive(
    value: str, where: str, field: str, schema: bool
) -> None:
    raw = _with_weight(where, value).encode()
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(raw, "weights.yaml", schema=schema)
    (problem,) = caught.value.problems
    assert problem.startswith(field), problem


def test_a_nan_weight_is_refused_by_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "nan.yaml"
    path.write_text(_with_weight("concept", ".nan"), encoding="utf-8")
    assert _cli_problem(path).startswith(
        "concepts/1/weight: weight must be a finite number above 0, got nan"
    )


def test_a_positive_weight_passes() -> None:
    taxonomy = parse_taxonomy(_with_weight("concept", "0.25").encode(), "ok.yaml")
    assert taxonomy.concepts["sql"].weight == 0.25


# --- regular expressions --------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    ["(a+)+", "(a*)*", "(a|a)*", "(x+x+)+y", "(?:ab+)+", "(?:data|dat)+", r"(\w+\s?)+$"],
)
def test_a_pattern_that_backtracks_without_end_is_refused(pattern: str) -> None:
    problem = regex_problem(pattern)
    assert problem is not None and "can backtrack without end" in problem


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:attach|upload)\w*\s+(?:\w+\s+){0,2}CVs?\b",  # bounded outer repeat
        r"R\s*&\s*D",
        r"(?:foo|bar)+",  # alternatives that start apart
        r"(?:\d{3}-)+\d{4}",  # a fixed count inside
        r"[ab]+c",
    ],
)
def test_ordinary_patterns_pass(pattern: str) -> None:
    assert regex_problem(pattern) is None


def test_every_shipped_pattern_passes() -> None:
    taxonomy = load_taxonomy()
    assert [p for c in taxonomy.concepts.values() for p in c.not_in if regex_problem(p)] == []


def test_a_hostile_not_in_is_blamed_on_the_taxonomy(tmp_path: Path) -> None:
    path = tmp_path / "redos.yaml"
    path.write_text(
        TINY.replace("    label: SQL\n", "    label: SQL\n    not_in: ['(s+)+q']\n"),
        encoding="utf-8",
    )
    assert _cli_problem(path).startswith(
        "concepts/1/not_in/0: regular expression '(s+)+q' can backtrack without end"
    )
    resume = tmp_path / "resume.txt"
    resume.write_text(RESUME_LINE, encoding="utf-8")
    result = runner.invoke(app, ["score", str(resume), "--taxonomy", str(path)])
    assert result.exit_code == 4, result.output
    assert str(path) in result.stderr and str(resume) not in result.stderr


# --- what is read --------------------------------------------------------------------------


def _load_within(path: Path, seconds: float = 5.0) -> TaxonomyError:
    """Load ``path`` in a thread: it must fail with a TaxonomyError before ``seconds``."""
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            load_taxonomy(path)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"loading {path} hangs"
    (error,) = outcome
    assert isinstance(error, TaxonomyError), error
    return error


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_no_taxonomy() -> None:
    error = _load_within(Path("/dev/zero"))
    assert error.problems == [
        "not a regular file (a device, a pipe or a socket); a taxonomy is a YAML file"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "taxonomy.yaml"
    os.mkfifo(pipe)
    assert "not a regular file" in _load_within(pipe).problems[0]


def test_a_directory_is_no_taxonomy(tmp_path: Path) -> None:
    folder = tmp_path / "roles.yaml"
    folder.mkdir()
    assert _cli_problem(folder).startswith("not a regular file (a directory)")


def test_an_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    padding = "# padding\n" * (MAX_TAXONOMY_BYTES // 10 + 1)
    path.write_text(TINY + padding, encoding="utf-8")
    assert _cli_problem(path).startswith("file too large (")


def test_a_file_just_under_the_cap_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    room = MAX_TAXONOMY_BYTES - len(TINY.encode()) - 1
    path.write_text(TINY + "#" * room + "\n", encoding="utf-8")
    assert load_taxonomy(path).id == "tiny"

"""`kwmatch taxonomy validate`: every problem of a hand-edited taxonomy, each with the path
of its field and its line, exit code 4, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kwmatch.cli import app
from kwmatch.errors import TaxonomyError
from kwmatch.taxonomy import load_taxonomy, parse_taxonomy, read_yaml

runner = CliRunner()

VALID = """\
kind: kwmatch-taxonomy
version: 1
id: tiny
title: Tiny role
concepts:
  - id: python
    label: Python
    aliases: [Py3]
  - id: sql
    label: SQL
    aliases: [PostgreSQL]
groups:
  required:
    label: Required
    responsibilities:
      - id: req-code
        text: Write Python and SQL.
        concepts: [python, sql]
"""


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line holding ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[occurrence - 1]


def _validate(tmp_path: Path, content: str | bytes, name: str = "taxonomy.yaml") -> list[str]:
    """Run `kwmatch taxonomy validate` and return its error lines (exit code 4 checked)."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "validate", str(path)])
    assert result.exit_code == 4, result.output
    assert isinstance(result.exception, SystemExit)  # no exception escaped
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(f"kwmatch: error: {path}: ") for line in lines)
    return [line.removeprefix(f"kwmatch: error: {path}: ") for line in lines]


def test_a_valid_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "valid taxonomy 'tiny'" in result.stdout
    assert "2 concepts, 1 responsibilities" in result.stdout


def test_the_shipped_taxonomy_passes_by_name() -> None:
    result = runner.invoke(app, ["taxonomy", "validate", "ml-engineer"])
    assert result.exit_code == 0, result.output


def test_missing_field(tmp_path: Path) -> None:
    assert _validate(tmp_path, VALID.replace("title: Tiny role\n", "")) == [
        "top level: 'title' is a required property"
    ]


def test_missing_field_inside_a_concept_names_its_line(tmp_path: Path) -> None:
    text = VALID.replace("    label: SQL\n", "")
    (problem,) = _validate(tmp_path, text)
    assert problem == (
        f"concepts/1: 'label' is a required property (line {_line_of(text, '- id: sql')})"
    )


def test_duplicate_concept_id(tmp_path: Path) -> None:
    text = VALID.replace("- id: sql", "- id: python").replace("[python, sql]", "[python]")
    (problem,) = _validate(tmp_path, text)
    line = _line_of(text, "- id: python", occurrence=2)
    assert problem == (
        f"concepts/1/id: duplicate concept id 'python' (first at concepts/0) (line {line})"
    )


def test_alias_shared_by_two_concepts(tmp_path: Path) -> None:
    text = VALID.replace("aliases: [PostgreSQL]", "aliases: [PostgreSQL, py3]")
    (problem,) = _validate(tmp_path, text)
    line = _line_of(text, "[PostgreSQL, py3]")
    assert problem == f"concepts/1/aliases/1: 'py3' is also an alias of 'python' (line {line})"


def test_unknown_version(tmp_path: Path) -> None:
    (problem,) = _validate(tmp_path, VALID.replace("version: 1", "version: 4"))
    assert problem == (
        "version: format 4 is newer than this kwmatch reads (3); upgrade kwmatch (line 2)"
    )


def test_a_version_1_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(VALID, encoding="utf-8")
    taxonomy = load_taxonomy(path)
    assert taxonomy.version == 1
    assert taxonomy.sets == {}
    (item,) = taxonomy.groups[0].responsibilities
    assert item.entries == item.concepts == ("python", "sql")


def test_version_below_one(tmp_path: Path) -> None:
    (problem,) = _validate(tmp_path, VALID.replace("version: 1", "version: 0"))
    assert problem.startswith("version: 0 is less than the minimum of 1")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    text = VALID.replace("aliases: [Py3]", "aliases: [Py3")
    (problem,) = _validate(tmp_path, text)
    assert problem.startswith("line ")
    assert "column" in problem
    assert "expected ',' or ']'" in problem


def test_binary_file_is_not_yaml(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    (problem,) = _validate(tmp_path, png, name="picture.yaml")
    assert problem.startswith("not a YAML file: binary data")


def test_non_utf8_bytes_are_not_yaml(tmp_path: Path) -> None:
    (problem,) = _validate(tmp_path, b"kind: \xff\xfe\xfa broken\n", name="latin.yaml")
    assert problem.startswith("not a YAML file")


def test_control_characters_are_not_yaml(tmp_path: Path) -> None:
    (problem,) = _validate(tmp_path, b"kind: kwmatch\x07taxonomy\n", name="bell.yaml")
    assert problem.startswith("not a YAML file: binary data or a control character at byte")


def test_plain_text_file_is_not_a_taxonomy(tmp_path: Path) -> None:
    text = "These are my notes about the role.\nThey are not a taxonomy.\n"
    (problem,) = _validate(tmp_path, text, name="notes.txt")
    assert problem.startswith("top level: not a taxonomy: the file is plain text")


def test_plain_text_with_colons_hints_at_the_format(tmp_path: Path) -> None:
    text = "Notes on the role.\nSkills: Python: and SQL\n"
    (problem,) = _validate(tmp_path, text, name="notes.txt")
    assert problem.startswith("line 2, column ")
    assert problem.endswith("(is this a YAML file?)")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "top level: the file is empty"),
        ("- a\n- b\n", "top level: expected a mapping with kind, version, id, title and concepts"),
        ("name: ci\non: push\n", "top level: not a kwmatch taxonomy"),
    ],
)
def test_yaml_that_is_no_taxonomy(tmp_path: Path, content: str, expected: str) -> None:
    (problem,) = _validate(tmp_path, content)
    assert problem.startswith(expected)


def test_key_written_twice(tmp_path: Path) -> None:
    text = VALID + "  required:\n    label: Again\n    responsibilities: []\n"
    problems = _validate(tmp_path, text)
    first, second = _line_of(text, "  required:"), _line_of(text, "  required:", 2)
    assert problems[0] == (
        f"groups/required: key 'required' written twice (first at line {first}); "
        f"YAML keeps only the last (line {second})"
    )


def test_every_problem_is_reported(tmp_path: Path) -> None:
    text = (
        VALID.replace("- id: sql", "- id: python")
        .replace("aliases: [Py3]", "aliases: [Py3]\n    not_in: ['(unclosed']")
        .replace("[python, sql]", "[python, sql, nosql]")
    )
    problems = _validate(tmp_path, text)
    assert len(problems) == 4
    assert problems[0].startswith("concepts/0/not_in/0: bad regular expression")
    assert problems[1].startswith("concepts/1/id: duplicate concept id 'python'")
    assert problems[2].startswith("groups/required/responsibilities/0/concepts/1: unknown")
    assert problems[3].startswith("groups/required/responsibilities/0/concepts/2: unknown")
    assert all("(line " in problem for problem in problems)


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["taxonomy", "validate", str(tmp_path / "gone.yaml")])
    assert result.exit_code == 4
    assert result.stderr.endswith("gone.yaml: no such file\n")


# --- the safe loader ---------------------------------------------------------------------


def test_python_object_tag_is_rejected_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = VALID.replace(
        "title: Tiny role",
        f'title: !!python/object/apply:os.system ["touch {marker}"]',
    )
    (problem,) = _validate(tmp_path, text)
    line = _line_of(text, "title: !!python")
    assert problem.startswith(f"line {line}, column ")
    assert "tag not allowed (only plain YAML is read)" in problem
    assert "python/object/apply:os.system" in problem
    assert not marker.exists()


@pytest.mark.parametrize(
    "tag",
    ["!!python/object:os.PathLike {}", "!!python/name:os.system", "!!python/tuple [1, 2]"],
)
def test_every_python_tag_is_rejected(tag: str) -> None:
    raw = VALID.replace("title: Tiny role", f"title: {tag}").encode()
    with pytest.raises(TaxonomyError, match="tag not allowed"):
        parse_taxonomy(raw, "tagged.yaml")
    with pytest.raises(TaxonomyError, match="tag not allowed"):
        read_yaml(raw, "tagged.yaml")


def test_taxonomy_error_lists_problems_for_the_library(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(VALID.replace("- id: sql", "- id: python"), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith(f"{path}: concepts/1/id: duplicate concept id")


def test_valid_file_parses_the_same_as_the_safe_loader(tmp_path: Path) -> None:
    assert read_yaml(VALID.encode(), "ok.yaml") == yaml.safe_load(VALID)


def test_the_fit_block_s_adjacent_list_is_checked(tmp_path: Path) -> None:
    """A format-2 ``fit`` block may name adjacent work; an unknown entry there is an error."""
    fit = "fit:\n  essential: [python]\n  adjacent: [sql, cobol]\n"
    text = VALID.replace("version: 1", "version: 2") + fit
    errors = _validate(tmp_path, text)
    assert any("adjacent" in e and "unknown concept or set 'cobol'" in e for e in errors), errors
    ok = tmp_path / "ok.yaml"
    ok.write_text(text.replace(", cobol", ""), encoding="utf-8")
    assert load_taxonomy(ok).adjacent == ("sql",)

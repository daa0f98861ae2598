"""README's command block is what `kwmatch --help` prints, and every command is documented."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from kwmatch.cli import app

from .conftest import REPO


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

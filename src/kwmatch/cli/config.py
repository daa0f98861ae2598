"""A project's defaults for the options: the ``[tool.kwmatch]`` table of the nearest
``pyproject.toml``, handed to click as its ``default_map``.

Click ranks the sources itself: an option on the command line, then its ``KWMATCH_*``
environment variable (``auto_envvar_prefix``: ``KWMATCH_SCORE_FAIL_UNDER``), then the
file's default map, then the built-in default. This module only reads the file and turns
it into that map, refusing what no command would read (a misspelt key would otherwise be
ignored without a word); click checks the values as it checks the command line's.

The table's keys are option names (``fail-under`` or ``fail_under``). A key at the top
applies to every command that has the option; a table named for a command
(``[tool.kwmatch.score]``, ``[tool.kwmatch.taxonomy.show]``) sets that command's and wins
over the top. A relative path of a taxonomy or posting is read from the file's folder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kwmatch.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tests run on 3.11
    import tomli as tomllib

#: Prefix of the environment variables click reads: KWMATCH_<COMMAND>_<OPTION>.
ENV_PREFIX = "KWMATCH"
#: Options whose relative paths are read from the folder of the pyproject.toml.
_PATHS = frozenset({"taxonomy", "job", "base"})


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or a folder above it."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def default_map(root: Any, start: Path) -> dict[str, Any] | None:
    """Click's ``default_map`` for the command group ``root`` from the nearest
    pyproject.toml above ``start``; None when there is none or it has no table.

    Raises :class:`UsageError` naming the file for TOML it cannot parse or a key that no
    command has; a value its option refuses is click's error, which the command line
    then traces to the file (see ``kwmatch.cli._default_source``).
    """
    path = find_pyproject(start)
    if path is None:
        return None
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("kwmatch")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read it: {exc}") from None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.kwmatch] must be a table")
    return _Reader(path).group(root, table, {}, ())


class _Reader:
    """Turns one file's table into a default map, naming the file in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def group(
        self, group: Any, table: dict[str, Any], shared: dict[str, Any], where: tuple[str, ...]
    ) -> dict[str, Any]:
        """The map of a command group. A key that names one of its commands and holds a
        table is that command's; any other key is an option of the commands below
        (``taxonomy = "x.yaml"`` is the --taxonomy option, not the taxonomy commands)."""
        commands: dict[str, Any] = group.commands
        own = {k: v for k, v in table.items() if k in commands and isinstance(v, dict)}
        here = {_key(k): v for k, v in table.items() if k not in own}
        known = {p.name for p in _options_below(group)}
        for key in here:
            if key not in known:
                raise self.error((*where, key), "no command has this option")
        shared = {**shared, **here}
        return {
            name: (self.group if hasattr(command, "commands") else self.command)(
                command, own.get(name, {}), shared, (*where, name)
            )
            for name, command in commands.items()
        }

    def command(
        self, command: Any, table: dict[str, Any], shared: dict[str, Any], where: tuple[str, ...]
    ) -> dict[str, Any]:
        options = {p.name: p for p in _options(command)}
        values = {k: v for k, v in shared.items() if k in options}
        for key, value in table.items():
            if _key(key) not in options:
                raise self.error((*where, key), f"`kwmatch {' '.join(where)}` has no such option")
            values[_key(key)] = value
        return {name: self.value(options[name], value, where) for name, value in values.items()}

    def value(self, option: Any, value: Any, where: tuple[str, ...]) -> Any:
        where = (*where, option.name.replace("_", "-"))
        if isinstance(value, dict):
            raise self.error(where, "expected a value, not a table")
        items = value if isinstance(value, list) else [value]
        if not option.multiple and len(items) != 1:
            raise self.error(where, "takes one value, not a list")
        if option.name in _PATHS:
            items = [self.path_value(item) for item in items]
        return items if option.multiple else items[0]

    def path_value(self, item: Any) -> Any:
        """A relative path that exists beside the file, made absolute; other values (a
        shipped taxonomy's name) as they are."""
        if not isinstance(item, str) or Path(item).is_absolute():
            return item
        beside = self.path.parent / item
        return str(beside) if beside.exists() else item

    def error(self, where: tuple[str, ...], problem: str) -> UsageError:
        return UsageError(f"{self.path}: [tool.kwmatch] {'.'.join(where)}: {problem}")


def _options_below(group: Any) -> Iterator[Any]:
    """The options of every command under a group."""
    for command in group.commands.values():
        yield from _options_below(command) if hasattr(command, "commands") else _options(command)


def _options(command: Any) -> Iterator[Any]:
    """The options (not the arguments) of a click command."""
    for param in command.params:
        if type(param).__name__.endswith("Option") and param.name and param.expose_value:
            yield param


def _key(key: str) -> str:
    return key.replace("-", "_")

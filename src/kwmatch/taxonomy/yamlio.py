"""Reading taxonomy files safely: regular files only and under a size cap, the safe
YAML loader with aliases refused before anything is built, and the line of each field."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from kwmatch.errors import TaxonomyError

#: The largest taxonomy file read: the shipped one is about 45 kB.
MAX_TAXONOMY_BYTES = 2 * 1024 * 1024


def read_taxonomy_file(path: Path) -> bytes:
    """The bytes of a taxonomy file, refusing at once what is no regular file (a device
    such as /dev/zero, a named pipe, a directory) or larger than :data:`MAX_TAXONOMY_BYTES`.

    The file is checked with ``stat`` before it is opened, opened without blocking (a pipe
    swapped in after the check cannot hang the read), checked again once open, and read
    at most one byte past the cap.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise TaxonomyError(path, _not_regular(os.stat(path).st_mode))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise TaxonomyError(path, _not_regular(info.st_mode))
            if info.st_size > MAX_TAXONOMY_BYTES:
                raise TaxonomyError(path, _too_large(info.st_size))
            data = handle.read(MAX_TAXONOMY_BYTES + 1)
    except FileNotFoundError:
        raise TaxonomyError(path, "no such file") from None
    except OSError as exc:
        raise TaxonomyError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_TAXONOMY_BYTES:  # it grew since fstat
        raise TaxonomyError(path, _too_large(len(data)))
    return data


def _not_regular(mode: int) -> str:
    what = "a directory" if stat.S_ISDIR(mode) else "a device, a pipe or a socket"
    return f"not a regular file ({what}); a taxonomy is a YAML file"


def _too_large(size: int) -> str:
    return f"file too large ({size} bytes; a taxonomy may have at most {MAX_TAXONOMY_BYTES})"


def dump_yaml(value: Any, *, inline_lists: bool) -> str:
    """YAML text of ``value`` with the safe dumper, keys in their order; short lists
    inline (``aliases: [a, b]``) when ``inline_lists``, else everything in block style."""
    return str(
        yaml.safe_dump(
            value,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=None if inline_lists else False,
            width=100,
        )
    )


def read_yaml(data: bytes, source: str) -> Any:
    """Parse YAML with the safe loader; errors name the line.

    Only plain YAML is read: a tag that would build a Python object is an error, and
    nothing in the file is ever executed; an alias (``*name``) is an error too, before
    any of it is expanded. Bytes that are no text (an image, an archive,
    control characters) get a message that says the file is not YAML.
    """
    _check_text(data, source)
    try:
        # The C loader when PyYAML has it: as safe, and ten times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        _refuse_aliases(data, loader)
        return yaml.load(data, Loader=loader)  # a safe loader: no Python tags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = exc.problem or _one_line(exc)
        if "could not determine a constructor" in str(exc):
            what = f"tag not allowed (only plain YAML is read): {exc.problem}"
        elif Path(source).suffix.lower() not in (".yaml", ".yml", ".json"):
            what += " (is this a YAML file?)"
        raise TaxonomyError(source, f"{where}{what}") from None
    except yaml.YAMLError as exc:  # a reader error: a character YAML does not allow
        reason = getattr(exc, "reason", None) or _one_line(exc)
        position = getattr(exc, "position", None)
        at = f" at byte {position}" if position is not None else ""
        raise TaxonomyError(
            source, f"not a YAML file: binary data or a control character{at} ({reason})"
        ) from None
    except UnicodeDecodeError:
        raise TaxonomyError(source, "not a text file (cannot decode as UTF-8)") from None


def _refuse_aliases(data: bytes, loader: Any) -> None:
    """Raise a composer error, with its line, at the first YAML alias (``*name``, merge
    keys included) of ``data``, before anything is built from it.

    An alias repeats what its anchor holds, and aliases of aliases multiply: a "billion
    laughs" file, tiny on disk, expands to more nodes than any walk of the taxonomy ends
    on. A taxonomy has no need for them; the check reads the parser's events, which costs
    a fraction of the load itself.
    """
    if b"*" not in data:
        return  # no alias can be written without an asterisk
    for event in yaml.parse(data, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            mark: Any = event.start_mark  # the C parser's Mark has the same line and column
            raise yaml.composer.ComposerError(
                None,
                None,
                f"YAML aliases (*{event.anchor}) are not allowed in a taxonomy: write the "
                "value out",
                mark,
            )


def _check_text(data: bytes, source: str) -> None:
    """Refuse bytes that are no UTF-8 text before the YAML parser sees them."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # PyYAML reads UTF-16 with its byte-order mark
    if b"\x00" in data[:65536]:
        raise TaxonomyError(source, "not a YAML file: binary data (NUL bytes), not text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(
            source,
            f"not a YAML file: binary data or not UTF-8 text (byte {exc.start} is "
            f"{data[exc.start]:#04x})",
        ) from None


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


#: The path of a field: mapping keys and list indexes, as strings.
FieldPath = tuple[str, ...]


def field_lines(data: bytes) -> tuple[dict[FieldPath, int], list[tuple[FieldPath, str]]]:
    """The 1-based line of every field of a YAML file, by path, and the keys written twice.

    YAML quietly keeps the last of two equal keys in a mapping (a second ``entry:`` level
    would replace the first), so each repeat is returned as a problem.
    """
    try:
        node = yaml.compose(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}, []
    lines: dict[FieldPath, int] = {}
    repeats: list[tuple[FieldPath, str]] = []
    stack: list[tuple[Any, FieldPath]] = [(node, ())] if node is not None else []
    while stack:
        current, path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            kept: dict[str, Any] = {}
            for key_node, value_node in current.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                    continue
                key, line = str(key_node.value), key_node.start_mark.line + 1
                if key in seen:
                    repeats.append(
                        (
                            (*path, key),
                            f"key {key!r} written twice (first at line {seen[key]}); "
                            "YAML keeps only the last",
                        )
                    )
                seen.setdefault(key, line)
                lines[(*path, key)] = line
                kept[key] = value_node  # the value YAML keeps: the last one
            stack.extend((value, (*path, key)) for key, value in kept.items())
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                lines[(*path, str(index))] = item.start_mark.line + 1
                stack.append((item, (*path, str(index))))
    repeats.sort(key=lambda repeat: lines.get(repeat[0], 0))
    return lines, repeats

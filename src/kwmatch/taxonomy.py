"""Load and validate role taxonomies (YAML, safe loader only).

A taxonomy holds concepts (what a resume can evidence) and groups of responsibilities
that point at them: ``core`` (every level), ``levels`` (entry, mid, senior),
``specializations``, or free ``groups`` (required/preferred in a drafted job posting).
The file format is described by ``schemas/taxonomy.schema.json``.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kwmatch.errors import TaxonomyError

#: The newest taxonomy format this code reads. Format 2 added ``sets`` (one of several
#: concepts) and a concept's ``evidence``; files of format 1 load unchanged.
FORMAT_VERSION = 2
DEFAULT_TAXONOMY = "ml-engineer"


@dataclass(frozen=True)
class NearPattern:
    """Words from each set standing within a window of one another, in one line."""

    all: tuple[tuple[str, ...], ...]
    """Sets of phrases; one phrase of every set must occur."""
    window: int
    """Most words between the first and the last of them."""
    unless: tuple[str, ...]
    """Words that, in the same window, void the pattern."""


@dataclass(frozen=True)
class Concept:
    """Something a resume can evidence: a tool, a language, a method, an activity."""

    id: str
    """Stable identifier (lowercase, hyphens)."""
    label: str
    """Human name, also matched as a phrase."""
    kind: str
    """``skill`` (a named technology or method) or ``activity`` (something one did)."""
    weight: float
    """Relative weight of the concept inside a responsibility."""
    aliases: tuple[str, ...]
    """Other phrases for it (case-insensitive, lemmatized, typo-tolerant when long)."""
    ambiguous: tuple[str, ...]
    """Case-sensitive forms that count only with corroborating context."""
    near: tuple[NearPattern, ...]
    """Co-occurrence patterns for activities that no fixed phrase captures."""
    not_in: tuple[str, ...]
    """Regular expressions; a hit inside one of their matches is not evidence."""
    not_near: tuple[str, ...]
    """Words that void a hit in the same line."""
    fuzzy: bool
    """Whether typos of its long phrases are matched."""
    cues: tuple[str, ...] = ()
    """Words near an ambiguous form that corroborate it, besides the shared cues."""
    evidence: tuple[str, ...] = ()
    """Phrases that show the concept without naming it (a tool, a task: "Airflow" for data
    pipelines); matched like aliases, with a lower confidence."""

    @property
    def phrases(self) -> tuple[str, ...]:
        """The label and every alias, without duplicates."""
        return tuple(dict.fromkeys((self.label, *self.aliases)))


@dataclass(frozen=True)
class Responsibility:
    """One duty of the role, evidenced through its concepts."""

    id: str
    """Stable identifier, unique in the taxonomy."""
    text: str
    """The duty, in the project's own words."""
    source: str
    """Where in the role description it comes from."""
    weight: float
    """Relative weight inside its group."""
    concepts: tuple[str, ...]
    """Ids of every concept that evidences it, the members of its sets included."""
    wants: tuple[str, ...] = ()
    """What it asks for, as written: concept ids and set ids (each set is covered by any
    one of its members). Empty means ``concepts``."""

    @property
    def entries(self) -> tuple[str, ...]:
        """The concept and set ids it is scored over."""
        return self.wants or self.concepts


@dataclass(frozen=True)
class ConceptSet:
    """One of a set: a duty that asks for any one of several concepts ("a cloud platform:
    AWS, Google Cloud or Azure"). Its strength is its strongest member's."""

    id: str
    """Identifier, unique among concepts and sets."""
    label: str
    """Human name of what any member shows ("a cloud platform")."""
    members: tuple[str, ...]
    """Ids of its concepts, two or more."""
    weight: float
    """Relative weight inside a responsibility (default: the mean of its members')."""
    kind: str
    """``skill`` when a member is a skill, else ``activity``."""


@dataclass(frozen=True)
class Group:
    """A set of responsibilities scored together: a level, a specialization, core..."""

    kind: str
    """``core``, ``level``, ``specialization`` or ``group``."""
    id: str
    """Identifier (``entry``, ``deep-learning``, ``core``, ``required``...)."""
    label: str
    """Human name."""
    summary: str
    """One or two sentences on what this group is about."""
    source: str
    """Where in the role description it comes from."""
    responsibilities: tuple[Responsibility, ...]
    """Its duties."""


@dataclass(frozen=True)
class Taxonomy:
    """A loaded, validated taxonomy."""

    id: str
    """Identifier of the role (``ml-engineer``)."""
    title: str
    """Human title of the role."""
    version: int
    """File format version."""
    revision: str
    """Content revision chosen by the taxonomy's authors."""
    sha256: str
    """Digest of the file's bytes, to tell two taxonomies apart in reports."""
    source: str
    """Where it was loaded from (a path, or ``package:NAME``)."""
    concepts: dict[str, Concept]
    """Concepts by id, in file order."""
    groups: tuple[Group, ...]
    """Core, then levels, then specializations, then free groups, in file order."""
    sets: dict[str, ConceptSet] = field(default_factory=dict)
    """Sets ("one of") by id, in file order."""

    def groups_of(self, kind: str) -> tuple[Group, ...]:
        """The groups of one kind (``level``, ``specialization``...)."""
        return tuple(g for g in self.groups if g.kind == kind)

    def label_of(self, entry: str) -> str:
        """The label of a concept or a set, by id."""
        return self.sets[entry].label if entry in self.sets else self.concepts[entry].label

    def weight_of(self, entry: str) -> float:
        """The weight of a concept or a set, by id."""
        return self.sets[entry].weight if entry in self.sets else self.concepts[entry].weight

    def describe(self, entry: str) -> str:
        """A concept's label, or a set as ``label (one of: A | B | C)``, for display."""
        if entry not in self.sets:
            return self.concepts[entry].label
        members = " | ".join(self.concepts[m].label for m in self.sets[entry].members)
        return f"{self.sets[entry].label} (one of: {members})"


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = resources.files("kwmatch").joinpath("schemas/taxonomy.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def shipped_taxonomies() -> list[str]:
    """Names of the taxonomies that ship inside the package."""
    folder = resources.files("kwmatch.taxonomies")
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def load_taxonomy(source: str | Path | None = None) -> Taxonomy:
    """Load a taxonomy from a file path, or a shipped one by name (default: ml-engineer)."""
    name = DEFAULT_TAXONOMY if source is None else str(source)
    path = Path(name)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or path.exists():
        return parse_taxonomy(read_taxonomy_file(path), str(path))
    if name not in shipped_taxonomies():
        raise TaxonomyError(
            name,
            "no such file, and no shipped taxonomy of that name "
            f"({', '.join(shipped_taxonomies())})",
        )
    return _load_shipped(name)


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


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Taxonomy:
    data = resources.files("kwmatch.taxonomies").joinpath(f"{name}.yaml").read_bytes()
    return parse_taxonomy(data, f"package:{name}", schema=False)


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


def validate_data(
    data: Any,
    source: str,
    *,
    schema: bool = True,
    lines: dict[FieldPath, int] | None = None,
) -> list[str]:
    """Every problem of a parsed taxonomy, each naming the path of its field.

    ``schema=False`` skips the JSON Schema pass (the cross-reference checks still run):
    for the shipped taxonomies, which the test suite validates in full, so that start-up
    does not pay for importing jsonschema. ``lines`` (from :func:`field_lines`) adds the
    line of each field to its problem.
    """
    return [_describe(path, message, lines) for path, message in _problems(data, schema)]


def _describe(path: FieldPath, message: str, lines: dict[FieldPath, int] | None) -> str:
    where = "/".join(path) or "top level"
    line = next(
        (lines[path[:end]] for end in range(len(path), 0, -1) if lines and path[:end] in lines),
        None,
    )
    return f"{where}: {message}" + (f" (line {line})" if line else "")


_EXPECTED = "a mapping with kind, version, id, title and concepts"
Problems = list[tuple[FieldPath, str]]


def _problems(data: Any, schema: bool) -> Problems:
    if not isinstance(data, dict):
        if data is None:
            return [((), f"the file is empty (expected {_EXPECTED})")]
        if isinstance(data, str):
            return [((), f"not a taxonomy: the file is plain text, not YAML ({_EXPECTED})")]
        names = {list: "a list", int: "a number", float: "a number", bool: "true or false"}
        return [((), f"expected {_EXPECTED}, got {names.get(type(data), type(data).__name__)}")]
    if "kind" not in data and "concepts" not in data:
        return [((), "not a kwmatch taxonomy (no 'kind: kwmatch-taxonomy' and no concepts)")]
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return [
            (
                ("version",),
                f"format {version} is newer than this kwmatch reads ({FORMAT_VERSION}); "
                "upgrade kwmatch",
            )
        ]
    problems: Problems = []
    if schema:
        from kwmatch.validation import schema_errors

        problems.extend(schema_errors(data, _schema()))
    if problems:
        return problems
    problems.extend(_version_problems(data))
    concept_ids = _concept_problems(data["concepts"], problems)
    set_members = _set_problems(data.get("sets") or [], concept_ids, problems)
    _responsibility_problems(data, concept_ids, set_members, problems)
    return problems


def _version_problems(data: dict[str, Any]) -> Problems:
    """Fields newer than the format the file says it is written in: a kwmatch that reads
    only format 1 would refuse them, so a file that uses them must say version 2."""
    if not isinstance(data.get("version"), int) or data["version"] >= 2:
        return []
    problems: Problems = []
    if "sets" in data:
        problems.append((("sets",), _needs_version_2("sets")))
    for index, concept in enumerate(data["concepts"]):
        if "evidence" in concept:
            problems.append((("concepts", str(index), "evidence"), _needs_version_2("evidence")))
    return problems


def _needs_version_2(field: str) -> str:
    return f"'{field}' needs format version 2 (the file says version 1): write 'version: 2'"


def _weight_problem(value: Any) -> str | None:
    """Why ``value`` is no weight: weights are finite numbers above 0 (not .nan or .inf)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"weight must be a number, got {value!r}"
    if not math.isfinite(value) or value <= 0:
        return f"weight must be a finite number above 0, got {value!r}"
    return None


def _concept_problems(concepts: list[dict[str, Any]], problems: Problems) -> dict[str, int]:
    """Check every concept; return the index of each concept id."""
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for index, concept in enumerate(concepts):
        where: FieldPath = ("concepts", str(index))
        cid = concept["id"]
        if cid in seen_ids:
            problems.append(
                (
                    (*where, "id"),
                    f"duplicate concept id {cid!r} (first at concepts/{seen_ids[cid]})",
                )
            )
        seen_ids.setdefault(cid, index)
        for name in ("aliases", "ambiguous"):
            for position, alias in enumerate(concept.get(name, [])):
                key = _fold(alias) if name == "aliases" else alias
                owner = alias_owner.get(key)
                if owner is not None and owner != cid:
                    problems.append(
                        (
                            (*where, name, str(position)),
                            f"{alias!r} is also an alias of {owner!r}",
                        )
                    )
                alias_owner.setdefault(key, cid)
        own = {_fold(phrase) for phrase in (concept["label"], *concept.get("aliases", []))}
        for position, phrase in enumerate(concept.get("evidence", [])):
            if _fold(phrase) in own:
                problems.append(
                    (
                        (*where, "evidence", str(position)),
                        f"{phrase!r} is the concept's own name or alias: evidence lists "
                        "what shows the concept without naming it",
                    )
                )
        if "weight" in concept and (problem := _weight_problem(concept["weight"])):
            problems.append(((*where, "weight"), problem))
        for position, pattern in enumerate(concept.get("not_in", [])):
            if problem := regex_problem(pattern):
                problems.append(((*where, "not_in", str(position)), problem))
    return seen_ids


def _fold(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _set_problems(
    sets: list[dict[str, Any]], concept_ids: dict[str, int], problems: Problems
) -> dict[str, tuple[str, ...]]:
    """Check every set ("one of"); return the members of each set id."""
    members_of: dict[str, tuple[str, ...]] = {}
    set_ids = {item["id"] for item in sets}
    for index, item in enumerate(sets):
        where: FieldPath = ("sets", str(index))
        sid = item["id"]
        if sid in concept_ids:
            problems.append(((*where, "id"), f"{sid!r} is already a concept id"))
        elif sid in members_of:
            problems.append(((*where, "id"), f"duplicate set id {sid!r}"))
        members = item["one_of"]
        if len(set(members)) < 2:
            alone = f" ({members[0]!r} alone: list that concept itself)" if members else ""
            what = "empty set" if not members else "a set of one"
            problems.append(
                ((*where, "one_of"), f"{what}{alone}; a set needs two or more concepts")
            )
        for position, member in enumerate(members):
            at = (*where, "one_of", str(position))
            if member in set_ids:
                problems.append((at, f"{member!r} is a set: sets hold concepts, not sets"))
            elif member not in concept_ids:
                problems.append((at, f"unknown concept {member!r}"))
            elif member in members[:position]:
                problems.append((at, f"{member!r} is listed twice"))
        if "weight" in item and (problem := _weight_problem(item["weight"])):
            problems.append(((*where, "weight"), problem))
        members_of.setdefault(sid, tuple(members))
    return members_of


def _responsibility_problems(
    data: dict[str, Any],
    concept_ids: dict[str, int],
    set_members: dict[str, tuple[str, ...]],
    problems: Problems,
) -> None:
    responsibility_ids: dict[str, str] = {}
    for _kind, _group_id, group, path in _iter_groups(data):
        for index, item in enumerate(group["responsibilities"]):
            where = (*path.split("/", 1), "responsibilities", str(index))
            rid = item["id"]
            if rid in responsibility_ids:
                problems.append(
                    (
                        (*where, "id"),
                        f"duplicate responsibility id {rid!r} (also at {responsibility_ids[rid]})",
                    )
                )
            responsibility_ids.setdefault(rid, "/".join(where))
            if "weight" in item and (problem := _weight_problem(item["weight"])):
                problems.append(((*where, "weight"), problem))
            in_sets = {m: sid for sid in item["concepts"] for m in set_members.get(sid, ())}
            for position, cid in enumerate(item["concepts"]):
                at = (*where, "concepts", str(position))
                if cid not in concept_ids and cid not in set_members:
                    what = "concept or set" if set_members else "concept"
                    problems.append((at, f"unknown {what} {cid!r}"))
                elif cid in in_sets:
                    problems.append(
                        (at, f"{cid!r} is a member of the set {in_sets[cid]!r} listed here too")
                    )
    if not responsibility_ids:
        problems.append(((), "no responsibilities (add core, levels, specializations or groups)"))


# --- regular expressions --------------------------------------------------------------------

#: A repeat with at most this many rounds may hold a variable repeat ("(?:\w+\s+){0,2}"):
#: the work stays polynomial of a small degree.
BOUNDED_REPEAT_ROUNDS = 10
#: The characters over which two alternatives are tested for overlap.
_OVERLAP_ALPHABET = tuple(chr(code) for code in range(0x250))


def regex_problem(pattern: str) -> str | None:
    """Why a taxonomy's regular expression is refused, or None: a syntax error, or a
    shape that can backtrack for ages on a line of a resume (catastrophic backtracking).

    Refused: a repeat of a repeat of variable length, ``(a+)+``, ``(a*)*``, ``(x+x+)+``;
    and a repeat over alternatives that can match the same text, ``(a|a)*``,
    ``(a|ab)+``. The check is structural and conservative: a safe pattern of one of
    these shapes is refused too (write it another way, with a character class).
    """
    try:
        re.compile(pattern)
        tree = _sre_parse(pattern)
    except (re.error, RecursionError) as exc:
        return f"bad regular expression: {exc}"
    hazard = _hazard(list(tree), inside_repeat=False)
    return f"regular expression {pattern!r} can backtrack without end: {hazard}" if hazard else None


def _sre_parse(pattern: str) -> Any:
    return _regex_module("_parser", "sre_parse").parse(pattern)


def _constants() -> Any:
    return _regex_module("_constants", "sre_constants")


@lru_cache(maxsize=2)
def _regex_module(modern: str, legacy: str) -> Any:
    """The parser of the ``re`` module: ``re._parser`` since Python 3.11, ``sre_parse``
    before (importing that one on 3.11+ warns that it is deprecated)."""
    import importlib

    try:
        return importlib.import_module(f"re.{modern}")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module(legacy)


def _hazard(items: list[Any], *, inside_repeat: bool) -> str | None:
    """The first hazardous construct in a parsed pattern, described, or None."""
    c = _constants()
    for op, av in items:
        found: str | None = None
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, body = av
            if inside_repeat and high != low:
                return "a variable repeat inside a repeat, like (a+)+"
            wide = high == c.MAXREPEAT or high > BOUNDED_REPEAT_ROUNDS
            if wide:
                found = _ambiguous_branch(list(body))
            found = found or _hazard(list(body), inside_repeat=inside_repeat or wide)
        elif op == c.SUBPATTERN:
            found = _hazard(list(av[-1]), inside_repeat=inside_repeat)
        elif op == c.BRANCH:
            for alternative in av[1]:
                found = found or _hazard(list(alternative), inside_repeat=inside_repeat)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _hazard(list(av[1]), inside_repeat=inside_repeat)
        if found:
            return found
    return None


def _ambiguous_branch(items: list[Any]) -> str | None:
    """Alternatives under a repeat that can start the same way, like (a|a)* or (a|ab)+."""
    c = _constants()
    for op, av in items:
        if op == c.SUBPATTERN:
            if found := _ambiguous_branch(list(av[-1])):
                return found
        elif op == c.BRANCH:
            firsts = [_first_chars(list(alternative)) for alternative in av[1]]
            for i, left in enumerate(firsts):
                for right in firsts[i + 1 :]:
                    if left is None or right is None or left & right:
                        return "a repeat over alternatives that can match the same text"
    return None


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """The characters a sequence can start with (both cases), or None for "any" (it can
    match the empty text, or start with a class this check does not follow)."""
    c = _constants()
    for op, av in items:
        if op == c.AT:
            continue  # an anchor (\b, ^) takes no character
        if op == c.LITERAL:
            return frozenset({chr(av).lower(), chr(av).upper()})
        if op == c.IN:
            return _class_chars(av)
        if op == c.SUBPATTERN:
            return _first_chars(list(av[-1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(list(av[2]))
        return None
    return None


def _class_chars(members: list[Any]) -> frozenset[str] | None:
    c = _constants()
    chars: set[str] = set()
    for op, av in members:
        if op == c.LITERAL:
            chars.update({chr(av).lower(), chr(av).upper()})
        elif op == c.RANGE:
            chars.update(ch for ch in _OVERLAP_ALPHABET if av[0] <= ord(ch) <= av[1])
        elif op == c.CATEGORY:
            probe = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w", c.CATEGORY_SPACE: r"\s"}
            if av not in probe:
                return None
            chars.update(ch for ch in _OVERLAP_ALPHABET if re.fullmatch(probe[av], ch))
        else:
            return None  # a negated class
    return frozenset(chars)


def _iter_groups(data: dict[str, Any]) -> list[tuple[str, str, dict[str, Any], str]]:
    out = []
    if "core" in data:
        out.append(("core", "core", data["core"], "core"))
    for key, kind in (
        ("levels", "level"),
        ("specializations", "specialization"),
        ("groups", "group"),
    ):
        for group_id, group in (data.get(key) or {}).items():
            out.append((kind, group_id, group, f"{key}/{group_id}"))
    return out


def _mean_weight(concept_ids: list[str], concepts: dict[str, Concept]) -> float:
    """A responsibility's default weight: the mean weight of its concepts, so that a duty
    evidenced only by soft, common activities (mentoring, stakeholders) counts less than
    one evidenced by technical skills."""
    weights = [concepts[c].weight for c in dict.fromkeys(concept_ids)]
    return sum(weights) / len(weights)


def parse_taxonomy(raw: bytes, source: str, *, schema: bool = True) -> Taxonomy:
    """Parse and validate taxonomy bytes; raise :class:`TaxonomyError` listing every problem."""
    data = read_yaml(raw, source)
    # A hand-written file gets the line of each field and a check for repeated keys; the
    # shipped ones (schema=False) pay for the second pass only when something is wrong.
    lines, repeats = field_lines(raw) if schema else ({}, [])
    found = _problems(data, schema)
    if isinstance(data, dict):
        found = repeats + found
    if found:
        if not schema:
            lines, _ = field_lines(raw)
        raise TaxonomyError(source, [_describe(path, message, lines) for path, message in found])
    concepts = {}
    for item in data["concepts"]:
        concepts[item["id"]] = Concept(
            id=item["id"],
            label=item["label"],
            kind=item.get("kind", "skill"),
            weight=float(item.get("weight", 1.0)),
            aliases=tuple(item.get("aliases", ())),
            ambiguous=tuple(item.get("ambiguous", ())),
            near=tuple(
                NearPattern(
                    all=tuple(tuple(words) for words in pattern["all"]),
                    window=int(pattern.get("window", 4)),
                    unless=tuple(pattern.get("unless", ())),
                )
                for pattern in item.get("near", ())
            ),
            not_in=tuple(item.get("not_in", ())),
            not_near=tuple(item.get("not_near", ())),
            fuzzy=bool(item.get("fuzzy", True)),
            cues=tuple(item.get("cues", ())),
            evidence=tuple(item.get("evidence", ())),
        )
    sets = {item["id"]: _concept_set(item, concepts) for item in data.get("sets") or ()}
    groups = []
    for kind, group_id, group, _path in _iter_groups(data):
        groups.append(
            Group(
                kind=kind,
                id=group_id,
                label=group["label"],
                summary=group.get("summary", ""),
                source=group.get("source", ""),
                responsibilities=tuple(
                    _responsibility(item, group, concepts, sets)
                    for item in group["responsibilities"]
                ),
            )
        )
    return Taxonomy(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        revision=str(data.get("revision", "")),
        sha256=hashlib.sha256(raw).hexdigest(),
        source=source,
        concepts=concepts,
        groups=tuple(groups),
        sets=sets,
    )


def _concept_set(item: dict[str, Any], concepts: dict[str, Concept]) -> ConceptSet:
    members = tuple(dict.fromkeys(item["one_of"]))
    skill = any(concepts[m].kind == "skill" for m in members)
    return ConceptSet(
        id=item["id"],
        label=item["label"],
        members=members,
        weight=float(item.get("weight", _mean_weight(list(members), concepts))),
        kind="skill" if skill else "activity",
    )


def _responsibility(
    item: dict[str, Any],
    group: dict[str, Any],
    concepts: dict[str, Concept],
    sets: dict[str, ConceptSet],
) -> Responsibility:
    wants = tuple(dict.fromkeys(item["concepts"]))
    members = [m for entry in wants for m in (sets[entry].members if entry in sets else (entry,))]
    weights = [sets[e].weight if e in sets else concepts[e].weight for e in wants]
    return Responsibility(
        id=item["id"],
        text=item["text"],
        source=item.get("source", group.get("source", "")),
        weight=float(item.get("weight", sum(weights) / len(weights))),
        concepts=tuple(dict.fromkeys(members)),
        wants=wants,
    )

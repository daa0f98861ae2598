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
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from kwmatch.errors import TaxonomyError

#: The newest taxonomy format this code reads.
FORMAT_VERSION = 1
DEFAULT_TAXONOMY = "ml-engineer"


ConceptKind = Literal["skill", "activity"]
GroupKind = Literal["core", "level", "specialization", "group"]


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
    kind: ConceptKind
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
    """Ids of the concepts that evidence it."""


@dataclass(frozen=True)
class Group:
    """A set of responsibilities scored together: a level, a specialization, core..."""

    kind: GroupKind
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

    def groups_of(self, kind: GroupKind) -> tuple[Group, ...]:
        """The groups of one kind (``level``, ``specialization``...)."""
        return tuple(g for g in self.groups if g.kind == kind)

    def score_names(self) -> list[str]:
        """Every score a report of this taxonomy has: overall, then each group by id."""
        return ["overall", *(g.id for g in self.groups)]


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
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise TaxonomyError(path, "no such file") from None
        except OSError as exc:
            raise TaxonomyError(path, f"cannot read: {exc.strerror or exc}") from None
        return parse_taxonomy(data, str(path))
    if name not in shipped_taxonomies():
        raise TaxonomyError(
            name,
            "no such file, and no shipped taxonomy of that name "
            f"({', '.join(shipped_taxonomies())})",
        )
    return _load_shipped(name)


def shipped_bytes(name: str) -> bytes:
    """The file of a shipped taxonomy, as packaged (the one place that reads it)."""
    return resources.files("kwmatch.taxonomies").joinpath(f"{name}.yaml").read_bytes()


def check_taxonomy(source: str) -> Taxonomy:
    """Load and fully validate a taxonomy: a file, or a shipped one by name.

    A shipped taxonomy is loaded without its JSON Schema pass to save start-up time;
    checking one by name runs that pass too.
    """
    path = Path(source)
    if not path.exists() and source in shipped_taxonomies():
        return parse_taxonomy(shipped_bytes(source), f"package:{source}")
    return load_taxonomy(path if path.suffix else source)


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Taxonomy:
    data = shipped_bytes(name)
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
    nothing in the file is ever executed. Bytes that are no text (an image, an archive,
    control characters) get a message that says the file is not YAML.
    """
    _check_text(data, source)
    try:
        # The C loader when PyYAML has it: as safe, and ten times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def _problems(data: Any, schema: bool) -> list[tuple[FieldPath, str]]:
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
    problems: list[tuple[FieldPath, str]] = []
    if schema:
        from kwmatch.validation import schema_errors

        problems.extend(schema_errors(data, _schema()))
    if problems:
        return problems
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for index, concept in enumerate(data["concepts"]):
        cid = concept["id"]
        if cid in seen_ids:
            problems.append(
                (
                    ("concepts", str(index), "id"),
                    f"duplicate concept id {cid!r} (first at concepts/{seen_ids[cid]})",
                )
            )
        seen_ids.setdefault(cid, index)
        for field in ("aliases", "ambiguous"):
            for position, alias in enumerate(concept.get(field, [])):
                key = " ".join(alias.lower().split()) if field == "aliases" else alias
                owner = alias_owner.get(key)
                if owner is not None and owner != cid:
                    problems.append(
                        (
                            ("concepts", str(index), field, str(position)),
                            f"{alias!r} is also an alias of {owner!r}",
                        )
                    )
                alias_owner.setdefault(key, cid)
        for position, pattern in enumerate(concept.get("not_in", [])):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(
                    (
                        ("concepts", str(index), "not_in", str(position)),
                        f"bad regular expression: {exc}",
                    )
                )
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
            for position, cid in enumerate(item["concepts"]):
                if cid not in seen_ids:
                    problems.append(
                        ((*where, "concepts", str(position)), f"unknown concept {cid!r}")
                    )
    if not responsibility_ids:
        problems.append(((), "no responsibilities (add core, levels, specializations or groups)"))
    return problems


def _iter_groups(data: dict[str, Any]) -> list[tuple[GroupKind, str, dict[str, Any], str]]:
    out: list[tuple[GroupKind, str, dict[str, Any], str]] = []
    if "core" in data:
        out.append(("core", "core", data["core"], "core"))
    kinds: tuple[tuple[str, GroupKind], ...] = (
        ("levels", "level"),
        ("specializations", "specialization"),
        ("groups", "group"),
    )
    for key, kind in kinds:
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
        )
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
                    Responsibility(
                        id=item["id"],
                        text=item["text"],
                        source=item.get("source", group.get("source", "")),
                        weight=float(item.get("weight", _mean_weight(item["concepts"], concepts))),
                        concepts=tuple(dict.fromkeys(item["concepts"])),
                    )
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
    )

"""Load and validate role taxonomies (YAML, safe loader only).

A taxonomy holds concepts (what a resume can evidence) and groups of responsibilities
that point at them: ``core`` (every level), ``levels`` (entry, mid, senior),
``specializations``, or free ``groups`` (required/preferred in a drafted job posting).
The file format is described by ``schemas/taxonomy.schema.json``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kwmatch.errors import TaxonomyError

#: The newest taxonomy format this code reads.
FORMAT_VERSION = 1
DEFAULT_TAXONOMY = "ml-engineer"
GROUP_KINDS = ("core", "levels", "specializations", "groups")


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

    def groups_of(self, kind: str) -> tuple[Group, ...]:
        """The groups of one kind (``level``, ``specialization``...)."""
        return tuple(g for g in self.groups if g.kind == kind)


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


@lru_cache(maxsize=8)
def _load_shipped(name: str) -> Taxonomy:
    data = resources.files("kwmatch.taxonomies").joinpath(f"{name}.yaml").read_bytes()
    return parse_taxonomy(data, f"package:{name}", schema=False)


def read_yaml(data: bytes, source: str) -> Any:
    """Parse YAML with the safe loader; errors name the line."""
    try:
        # The C loader when PyYAML has it: as safe, and ten times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(data, Loader=loader)  # a safe loader: no Python tags
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        what = exc.problem or str(exc)
        if "could not determine a constructor" in str(exc):
            what = f"tag not allowed (only plain YAML is read): {exc.problem}"
        raise TaxonomyError(source, f"{where}{what}") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(source, f"not valid YAML: {exc}") from None
    except UnicodeDecodeError:
        raise TaxonomyError(source, "not a text file (cannot decode as UTF-8)") from None


def validate_data(data: Any, source: str, *, schema: bool = True) -> list[str]:
    """Every problem of a parsed taxonomy, each naming the path of its field.

    ``schema=False`` skips the JSON Schema pass (the cross-reference checks still run):
    for the shipped taxonomies, which the test suite validates in full, so that start-up
    does not pay for importing jsonschema.
    """
    if not isinstance(data, dict):
        return [f"top level: expected a mapping, got {type(data).__name__}"]
    version = data.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        return [
            f"version: format {version} is newer than this kwmatch reads ({FORMAT_VERSION}); "
            "upgrade kwmatch"
        ]
    problems = []
    if schema:
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(_schema())
        errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        for error in errors:
            path = "/".join(str(p) for p in error.absolute_path) or "top level"
            problems.append(f"{path}: {error.message}")
    if problems:
        return problems
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for index, concept in enumerate(data["concepts"]):
        cid = concept["id"]
        if cid in seen_ids:
            problems.append(
                f"concepts/{index}/id: duplicate concept id {cid!r} "
                f"(first at concepts/{seen_ids[cid]})"
            )
        seen_ids.setdefault(cid, index)
        for field in ("aliases", "ambiguous"):
            for position, alias in enumerate(concept.get(field, [])):
                key = " ".join(alias.lower().split()) if field == "aliases" else alias
                owner = alias_owner.get(key)
                if owner is not None and owner != cid:
                    problems.append(
                        f"concepts/{index}/{field}/{position}: {alias!r} "
                        f"is also an alias of {owner!r}"
                    )
                alias_owner.setdefault(key, cid)
        for position, pattern in enumerate(concept.get("not_in", [])):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(
                    f"concepts/{index}/not_in/{position}: bad regular expression: {exc}"
                )
    responsibility_ids: dict[str, str] = {}
    for _kind, _group_id, group, path in _iter_groups(data):
        for index, item in enumerate(group["responsibilities"]):
            where = f"{path}/responsibilities/{index}"
            rid = item["id"]
            if rid in responsibility_ids:
                problems.append(
                    f"{where}/id: duplicate responsibility id {rid!r} "
                    f"(also at {responsibility_ids[rid]})"
                )
            responsibility_ids.setdefault(rid, where)
            for position, cid in enumerate(item["concepts"]):
                if cid not in seen_ids:
                    problems.append(f"{where}/concepts/{position}: unknown concept {cid!r}")
    if not responsibility_ids:
        problems.append(
            "top level: no responsibilities (add core, levels, specializations or groups)"
        )
    return problems


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
    problems = validate_data(data, source, schema=schema)
    if problems:
        raise TaxonomyError(source, problems)
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

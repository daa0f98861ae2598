"""Load and validate role taxonomies (YAML, safe loader only).

A taxonomy holds concepts (what a resume can evidence) and groups of responsibilities
that point at them: ``core`` (every level), ``levels`` (entry, mid, senior),
``specializations``, or free ``groups`` (required/preferred in a drafted job posting).
The file format is described by ``schemas/taxonomy.schema.json``; the model is in
:mod:`.model`, file reading in :mod:`.yamlio`, validation in :mod:`.checks` and
:mod:`.regexes`.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kwmatch.errors import TaxonomyError
from kwmatch.taxonomy.checks import describe_problem, iter_groups, problems_of, validate_data
from kwmatch.taxonomy.model import (
    DEFAULT_TAXONOMY,
    FORMAT_VERSION,
    Concept,
    ConceptKind,
    ConceptSet,
    Group,
    GroupKind,
    NearPattern,
    Requirement,
    Responsibility,
    Taxonomy,
)
from kwmatch.taxonomy.regexes import regex_problem
from kwmatch.taxonomy.yamlio import (
    MAX_TAXONOMY_BYTES,
    FieldPath,
    dump_yaml,
    field_lines,
    read_taxonomy_file,
    read_yaml,
)

__all__ = [
    "DEFAULT_TAXONOMY",
    "FORMAT_VERSION",
    "MAX_TAXONOMY_BYTES",
    "Concept",
    "ConceptKind",
    "ConceptSet",
    "FieldPath",
    "Group",
    "GroupKind",
    "NearPattern",
    "Requirement",
    "Responsibility",
    "Taxonomy",
    "check_taxonomy",
    "dump_yaml",
    "field_lines",
    "load_taxonomy",
    "parse_taxonomy",
    "read_yaml",
    "regex_problem",
    "shipped_bytes",
    "shipped_taxonomies",
    "validate_data",
]


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
    found = problems_of(data, schema)
    if isinstance(data, dict):
        found = repeats + found
    if found:
        if not schema:
            lines, _ = field_lines(raw)
        raise TaxonomyError(
            source, [describe_problem(path, message, lines) for path, message in found]
        )
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
    for kind, group_id, group, _path in iter_groups(data):
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
        essential=tuple((data.get("fit") or {}).get("essential", ())),
        production=tuple((data.get("fit") or {}).get("production", ())),
        adjacent=tuple((data.get("fit") or {}).get("adjacent", ())),
        requirements=tuple(_requirement(item) for item in data.get("requirements") or ()),
    )


def _requirement(item: dict[str, Any]) -> Requirement:
    maximum = item.get("max_years")
    return Requirement(
        kind=item["kind"],
        text=item["text"],
        preferred=bool(item.get("preferred", False)),
        min_years=float(item.get("min_years", 0)),
        max_years=None if maximum is None else float(maximum),
        subject=item.get("subject", ""),
        degree=item.get("degree", ""),
        field=item.get("field", ""),
        seniority=item.get("seniority", ""),
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

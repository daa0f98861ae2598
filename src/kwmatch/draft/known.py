"""The known taxonomy's concepts as its file writes them, for a draft to copy whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kwmatch.taxonomy import Taxonomy, read_yaml, shipped_bytes


def raw_concepts(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """The known taxonomy's concepts as its file writes them (every field kept)."""
    source = taxonomy.source
    try:
        if source.startswith("package:"):
            name = source.removeprefix("package:")
            raw = shipped_bytes(name)
        else:
            raw = Path(source).read_bytes()
        data = read_yaml(raw, source)
        concepts = {item["id"]: item for item in data["concepts"]}
        if set(concepts) == set(taxonomy.concepts):
            return concepts
    except (OSError, KeyError, TypeError, ValueError):
        pass
    return {c.id: concept_data(c) for c in taxonomy.concepts.values()}


def concept_data(concept: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": concept.id, "label": concept.label, "kind": concept.kind}
    for name in ("aliases", "evidence", "ambiguous", "cues", "not_in", "not_near"):
        value = getattr(concept, name)
        if value:
            data[name] = list(value)
    if concept.near:
        data["near"] = [
            {"all": [list(words) for words in p.all], "window": p.window}
            | ({"unless": list(p.unless)} if p.unless else {})
            for p in concept.near
        ]
    if not concept.fuzzy:
        data["fuzzy"] = False
    return data

"""The known taxonomy's concepts as its file writes them, for a draft to copy whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kwmatch.taxonomy import Taxonomy, read_yaml, shipped_bytes

#: A posting's words longer than this stay out of a label (a long "near" hit).
MAX_LABEL_WORDS = 4


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


def in_posting_words(data: dict[str, Any], surface: str, taken: set[str]) -> dict[str, Any]:
    """A known concept labelled as the posting names it ("lead the team" rather than
    the shipped "Technical leadership"), the shipped label kept as an alias so that a
    resume meets it the same ways; a posting form the file spells otherwise ("python")
    takes the file's spelling. ``taken``: the names other concepts hold."""
    label = str(data["label"])
    phrases = [label, *data.get("aliases", ())]
    folded = " ".join(surface.lower().split())
    same = next((p for p in phrases if " ".join(p.lower().split()) == folded), None)
    own = {" ".join(p.lower().split()) for p in phrases}
    evidence = {" ".join(p.lower().split()) for p in data.get("evidence", ())}
    if (
        not surface
        or len(surface.split()) > MAX_LABEL_WORDS
        or folded in evidence
        or (folded in taken and folded not in own)
    ):
        return data
    new_label = surface
    if surface.islower() and same is not None and not same.islower():
        new_label = same  # "python" in a tag line: the file writes "Python"
    elif surface.islower() and data.get("kind") != "skill":
        new_label = surface[:1].upper() + surface[1:]
    if new_label == label:
        return data
    data["label"] = new_label
    kept = [a for a in data.get("aliases", ()) if a.lower() != new_label.lower()]
    data["aliases"] = [label, *kept] if label.lower() != new_label.lower() else kept
    return data

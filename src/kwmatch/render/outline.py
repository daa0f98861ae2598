"""A taxonomy for scripts: its data as JSON, or its ids one per line (the tables for
people are :func:`kwmatch.render.table.render_tree`)."""

from __future__ import annotations

import json
from typing import Any

from kwmatch.taxonomy import Taxonomy


def taxonomy_data(taxonomy: Taxonomy) -> dict[str, Any]:
    """The taxonomy as plain data: what it is, its concepts and sets, and its groups with
    the responsibilities and the concept or set ids each is scored over."""
    return {
        "id": taxonomy.id,
        "title": taxonomy.title,
        "version": taxonomy.version,
        "revision": taxonomy.revision,
        "concepts": [
            {
                "id": concept.id,
                "label": concept.label,
                "kind": concept.kind,
                "weight": concept.weight,
                "aliases": list(concept.aliases),
                "ambiguous": list(concept.ambiguous),
                "evidence": list(concept.evidence),
            }
            for concept in taxonomy.concepts.values()
        ],
        "sets": [
            {"id": item.id, "label": item.label, "members": list(item.members)}
            for item in taxonomy.sets.values()
        ],
        "groups": [
            {
                "kind": group.kind,
                "id": group.id,
                "label": group.label,
                "responsibilities": [
                    {"id": item.id, "text": item.text, "concepts": list(item.entries)}
                    for item in group.responsibilities
                ],
            }
            for group in taxonomy.groups
        ],
    }


def render_taxonomy_json(taxonomy: Taxonomy) -> str:
    """:func:`taxonomy_data` as JSON text (two-space indent, taxonomy order)."""
    return json.dumps(taxonomy_data(taxonomy), indent=2, ensure_ascii=False) + "\n"


def render_taxonomy_ids(taxonomy: Taxonomy) -> str:
    """Every id ``--fail-on-missing`` takes, one per line: the concepts, then the sets."""
    return "".join(f"{entry}\n" for entry in [*taxonomy.concepts, *taxonomy.sets])

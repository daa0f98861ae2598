"""A concept made from a posting's own words, as the draft's file writes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class NewConcept:
    """A drafted concept: id, label, kind, and the other names it goes by."""

    id: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label, "kind": self.kind}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.ambiguous:
            data["ambiguous"] = list(self.ambiguous)
        return data

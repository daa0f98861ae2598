"""The judgement of fit: the specialization the evidence sets apart, and a fit score.

**Specialization.** Every ML resume names Python, SQL and a model or two; what tells a
data engineer from a deep-learning researcher is the evidence that only one
specialization asks for (Spark and Airflow; Kubernetes and serving; neural networks and
GPUs). :func:`specializations` weighs each thing a specialization asks for by how
distinctive it is: ``1 / n`` when ``n`` specializations ask for it, and half that again
when the core duties or a level ask for it too (what everyone shares sets nobody
apart). Evidence is worth what :mod:`kwmatch.evidence` says (work above a skills list
above coursework). The best specialization needs real evidence (at least
:data:`MIN_SPECIALIZATION`); the report gives its margin over the runner-up.

**Fit.** ``fit`` (0 to 1) is what a recruiter would sign for the role, built from four
parts, each 0 to 1, with fixed weights (:data:`FIT_WEIGHTS`):

* ``core``: coverage of the core duties, evidence weighed by where it stands;
* ``specialization``: the best specialization's distinctive coverage;
* ``demonstrated``: how many of the skills the role asks for are shown in dated roles or
  projects, not only listed (in full from :data:`DEMONSTRATED_FOR_FULL` on);
* ``seniority``: the level (entry 1/3, mid 2/3, senior 1), counted only in the measure
  of the technical evidence (a senior sales manager is no senior ML engineer).

All four only grow with evidence, so adding evidence never lowers ``fit``, and an empty
resume scores 0. Bands: strong from 0.6, reasonable from 0.4, weak from 0.2, else not a
fit (:data:`BANDS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kwmatch.evidence import DEMONSTRATED, Placed
from kwmatch.score import entry_strength
from kwmatch.seniority import Seniority
from kwmatch.taxonomy import Taxonomy

Band = Literal["strong", "reasonable", "weak", "not a fit"]
#: The lowest fit of each band, best first.
BANDS: tuple[tuple[Band, float], ...] = (
    ("strong", 0.6),
    ("reasonable", 0.4),
    ("weak", 0.2),
    ("not a fit", 0.0),
)
#: The weight of each part of the fit score (they add up to 1).
FIT_WEIGHTS = {"core": 0.35, "specialization": 0.25, "demonstrated": 0.25, "seniority": 0.15}
#: Skills shown in work or projects for the full ``demonstrated`` part.
DEMONSTRATED_FOR_FULL = 8
#: What a level adds to the ``seniority`` part.
LEVEL_VALUE = {"entry": 1 / 3, "mid": 2 / 3, "senior": 1.0}
#: A specialization needs this much distinctive coverage to be named at all.
MIN_SPECIALIZATION = 0.1
#: Distinctive weight kept by what the core duties or a level ask for too.
SHARED_DISCOUNT = 0.5


@dataclass(frozen=True)
class Fit:
    """The fit score, its band, its parts, and the specialization judgement."""

    score: float
    band: Band
    parts: dict[str, float]
    specialization: str | None
    specialization_margin: float | None
    specializations: dict[str, float]
    """Distinctive coverage of every specialization, by id."""


def band_of(score: float) -> Band:
    """The band a fit score falls in."""
    return next(name for name, floor in BANDS if score >= floor)


def distinctiveness(taxonomy: Taxonomy) -> dict[str, dict[str, float]]:
    """For each specialization, the weight of each thing it asks for (concept or set)."""
    asked: dict[str, set[str]] = {}
    shared: set[str] = set()
    for group in taxonomy.groups:
        for item in group.responsibilities:
            for entry in item.entries:
                if group.kind == "specialization":
                    asked.setdefault(entry, set()).add(group.id)
                elif group.kind in ("core", "level"):
                    shared.add(entry)
    weights: dict[str, dict[str, float]] = {}
    for entry, specs in asked.items():
        value = (SHARED_DISCOUNT if entry in shared else 1.0) / len(specs)
        for spec in specs:
            weights.setdefault(spec, {})[entry] = value
    return weights


def specializations(taxonomy: Taxonomy, strength: dict[str, float]) -> dict[str, float]:
    """Distinctive coverage of each specialization, 0 to 1."""
    found = {}
    for spec, weights in distinctiveness(taxonomy).items():
        total = sum(weights.values())
        have = sum(w * (entry_strength(taxonomy, e, strength) or 0.0) for e, w in weights.items())
        found[spec] = have / total if total else 0.0
    return found


def judge_fit(
    taxonomy: Taxonomy,
    strength: dict[str, float],
    core: float | None,
    placed: Sequence[Placed],
    seniority: Seniority,
) -> Fit:
    """The fit of a resume whose concepts have ``strength`` (weighed by place)."""
    specs = specializations(taxonomy, strength)
    ranked = sorted(specs.items(), key=lambda pair: (-pair[1], pair[0]))
    best = ranked[0] if ranked and ranked[0][1] >= MIN_SPECIALIZATION else None
    margin = round(best[1] - ranked[1][1], 4) if best and len(ranked) > 1 else None
    asked = {e for g in taxonomy.groups for r in g.responsibilities for e in r.entries}
    skills = {
        h.match.concept
        for h in placed
        if h.kind in DEMONSTRATED and taxonomy.concepts[h.match.concept].kind == "skill"
    }
    members = {m for s in taxonomy.sets.values() for m in s.members if s.id in asked}
    shown = len(skills & (asked | members))
    technical = core or 0.0
    level = LEVEL_VALUE.get(seniority.level or "", 0.0)
    parts = {
        "core": technical,
        "specialization": best[1] if best else 0.0,
        "demonstrated": min(1.0, shown / DEMONSTRATED_FOR_FULL),
        "seniority": level * min(1.0, technical / FIT_WEIGHTS["core"]),
    }
    value = sum(FIT_WEIGHTS[name] * part for name, part in parts.items())
    return Fit(
        score=round(value, 4),
        band=band_of(value),
        parts={name: round(part, 4) for name, part in parts.items()},
        specialization=best[0] if best else None,
        specialization_margin=margin,
        specializations={k: round(v, 4) for k, v in specs.items()},
    )

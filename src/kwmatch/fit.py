"""The judgement of fit: the specialization the evidence sets apart, and a fit score.

**Specialization.** Every ML resume names Python, SQL and a model or two; what tells a
data engineer from a deep-learning researcher is the evidence that only one
specialization asks for (Spark and Airflow; Kubernetes and serving; neural networks and
GPUs). :func:`distinctiveness` weighs each thing a specialization asks for by how
distinctive it is, concept by concept (a set through its members): ``1 / n`` when ``n``
specializations ask for it, and a quarter of that when the core duties or a level ask
for it too (what everyone shares sets nobody apart). A specialization's evidence is the
sum of those weights over what the resume evidences, each at its strength (work above a
skills list above coursework, :mod:`kwmatch.evidence`), a concept that no role or project
shows at :data:`LISTED_SHARE` of it (a specialization is what a person did: a long list
of deep-learning words does not outweigh years of applied models), and up to half again
for the years it was used in dated roles (what a person worked in longest), in full from
:data:`SPECIALIZATION_FOR_FULL`. The best one needs at least :data:`MIN_SPECIALIZATION`;
the report gives its margin over the runner-up.

**Fit.** ``fit`` (0 to 1) is what a recruiter would sign for the role: a weighted sum
(:data:`FIT_WEIGHTS`) of seven parts, each 0 to 1; what the person did (``demonstrated``,
``production``, ``ml_roles``) weighs most, what a resume only names least. The
taxonomy's ``fit`` block names the *essential* concepts (for an ML engineer: machine
learning, its frameworks and methods) and the *production* ones (deployment, MLOps,
monitoring, containers, pipelines):

* ``essential``: the essential concepts evidenced, each at its strength, in full from
  :data:`ESSENTIAL_FOR_FULL`;
* ``demonstrated``: essential concepts shown in a dated role or a project, not only
  listed, in full from :data:`DEMONSTRATED_FOR_FULL`;
* ``production``: production concepts shown in a role or project, in full from
  :data:`PRODUCTION_FOR_FULL`, times ``demonstrated`` (shipping software is an ML
  engineer's production work only when the ML is shown too); a taxonomy that names no
  production concepts counts ``demonstrated`` here;
* ``seniority``: the level (entry 1/3, mid 2/3, senior 1) times the smaller of
  ``essential`` and the ML done at work: the larger of ``ml_roles`` and the essential
  concepts shown in the experience part, in full from :data:`AT_WORK_FOR_FULL` (a senior
  sales manager is no senior ML engineer, nor a senior analyst whose ML is a capstone);
* ``ml_roles``: full-time years in dated roles whose title names ML work
  (:data:`kwmatch.roles.ML_TITLE`; internships and part-time roles at half), in full from
  :data:`ML_ROLE_YEARS_FOR_FULL`;
* ``adjacent``: the taxonomy's *adjacent* concepts (for an ML engineer: software written
  and tested) shown in the experience part, in full from :data:`ADJACENT_FOR_FULL`: work
  next to the role's (a QA engineer is nearer an ML opening than a help-desk technician);
* ``core``: coverage of the core duties.

Every part only grows with evidence, so adding evidence never lowers ``fit``, and an
empty resume scores 0. Bands (:data:`BANDS`): strong from 0.6, reasonable from 0.4, weak
from 0.2, else not a fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kwmatch.dates import MONTHS_PER_YEAR, YearMonth
from kwmatch.evidence import DEMONSTRATED, Placed
from kwmatch.history import WorkHistory
from kwmatch.history_years import KIND_WEIGHT, weighted_months
from kwmatch.roles import ML_TITLE
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
FIT_WEIGHTS = {
    "essential": 0.10,
    "demonstrated": 0.35,
    "production": 0.20,
    "seniority": 0.10,
    "ml_roles": 0.15,
    "adjacent": 0.05,
    "core": 0.05,
}
#: Essential concepts (evidence-weighted) for the full ``essential`` part; essential
#: concepts shown in roles or projects for the full ``demonstrated`` part; production
#: concepts shown there for the full ``production`` part.
ESSENTIAL_FOR_FULL = 5
DEMONSTRATED_FOR_FULL = 8
PRODUCTION_FOR_FULL = 4
#: Full-time years in roles with an ML title (internships and part-time roles at half) for
#: the full ``ml_roles`` part; essential concepts shown in the experience part of a resume
#: for ML work in full (what the ``seniority`` part is scaled by).
ML_ROLE_YEARS_FOR_FULL = 2.0
AT_WORK_FOR_FULL = 4
#: Adjacent concepts (the taxonomy's ``adjacent``) shown in the experience part for the
#: full ``adjacent`` part.
ADJACENT_FOR_FULL = 2
#: What a level adds to the ``seniority`` part.
LEVEL_VALUE = {"entry": 1 / 3, "mid": 2 / 3, "senior": 1.0}
#: A specialization needs this much distinctive evidence to be named at all.
MIN_SPECIALIZATION = 0.2
#: Distinctive weight kept by what the core duties or a level ask for too.
SHARED_DISCOUNT = 0.25
#: A concept used this many years in dated roles weighs up to TENURE_BONUS more in the
#: specializations' evidence.
TENURE_FOR_FULL = 3.0
TENURE_BONUS = 0.5
#: Share of its strength a concept keeps in the specializations' evidence when no role
#: or project shows it (:func:`_as_done`).
LISTED_SHARE = 0.6
#: Distinctive evidence (summed weights) for a full specialization score.
SPECIALIZATION_FOR_FULL = 2.0


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
    ml_role_years: float = 0.0
    """Full-time years in roles with an ML title (:func:`ml_role_years`)."""


def band_of(score: float) -> Band:
    """The band a fit score falls in."""
    return next(name for name, floor in BANDS if score >= floor)


def distinctiveness(taxonomy: Taxonomy) -> dict[str, dict[str, float]]:
    """For each specialization, the weight of each thing it asks for (concept or set).

    What is asked for is compared concept by concept (a set through its members): a set
    of libraries whose members the core duties ask for is no more distinctive than they.
    """

    def members(entry: str) -> set[str]:
        return set(taxonomy.sets[entry].members) if entry in taxonomy.sets else {entry}

    asked: dict[str, set[str]] = {}
    shared: set[str] = set()
    for group in taxonomy.groups:
        for item in group.responsibilities:
            for entry in item.entries:
                for concept in members(entry):
                    if group.kind == "specialization":
                        asked.setdefault(concept, set()).add(group.id)
                    elif group.kind in ("core", "level"):
                        shared.add(concept)
    weights: dict[str, dict[str, float]] = {}
    for group in taxonomy.groups_of("specialization"):
        for item in group.responsibilities:
            for entry in item.entries:
                inside = members(entry)
                specs = set().union(*(asked.get(c, set()) for c in inside))
                discount = SHARED_DISCOUNT if inside & shared else 1.0
                weights.setdefault(group.id, {})[entry] = discount / max(1, len(specs))
    return weights


def specializations(taxonomy: Taxonomy, strength: dict[str, float]) -> dict[str, float]:
    """Distinctive evidence of each specialization, in units of
    :data:`SPECIALIZATION_FOR_FULL` (1 is a full specialization; a broad resume may hold
    more): the distinctive weight of what the resume evidences, summed, not averaged (a
    specialization that asks for four domains is no weaker a fit for a candidate who
    shows two of them)."""
    found = {}
    for spec, weights in distinctiveness(taxonomy).items():
        have = sum(w * (entry_strength(taxonomy, e, strength) or 0.0) for e, w in weights.items())
        found[spec] = have / SPECIALIZATION_FOR_FULL
    return found


def judge_fit(
    taxonomy: Taxonomy,
    strength: dict[str, float],
    core: float | None,
    placed: Sequence[Placed],
    seniority: Seniority,
    years_used: dict[str, float] | None = None,
    ml_years: float = 0.0,
) -> Fit:
    """The fit of a resume whose concepts have ``strength`` (weighed by place); a
    specialization's evidence also counts how long each concept was used at work
    (``years_used``): a person's specialization is what they worked in longest.
    ``ml_years``: full-time years in roles with an ML title (:func:`ml_role_years`)."""
    shown = {h.match.concept for h in placed if h.kind in DEMONSTRATED}
    specs = specializations(taxonomy, _with_tenure(_as_done(strength, shown), years_used or {}))
    ranked = sorted(specs.items(), key=lambda pair: (-pair[1], pair[0]))
    best = ranked[0] if ranked and ranked[0][1] >= MIN_SPECIALIZATION else None
    margin = round(min(1.0, best[1] - ranked[1][1]), 4) if best and len(ranked) > 1 else None
    essential = taxonomy.essential or core_entries(taxonomy)
    at_work = {h.match.concept for h in placed if h.kind == "experience"}
    breadth = sum(entry_strength(taxonomy, e, strength) or 0.0 for e in essential)
    parts = fit_parts(
        breadth,
        _count(taxonomy, essential, shown),
        _count(taxonomy, taxonomy.production, shown),
        core or 0.0,
        seniority.level,
        asks_production=bool(taxonomy.production),
        at_work=_count(taxonomy, essential, at_work),
        ml_years=ml_years,
        adjacent=_count(taxonomy, taxonomy.adjacent, at_work),
    )
    value = fit_value(parts)
    return Fit(
        score=round(value, 4),
        band=band_of(value),
        parts={name: round(parts[name], 4) for name in FIT_WEIGHTS},
        specialization=best[0] if best else None,
        specialization_margin=margin,
        specializations={k: round(min(1.0, v), 4) for k, v in specs.items()},
        ml_role_years=ml_years,
    )


def fit_parts(
    breadth: float,
    demonstrated: int,
    production: int,
    core: float,
    level: str | None,
    *,
    asks_production: bool = True,
    at_work: int = 0,
    ml_years: float = 0.0,
    adjacent: int = 0,
) -> dict[str, float]:
    """The seven parts of the fit from what they count: the essential concepts' summed
    strength, the essential and the production concepts shown in roles or projects, the
    core coverage, the level, the essential concepts shown in the experience part
    (``at_work``), the years in ML-titled roles and the adjacent concepts shown in the
    experience part (the one formula :func:`judge_fit` and :mod:`kwmatch.gaps` share)."""
    parts = {
        "essential": min(1.0, breadth / ESSENTIAL_FOR_FULL),
        "demonstrated": min(1.0, demonstrated / DEMONSTRATED_FOR_FULL),
        "production": min(1.0, production / PRODUCTION_FOR_FULL),
        "core": core,
    }
    # Shipping software is an ML engineer's production work only when the ML is shown too;
    # a taxonomy that names no production concepts (a drafted posting) asks for none, and
    # what is demonstrated stands in.
    parts["production"] *= parts["demonstrated"]
    if not asks_production:
        parts["production"] = parts["demonstrated"]
    parts["ml_roles"] = min(1.0, ml_years / ML_ROLE_YEARS_FOR_FULL)
    parts["adjacent"] = min(1.0, adjacent / ADJACENT_FOR_FULL)
    # Seniority counts for an ML opening as far as the ML was done at work: a senior
    # analyst whose ML is a capstone, or a senior engineer who lists ML skills, is no
    # senior ML engineer. ML at work is an ML title held, or ML shown in the roles.
    ml_at_work = max(parts["ml_roles"], min(1.0, at_work / AT_WORK_FOR_FULL))
    parts["seniority"] = LEVEL_VALUE.get(level or "", 0.0) * min(parts["essential"], ml_at_work)
    return parts


def fit_value(parts: dict[str, float]) -> float:
    """The fit score: the weighted sum of its parts."""
    return sum(FIT_WEIGHTS[name] * part for name, part in parts.items())


def ml_role_years(history: WorkHistory) -> float:
    """Full-time years in dated roles whose title names ML work (:data:`ML_TITLE`):
    merged month by month, internships, assistantships and part-time roles at half."""
    limit = YearMonth.of(history.as_of).index
    periods = [
        (e.start.index, min(e.end.index, limit), KIND_WEIGHT[e.kind])
        for e in history.experience
        if e.start is not None and e.end is not None and ML_TITLE.search(e.title)
    ]
    return weighted_months(periods) / MONTHS_PER_YEAR


def _as_done(strength: dict[str, float], shown: set[str]) -> dict[str, float]:
    """Strengths for the specializations: a concept that no role or project shows (one
    only listed, claimed in a summary or taught) keeps :data:`LISTED_SHARE` of its
    strength; a specialization is what a person did, not the skills they list."""
    return {c: v if c in shown else v * LISTED_SHARE for c, v in strength.items()}


def _with_tenure(strength: dict[str, float], years_used: dict[str, float]) -> dict[str, float]:
    """Strengths raised by up to :data:`TENURE_BONUS` for the years a concept was used in
    dated roles (in full from :data:`TENURE_FOR_FULL` years)."""
    return {
        concept: value
        * (1 + TENURE_BONUS * min(1.0, years_used.get(concept, 0.0) / TENURE_FOR_FULL))
        for concept, value in strength.items()
    }


def core_entries(taxonomy: Taxonomy) -> tuple[str, ...]:
    """What the core duties and a ``required`` group ask for (without either, every
    group): the essential concepts of a taxonomy that names none."""
    groups = [g for g in taxonomy.groups if g.kind == "core" or g.id == "required"]
    groups = groups or list(taxonomy.groups)
    return tuple(dict.fromkeys(e for g in groups for r in g.responsibilities for e in r.entries))


def _count(taxonomy: Taxonomy, entries: Sequence[str], shown: set[str]) -> int:
    """How many of ``entries`` (a set through any member) are among ``shown``."""
    return sum(
        1 for e in entries if (set(taxonomy.sets[e].members) if e in taxonomy.sets else {e}) & shown
    )

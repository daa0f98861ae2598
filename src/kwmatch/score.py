"""Scores: pure arithmetic over matches.

* A concept's **strength** is the confidence of its best hit (0 when it has none): a
  second hit of the same concept adds nothing, so repeating a keyword cannot raise a score.
  An activity's strength is further scaled by the resume's technical depth (see
  :func:`technical_depth`), which only grows with evidence.
* A **set** ("one of": a cloud platform, a deep-learning framework) is as strong as its
  strongest member: any one of them covers it.
* A responsibility's **coverage** is the weighted mean of the strengths of what it asks
  for: its concepts and its sets.
* A group's coverage (a level, a specialization, core) is the weighted mean of its
  responsibilities' coverage.
* **Overall** is the weighted mean strength of every concept and set the taxonomy's
  responsibilities ask for, each counted once. (A mean over responsibilities
  would let one skill that sits in a two-concept duty outweigh six skills that sit in
  large ones; counting concepts once ranks candidates by the breadth of their evidence.)

Every step is a mean, or a maximum, of non-negative terms with fixed weights, so adding
evidence never lowers a score, and an empty resume scores 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kwmatch.match import Match
from kwmatch.taxonomy import Group, GroupKind, Responsibility, Taxonomy


@dataclass(frozen=True)
class ResponsibilityScore:
    """Coverage of one responsibility."""

    id: str
    """The responsibility's id."""
    coverage: float
    """Weighted mean strength of its concepts, 0 to 1."""
    matched: tuple[str, ...]
    """Ids of its concepts (set members included) that the resume evidences."""
    missing: tuple[str, ...]
    """Ids of what it asks for that the resume does not evidence: concepts, and sets none
    of whose members is evidenced (named once, not member by member)."""


@dataclass(frozen=True)
class GroupScore:
    """Coverage of a level, a specialization, core or a free group."""

    kind: GroupKind
    """``core``, ``level``, ``specialization`` or ``group``."""
    id: str
    """The group's id."""
    label: str
    """The group's human name."""
    coverage: float
    """Weighted mean coverage of its responsibilities, 0 to 1."""
    responsibilities: tuple[ResponsibilityScore, ...]
    """Per-responsibility detail."""


@dataclass(frozen=True)
class Scores:
    """Everything the report says about coverage."""

    overall: float
    """Weighted mean strength of every concept and set the responsibilities ask for, 0 to 1."""
    groups: tuple[GroupScore, ...]
    """One entry per group of the taxonomy, in taxonomy order."""
    strength: dict[str, float]
    """Strength of each evidenced concept, by id."""
    best_level: str | None
    """The most senior level within 85% of the best level coverage; None with no evidence."""
    best_specialization: str | None
    """The specialization with the highest coverage; None with no evidence."""


def _weighted_mean(pairs: Iterable[tuple[float, float]]) -> float:
    total = weights = 0.0
    for value, weight in pairs:
        total += value * weight
        weights += weight
    return total / weights if weights else 0.0


def entry_strength(taxonomy: Taxonomy, entry: str, strength: dict[str, float]) -> float | None:
    """The strength of a concept, or of a set (its strongest member's); None when nothing
    of it is evidenced."""
    members = taxonomy.sets[entry].members if entry in taxonomy.sets else (entry,)
    found = [strength[m] for m in members if m in strength]
    return max(found) if found else None


def _score_responsibility(
    item: Responsibility, taxonomy: Taxonomy, strength: dict[str, float]
) -> ResponsibilityScore:
    found = {e: entry_strength(taxonomy, e, strength) for e in item.entries}
    coverage = _weighted_mean((value or 0.0, taxonomy.weight_of(e)) for e, value in found.items())
    return ResponsibilityScore(
        id=item.id,
        coverage=coverage,
        matched=tuple(c for c in item.concepts if c in strength),
        missing=tuple(e for e, value in found.items() if value is None),
    )


#: A later (more senior) level fits when its coverage is at least this share of the best.
LEVEL_FIT = 0.85


def _best(groups: list[GroupScore], *, ordered: bool = False) -> str | None:
    """The group with the highest coverage; for ``ordered`` groups (levels, junior to
    senior) the most senior one within :data:`LEVEL_FIT` of the highest, since the duties
    of a junior are part of a senior's resume too."""
    top = max((g.coverage for g in groups), default=0.0)
    if top <= 0:
        return None
    floor = top * LEVEL_FIT if ordered else top
    fitting = [g for g in groups if g.coverage >= floor]
    return fitting[-1].id if ordered else fitting[0].id


#: How many distinct skills a resume must evidence before its activities count in full.
SKILLS_FOR_FULL_ACTIVITY = 4


def technical_depth(taxonomy: Taxonomy, strength: dict[str, float]) -> float:
    """How far the resume's skills make its activities count, 0 to 1.

    Leading a team, mentoring, hiring or research evidence an ML engineer's duties only
    when done in a technical setting; a resume with no technical skill at all is a sales
    manager's, not an ML lead's. Activities therefore count in proportion to the number
    of distinct skills evidenced, in full from :data:`SKILLS_FOR_FULL_ACTIVITY` on.
    """
    skills = sum(1 for c in strength if taxonomy.concepts[c].kind == "skill")
    return min(1.0, skills / SKILLS_FOR_FULL_ACTIVITY)


def score(
    taxonomy: Taxonomy, matches: Iterable[Match], weights: Sequence[float] | None = None
) -> Scores:
    """Coverage of every responsibility, group and overall, from a resume's matches.

    ``weights`` (one per match) is what each hit is worth where it stands (see
    :mod:`kwmatch.evidence`); without them every hit counts at its rung's confidence.
    """
    matches = list(matches)
    if weights is None:
        evidence = concepts_found(matches)
    else:
        evidence = {}
        for match, weight in zip(matches, weights, strict=True):
            evidence[match.concept] = max(evidence.get(match.concept, 0.0), weight)
    depth = technical_depth(taxonomy, evidence)
    strength = {
        cid: value * depth if taxonomy.concepts[cid].kind == "activity" else value
        for cid, value in evidence.items()
    }
    groups: list[GroupScore] = []
    wanted: dict[str, float] = {}
    for group in taxonomy.groups:
        items = [_score_responsibility(r, taxonomy, strength) for r in group.responsibilities]
        pairs = [(s.coverage, r.weight) for s, r in zip(items, group.responsibilities, strict=True)]
        for item in group.responsibilities:
            wanted.update((e, taxonomy.weight_of(e)) for e in item.entries)
        groups.append(
            GroupScore(
                kind=group.kind,
                id=group.id,
                label=group.label,
                coverage=_weighted_mean(pairs),
                responsibilities=tuple(items),
            )
        )
    return Scores(
        overall=_weighted_mean(
            (entry_strength(taxonomy, e, strength) or 0.0, w) for e, w in wanted.items()
        ),
        groups=tuple(groups),
        strength=strength,
        best_level=_best([g for g in groups if g.kind == "level"], ordered=True),
        best_specialization=_best([g for g in groups if g.kind == "specialization"]),
    )


def responsibilities_by_id(taxonomy: Taxonomy) -> dict[str, tuple[Group, Responsibility]]:
    """Each responsibility with its group, by id."""
    return {r.id: (g, r) for g in taxonomy.groups for r in g.responsibilities}


def concepts_found(matches: Iterable[Match]) -> dict[str, float]:
    """Strength of each concept found: its best hit's confidence."""
    strength: dict[str, float] = {}
    for match in matches:
        strength[match.concept] = max(strength.get(match.concept, 0.0), match.confidence)
    return strength

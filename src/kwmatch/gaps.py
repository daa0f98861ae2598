"""Gaps ranked by what they would change.

A gap is something a responsibility asks for that the resume does not show well enough:

* ``missing``: a concept, or a set none of whose members is evidenced;
* ``not demonstrated``: a concept named in a skills list but never in a dated role or a
  project ("shown but not demonstrated").

For each, :func:`find_gaps` works out what the resume would gain if the concept were
evidenced at full strength in a dated role: the gain in ``fit``, in ``overall`` coverage,
in the coverage of the judged level and specialization, and in each responsibility that
asks for it. A set's gain is its best member's. The seniority judgement is held as it
is: a gap is one more piece of evidence, not years of work.

Every coverage is a weighted mean with fixed weights over the strengths of the
entries (concepts and sets) the responsibilities ask for, so it is linear in those
strengths: the gain of a gap is the sum, over the few entries it changes, of the change
times a coefficient computed once per taxonomy (:class:`_Coefficients`). That costs a
few dictionary look-ups per gap instead of a rescoring of the whole taxonomy; the fit's
capped parts are recomputed from their sums. ``tests/test_gaps.py`` checks the shortcut
against a full rescoring (:func:`kwmatch.score.score` and :func:`kwmatch.fit.judge_fit`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kwmatch.evidence import DEMONSTRATED, WEIGHT, Placed
from kwmatch.fit import Fit, core_entries, fit_parts, fit_value
from kwmatch.score import SKILLS_FOR_FULL_ACTIVITY, Scores
from kwmatch.taxonomy import Taxonomy

GapKind = Literal["missing", "not demonstrated"]
#: Where the gains of a gap are counted, besides the responsibilities and groups.
_OVERALL = "\0overall"
#: What the fit is made of, as counts and coverages: breadth, demonstrated, production,
#: core coverage, essentials and adjacent concepts in the experience part.
FitParts = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Wanted:
    """A responsibility that asks for a gap, and what the gap would add to it."""

    responsibility: str
    """The responsibility's id."""
    group: str
    """The id of its group (core, a level, a specialization)."""
    coverage_gain: float
    """What its coverage would gain, 0 to 1."""


@dataclass(frozen=True)
class Gap:
    """One gap and what closing it would change (every gain is 0 to 1)."""

    entry: str
    """The concept's or the set's id."""
    kind: GapKind
    """``missing``, or ``not demonstrated`` (only in a skills list)."""
    via: str
    """The concept whose evidence the gains assume: the entry itself, or a set's member
    that gains the most."""
    fit: float
    """Gain in the fit score."""
    overall: float
    """Gain in overall coverage."""
    level: float | None
    """Gain in the coverage of the judged level; None when no level is judged."""
    specialization: float | None
    """Gain in the coverage of the judged specialization; None when none is named."""
    wanted_by: tuple[Wanted, ...]
    """The responsibilities that ask for it, in taxonomy order."""


@dataclass(frozen=True)
class _Coefficients:
    """What one unit of an entry's strength is worth in each score, for one taxonomy."""

    worth: dict[str, tuple[tuple[str, float], ...]]
    """By entry: (target, coefficient) pairs; targets are group ids, responsibility ids
    and :data:`_OVERALL`."""
    holders: dict[str, tuple[str, ...]]
    """By concept: the entries it counts in (itself when asked for, and its sets)."""
    wanted_by: dict[str, tuple[tuple[str, str], ...]]
    """By entry: the (group, responsibility) pairs that ask for it."""
    essential: frozenset[str]
    """The entries of the fit's ``essential`` part."""
    production: frozenset[str]
    """The entries of the fit's ``production`` part."""
    adjacent: frozenset[str] = frozenset()
    """The entries of the fit's ``adjacent`` part."""
    essential_order: tuple[str, ...] = ()
    """The same entries as ``essential``, in taxonomy order: what floats are summed over."""
    adjacent_holders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """By concept: the entries of the ``adjacent`` part it counts in (itself, its sets)."""


def _coefficients(taxonomy: Taxonomy) -> _Coefficients:
    worth: dict[str, dict[str, float]] = {}
    wanted_by: dict[str, list[tuple[str, str]]] = {}
    overall: dict[str, float] = {}
    for group in taxonomy.groups:
        group_weight = sum(r.weight for r in group.responsibilities)
        for item in group.responsibilities:
            item_weight = sum(taxonomy.weight_of(e) for e in item.entries)
            for entry in item.entries:
                share = taxonomy.weight_of(entry) / item_weight if item_weight else 0.0
                targets = worth.setdefault(entry, {})
                targets[item.id] = targets.get(item.id, 0.0) + share
                if group_weight:
                    part = share * item.weight / group_weight
                    targets[group.id] = targets.get(group.id, 0.0) + part
                wanted_by.setdefault(entry, []).append((group.id, item.id))
                overall[entry] = taxonomy.weight_of(entry)
    total = sum(overall.values())
    for entry, weight in overall.items():
        worth[entry][_OVERALL] = weight / total if total else 0.0
    essential = taxonomy.essential or core_entries(taxonomy)
    holders: dict[str, list[str]] = {}
    for entry in dict.fromkeys((*worth, *essential, *taxonomy.production)):
        for member in taxonomy.sets[entry].members if entry in taxonomy.sets else (entry,):
            holders.setdefault(member, []).append(entry)
    adjacent_holders: dict[str, list[str]] = {}
    for entry in dict.fromkeys(taxonomy.adjacent):
        members = taxonomy.sets[entry].members if entry in taxonomy.sets else (entry,)
        for member in dict.fromkeys(members):  # each entry counted once per concept
            adjacent_holders.setdefault(member, []).append(entry)
    return _Coefficients(
        worth={e: tuple(t.items()) for e, t in worth.items()},
        holders={c: tuple(h) for c, h in holders.items()},
        wanted_by={e: tuple(w) for e, w in wanted_by.items()},
        essential=frozenset(essential),
        essential_order=tuple(dict.fromkeys(essential)),
        production=frozenset(taxonomy.production),
        adjacent=frozenset(taxonomy.adjacent),
        adjacent_holders={c: tuple(h) for c, h in adjacent_holders.items()},
    )


#: The coefficients of the last few taxonomies, by identity (a Taxonomy holds dicts, so
#: it cannot be a key itself); a scorer keeps one taxonomy for all its resumes.
_CACHE: list[tuple[Taxonomy, _Coefficients]] = []
_CACHE_SIZE = 4


def _cached(taxonomy: Taxonomy) -> _Coefficients:
    for known, coefficients in _CACHE:
        if known is taxonomy:
            return coefficients
    coefficients = _coefficients(taxonomy)
    _CACHE.insert(0, (taxonomy, coefficients))
    del _CACHE[_CACHE_SIZE:]
    return coefficients


class _State:
    """The evidence of one resume, as the gains need it."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        coefficients: _Coefficients,
        placed: Sequence[Placed],
        core_coverage: float,
    ) -> None:
        self.taxonomy = taxonomy
        self.raw: dict[str, float] = {}
        for hit in placed:
            concept = hit.match.concept
            self.raw[concept] = max(self.raw.get(concept, 0.0), hit.weight)
        self.shown = {h.match.concept for h in placed if h.kind in DEMONSTRATED}
        self.at_work = {h.match.concept for h in placed if h.kind == "experience"}
        self.skills = sum(1 for c in self.raw if taxonomy.concepts[c].kind == "skill")
        depth = self.depth(self.skills)
        #: The sums behind the fit's parts, as the resume stands.
        self.breadth = sum(self.value(e, self.raw, depth) for e in coefficients.essential_order)
        self.demonstrated = self.shown_count(coefficients.essential)
        self.production = self.shown_count(coefficients.production)
        self.core_coverage = core_coverage
        self.essential_at_work = self.at_work_count(coefficients.essential)
        self.adjacent_at_work = self.at_work_count(coefficients.adjacent)
        #: Entries' values from this resume's own evidence, by entry and depth: every
        #: gap asks for the same few again.
        self._values: dict[tuple[str, float], float] = {}
        self._fits: dict[tuple[FitParts, str | None, bool, float], float] = {}
        #: Each concept's gains (:func:`_gain`): a concept is asked for as an entry of
        #: its own and as a member of each set that holds it.
        self.gains: dict[str, tuple[dict[str, float], float]] = {}
        #: The entries that hold an activity of the resume, in the order of its evidence
        #: (a new skill changes each of them).
        self.activity_holders = tuple(
            entry
            for concept in self.raw
            if taxonomy.concepts[concept].kind == "activity"
            for entry in coefficients.holders.get(concept, ())
        )

    def own_value(self, entry: str, depth: float) -> float:
        """:meth:`value` of ``entry`` from this resume's evidence, memoized."""
        key = (entry, depth)
        known = self._values.get(key)
        if known is None:
            known = self._values[key] = self.value(entry, self.raw, depth)
        return known

    def fit(self, parts_in: FitParts, level: str | None, asks: bool, years: float) -> float:
        """:func:`_fit`, memoized (the fit as the resume stands is asked for by every gap)."""
        key = (parts_in, level, asks, years)
        known = self._fits.get(key)
        if known is None:
            known = self._fits[key] = _fit(parts_in, level, asks, years)
        return known

    def at_work_count(self, entries: Iterable[str]) -> int:
        """How many of ``entries`` (a set through any member) stand in the experience part."""
        sets = self.taxonomy.sets
        return sum(
            1 for e in entries if self.at_work.intersection(sets[e].members if e in sets else (e,))
        )

    def shown_count(self, entries: Iterable[str]) -> int:
        """How many of ``entries`` (a set through any member) are shown at work."""
        sets = self.taxonomy.sets
        return sum(
            1 for e in entries if self.shown.intersection(sets[e].members if e in sets else (e,))
        )

    def depth(self, skills: int) -> float:
        return min(1.0, skills / SKILLS_FOR_FULL_ACTIVITY)

    def value(self, entry: str, raw: dict[str, float], depth: float) -> float:
        """An entry's strength (a set's: its strongest member's) from raw evidence."""
        sets = self.taxonomy.sets
        best = 0.0
        for member in sets[entry].members if entry in sets else (entry,):
            if member in raw:
                scale = depth if self.taxonomy.concepts[member].kind == "activity" else 1.0
                best = max(best, raw[member] * scale)
        return best


def _fit(
    parts_in: FitParts,
    level: str | None,
    asks_production: bool,
    ml_years: float,
) -> float:
    """The fit score from the sums behind its parts: essential breadth, demonstrated and
    production counts, core coverage, essential and adjacent concepts at work, and the
    years in ML-titled roles (:func:`kwmatch.fit.fit_parts`, as judge_fit)."""
    breadth, demonstrated, production, core, at_work, adjacent = parts_in
    return fit_value(
        fit_parts(
            breadth,
            int(demonstrated),
            int(production),
            core,
            level,
            asks_production=asks_production,
            at_work=int(at_work),
            ml_years=ml_years,
            adjacent=int(adjacent),
        )
    )


@dataclass(frozen=True)
class _Judged:
    """The judgement the gains are measured against."""

    level: str | None
    specialization: str | None
    core: str | None
    """The id of the core group, when the taxonomy has one."""
    ml_years: float = 0.0
    """Years in ML-titled roles (held, as the seniority is)."""


def _gain(
    state: _State, coefficients: _Coefficients, judged: _Judged, concept: str
) -> tuple[dict[str, float], float]:
    """The gain in every score, and in fit, of ``concept`` evidenced in a dated role."""
    taxonomy = state.taxonomy
    skills = state.skills + (
        1 if taxonomy.concepts[concept].kind == "skill" and concept not in state.raw else 0
    )
    depth, new_depth = state.depth(state.skills), state.depth(skills)
    holding = coefficients.holders.get(concept, ())
    # In a fixed order (not a set's, which moves with the hash seed): the gains are sums
    # of floats, and their last digit must not change from one run to the next.
    changed = dict.fromkeys(holding)
    if new_depth != depth:  # a new skill makes every activity count for more
        changed.update(dict.fromkeys(state.activity_holders))
    # Only the entries that hold ``concept`` see its new evidence; the others change
    # with the depth alone, and their values are the resume's own.
    raw: dict[str, float] | None = None
    deltas: dict[str, float] = {}
    for entry in changed:
        if entry in holding:
            if raw is None:
                raw = dict(state.raw)
                raw[concept] = WEIGHT["experience"]
            after_value = state.value(entry, raw, new_depth)
        else:
            after_value = state.own_value(entry, new_depth)
        deltas[entry] = after_value - state.own_value(entry, depth)
    gains: dict[str, float] = {}
    for entry, delta in deltas.items():
        if delta:
            for target, share in coefficients.worth.get(entry, ()):
                gains[target] = gains.get(target, 0.0) + share * delta
    breadth_gain = sum(delta for entry, delta in deltas.items() if entry in coefficients.essential)
    # Entries that showing ``concept`` at work newly counts as demonstrated.
    newly = (
        [e for e in holding if state.shown_count((e,)) == 0] if concept not in state.shown else []
    )
    # ... and in the experience part of the resume.
    at_work = (
        [e for e in holding if state.at_work_count((e,)) == 0]
        if concept not in state.at_work
        else []
    )
    adjacent = coefficients.adjacent_holders.get(concept, ())
    base = (
        state.breadth,
        state.demonstrated,
        state.production,
        state.core_coverage,
        state.essential_at_work,
        state.adjacent_at_work,
    )
    after = (
        state.breadth + breadth_gain,
        state.demonstrated + sum(1 for e in newly if e in coefficients.essential),
        state.production + sum(1 for e in newly if e in coefficients.production),
        state.core_coverage + gains.get(judged.core or "", 0.0),
        base[4] + sum(1 for e in at_work if e in coefficients.essential),
        base[5] + sum(1 for e in adjacent if _newly(state, e)),
    )
    asks, years = bool(taxonomy.production), judged.ml_years
    return gains, _fit(after, judged.level, asks, years) - state.fit(
        base, judged.level, asks, years
    )


def _newly(state: _State, entry: str) -> bool:
    """Whether showing one of ``entry``'s concepts (itself, a set's member) at work
    newly shows ``entry`` in the experience part."""
    return state.at_work_count((entry,)) == 0


def find_gaps(
    taxonomy: Taxonomy, scores: Scores, fit: Fit, level: str | None, placed: Sequence[Placed]
) -> tuple[Gap, ...]:
    """Every gap of a resume judged at ``level`` with ``fit``, the largest gain first.

    Ranked by the gain in fit, then in overall coverage, then in the judged level's and
    specialization's coverage; ties in taxonomy order.
    """
    coefficients = _cached(taxonomy)
    core = next((g for g in scores.groups if g.kind == "core"), None)
    state = _State(taxonomy, coefficients, placed, core.coverage if core else 0.0)
    groups = {g.id for g in scores.groups}
    judged = _Judged(
        level if level in groups else None,
        fit.specialization if fit.specialization in groups else None,
        core.id if core else None,
        fit.ml_role_years,
    )
    candidates: list[tuple[str, GapKind]] = []
    seen: set[str] = set()
    for group in scores.groups:
        for item in group.responsibilities:
            for entry in item.missing:
                if entry not in seen:
                    seen.add(entry)
                    candidates.append((entry, "missing"))
    listed = {h.match.concept for h in placed if h.kind == "skills"}
    order = {c: n for n, c in enumerate(taxonomy.concepts)}
    for concept in sorted(listed - state.shown, key=order.__getitem__):
        if concept in coefficients.holders:
            candidates.append((concept, "not demonstrated"))
    gaps = [_gap(state, coefficients, judged, entry, kind) for entry, kind in candidates]
    position = {(g.entry, g.kind): n for n, g in enumerate(gaps)}
    gaps.sort(
        key=lambda g: (
            -g.fit,
            -g.overall,
            -(g.level or 0.0),
            -(g.specialization or 0.0),
            position[g.entry, g.kind],
        )
    )
    return tuple(gaps)


#: Gains are rounded to this many decimals (the report's precision).
_DIGITS = 4


def _gap(
    state: _State, coefficients: _Coefficients, judged: _Judged, entry: str, kind: GapKind
) -> Gap:
    sets = state.taxonomy.sets
    members = sets[entry].members if entry in sets else (entry,)
    best: tuple[tuple[float, float], str, dict[str, float]] | None = None
    for member in members:
        known = state.gains.get(member)
        if known is None:
            known = state.gains[member] = _gain(state, coefficients, judged, member)
        gains, fit_gain = known
        key = (round(fit_gain, _DIGITS), round(gains.get(_OVERALL, 0.0), _DIGITS))
        if best is None or key > best[0]:
            best = (key, member, gains)
    assert best is not None  # a set has members
    (fit_gain, overall_gain), via, gains = best

    def of(group: str | None) -> float | None:
        return round(gains.get(group, 0.0), _DIGITS) if group is not None else None

    return Gap(
        entry=entry,
        kind=kind,
        via=via,
        fit=max(0.0, fit_gain),
        overall=max(0.0, overall_gain),
        level=of(judged.level),
        specialization=of(judged.specialization),
        wanted_by=tuple(
            Wanted(item, group, round(gains.get(item, 0.0), _DIGITS))
            for group, item in _asking(coefficients, entry, kind)
        ),
    )


def _asking(coefficients: _Coefficients, entry: str, kind: GapKind) -> list[tuple[str, str]]:
    """Who asks for a gap: for a missing entry, the responsibilities that name it; for a
    concept not demonstrated, those that name it or a set it belongs to."""
    if kind == "missing":
        return list(coefficients.wanted_by.get(entry, ()))
    holders = coefficients.holders.get(entry, ())
    pairs = (p for h in holders for p in coefficients.wanted_by.get(h, ()))
    return list(dict.fromkeys(pairs))

"""The taxonomy's model: concepts, sets, responsibilities, groups, and the taxonomy
that holds them (frozen dataclasses, built by :func:`kwmatch.taxonomy.parse_taxonomy`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: The newest taxonomy format this code reads. Format 2 added ``sets`` (one of several
#: concepts) and a concept's ``evidence``; format 3 the structured ``requirements`` of a
#: posting (years, degree, seniority); files of older formats load unchanged.
FORMAT_VERSION = 3
DEFAULT_TAXONOMY = "ml-engineer"


ConceptKind = Literal["skill", "activity"]
GroupKind = Literal["core", "level", "specialization", "group"]
RequirementKind = Literal["years", "degree", "seniority"]
#: Degrees a requirement may ask for, lowest first.
DEGREES = ("associate", "bachelors", "masters", "phd")
#: Seniorities a requirement may ask for, lowest first (the ranks of
#: :func:`kwmatch.roles.title_rank`, 0 to 5).
SENIORITIES = ("intern", "junior", "mid", "senior", "lead", "manager")


@dataclass(frozen=True)
class Requirement:
    """Something a posting asks of the candidate beyond concepts (format 3)."""

    kind: RequirementKind
    """years (of experience), degree, or seniority (the level the title states)."""
    text: str
    """The posting's words ("5+ years of Python", "BS/MS in Computer Science")."""
    preferred: bool = False
    """Asked for as a plus, not as a condition."""
    min_years: float = 0.0
    """years: the fewest years asked for."""
    max_years: float | None = None
    """years: the most ("3-5 years"), if the posting gives a range."""
    subject: str = ""
    """years: what the years are of ("Python"), when the posting says."""
    degree: str = ""
    """degree: the lowest degree that meets it, one of :data:`DEGREES`."""
    field: str = ""
    """degree: the field asked for ("Computer Science or a related field")."""
    seniority: str = ""
    """seniority: one of :data:`SENIORITIES`."""


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
    kind: ConceptKind
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
    evidence: tuple[str, ...] = ()
    """Phrases that show the concept without naming it (a tool, a task: "Airflow" for data
    pipelines); matched like aliases, with a lower confidence."""

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
    """Ids of every concept that evidences it, the members of its sets included."""
    wants: tuple[str, ...] = ()
    """What it asks for, as written: concept ids and set ids (each set is covered by any
    one of its members). Empty means ``concepts``."""

    @property
    def entries(self) -> tuple[str, ...]:
        """The concept and set ids it is scored over."""
        return self.wants or self.concepts


@dataclass(frozen=True)
class ConceptSet:
    """One of a set: a duty that asks for any one of several concepts ("a cloud platform:
    AWS, Google Cloud or Azure"). Its strength is its strongest member's."""

    id: str
    """Identifier, unique among concepts and sets."""
    label: str
    """Human name of what any member shows ("a cloud platform")."""
    members: tuple[str, ...]
    """Ids of its concepts, two or more."""
    weight: float
    """Relative weight inside a responsibility (default: the mean of its members')."""
    kind: str
    """``skill`` when a member is a skill, else ``activity``."""


@dataclass(frozen=True)
class Group:
    """A set of responsibilities scored together: a level, a specialization, core..."""

    kind: GroupKind
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
    sets: dict[str, ConceptSet] = field(default_factory=dict)
    """Sets ("one of") by id, in file order."""
    essential: tuple[str, ...] = ()
    """Concepts and sets that make a candidate this role at all (the ``fit`` block's
    ``essential``); empty when the file has none (the core duties' then stand in)."""
    production: tuple[str, ...] = ()
    """Concepts and sets that show the work shipped and run (``fit``'s ``production``)."""
    adjacent: tuple[str, ...] = ()
    """Concepts and sets of the work next to the role's (``fit``'s ``adjacent``): for an ML
    engineer, writing and testing software."""
    requirements: tuple[Requirement, ...] = ()
    """Years, degrees and seniority the role asks for (format 3), in file order."""

    def groups_of(self, kind: GroupKind) -> tuple[Group, ...]:
        """The groups of one kind (``level``, ``specialization``...)."""
        return tuple(g for g in self.groups if g.kind == kind)

    def score_names(self) -> list[str]:
        """Every score a report of this taxonomy has: overall, then each group by id."""
        return ["overall", *(g.id for g in self.groups)]

    def label_of(self, entry: str) -> str:
        """The label of a concept or a set, by id."""
        return self.sets[entry].label if entry in self.sets else self.concepts[entry].label

    def weight_of(self, entry: str) -> float:
        """The weight of a concept or a set, by id."""
        return self.sets[entry].weight if entry in self.sets else self.concepts[entry].weight

    def describe(self, entry: str) -> str:
        """A concept's label, or a set as ``label (one of: A | B | C)``, for display."""
        if entry not in self.sets:
            return self.concepts[entry].label
        members = " | ".join(self.concepts[m].label for m in self.sets[entry].members)
        return f"{self.sets[entry].label} (one of: {members})"

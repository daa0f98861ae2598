"""The report: a versioned, deterministic JSON document (the model; the renderers that
turn it into text are in :mod:`kwmatch.render`).

The JSON shape is described by ``schemas/report.schema.json`` (printed by
``kwmatch schema``). ``SCHEMA_VERSION`` follows semver: a change that can break a
consumer bumps the major number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from kwmatch._version import __version__
from kwmatch.ingest import Document
from kwmatch.judge import Judgement
from kwmatch.match import Match
from kwmatch.names import candidate_name
from kwmatch.report_sections import (
    concept_use,
    fit_scores,
    gap_list,
    hit_places,
    judgement_sections,
)
from kwmatch.score import Scores, responsibilities_by_id
from kwmatch.taxonomy import GroupKind, Taxonomy
from kwmatch.text import CleanText

if TYPE_CHECKING:
    from collections.abc import Sequence

    from kwmatch.requirements import RequirementResult

#: 1.1.0: a missing entry may be a set ("one of", with ``members``); a match may be of
#: the ``evidence`` kind and then names the taxonomy ``phrase`` it matched.
#: 2.0.0: ``scores.best_level`` is the seniority judgement and ``best_specialization``
#: the distinctive one (their meaning changed: a major version); new ``dates``,
#: ``experience``, ``education``, ``seniority``, ``scores.fit`` and its band and parts,
#: ``input.date``, each hit's ``evidence`` place and ``weight``, each concept's
#: ``evidence``, ``years_used`` and ``last_used``; an optional ``requirements`` list
#: (a posting's years, degree and seniority, met or not).
#: 2.1.0: ``gaps``, what the resume lacks or only lists in a skills list, each with what
#: evidencing it would add to fit, overall and the judged level's and specialization's
#: coverage, largest gain in fit first; ``input.name``, the candidate's name when the
#: first lines give one (null with --redact).
#: 2.2.0: ``scores.fit_parts.ml_roles``, the years in roles with an ML title, and
#: ``adjacent``, the work next to the role's shown in the experience part.
SCHEMA_VERSION = "2.2.0"
SNIPPET_RADIUS = 60

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: "name [at] domain [dot] com", "name (at) domain dot com"
_OBFUSCATED_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:[\[({<]\s*at\s*[\])}>]|\s-at-\s|\sat\s)\s*[\w-]+"
    r"(?:\s*(?:[\[({<]\s*dot\s*[\])}>]|\sdot\s|\.)\s*[\w-]+)+",
    re.I,
)
#: Top-level domains a resume's links end in; the rest need a scheme or "www.".
_TLDS = (
    "com|org|net|io|dev|me|ly|ai|de|co|xyz|uk|us|ca|fr|nl|app|tech|info|biz|eu|in|ch|se|no"
    "|es|it|pl|ru|jp|cn|au|be|at|dk|fi|ie|pt|br|mx|site|online|page|link|to|gg|sh|so|cc"
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r")\b(?:/\S*)?", re.I
)
_PHONE = re.compile(r"(?<!\w)\+?\d[\d ().-]{7,}\d(?!\w)|(?<![\w.])\d{3}[ .-]\d{4}(?![\w.])")
_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){1,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy|Close|Crescent|Row|Strasse|Straße)\b\.?"
)


def redact(text: str) -> str:
    """Mask emails (written plainly or as "name [at] domain [dot] com"), street
    addresses, URLs and phone numbers (long and short)."""
    text = _EMAIL.sub("[email]", text)
    text = _OBFUSCATED_EMAIL.sub("[email]", text)
    text = _ADDRESS.sub("[address]", text)
    text = _URL.sub("[url]", text)
    return _PHONE.sub("[phone]", text)


@dataclass(frozen=True)
class Report:
    """The result of scoring one resume: a JSON-ready mapping plus accessors."""

    data: dict[str, Any]
    """The report as plain JSON data, in the shape of the report schema."""

    @property
    def overall(self) -> float:
        """Overall coverage, 0 to 1."""
        return float(self.data["scores"]["overall"])

    def coverage(self, name: str) -> float:
        """Coverage of a level, specialization or group by id (``overall`` too)."""
        if name == "overall":
            return self.overall
        scores = self.data["scores"]
        for kind in ("levels", "specializations", "groups"):
            if name in scores[kind]:
                return float(scores[kind][name])
        if name == "core" and scores.get("core") is not None:
            return float(scores["core"])
        raise KeyError(name)

    def score_names(self) -> list[str]:
        """Every name :meth:`coverage` accepts."""
        scores = self.data["scores"]
        names = ["overall"] + (["core"] if scores.get("core") is not None else [])
        return [*names, *scores["levels"], *scores["specializations"], *scores["groups"]]

    def to_json(self) -> str:
        """The report as JSON text (stable key order, two-space indent)."""
        return json.dumps(self.data, indent=2, ensure_ascii=False) + "\n"


def snippet(clean: CleanText, start: int, end: int, hide_personal: bool) -> str:
    """The line around ``start:end``, on one line, cut to :data:`SNIPPET_RADIUS`
    characters each side, emails, phones and URLs masked when ``hide_personal``."""
    line_start, line_end = clean.line_span(start)
    hi_end = max(line_end, end)
    before = clean.text[line_start:start]
    hit = clean.text[start:end]
    after = clean.text[end:hi_end]
    if hide_personal:  # before cutting: a number cut at the edge is still a number
        before, after = redact(before), redact(after)
    left = before[-SNIPPET_RADIUS:] if len(before) > SNIPPET_RADIUS else before
    right = after[:SNIPPET_RADIUS]
    snippet = (left + hit + right).replace("\n", " ").strip()
    if len(left) < len(before):
        snippet = "…" + snippet
    if len(right) < len(after):
        snippet += "…"
    return snippet


def build_report(
    document: Document,
    clean: CleanText,
    matches: list[Match],
    scores: Scores,
    taxonomy: Taxonomy,
    *,
    hide_personal: bool = False,
    judgement: Judgement | None = None,
    requirements: Sequence[RequirementResult] | None = None,
) -> Report:
    """Assemble the report data from the outputs of every stage (with the judgement
    stage's, when given: dates, history, seniority, fit, where each hit stands);
    ``requirements`` (the checked requirements of a posting's taxonomy) adds the
    ``requirements`` list."""
    evidence = _evidence(clean, matches, taxonomy, hide_personal)
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "kwmatch", "version": __version__},
        "taxonomy": {
            "id": taxonomy.id,
            "title": taxonomy.title,
            "version": taxonomy.version,
            "revision": taxonomy.revision,
            "sha256": taxonomy.sha256,
        },
        "input": {
            "path": document.path,
            "sha256": document.sha256,
            "format": document.format,
            "engine": document.engine,
            "pages": len(document.pages),
            "characters": len(clean.text),
            "warnings": list(document.warnings),
            "date": document.date.isoformat() if document.date else None,
            "name": None if hide_personal else candidate_name(clean, matches),
        },
        "scores": _scores(scores),
        "responsibilities": _responsibilities(scores, taxonomy),
        "matched": _matched(evidence, scores, taxonomy),
        "missing": _missing(scores, taxonomy),
        "matches": evidence,
    }
    if judgement is not None:
        _add_judgement(data, clean, judgement, hide_personal)
        data["gaps"] = gap_list(judgement, taxonomy)
    if requirements is not None:
        data["requirements"] = [result.as_dict() for result in requirements]
    return Report(data)


def _add_judgement(
    data: dict[str, Any], clean: CleanText, judged: Judgement, hide_personal: bool
) -> None:
    """The judgement's sections and fields, in place: ``best_level`` becomes the
    seniority, ``best_specialization`` the distinctive one; coverage stays as it is."""
    scores = data["scores"]
    scores["best_level"] = judged.seniority.level
    scores["best_specialization"] = judged.fit.specialization
    scores.update(fit_scores(judged))
    for hit, place in zip(data["matches"], hit_places(judged), strict=True):
        hit.update(place)
    for item in data["matched"]:
        item.update(concept_use(judged, item["concept"]))
    data.update(judgement_sections(clean, judged, hide_personal=hide_personal))


def _evidence(
    clean: CleanText, matches: list[Match], taxonomy: Taxonomy, hide_personal: bool
) -> list[dict[str, Any]]:
    """Every hit, where it stands and its snippet."""
    evidence: list[dict[str, Any]] = []
    for match in matches:
        section = clean.section_of(match.start)
        evidence.append(
            {
                "concept": match.concept,
                "label": taxonomy.concepts[match.concept].label,
                "text": match.text,
                "start": match.start,
                "end": match.end,
                "page": clean.page_of(match.start),
                "line": clean.line_of(match.start),
                "section": section.kind if section else None,
                "kind": match.kind,
                "confidence": round(match.confidence, 4),
                "snippet": snippet(clean, match.start, match.end, hide_personal),
            }
            | ({"phrase": match.phrase} if match.phrase is not None else {})
        )
    return evidence


def _matched(
    evidence: list[dict[str, Any]], scores: Scores, taxonomy: Taxonomy
) -> list[dict[str, Any]]:
    """Each evidenced concept with its strength and first hit, strongest first."""
    concepts = taxonomy.concepts
    by_concept: dict[str, list[dict[str, Any]]] = {}
    for hit in evidence:
        by_concept.setdefault(str(hit["concept"]), []).append(hit)
    matched: list[dict[str, Any]] = []
    for concept_id, strength in scores.strength.items():
        hits = by_concept[concept_id]
        matched.append(
            {
                "concept": concept_id,
                "label": concepts[concept_id].label,
                "kind": concepts[concept_id].kind,
                "strength": round(strength, 4),
                "hits": len(hits),
                "first": {
                    "text": hits[0]["text"],
                    "page": hits[0]["page"],
                    "line": hits[0]["line"],
                },
            }
        )
    matched.sort(key=lambda m: (-m["strength"], m["concept"]))
    return matched


def _missing(scores: Scores, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Each concept a responsibility asks for and the resume lacks, with who wants it."""
    wanted: dict[str, list[dict[str, str]]] = {}
    for group_score in scores.groups:
        for item in group_score.responsibilities:
            for concept_id in item.missing:
                wanted.setdefault(concept_id, []).append(
                    {"responsibility": item.id, "group": group_score.id}
                )
    return [_missing_entry(taxonomy, entry, wanted[entry]) for entry in _ordered(taxonomy, wanted)]


def _scores(scores: Scores) -> dict[str, Any]:
    """Overall, core, each level, specialization and free group, and the best fits."""

    def group_map(kind: GroupKind) -> dict[str, float]:
        return {g.id: round(g.coverage, 4) for g in scores.groups if g.kind == kind}

    core = [g for g in scores.groups if g.kind == "core"]
    return {
        "overall": round(scores.overall, 4),
        "core": round(core[0].coverage, 4) if core else None,
        "levels": group_map("level"),
        "specializations": group_map("specialization"),
        "groups": group_map("group"),
        "best_level": scores.best_level,
        "best_specialization": scores.best_specialization,
    }


def _responsibilities(scores: Scores, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Each responsibility's coverage, with what it found and what it lacks."""
    by_id = responsibilities_by_id(taxonomy)
    return [
        {
            "id": item.id,
            "group": group_score.id,
            "group_kind": group_score.kind,
            "text": by_id[item.id][1].text,
            "coverage": round(item.coverage, 4),
            "matched": list(item.matched),
            "missing": list(item.missing),
        }
        for group_score in scores.groups
        for item in group_score.responsibilities
    ]


def _ordered(taxonomy: Taxonomy, wanted: dict[str, list[dict[str, str]]]) -> list[str]:
    """The missing concepts in taxonomy order, then the missing sets in taxonomy order."""
    return [c for c in taxonomy.concepts if c in wanted] + [s for s in taxonomy.sets if s in wanted]


def _missing_entry(
    taxonomy: Taxonomy, entry: str, wanted_by: list[dict[str, str]]
) -> dict[str, Any]:
    """One entry of the missing list: a concept, or a set (one of several concepts, named
    once, with its ``members``)."""
    if entry in taxonomy.sets:
        item = taxonomy.sets[entry]
        return {
            "concept": entry,
            "label": item.label,
            "kind": item.kind,
            "members": list(item.members),
            "wanted_by": wanted_by,
        }
    concept = taxonomy.concepts[entry]
    return {"concept": entry, "label": concept.label, "kind": concept.kind, "wanted_by": wanted_by}


@lru_cache(maxsize=1)
def report_schema_text() -> str:
    """The JSON Schema of the report, as shipped."""
    return resources.files("kwmatch").joinpath("schemas/report.schema.json").read_text("utf-8")


def validate_report(data: dict[str, Any]) -> list[str]:
    """Problems of ``data`` against the report schema (empty when valid)."""
    from kwmatch.validation import schema_errors

    return [
        f"{'/'.join(path) or 'top level'}: {message}"
        for path, message in schema_errors(data, json.loads(report_schema_text()))
    ]

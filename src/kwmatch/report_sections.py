"""The report's judgement sections, as JSON-ready data: when the resume was read and
written, its work history, the seniority, the fit, and where each hit stands.

Dates are written ``YYYY-MM`` (``YYYY`` when the resume gives a year only); offsets and
lines refer to the clean text, as every match does.
"""

from __future__ import annotations

from typing import Any

from kwmatch.dates import YearMonth
from kwmatch.history import Education, Entry
from kwmatch.judge import Judgement
from kwmatch.taxonomy import Taxonomy
from kwmatch.text import CleanText


def _month(value: YearMonth | None) -> str | None:
    return str(value) if value is not None else None


def _lines(clean: CleanText, start: int, end: int) -> dict[str, int]:
    last = max(start, end - 1)
    return {
        "page": clean.page_of(start),
        "first_line": clean.line_of(start),
        "last_line": clean.line_of(min(last, max(len(clean.text) - 1, 0))),
    }


#: What stands for an employer or a school in a redacted report.
REDACTED = "[redacted]"


def _entry(clean: CleanText, entry: Entry, hide: bool) -> dict[str, Any]:
    return {
        "title": entry.title,
        "organization": REDACTED if hide and entry.organization else entry.organization,
        "start": _month(entry.start),
        "end": _month(entry.end),
        "present": entry.end_is_present,
        "kind": entry.kind,
        "months": entry.months,
        **_lines(clean, entry.start_offset, entry.end_offset),
    }


def _education(clean: CleanText, item: Education, hide: bool) -> dict[str, Any]:
    return {
        "degree": item.degree,
        "level": item.level,
        "field": item.field,
        "institution": REDACTED if hide and item.institution else item.institution,
        "start": _month(item.start),
        "end": _month(item.end),
        **_lines(clean, item.start_offset, item.end_offset),
    }


def judgement_sections(
    clean: CleanText, judged: Judgement, *, hide_personal: bool = False
) -> dict[str, Any]:
    """The top-level sections the judgement adds to a report; with ``hide_personal``
    (``--redact``), employers and schools are masked: with the dates, they identify a
    person."""
    seniority = judged.seniority
    return {
        "dates": {
            "as_of": judged.as_of.isoformat(),
            "present": judged.written.date.isoformat(),
            "present_basis": judged.written.basis,
        },
        "experience": [_entry(clean, e, hide_personal) for e in judged.history.experience],
        "education": [_education(clean, e, hide_personal) for e in judged.history.education],
        "seniority": {
            "level": seniority.level,
            "confidence": seniority.confidence,
            "reasons": list(seniority.reasons),
            "fulltime_years": seniority.fulltime_years,
            "title": seniority.title,
            "title_rank": seniority.title_rank,
            "since": seniority.since,
        },
    }


def fit_scores(judged: Judgement) -> dict[str, Any]:
    """What the judgement adds to ``scores``: the fit, its band and parts, and the
    specialization's distinctive evidence."""
    fit = judged.fit
    return {
        "fit": fit.score,
        "fit_band": fit.band,
        "fit_parts": fit.parts,
        "specialization_margin": fit.specialization_margin,
        "specialization_evidence": fit.specializations,
    }


def hit_places(judged: Judgement) -> list[dict[str, Any]]:
    """For each match, in match order, where it stands."""
    return [{"evidence": hit.kind, "weight": round(hit.weight, 4)} for hit in judged.placed]


def concept_use(judged: Judgement, concept: str) -> dict[str, Any]:
    """Years used and last use of a matched concept (nulls when no dated role shows it)."""
    used = judged.usage.get(concept)
    kinds = sorted({h.kind for h in judged.placed if h.match.concept == concept})
    return {
        "evidence": kinds,
        "years_used": used.years if used else None,
        "last_used": ("present" if used.current else used.last_used) if used else None,
    }


def gap_list(judged: Judgement, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """The ``gaps`` section: every gap with its gains, the largest gain in fit first."""
    found = []
    for gap in judged.gaps:
        item: dict[str, Any] = {
            "concept": gap.entry,
            "label": taxonomy.label_of(gap.entry),
            "gap": gap.kind,
            "via": gap.via,
            "gain": {
                "fit": round(gap.fit, 4),
                "overall": round(gap.overall, 4),
                "level": gap.level,
                "specialization": gap.specialization,
            },
            "wanted_by": [
                {"responsibility": w.responsibility, "group": w.group, "coverage": w.coverage_gain}
                for w in gap.wanted_by
            ],
        }
        if gap.entry in taxonomy.sets:
            item["members"] = list(taxonomy.sets[gap.entry].members)
        found.append(item)
    return found

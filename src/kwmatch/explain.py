"""``kwmatch explain``: every candidate hit of a concept in a resume, and why it counted
or not.

The resume goes through the very stages of ``kwmatch score`` (:meth:`Scorer.analyse`),
with a :class:`~kwmatch.trace.Trace` that the matcher fills with the candidates it
refuses; the hits that count are the scorer's own, so they are exactly the ``matches``
of the report for the same file and options. Each candidate gets its rung, line,
snippet, verdict and the reason in words: the cue word that let a short form through
or the one it lacks, the negative context (``not_in``, ``not_near``, a comparison),
the fuzzy distance and the edits allowed, a copy of a word or line that adds nothing,
a hit inside a longer one; a counted hit also says where it stands (a dated role, a
skills list...) and what that place makes it worth. A concept named on the command
line that has no candidate at all gets the cheap checks that can say why: its names
stand only inside other words, a word of the text is close to its name but never
tried, or nothing of it is in the text (and hidden text is never read).

The document is versioned (:data:`EXPLAIN_SCHEMA_VERSION`, semver) and described by
``schemas/explain.schema.json`` (``kwmatch schema --explain``).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from kwmatch._version import __version__
from kwmatch.api import Analysis, Options, Scorer
from kwmatch.evidence import WEIGHT
from kwmatch.ingest import Document
from kwmatch.ingest.hidden_text import warns_of_hidden_text
from kwmatch.lexicon import TECHNOLOGY_NAMES
from kwmatch.limits import bounded
from kwmatch.match import CONFIDENCE, FUZZY_MIN_LENGTH, Match
from kwmatch.repeats import without_repeats
from kwmatch.report import snippet
from kwmatch.rungs import MAX_EDITS, ONE_EDIT_UP_TO
from kwmatch.score import SKILLS_FOR_FULL_ACTIVITY, technical_depth
from kwmatch.taxonomy import Concept, Taxonomy
from kwmatch.text import CleanText
from kwmatch.thresholds import resolve_required
from kwmatch.trace import Candidate, Reason, Trace

#: 1.0.0: the first shape.
EXPLAIN_SCHEMA_VERSION = "1.0.0"

#: Each rung of a counted hit, in words.
RUNG_WORDS = {
    "exact": "its label",
    "alias": "an alias",
    "lemma": "inflected form",
    "near": "near pattern",
    "guarded": "short form, corroborated",
    "fuzzy": "typo",
    "evidence": "evidence phrase",
}

#: Each reason a candidate was refused, in words a taxonomy author can act on; the
#: candidate's own detail (the pattern, the word, the distance) follows.
REASON_WORDS: dict[Reason, str] = {
    "not_in": "not_in pattern",
    "not_near": "not_near word on its line",
    "compared": "only compared with (similar to, -like)",
    "no_cue": "short form, no corroboration",
    "case": "short form in another case: counts only as a list item beside technologies",
    "lowercase_name": "a name of ordinary words in lowercase, off a line of technologies",
    "fuzzy_distance": "not a typo",
    "fuzzy_first_letter": "not a typo",
    "fuzzy_prefix": "not a typo",
    "fuzzy_derived": "not a typo",
    "split_ordinary": "not a name split in two",
    "split_context": "not a name split in two",
    "near_unless": "unless word of the near pattern",
    "near_reversed": "reversed roles: done to the candidate (by, was ...ed)",
    "nested": "inside a longer hit of the concept",
    "repeat": "a copy right after itself: only the first copy is read",
}


@dataclass(frozen=True)
class Explanation:
    """The result of explaining one resume: a JSON-ready mapping."""

    data: dict[str, Any]
    """In the shape of ``schemas/explain.schema.json``."""

    def to_json(self) -> str:
        """The explanation as JSON text (stable key order, two-space indent)."""
        return json.dumps(self.data, indent=2, ensure_ascii=False) + "\n"

    def counted(self) -> list[dict[str, Any]]:
        """Every candidate that counted, of every concept explained."""
        return [c for e in self.data["concepts"] for c in e["candidates"] if c["counted"]]


def resolve_concepts(taxonomy: Taxonomy, names: Sequence[str]) -> list[str]:
    """The concept ids ``names`` ask for (an id or a label in any case, as
    ``--fail-on-missing`` takes; a set stands for its members). Raises
    :class:`~kwmatch.errors.UsageError` for a name that names nothing, with the closest ids."""
    ids: list[str] = []
    for entry in resolve_required(names, taxonomy, option="explain"):
        ids.extend(taxonomy.sets[entry].members if entry in taxonomy.sets else (entry,))
    return list(dict.fromkeys(ids))


def explain_document(
    scorer: Scorer,
    document: Document,
    options: Options = Options(),
    concepts: Sequence[str] = (),
) -> Explanation:
    """Explain ``concepts`` (ids or labels; every concept with a candidate when empty)
    in a read document, scored as :meth:`Scorer.score_document` scores it."""
    wanted = resolve_concepts(scorer.taxonomy, concepts) if concepts else None
    trace = Trace(wanted)
    found = scorer.analyse(document, options, trace)
    candidates = _candidates(scorer, found, trace, options.redact)
    order = (
        wanted if wanted is not None else [c for c in scorer.taxonomy.concepts if c in candidates]
    )
    return Explanation(
        {
            "schema_version": EXPLAIN_SCHEMA_VERSION,
            "tool": {"name": "kwmatch", "version": __version__},
            "taxonomy": {
                "id": scorer.taxonomy.id,
                "title": scorer.taxonomy.title,
                "sha256": scorer.taxonomy.sha256,
            },
            "input": {
                "path": found.document.path,
                "sha256": found.document.sha256,
                "warnings": list(found.document.warnings),
            },
            "asked": list(concepts),
            "concepts": [
                _concept_entry(scorer, found, cid, candidates.get(cid, [])) for cid in order
            ],
        }
    )


def explain_read(
    scorer: Scorer, document: Document, options: Options = Options(), concepts: Sequence[str] = ()
) -> Explanation:
    """:func:`explain_document` under the time and memory guards of
    :meth:`Scorer.score_read`."""
    with bounded(document.path, options.limits):
        return explain_document(scorer, document, options, concepts)


def _candidates(
    scorer: Scorer, found: Analysis, trace: Trace, redact: bool
) -> dict[str, list[dict[str, Any]]]:
    """Each concept's candidates, counted and refused, in text order."""
    clean = found.clean
    notes = {
        (c.concept, c.start, c.end, c.rung): c.detail for c in trace.candidates if c.reason is None
    }
    placed = {id(p.match): p for p in found.judgement.placed}
    counted_spans = {(m.concept, m.start, m.end) for m in found.matches}
    by_concept: dict[str, list[dict[str, Any]]] = {}
    for match in found.matches:
        if not trace.wants(match.concept):
            continue
        place = placed[id(match)]
        why = RUNG_WORDS[match.kind]
        detail = notes.get((match.concept, match.start, match.end, match.kind))
        if match.kind == "evidence" and match.phrase:
            why += f" '{match.phrase}'"
        if detail:
            why += f": {detail}"
        why += (
            f"; {_PLACE_WORDS[place.kind]}: {CONFIDENCE[match.kind]:g} x "
            f"{WEIGHT[place.kind]:g} = {place.weight:.3g}"
        )
        entry = _place(clean, match.start, match.end, redact) | {
            "rung": match.kind,
            "counted": True,
            "reason": None,
            "why": why,
            "where": place.kind,
            "weight": round(place.weight, 4),
        }
        by_concept.setdefault(match.concept, []).append(entry)
    refused = [c for c in trace.candidates if c.reason is not None]
    refused += _repeats(scorer, clean, found.matches, trace)
    seen: set[tuple[str, int, int]] = set()
    for candidate in refused:
        key = (candidate.concept, candidate.start, candidate.end)
        if key in counted_spans or key in seen:
            continue  # counted by another rung or term, or refused twice
        seen.add(key)
        entry = _place(clean, candidate.start, candidate.end, redact) | {
            "rung": candidate.rung,
            "counted": False,
            "reason": candidate.reason,
            "why": _refusal_words(candidate, found.matches),
            "where": None,
            "weight": None,
        }
        by_concept.setdefault(candidate.concept, []).append(entry)
    for entries in by_concept.values():
        entries.sort(key=lambda e: (e["start"], e["end"], not e["counted"]))
    return by_concept


#: Where a counted hit stands (an evidence kind of :mod:`kwmatch.evidence`), in words.
_PLACE_WORDS = {
    "experience": "a role",
    "project": "a project",
    "other": "other text",
    "skills": "a skills list",
    "education": "education",
}


def _place(clean: CleanText, start: int, end: int, redact: bool) -> dict[str, Any]:
    section = clean.section_of(start)
    return {
        "text": clean.text[start:end],
        "start": start,
        "end": end,
        "page": clean.page_of(start),
        "line": clean.line_of(start),
        "section": section.kind if section else None,
        "snippet": snippet(clean, start, end, redact),
    }


def _refusal_words(candidate: Candidate, matches: Sequence[Match]) -> str:
    assert candidate.reason is not None
    words = REASON_WORDS[candidate.reason]
    detail = candidate.detail
    if candidate.reason == "nested":
        outer = next(
            (
                m
                for m in matches
                if m.concept == candidate.concept
                and m.start <= candidate.start
                and candidate.end <= m.end
            ),
            None,
        )
        detail = f"'{outer.text}'" if outer is not None else ""
    elif candidate.reason in ("not_in", "not_near"):
        detail = f"'{detail}'"
    return f"{words}: {detail}" if detail else words


def _repeats(
    scorer: Scorer, clean: CleanText, matches: Sequence[Match], trace: Trace
) -> list[Candidate]:
    """The hits that a copy of a word or a line would make if copies were read: they
    stand where the view without repeats cut the text."""
    view = without_repeats(clean)
    if view is None:
        return []
    kept = {view.original(i) for i in range(len(view.clean.text))}
    counted = {(m.concept, m.start, m.end) for m in matches}
    return [
        Candidate(m.concept, m.start, m.end, m.kind, "repeat", "")
        for m in scorer.matcher.match_copies(clean)
        if trace.wants(m.concept)
        and (m.concept, m.start, m.end) not in counted
        and m.start not in kept
    ]


def _concept_entry(
    scorer: Scorer, found: Analysis, concept_id: str, candidates: list[dict[str, Any]]
) -> dict[str, Any]:
    concept = scorer.taxonomy.concepts[concept_id]
    strength = found.judgement.scores.strength.get(concept_id)
    counted = sum(1 for c in candidates if c["counted"])
    return {
        "concept": concept_id,
        "label": concept.label,
        "kind": concept.kind,
        "strength": None if strength is None else round(strength, 4),
        "counted": counted,
        "refused": len(candidates) - counted,
        "candidates": candidates,
        "notes": _depth_notes(scorer, found, concept, candidates)
        if candidates
        else _no_candidate(scorer, found, concept),
    }


def _depth_notes(
    scorer: Scorer, found: Analysis, concept: Concept, candidates: list[dict[str, Any]]
) -> list[str]:
    """For an activity that counts, how the resume's technical depth scales it (its
    strength is less than its best hit's worth when few skills are evidenced)."""
    weights = [c["weight"] for c in candidates if c["counted"]]
    if concept.kind != "activity" or not weights:
        return []
    strength = found.judgement.scores.strength
    depth = technical_depth(scorer.taxonomy, strength)
    if depth >= 1:
        return []
    skills = sum(1 for c in strength if scorer.taxonomy.concepts[c].kind == "skill")
    return [
        f"an activity counts in proportion to the skills evidenced: best hit {max(weights):.3g}"
        f" x {depth:.3g} ({skills} of {SKILLS_FOR_FULL_ACTIVITY} skills)"
    ]


#: A name this long or longer is looked for inside other words ("SQL" in "NoSQL").
_INSIDE_MIN = 3
#: The closest word of the text to a name, by difflib's ratio, worth a note from here on.
_CLOSE = 0.75


def _no_candidate(scorer: Scorer, found: Analysis, concept: Concept) -> list[str]:
    """Why a concept has no candidate at all, as far as cheap checks can say."""
    text = found.clean.text
    notes = []
    short_forms = {form.casefold() for form in concept.ambiguous}
    for form in (*concept.phrases, *concept.evidence):
        # Not a short form: "R" inside "Robin" or "Go" inside "Google" says nothing.
        inside = re.search(re.escape(form), text, re.I) if len(form) >= _INSIDE_MIN else None
        if inside is None or form.casefold() in short_forms:
            continue
        word = re.search(r"[\w+#.-]*\Z", text[: inside.start()])
        after = re.match(r"[\w+#-]*", text[inside.end() :])
        whole = (word.group() if word else "") + inside.group() + (after.group() if after else "")
        line = found.clean.line_of(inside.start())
        notes.append(
            f"'{form}' stands at line {line} only inside '{whole}', not as words of their own"
            if whole.strip(".") != inside.group()
            else f"'{form}' stands at line {line}, but not as the ladder reads it (split by "
            "a line, a symbol or a heading)"
        )
        break
    if not notes:
        notes.append(
            "no name of the concept (label, aliases, evidence phrases, short forms) is in the text"
        )
        notes.extend(_close_words(scorer, text, concept))
    if warns_of_hidden_text(found.document.warnings):
        notes.append("the resume hides text, which is never read (see its warnings)")
    return notes


def _close_words(scorer: Scorer, text: str, concept: Concept) -> list[str]:
    """The text's word closest to each one-word name, and why the fuzzy rung left it."""
    words = sorted({w for w in re.findall(r"[A-Za-z]{4,}", text.lower())})
    notes = []
    for name in dict.fromkeys(p.lower() for p in concept.phrases if p.isalpha()):
        close = difflib.get_close_matches(name, words, n=1, cutoff=_CLOSE)
        if not close or close[0] == name:
            continue
        word = close[0]
        if not concept.fuzzy:
            why = "the concept has fuzzy: false"
        elif len(name) < FUZZY_MIN_LENGTH:
            why = f"names under {FUZZY_MIN_LENGTH} letters get no typo matching"
        elif scorer.pipeline.is_english_word(word) or scorer.pipeline.is_stop_word(word):
            why = "an English word is never read as a typo"
        elif word in TECHNOLOGY_NAMES:
            why = "it is the name of another technology"
        elif word[0] != name[0]:
            why = "a typo keeps the first letter"
        else:
            allowed = 1 if len(name) <= ONE_EDIT_UP_TO else MAX_EDITS
            why = f"more edits than the {allowed} allowed"
        notes.append(f"the closest word is '{word}', not read as '{name}': {why}")
    return notes


@lru_cache(maxsize=1)
def explain_schema_text() -> str:
    """The JSON Schema of ``kwmatch explain --format json``, as shipped."""
    return resources.files("kwmatch").joinpath("schemas/explain.schema.json").read_text("utf-8")

"""The judgement stage: from the clean text and the matches to what a recruiter would sign.

In order: the work history (roles, degrees, projects), the day "Present" stands for
(:func:`kwmatch.seniority.written_date`), where each match stands
(:mod:`kwmatch.evidence`), the coverage scores with each hit worth what its place is
worth (:mod:`kwmatch.score`), the seniority (:mod:`kwmatch.seniority`), the fit
(:mod:`kwmatch.fit`) and the gaps ranked by what closing them would change
(:mod:`kwmatch.gaps`). Pure functions over the outputs of earlier stages.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from kwmatch.evidence import Placed, Usage, place, usage
from kwmatch.fit import Fit, judge_fit, ml_role_years
from kwmatch.gaps import Gap, find_gaps
from kwmatch.history import WorkHistory, extract_history
from kwmatch.match import Match
from kwmatch.score import Scores, score
from kwmatch.seniority import (
    Seniority,
    WrittenDate,
    claimed_years,
    judge_seniority,
    reading_date,
    written_date,
)
from kwmatch.taxonomy import Taxonomy
from kwmatch.text import CleanText


@dataclass(frozen=True)
class Judgement:
    """Everything the judgement stage found about one resume."""

    as_of: datetime.date
    """The reading date (``--as-of``, else today)."""
    written: WrittenDate
    """The day "Present" stands for in this resume."""
    history: WorkHistory
    placed: tuple[Placed, ...]
    """Each match with where it stands, in match order."""
    usage: dict[str, Usage]
    scores: Scores
    seniority: Seniority
    fit: Fit
    gaps: tuple[Gap, ...] = ()
    """What the resume lacks or only lists, the largest gain in fit first."""


def judge(
    clean: CleanText,
    matches: Sequence[Match],
    taxonomy: Taxonomy,
    *,
    document_date: datetime.date | None,
    as_of: datetime.date | None,
    today: datetime.date | None = None,
    name: str = "",
) -> Judgement:
    """The judgement of a resume read ``as_of``, whose file is dated ``document_date``.

    Without ``as_of``, the reading date is the document's own date when it has a
    plausible one (not after ``today``, not before the dates the resume states), else
    ``today``: so the report of a file that carries its date is the same every day.
    ``name`` is the file's name (it may carry the month the resume was written).
    """
    today = today or datetime.date.today()
    history = extract_history(clean, as_of or today)
    if as_of is None:
        as_of = reading_date(history, document_date, today)
    written = written_date(clean, history, document_date, as_of, name)
    if written.date < as_of and any(e.end_is_present for e in history.experience):
        history = extract_history(clean, written.date)
    placed = tuple(place(matches, history, clean))
    scores = score(taxonomy, matches, [hit.weight for hit in placed])
    evidenced = set(scores.strength)
    technical = any(taxonomy.concepts[c].kind == "skill" for c in evidenced)
    seniority = judge_seniority(history, evidenced, technical, claimed_years(clean.text))
    core = next((g.coverage for g in scores.groups if g.kind == "core"), None)
    used = usage(placed)
    tenure = {concept: u.years for concept, u in used.items()}
    fit = judge_fit(
        taxonomy, scores.strength, core, placed, seniority, tenure, ml_role_years(history)
    )
    return Judgement(
        as_of=as_of,
        written=written,
        history=history,
        placed=placed,
        usage=used,
        scores=scores,
        seniority=seniority,
        fit=fit,
        gaps=find_gaps(taxonomy, scores, fit, seniority.level, placed),
    )

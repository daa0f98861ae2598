"""Best-fit level and specialization read like a recruiter would read the examples.

Since report 2.0.0 the best-fit level is the seniority judgement: the sales manager's
sixteen years and Regional Sales Manager title make a senior (non-technical people get
the level their career shows; the fit score says they are no ML engineer). The rule
that picks a level from coverage stays in :func:`kwmatch.score.score` (``best_level``
of :class:`~kwmatch.score.Scores`), as the baseline the benchmark compares with."""

from __future__ import annotations

import pytest

from kwmatch.api import Scorer
from kwmatch.match import Match
from kwmatch.score import score

from .conftest import EXAMPLES


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("ml_engineer_two_column.pdf", "senior"),
        ("junior_data_analyst.docx", "entry"),
        ("sales_manager.txt", "senior"),
    ],
)
def test_best_fit_level_of_the_examples(scorer: Scorer, name: str, level: str | None) -> None:
    assert scorer.score_file(EXAMPLES / name).data["scores"]["best_level"] == level


def test_a_senior_who_covers_entry_duties_best_is_still_senior(scorer: Scorer) -> None:
    taxonomy = scorer.taxonomy
    levels = {g.id: g for g in taxonomy.groups_of("level")}
    wanted = {c for r in levels["entry"].responsibilities for c in r.concepts}
    wanted |= {c for r in levels["senior"].responsibilities for c in r.concepts}
    matches = [Match(c, c, 0, 1, "exact", 1.0) for c in sorted(wanted)]
    # Everything of entry and senior: both at 100%, mid lower; the fit is senior.
    assert score(taxonomy, matches).best_level == "senior"
    entry_only = [
        Match(c, c, 0, 1, "exact", 1.0)
        for r in levels["entry"].responsibilities
        for c in r.concepts
    ]
    assert score(taxonomy, entry_only).best_level == "entry"

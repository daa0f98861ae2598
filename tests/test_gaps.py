"""Gaps: what a resume lacks, or only lists, ranked by what evidencing it would change.

The resume lines are written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kwmatch.api import Scorer
from kwmatch.evidence import Placed
from kwmatch.fit import judge_fit
from kwmatch.gaps import find_gaps
from kwmatch.judge import judge
from kwmatch.match import Match
from kwmatch.report import validate_report
from kwmatch.score import score
from kwmatch.text import clean

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

RESUME = """\
Robin Example
Machine Learning Engineer

EXPERIENCE
Machine Learning Engineer, Example Analytics, Jan 2019 - Present
- Trained gradient boosting and deep learning models in Python with PyTorch and scikit-learn.
- Deployed models behind a REST API with Docker on AWS.
- Built feature pipelines with pandas and SQL; ran A/B tests with the product team.

Data Scientist, Sample Retail, Jun 2015 - Dec 2018
- Built forecasting models with Python and SQL; mentored two junior analysts.

SKILLS
Kubernetes, Terraform, Spark, TensorFlow, Git

EDUCATION
MSc Computer Science, Example University, 2015
"""


def _report(scorer: Scorer, text: str) -> dict[str, Any]:
    data = scorer.score_text(text, "resume.txt").data
    assert validate_report(data) == []
    return data


def _gap(data: dict[str, Any], concept: str) -> dict[str, Any]:
    found = [g for g in data["gaps"] if g["concept"] == concept]
    assert found, f"{concept} is no gap: {[g['concept'] for g in data['gaps']]}"
    return found[0]


def test_every_missing_entry_is_a_gap_with_who_wants_it(scorer: Scorer) -> None:
    data = _report(scorer, RESUME)
    missing = {m["concept"]: m for m in data["missing"]}
    gaps = {g["concept"]: g for g in data["gaps"] if g["gap"] == "missing"}
    assert set(gaps) == set(missing)
    for concept, gap in gaps.items():
        wanted = {w["responsibility"] for w in missing[concept]["wanted_by"]}
        assert {w["responsibility"] for w in gap["wanted_by"]} == wanted
        assert all(w["coverage"] > 0 for w in gap["wanted_by"])


def test_gaps_are_ranked_by_gain_in_fit_then_overall(scorer: Scorer) -> None:
    gaps = _report(scorer, RESUME)["gaps"]
    keys = [(g["gain"]["fit"], g["gain"]["overall"]) for g in gaps]
    assert keys == sorted(keys, reverse=True)
    assert gaps[0]["gain"]["fit"] > 0
    # the role's own work outranks a language nobody asked this candidate for
    ranks = {g["concept"]: n for n, g in enumerate(gaps)}
    assert ranks["monitoring"] < ranks["cpp"]


def test_a_skill_only_listed_is_shown_but_not_demonstrated(scorer: Scorer) -> None:
    data = _report(scorer, RESUME)
    gap = _gap(data, "kubernetes")
    assert gap["gap"] == "not demonstrated"
    assert gap["gain"]["fit"] > 0
    # Docker is used in the dated role: no gap at all
    assert "docker" not in {g["concept"] for g in data["gaps"]}


def test_using_the_skill_at_work_closes_the_gap(scorer: Scorer) -> None:
    before = _report(scorer, RESUME)
    gap = _gap(before, "monitoring")
    line = "- Deployed models behind a REST API with Docker on AWS.\n"
    after = _report(
        scorer, RESUME.replace(line, line + "- Kept watch over the model service with Grafana.\n")
    )
    assert "monitoring" not in {g["concept"] for g in after["gaps"]}
    gained = after["scores"]["fit"] - before["scores"]["fit"]
    assert gained == pytest.approx(gap["gain"]["fit"], abs=2e-4)
    assert after["scores"]["overall"] - before["scores"]["overall"] == pytest.approx(
        gap["gain"]["overall"], abs=2e-4
    )


def test_a_missing_set_is_one_gap_through_its_best_member(scorer: Scorer) -> None:
    data = _report(scorer, "SKILLS\nExcel, PowerPoint\n")
    sets = [g for g in data["gaps"] if "members" in g]
    assert sets
    for gap in sets:
        assert gap["via"] in gap["members"]
        assert [g["concept"] for g in data["gaps"]].count(gap["concept"]) == 1


@pytest.mark.parametrize(
    "name", ["ml_engineer_two_column.pdf", "sales_manager.txt", "junior_data_analyst.docx"]
)
def test_gains_equal_a_full_rescoring(scorer: Scorer, name: str) -> None:
    """The linear shortcut of :mod:`kwmatch.gaps` gives what scoring the resume again,
    with the concept added in a dated role, gives."""
    from kwmatch.api import Options, _read

    document = _read(EXAMPLES / name, Options())
    text = clean(document.pages, scorer.is_word)
    matches = scorer.matcher.match(text)
    judged = judge(text, matches, scorer.taxonomy, document_date=document.date, as_of=None)
    gaps = find_gaps(
        scorer.taxonomy, judged.scores, judged.fit, judged.seniority.level, judged.placed
    )
    assert gaps
    weights = [hit.weight for hit in judged.placed]
    for gap in gaps:
        added = Match(gap.via, gap.via, 0, 0, "exact", 1.0)
        rescored = score(scorer.taxonomy, [*matches, added], [*weights, 1.0])
        core = next(g.coverage for g in rescored.groups if g.kind == "core")
        placed = [*judged.placed, Placed(added, "experience", None)]
        fit = judge_fit(
            scorer.taxonomy,
            rescored.strength,
            core,
            placed,
            judged.seniority,
            ml_years=judged.fit.ml_role_years,
        )
        assert gap.fit == pytest.approx(max(0.0, fit.score - judged.fit.score), abs=2e-4)
        assert gap.overall == pytest.approx(rescored.overall - judged.scores.overall, abs=1e-4)
        level = judged.seniority.level
        if gap.level is not None and level is not None:
            new = next(g.coverage for g in rescored.groups if g.id == level)
            old = next(g.coverage for g in judged.scores.groups if g.id == level)
            assert gap.level == pytest.approx(new - old, abs=1e-4)

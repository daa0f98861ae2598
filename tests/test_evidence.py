"""Evidence: tools and tasks that show a concept without naming it (a scheduler shows data
pipelines, an NLP task shows NLP) are matched like aliases, with the lower confidence of
the ``evidence`` rung, and each hit names the phrase of the taxonomy it matched. Every
line here was written for this test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kwmatch.api import Scorer
from kwmatch.errors import TaxonomyError
from kwmatch.evidence import WEIGHT
from kwmatch.match import CONFIDENCE
from kwmatch.report import validate_report
from kwmatch.taxonomy import load_taxonomy, parse_taxonomy


def _hits(scorer: Scorer, text: str, concept: str) -> list[dict[str, Any]]:
    report = scorer.score_text(text)
    assert validate_report(report.data) == []
    return [m for m in report.data["matches"] if m["concept"] == concept]


#: (concept, line, the evidence phrase it should match): one class of phrasing each.
EVIDENCE = [
    # a workflow scheduler shows data pipelines
    ("etl-pipelines", "Scheduled the nightly loads with Apache Airflow.", "Apache Airflow"),
    ("etl-pipelines", "Tools: Python, Airflow, Postgres", "Airflow"),
    ("etl-pipelines", "Wrote Dagster jobs that refresh the sales marts.", "Dagster"),
    # a vision task shows computer vision
    ("computer-vision", "Built object tracking for warehouse forklifts.", "object tracking"),
    (
        "computer-vision",
        "Trained image segmentation models for roof surveys.",
        "image segmentation",
    ),
    ("computer-vision", "Counted parcels on conveyor video with OpenCV.", "OpenCV"),
    # an NLP task, library or named language model shows NLP
    ("nlp", "Fine-tuned BERT to route support tickets by topic.", "BERT"),
    (
        "nlp",
        "Shipped a retrieval-augmented generation assistant for the policy wiki.",
        "retrieval-augmented generation",
    ),
    ("nlp", "Ran sentiment analysis on app-store reviews.", "sentiment analysis"),
    # an algorithm of the field shows reinforcement learning
    ("reinforcement-learning", "Trained a DQN agent to balance battery charging.", "DQN"),
    ("reinforcement-learning", "Tuned Q-learning rewards for a grid-world robot.", "Q-learning"),
    (
        "reinforcement-learning",
        "Compared proximal policy optimization with random search for routing.",
        "proximal policy optimization",
    ),
    # a forecasting method shows time-series forecasting (predictive modeling)
    ("predictive-modeling", "Forecast weekly call volume with ARIMA.", "ARIMA"),
    ("predictive-modeling", "Forecasting: Prophet, statsmodels", "Prophet"),
]


@pytest.mark.parametrize(("concept", "text", "phrase"), EVIDENCE)
def test_evidence_is_found_as_evidence(
    scorer: Scorer, concept: str, text: str, phrase: str
) -> None:
    hits = _hits(scorer, text, concept)
    assert hits, f"no {concept} in {text!r}"
    assert {h["kind"] for h in hits} == {"evidence"}
    assert {h["phrase"] for h in hits} == {phrase}
    assert all(h["confidence"] == CONFIDENCE["evidence"] for h in hits)


@pytest.mark.parametrize(
    ("concept", "text"),
    [
        # Prophet and Luigi are words and names: exact case and a tech context only
        ("predictive-modeling", "Read a biography of the prophet Elijah for book club."),
        ("etl-pipelines", "Reference: Luigi Ferraro, store manager."),
        ("etl-pipelines", "Met the prefect of the regional council on zoning."),
        # the HVAC sense of airflow, as before
        ("etl-pipelines", "Balanced airflow in the ducts of a hospital wing."),
    ],
)
def test_guarded_evidence_needs_a_tech_context(scorer: Scorer, concept: str, text: str) -> None:
    assert _hits(scorer, text, concept) == []


def test_naming_the_concept_beats_its_evidence(scorer: Scorer) -> None:
    text = "Computer vision: object detection for shelf audits."
    hits = _hits(scorer, text, "computer-vision")
    assert {h["kind"] for h in hits} == {"exact", "evidence"}
    matched = {m["concept"]: m for m in scorer.score_text(text).data["matched"]}
    # A line of no role or section: what a hit is worth there ("other"), named in full.
    assert matched["computer-vision"]["strength"] == WEIGHT["other"]


def test_evidence_alone_counts_less_than_the_name(scorer: Scorer) -> None:
    proxy = scorer.score_text("Built object detection for shelf audits.\n").data
    named = scorer.score_text("Built computer vision for shelf audits.\n").data
    strength = {
        name: {m["concept"]: m["strength"] for m in data["matched"]}["computer-vision"]
        for name, data in (("proxy", proxy), ("named", named))
    }
    other = WEIGHT["other"]  # lines of no role or section
    assert strength == {"proxy": round(CONFIDENCE["evidence"] * other, 4), "named": other}


def test_a_tool_can_be_an_alias_of_one_concept_and_evidence_of_another(scorer: Scorer) -> None:
    # BERT is a transformer language model (alias) and shows NLP (evidence).
    hits = scorer.score_text("Distilled a BERT model for on-device search.").data["matches"]
    kinds = {(h["concept"], h["kind"]) for h in hits}
    assert {("transformers-llm", "alias"), ("nlp", "evidence")} <= kinds


def test_evidence_is_never_matched_with_typos(scorer: Scorer) -> None:
    # "Dagster" was an alias, and so typo-tolerant; a proxy with a typo is too far away.
    matches = scorer.score_text("Pipelines scheduled in Dagstre for a retailer.").data["matches"]
    assert [m for m in matches if m["text"] == "Dagstre"] == []


def test_evidence_sits_apart_from_aliases_in_the_shipped_taxonomy() -> None:
    taxonomy = load_taxonomy()
    for concept in taxonomy.concepts.values():
        names = {p.casefold() for p in concept.phrases}
        assert not names & {p.casefold() for p in concept.evidence}, concept.id
    assert "Airflow" in taxonomy.concepts["etl-pipelines"].evidence
    assert "Apache Airflow" not in taxonomy.concepts["etl-pipelines"].aliases


TINY = """\
kind: kwmatch-taxonomy
version: 2
id: tiny
title: Tiny role
concepts:
  - id: pipelines
    label: Data pipelines
    aliases: [ETL]
    evidence: [Airflow]
groups:
  required:
    label: Required
    responsibilities:
      - id: req-pipes
        text: Build pipelines.
        concepts: [pipelines]
"""


def test_evidence_that_is_also_an_alias_is_refused() -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(TINY.replace("[Airflow]", "[Airflow, etl]").encode(), "tiny.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith("concepts/0/evidence/1: 'etl' is the concept's own name or alias")


def test_evidence_needs_format_2() -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(TINY.replace("version: 2", "version: 1").encode(), "tiny.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith("concepts/0/evidence: 'evidence' needs format version 2")


def test_evidence_of_a_small_taxonomy_is_matched(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    report = Scorer(str(path)).score_text("Moved the cron jobs to Airflow.\n")
    ((hit,), (item,)) = report.data["matches"], report.data["matched"]
    assert (hit["kind"], hit["phrase"], hit["text"]) == ("evidence", "Airflow", "Airflow")
    assert item["strength"] == round(CONFIDENCE["evidence"] * WEIGHT["other"], 4)

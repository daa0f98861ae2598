"""``kwmatch explain``: every candidate hit of a concept and why it counted or not.

The resume lines are written for these tests. Each rung that counts a hit, each kind of
refusal (a negative context, a guard without its cue, a typo too far, a copy), the notes
on a concept without any candidate, the JSON shape, the unknown-concept error, and the
agreement with ``kwmatch score``: the counted hits are exactly the report's matches."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kwmatch.api import Options, Scorer, read_file
from kwmatch.cli import app
from kwmatch.errors import UsageError
from kwmatch.explain import Explanation, explain_document, explain_schema_text
from kwmatch.ingest import document_from_text
from kwmatch.ingest.hidden_text import WARNING_PREFIX
from kwmatch.validation import schema_errors

from .conftest import EXAMPLES

RESUME = """Robin Sample
SUMMARY
Engineer who likes deploying models and mentored three junior analysts.
SKILLS
Golang, Kubernets, Pythxx, docket
R programming and scripting
EXPERIENCE
Platform Engineer, 2020 - 2024
- Python scripts for R&D teams
- Led code reviewing for the team
- Was mentored by a senior engineer
- Ran R and stuff on Fridays
- Kept a Python for the reptile zoo
- Moved the queue to something similar to Kafka
"""


def _explain(scorer: Scorer, text: str, *concepts: str, **options: Any) -> Explanation:
    document = document_from_text(text, "resume.txt")
    return explain_document(scorer, document, Options(**options), concepts)


def _candidates(explanation: Explanation, concept: str) -> list[dict[str, Any]]:
    entry = next(e for e in explanation.data["concepts"] if e["concept"] == concept)
    return list(entry["candidates"])


def _one(explanation: Explanation, concept: str, text: str) -> dict[str, Any]:
    found = [c for c in _candidates(explanation, concept) if c["text"] == text]
    assert len(found) == 1, (concept, text, _candidates(explanation, concept))
    return found[0]


@pytest.fixture(scope="module")
def resume(scorer: Scorer) -> Explanation:
    return _explain(scorer, RESUME)


@pytest.mark.parametrize(
    ("concept", "text", "rung", "words"),
    [
        ("python", "Python", "exact", "its label"),
        ("go-lang", "Golang", "alias", "an alias"),
        ("version-control", "code reviewing", "lemma", "inflected form"),
        ("mentoring", "mentored three junior", "near", "near pattern"),
        ("kubernetes", "Kubernets", "fuzzy", "1 edit from 'kubernetes' (2 allowed"),
        ("r-lang", "R programming", "alias", "an alias"),
    ],
)
def test_each_rung_counts_a_hit_and_says_what_it_is_worth(
    resume: Explanation, concept: str, text: str, rung: str, words: str
) -> None:
    hits = [c for c in _candidates(resume, concept) if c["text"] == text and c["counted"]]
    assert len(hits) == 1, _candidates(resume, concept)
    hit = hits[0]
    assert hit["rung"] == rung and hit["reason"] is None
    assert words in hit["why"]
    assert re.search(r"\d(\.\d+)? x \d(\.\d+)? = \d", hit["why"])  # confidence x place
    assert hit["where"] in ("skills", "experience", "other") and 0 < hit["weight"] <= 1


def test_a_guarded_form_counts_with_its_cue(scorer: Scorer) -> None:
    explained = _explain(scorer, "EXPERIENCE\n- Wrote statistics code in R for a lab\n", "r-lang")
    hit = _one(explained, "r-lang", "R")
    assert hit["counted"] and hit["rung"] == "guarded"
    assert "cue word 'code'" in hit["why"]


def test_r_in_r_and_d_is_refused_by_its_not_in_pattern(resume: Explanation) -> None:
    hits = [c for c in _candidates(resume, "r-lang") if c["line"] == 9]
    assert [(h["counted"], h["reason"]) for h in hits] == [(False, "not_in")]
    assert "'R&D'" in hits[0]["why"]


def test_a_short_form_without_a_cue_is_refused_and_says_what_it_lacks(
    resume: Explanation,
) -> None:
    hit = next(c for c in _candidates(resume, "r-lang") if c["line"] == 12)
    assert not hit["counted"] and hit["reason"] == "no_cue"
    assert "no cue word within 3 words" in hit["why"]


def test_a_not_near_word_and_a_comparison_void_a_hit(resume: Explanation) -> None:
    snake = next(c for c in _candidates(resume, "python") if c["line"] == 13)
    assert (snake["counted"], snake["reason"]) == (False, "not_near")
    assert "'reptile'" in snake["why"] or "'zoo'" in snake["why"]
    kafka = _one(resume, "streaming", "Kafka")
    assert (kafka["counted"], kafka["reason"]) == (False, "compared")


def test_a_typo_too_far_gives_the_distance_and_the_edits_allowed(resume: Explanation) -> None:
    hit = _one(resume, "python", "Pythxx")
    assert (hit["counted"], hit["reason"]) == (False, "fuzzy_distance")
    assert "2 edits from 'python' (1 allowed in a name of 6 letters)" in hit["why"]


def test_reversed_roles_and_a_negative_pattern_refuse_being_mentored(
    resume: Explanation,
) -> None:
    refused = [c for c in _candidates(resume, "mentoring") if c["line"] == 11]
    assert refused and not any(c["counted"] for c in refused)
    assert {c["reason"] for c in refused} <= {"near_reversed", "not_in"}
    assert any(c["reason"] == "near_reversed" for c in refused)


def test_a_copy_of_a_word_is_refused_as_a_repeat(scorer: Scorer) -> None:
    explained = _explain(scorer, "SKILLS\nSQL SQL SQL\n", "sql")
    rows = [(c["counted"], c["reason"]) for c in _candidates(explained, "sql")]
    assert rows == [(True, None), (False, "repeat"), (False, "repeat")]


def test_a_concept_without_candidates_gets_notes(scorer: Scorer) -> None:
    docker = _explain(scorer, RESUME, "Docker").data["concepts"][0]
    assert docker["concept"] == "docker"
    assert docker["candidates"] == [] and docker["strength"] is None
    assert any("closest word is 'docket'" in n and "English word" in n for n in docker["notes"])
    inside = _explain(scorer, "EXPERIENCE\n- Ran mykubernetesthing daily\n", "kubernetes")
    notes = inside.data["concepts"][0]["notes"]
    assert any("only inside 'mykubernetesthing'" in n for n in notes), notes
    nothing = _explain(scorer, "EXPERIENCE\n- Sold cars\n", "pytorch").data["concepts"][0]
    assert nothing["notes"][0].startswith("no name of the concept")


def test_without_concepts_every_concept_with_a_candidate_is_explained(
    resume: Explanation,
) -> None:
    ids = [e["concept"] for e in resume.data["concepts"]]
    assert {"python", "r-lang", "go-lang", "mentoring", "streaming"} <= set(ids)
    assert all(e["candidates"] for e in resume.data["concepts"])
    assert "docker" not in ids  # no candidate: named on the command line it gets notes


def test_concepts_are_named_by_id_or_label_in_any_case_and_a_set_by_its_members(
    scorer: Scorer,
) -> None:
    explained = _explain(scorer, RESUME, "PYTHON", "go", "R-Lang")
    assert [e["concept"] for e in explained.data["concepts"]] == ["python", "go-lang", "r-lang"]
    some_set = next(iter(scorer.taxonomy.sets.values()))
    members = _explain(scorer, RESUME, some_set.id).data["concepts"]
    assert [e["concept"] for e in members] == list(some_set.members)


def test_an_unknown_concept_names_the_closest_ids(scorer: Scorer) -> None:
    with pytest.raises(UsageError, match=r"unknown concept 'pythn' \(closest: python"):
        _explain(scorer, RESUME, "pythn")
    with pytest.raises(UsageError, match=r"unknown concept 'Kafka' \(closest: streaming"):
        _explain(scorer, RESUME, "Kafka")


def test_the_json_is_versioned_and_valid_against_its_schema(resume: Explanation) -> None:
    schema = json.loads(explain_schema_text())
    assert schema_errors(resume.data, schema) == []
    assert resume.data["schema_version"].split(".")[0] == "1"
    broken = json.loads(resume.to_json())
    broken["concepts"][0]["candidates"][0]["reason"] = "because"
    assert schema_errors(broken, schema)


def test_redact_masks_the_snippets(scorer: Scorer) -> None:
    text = "EXPERIENCE\n- Python services, write to robin@example.org or +1 555 010 9999\n"
    plain = _one(_explain(scorer, text, "python"), "python", "Python")["snippet"]
    masked = _one(_explain(scorer, text, "python", redact=True), "python", "Python")["snippet"]
    assert "robin@example.org" in plain
    assert "robin@example.org" not in masked and "[email]" in masked and "[phone]" in masked


def _agree(scorer: Scorer, path: Path) -> None:
    options = Options()
    report = scorer.score_file(path, options)
    explained = explain_document(scorer, read_file(path, options), options)
    counted = sorted((c["start"], c["end"], c["rung"], c["text"]) for c in explained.counted())
    scored = sorted((m["start"], m["end"], m["kind"], m["text"]) for m in report.data["matches"])
    assert counted == scored
    strength = {e["concept"]: e["strength"] for e in explained.data["concepts"]}
    assert {m["concept"]: m["strength"] for m in report.data["matched"]} == {
        k: v for k, v in strength.items() if v is not None
    }


@pytest.mark.parametrize(
    "name", ["ml_engineer_two_column.pdf", "junior_data_analyst.docx", "sales_manager.txt"]
)
def test_counted_hits_are_the_scores_hits_on_the_examples(scorer: Scorer, name: str) -> None:
    _agree(scorer, EXAMPLES / name)


def test_counted_hits_are_the_scores_hits_on_corpus_resumes(scorer: Scorer, corpus: Path) -> None:
    files = (
        sorted((corpus / "livecareer").glob("*/*.pdf"))[::60]
        + sorted((corpus / "docx").glob("*.docx"))[:2]
    )
    assert len(files) >= 4
    for path in files:
        _agree(scorer, path)


def _run(args: list[str], env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, args, env={"NO_COLOR": "1", **(env or {})})


@pytest.mark.parametrize("width", [80, 120, 160])
def test_the_table_fits_the_width(width: int) -> None:
    result = _run(
        ["explain", str(EXAMPLES / "ml_engineer_two_column.pdf")], {"COLUMNS": str(width)}
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    rows = [line for line in lines if line.startswith("│")]
    assert rows and all(line.endswith("│") for line in rows)
    assert any(line.startswith("scikit-learn (scikit-learn): ") for line in lines)


def test_at_80_columns_the_reason_is_whole_and_the_snippet_shows_the_words() -> None:
    # The reason is what a reader runs explain for: it wraps rather than being cut, and
    # the snippet keeps the words found in view even when the match is at its end.
    lines = _run(
        ["explain", str(EXAMPLES / "ml_engineer_two_column.pdf"), "mentoring"],
        {"COLUMNS": "80"},
    ).stdout.splitlines()
    cells = [line.split("│") for line in lines if line.startswith("│")]
    why = " ".join(" ".join(c[5].split()) for c in cells)
    snippets = " ".join(" ".join(c[6].split()) for c in cells)
    assert "= 0.85" in why and "…" not in why
    assert "mentoring" in snippets.lower()


def test_the_command_prints_json_and_its_schema(tmp_path: Path) -> None:
    resume = tmp_path / "r.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = _run(["explain", str(resume), "r", "Docker", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["concept"] for e in data["concepts"]] == ["r-lang", "docker"]
    assert data["asked"] == ["r", "Docker"]
    schema = _run(["schema", "--explain"])
    assert schema.exit_code == 0 and json.loads(schema.stdout)["title"] == "kwmatch explanation"


def test_an_unknown_concept_is_one_line_and_exit_2(tmp_path: Path) -> None:
    resume = tmp_path / "r.txt"
    resume.write_text(RESUME, encoding="utf-8")
    result = _run(["explain", str(resume), "pythn"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown concept 'pythn'" in lines[0] and "python" in lines[0]


def test_a_missing_resume_is_one_line_and_exit_3(tmp_path: Path) -> None:
    result = _run(["explain", str(tmp_path / "none.pdf"), "python"])
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "none.pdf" in result.stderr


def test_hidden_text_is_named_when_a_concept_has_no_candidate(scorer: Scorer) -> None:
    document = document_from_text("EXPERIENCE\n- Sold cars\n", "resume.txt")
    warning = f"{WARNING_PREFIX} 12 characters in white on white on page 1"
    hidden = replace(document, warnings=(warning,))
    entry = explain_document(scorer, hidden, Options(), ["pytorch"]).data["concepts"][0]
    assert any("hides text" in note for note in entry["notes"])
    plain = explain_document(scorer, document, Options(), ["pytorch"]).data["concepts"][0]
    assert not any("hides text" in note for note in plain["notes"])


def test_counted_hits_are_the_scores_hits_against_a_posting(tmp_path: Path) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Data Engineer\nRequirements\n- 3+ years of Python and SQL\n- Docker and Airflow\n"
        "Nice to have\n- Kubernetes, Spark\n",
        encoding="utf-8",
    )
    _agree(Scorer.from_job(posting), EXAMPLES / "ml_engineer_two_column.pdf")


def test_standard_input_is_explained_under_its_name() -> None:
    result = CliRunner().invoke(
        app,
        ["explain", "-", "sql", "--name", "mine.txt", "--format", "json"],
        input="SKILLS\nPython, SQL\n",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["input"]["path"] == "mine.txt"
    assert [c["counted"] for c in data["concepts"][0]["candidates"]] == [True]


def test_an_activity_says_how_few_skills_scale_it(scorer: Scorer) -> None:
    explained = _explain(scorer, "EXPERIENCE\n- Mentored three junior analysts\n", "mentoring")
    entry = explained.data["concepts"][0]
    assert entry["counted"] >= 1 and entry["strength"] == 0  # no skill at all: depth 0
    assert any("0 of 4 skills" in note for note in entry["notes"])
    technical = _explain(scorer, RESUME, "mentoring").data["concepts"][0]
    assert not any("skills evidenced" in note for note in technical["notes"])


def test_a_short_form_in_another_case_is_refused_off_a_list(scorer: Scorer) -> None:
    explained = _explain(scorer, "EXPERIENCE\n- Liked to go hiking on weekends\n", "go-lang")
    hit = _one(explained, "go-lang", "go")
    assert (hit["counted"], hit["reason"]) == (False, "case")
    listed = _explain(scorer, "SKILLS\nPython, go, SQL\n", "go-lang")
    assert _one(listed, "go-lang", "go")["counted"]

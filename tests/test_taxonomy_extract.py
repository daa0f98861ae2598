"""`kwmatch taxonomy extract`: a draft taxonomy from a role description or a job posting.

The role description (../shared/seeds) and the Word postings (../shared/corpus/docx) are
read at test time; the tests that need them skip where ../shared is absent. The other
postings here are written by the tests themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kwmatch.api import Scorer
from kwmatch.cli import app
from kwmatch.draft import Draft, extract, extract_text, responsibility_texts
from kwmatch.errors import InputError
from kwmatch.report import validate_report
from kwmatch.taxonomy import load_taxonomy, parse_taxonomy

runner = CliRunner()


@pytest.fixture(scope="session")
def seed(corpus: Path) -> Path:
    path = corpus.parent / "seeds" / "ml-engineer-role.txt"
    if not path.is_file():
        pytest.skip(f"role description not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_draft(seed: Path) -> Draft:
    return extract(seed)


def _list_items(path: Path) -> list[str]:
    """The bullets of the source's lists: a "•" line followed by another line.

    The page also styles some headings as list items; those stand alone above a blank
    line and a paragraph.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    items = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if line.strip().startswith("•") and following.strip():
            items.append(" ".join(line.strip().lstrip("•").split()))
    return items


def _labels_and_ids(draft: Draft) -> set[str]:
    return {c["id"] for c in draft.data["concepts"]} | {
        c["label"].lower() for c in draft.data["concepts"]
    }


# --- the role description ----------------------------------------------------------------


def test_seed_has_three_levels_and_five_specializations(seed: Path, seed_draft: Draft) -> None:
    data = seed_draft.data
    assert list(data["levels"]) == ["entry", "mid", "senior"]
    specializations = data["specializations"]
    assert len(specializations) == 5
    source_lines = {line.strip() for line in seed.read_text(encoding="utf-8").splitlines()}
    for block in specializations.values():
        assert block["label"] in source_lines  # named after its heading
        assert block["responsibilities"]
    assert "deep-learning" in specializations
    assert "algorithm-development" in specializations


def test_seed_every_list_bullet_is_a_responsibility(seed: Path, seed_draft: Draft) -> None:
    expected = _list_items(seed)
    assert len(expected) == 30  # 12 key responsibilities, 6 for each of three levels
    drafted = {" ".join(text.split()) for _, text in responsibility_texts(seed_draft.data)}
    missing = [item for item in expected if item not in drafted]
    assert not missing, f"recall {1 - len(missing) / len(expected):.0%}; missing: {missing}"
    data = seed_draft.data
    assert len(data["core"]["responsibilities"]) == 12
    for level in ("entry", "mid", "senior"):
        assert len(data["levels"][level]["responsibilities"]) == 6
    # Headings styled as list items are no responsibilities.
    assert not any("Daily Responsibilities for" in text for text in drafted)


def test_seed_leaves_out_testimonials_and_sign_up_lines(seed: Path, seed_draft: Draft) -> None:
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    unwanted: set[str] = set()
    for number, line in enumerate(lines):
        if line.startswith('"'):  # a testimonial and the name and company above it
            unwanted.update({line, lines[number - 1], lines[number - 2]})
        if line.startswith(("Join ", "Start Your", "Learn what it takes", "Up Next")):
            unwanted.add(line)
    assert len(unwanted) >= 6
    draft_text = seed_draft.to_yaml()
    for line in unwanted:
        assert line not in draft_text
    assert "XYZ" not in draft_text
    reasons = {d.reason for d in seed_draft.dropped}
    assert "testimonial" in reasons
    assert {d.text for d in seed_draft.dropped} >= unwanted


def test_seed_concepts_reuse_the_shipped_concepts_and_aliases(seed_draft: Draft) -> None:
    shipped = load_taxonomy()
    drafted = {c["id"]: c for c in seed_draft.data["concepts"]}
    for concept_id in ("machine-learning", "ab-testing", "mentoring", "model-deployment"):
        assert concept_id in drafted
        known = shipped.concepts[concept_id]
        names = {drafted[concept_id]["label"], *drafted[concept_id].get("aliases", ())}
        assert names >= {known.label, *known.aliases}  # the shipped names all kept
    levels = seed_draft.data["levels"]
    mid = {c for r in levels["mid"]["responsibilities"] for c in r["concepts"]}
    assert {"ab-testing", "model-deployment", "mentoring"} <= mid


def test_known_concepts_take_the_postings_words_as_label() -> None:
    posting = (
        "Platform Engineer\n\nResponsibilities:\n"
        "- Mentor junior engineers and review their designs\n"
        "- Ship services with Docker and k8s\n"
    )
    draft = extract_text(posting, "platform.txt")
    by_id = {c["id"]: c for c in draft.data["concepts"]}
    shipped = load_taxonomy()
    assert by_id["mentoring"]["label"] == "Mentor"
    assert shipped.concepts["mentoring"].label in by_id["mentoring"]["aliases"]
    assert by_id["kubernetes"]["label"] == "k8s"
    assert "Kubernetes" in by_id["kubernetes"]["aliases"]
    # A tag written in lowercase takes the shipped file's spelling.
    tags = extract_text("Data Engineer\n\nTechnologies\npython kubernetes\n", "tags.txt")
    assert {c["label"] for c in tags.data["concepts"]} >= {"Python", "Kubernetes"}


def test_seed_draft_is_valid_and_deterministic(seed: Path, seed_draft: Draft) -> None:
    text = seed_draft.to_yaml()
    taxonomy = parse_taxonomy(text.encode("utf-8"), "draft.yaml")
    assert taxonomy.id == "machine-learning-engineer"
    assert extract(seed).to_yaml() == text


# --- the Word postings --------------------------------------------------------------------

DOCX_EXPECTED = {
    "Data Scientist.docx": {"python", "sql", "r-lang", "nosql", "machine-learning", "weka"},
    "Backend Developer.docx": {"python", "sql", "linux", "version-control", "aws", "http"},
    "Revenue Reporting Data Analyst.docx": {"sql", "data-analysis", "obiee", "hyperion"},
    "Senior Software Developer.docx": {"algorithm-design", "laravel", "wordpress"},
}


@pytest.mark.parametrize("name", sorted(DOCX_EXPECTED))
def test_docx_posting_gives_a_valid_taxonomy_with_groups(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    posting = corpus / "docx" / name
    draft_file = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["taxonomy", "extract", str(posting), "-o", str(draft_file)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["taxonomy", "validate", str(draft_file)])
    assert checked.exit_code == 0, checked.output
    draft = extract(posting)
    groups = draft.data["groups"]
    assert "required" in groups
    assert "preferred" in groups  # every one of these postings marks something preferred
    assert "levels" not in draft.data  # a posting for one role has no ladder of levels
    assert DOCX_EXPECTED[name] <= _labels_and_ids(draft)


def test_docx_boilerplate_is_left_out(corpus: Path) -> None:
    draft = extract(corpus / "docx" / "Data Scientist.docx")
    text = draft.to_yaml()
    assert "Salary" not in text
    assert "Job Type" not in text
    assert "₹" not in text
    assert {d.reason for d in draft.dropped} >= {"salary", "job details"}


def test_docx_required_and_preferred_come_from_their_headings(corpus: Path) -> None:
    groups = extract(corpus / "docx" / "Revenue Reporting Data Analyst.docx").data["groups"]
    assert groups["required"]["source"] == "Minimum qualifications"
    assert groups["preferred"]["source"] == "Preferred qualifications"
    assert len(groups["preferred"]["responsibilities"]) >= 4


# --- postings written here ------------------------------------------------------------------

POSTING = """\
Home > Careers > Engineering

# Data Engineer

Acme Analytics · Remote

We build pipelines that move a billion events a day. You will own the ingestion
layer and the warehouse models.

## What you'll do

- Build and maintain batch and streaming pipelines with Airflow and Kafka
- Write Terraform for the AWS infrastructure

## Requirements

- 3+ years of Python and SQL
- Familiarity with Docker and Kubernetes
- Experience with natural language understanding (NLU) systems

## Nice to have

- Knowledge of Scala is a plus

## Benefits

- Health insurance, 401(k) matching and unlimited PTO
- Home office budget

Salary: $140,000 - $170,000 per year

Acme is an equal opportunity employer. We consider all applicants without regard to race.

Apply now
Share this job
"""


@pytest.fixture()
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "data-engineer.md"
    path.write_text(POSTING, encoding="utf-8")
    return path


def test_posting_without_levels_gets_required_and_preferred(posting: Path) -> None:
    draft = extract(posting)
    data = draft.data
    assert data["title"] == "Data Engineer"
    assert [r["text"] for r in data["core"]["responsibilities"]] == [
        "Build and maintain batch and streaming pipelines with Airflow and Kafka",
        "Write Terraform for the AWS infrastructure",
    ]
    required = data["groups"]["required"]["responsibilities"]
    preferred = data["groups"]["preferred"]["responsibilities"]
    assert len(required) == 3
    assert [r["text"] for r in preferred] == ["Knowledge of Scala is a plus"]
    assert preferred[0]["concepts"] == ["scala"]
    assert {"python", "sql"} <= set(required[0]["concepts"])
    assert {"docker", "kubernetes"} <= set(required[1]["concepts"])


def test_posting_boilerplate_is_left_out(posting: Path) -> None:
    draft = extract(posting)
    text = draft.to_yaml()
    for unwanted in ("Careers", "401(k)", "Home office", "140,000", "equal opportunity"):
        assert unwanted not in text
    assert "Apply now" not in text and "Share this job" not in text
    reasons = {d.reason for d in draft.dropped}
    assert reasons >= {"navigation", "benefits", "salary", "equal opportunity", "call to action"}


def test_acronym_and_long_form_make_one_concept(posting: Path) -> None:
    concepts = {c["id"]: c for c in extract(posting).data["concepts"]}
    nlu = concepts["natural-language-understanding"]
    assert nlu["label"] == "Natural language understanding"
    assert nlu["aliases"] == ["NLU"]


@pytest.mark.parametrize(
    ("headings", "levels"),
    [
        (("Junior Data Analyst", "Senior Data Analyst"), ["entry", "senior"]),
        (
            ("Associate Engineer", "Mid-level Engineer", "Staff Engineer"),
            ["entry", "mid", "senior"],
        ),
        (("Entry Level Responsibilities", "Principal Engineers"), ["entry", "senior"]),
    ],
)
def test_heading_wording_decides_levels(headings: tuple[str, ...], levels: list[str]) -> None:
    parts = ["Analytics Engineer", ""]
    for heading in headings:
        parts += [f"{heading}:", "- Build dashboards in Tableau", "- Write SQL for reports", ""]
    data = extract_text("\n".join(parts), "levels.txt").data
    assert list(data["levels"]) == levels
    assert "groups" not in data


def test_one_level_heading_alone_makes_no_levels() -> None:
    text = (
        "Platform Engineer\n\nAbout the Senior Engineer role:\n"
        "- Run Kubernetes clusters\n- Keep Terraform modules tidy\n"
    )
    data = extract_text(text, "one.txt").data
    assert "levels" not in data
    (group,) = data["groups"].values()
    assert group["label"] == "About the Senior Engineer role"


def test_types_heading_makes_specializations() -> None:
    text = "\n".join(
        [
            "Data Roles",
            "",
            "Types of Data Engineers",
            "",
            "There are several kinds of data engineers, each with a focus of their own.",
            "",
            "Streaming Specialist",
            "",
            "They build real-time pipelines with Kafka and Flink for event data.",
            "",
            "Warehouse Engineer",
            "",
            "They design dimensional models in Snowflake and maintain dbt projects.",
        ]
    )
    data = extract_text(text, "types.txt").data
    assert list(data["specializations"]) == ["streaming", "warehouse"]
    streaming = data["specializations"]["streaming"]["responsibilities"][0]
    assert "streaming" in streaming["concepts"]


def test_posting_with_no_list_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("We are a friendly team.\n\nWe like coffee and long walks.\n")
    with pytest.raises(InputError, match="no responsibilities or requirements"):
        extract(path)
    result = runner.invoke(app, ["taxonomy", "extract", str(path)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.stderr.startswith("kwmatch: error: ")


# --- CLI ---------------------------------------------------------------------------------------


def test_extract_writes_yaml_to_stdout(posting: Path) -> None:
    result = runner.invoke(app, ["taxonomy", "extract", str(posting)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(result.stdout)
    assert data["kind"] == "kwmatch-taxonomy"
    assert "drafted 'data-engineer'" in result.stderr


def test_extract_of_a_missing_file_exits_3(tmp_path: Path) -> None:
    result = runner.invoke(app, ["taxonomy", "extract", str(tmp_path / "nope.docx")])
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_score_against_a_job_posting(posting: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(
        "Jane Doe\nSkills: Python, SQL, Docker, Kafka, Airflow\n"
        "Built streaming pipelines with Kafka and Airflow.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["score", str(resume), "--job", str(posting), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert validate_report(report) == []
    groups = report["scores"]["groups"]
    assert set(groups) == {"required", "preferred"}
    assert groups["required"] > 0
    assert groups["preferred"] == 0
    assert "scala" in {m["concept"] for m in report["missing"]}
    assert report["taxonomy"]["id"] == "data-engineer"


def test_score_job_and_taxonomy_together_is_a_usage_error(posting: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text("Python developer\n", encoding="utf-8")
    result = runner.invoke(
        app, ["score", str(resume), "--job", str(posting), "--taxonomy", "ml-engineer"]
    )
    assert result.exit_code == 2
    assert "--job" in result.stderr


def test_score_job_posting_that_cannot_be_read_exits_3(tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text("Python developer\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(resume), "--job", str(tmp_path / "job.pdf")])
    assert result.exit_code == 3


def test_scorer_from_job_reports_levels(seed: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text("Mentored junior engineers; ran A/B tests on ML models.\n")
    report = Scorer.from_job(seed).score_file(resume)
    assert set(report.data["scores"]["levels"]) == {"entry", "mid", "senior"}
    assert report.coverage("mid") > 0
    assert validate_report(report.data) == []


def test_show_prints_the_tree(posting: Path, tmp_path: Path) -> None:
    draft_file = tmp_path / "draft.yaml"
    draft_file.write_text(extract(posting).to_yaml(), encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "show", str(draft_file), "--width", "160"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("group: required", "group: preferred", "core", "Knowledge of Scala"):
        assert expected in out
    assert "Apache Kafka" in out  # an alias of a reused concept


def test_show_defaults_to_the_shipped_taxonomy() -> None:
    result = runner.invoke(app, ["taxonomy", "show", "--width", "160"])
    assert result.exit_code == 0, result.output
    assert "level: senior" in result.stdout
    assert "specialization: deep-learning" in result.stdout


def test_show_of_an_invalid_file_exits_4(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: kwmatch-taxonomy\nversion: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "show", str(bad)])
    assert result.exit_code == 4
    assert "Traceback" not in result.output


def test_pdf_posting(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "posting.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    lines = [
        "Data Engineer",
        "",
        "Responsibilities:",
        "• Write Terraform for the AWS infrastructure",
        "",
        "Requirements:",
        "• 3+ years of Python and SQL",
        "",
        "Nice to have:",
        "• Knowledge of Scala is a plus",
        "",
        "Salary: $140,000 - $170,000 per year",
    ]
    for number, line in enumerate(lines):
        pdf.drawString(60, 800 - 18 * number, line)
    pdf.save()
    data = extract(path).data
    assert data["core"]["responsibilities"][0]["concepts"] == ["infrastructure-as-code", "aws"]
    assert data["groups"]["required"]["responsibilities"][0]["concepts"] == ["python", "sql"]
    assert data["groups"]["preferred"]["responsibilities"][0]["concepts"] == ["scala"]
    assert "140,000" not in extract(path).to_yaml()

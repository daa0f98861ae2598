"""The judgement a recruiter would sign: when a resume was written, how senior the person
is, where each piece of evidence stands, the specialization and the fit.

Every resume here is written for the test (no corpus text).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.api import Scorer
from kwmatch.cli import app
from kwmatch.dates import YearMonth
from kwmatch.evidence import WEIGHT
from kwmatch.fit import BANDS, band_of
from kwmatch.history import extract_history
from kwmatch.judge import Judgement, judge
from kwmatch.text import clean

AS_OF = datetime.date(2026, 12, 1)


def _judge(
    scorer: Scorer,
    text: str,
    *,
    document_date: datetime.date | None = None,
    as_of: datetime.date | None = AS_OF,
) -> Judgement:
    cleaned = clean([text], scorer.is_word)
    return judge(
        cleaned,
        scorer.matcher.match(cleaned),
        scorer.taxonomy,
        document_date=document_date,
        as_of=as_of,
        today=AS_OF,
    )


SENIOR = """\
Experience
Senior Machine Learning Engineer, Larkspur Freight
March 2019 - Present
- Led a team of four engineers and mentored two junior data scientists.
- Deployed PyTorch models behind a REST API with Docker and Kubernetes.
Machine Learning Engineer, Tidewell Energy
June 2015 - February 2019
- Built gradient boosting models with scikit-learn and tuned them with cross validation.
Education
MSc Computer Science, Northgate University, 2013 - 2015
Skills
Python, SQL, TensorFlow, AWS
"""

STUDENT = """\
Education
BSc Data Science, Harbour College, 2022 - 2026 (expected)
Experience
Data Science Intern, Quillmoor Retail
June 2025 - August 2025
- Trained a logistic regression model in Python to forecast weekly demand.
Skills
Python, pandas, SQL
"""


# --- when the resume was written -------------------------------------------------------


def test_present_is_the_file_date_when_the_file_carries_one(scorer: Scorer) -> None:
    judged = _judge(scorer, SENIOR, document_date=datetime.date(2021, 6, 1))
    assert judged.written.date == datetime.date(2021, 6, 1)
    role = judged.history.experience[0]
    assert role.end_is_present and str(role.end) == "2021-06"


def test_a_resume_read_years_later_gains_no_years(scorer: Scorer) -> None:
    written_2021 = _judge(scorer, SENIOR, document_date=datetime.date(2021, 6, 1))
    read_today = _judge(scorer, SENIOR)
    assert read_today.seniority.fulltime_years - written_2021.seniority.fulltime_years > 5
    assert written_2021.seniority.fulltime_years == pytest.approx(6.0, abs=0.1)


def test_the_resume_s_own_update_line_comes_first(scorer: Scorer) -> None:
    text = SENIOR + "\nLast updated: April 2020\n"
    judged = _judge(scorer, text, document_date=datetime.date(2023, 1, 1))
    assert judged.written.date == datetime.date(2020, 4, 1)
    assert "updated" in judged.written.basis


def test_a_late_export_is_dated_by_the_resume_s_latest_date(scorer: Scorer) -> None:
    # The current role began in 2012; a certificate of 2015 is the latest date stated,
    # and the file was made in 2022: an export, years after the writing.
    text = (
        "Experience\nData Analyst, Brightwater Bank\nJanuary 2012 - Current\n"
        "- Reported monthly figures with SQL.\n"
        "Certifications\nTableau Desktop Specialist, 2015\n"
    )
    judged = _judge(scorer, text, document_date=datetime.date(2022, 3, 1))
    assert judged.written.date == datetime.date(2015, 1, 1)
    assert judged.seniority.fulltime_years == pytest.approx(3.0, abs=0.1)


def test_a_claim_of_experience_dates_a_late_export(scorer: Scorer) -> None:
    text = (
        "Summary\nAnalyst with over 8 years of experience in reporting.\n"
        "Experience\nReporting Analyst, Brightwater Bank\n"
        "March 2007 - Present\n- Built dashboards.\n"
        "Education\nBA Economics, 2006\nTraining\nAdvanced Excel, 2014\n"
    )
    judged = _judge(scorer, text, document_date=datetime.date(2021, 8, 1))
    assert judged.written.date == datetime.date(2015, 3, 1)
    assert "8 years of experience" in judged.written.basis


def test_a_month_in_the_file_name_dates_the_resume(scorer: Scorer) -> None:
    cleaned = clean([SENIOR], scorer.is_word)
    judged = judge(
        cleaned,
        scorer.matcher.match(cleaned),
        scorer.taxonomy,
        document_date=None,
        as_of=AS_OF,
        name="inbox/Resume_March_2022.pdf",
    )
    assert judged.written.date == datetime.date(2022, 3, 1)
    assert "name" in judged.written.basis


def test_a_file_dated_before_the_resume_s_own_dates_is_a_wrong_clock(scorer: Scorer) -> None:
    judged = _judge(scorer, SENIOR, document_date=datetime.date(2000, 1, 1))
    assert judged.written.date == AS_OF


def test_without_as_of_the_file_s_plausible_date_is_the_reading_date(scorer: Scorer) -> None:
    judged = _judge(scorer, SENIOR, document_date=datetime.date(2024, 2, 1), as_of=None)
    assert judged.as_of == datetime.date(2024, 2, 1)
    wrong_clock = _judge(scorer, SENIOR, document_date=datetime.date(2000, 1, 1), as_of=None)
    assert wrong_clock.as_of == AS_OF  # "today" in these tests


def test_present_is_never_after_the_reading_date(scorer: Scorer) -> None:
    judged = _judge(scorer, SENIOR, as_of=datetime.date(2020, 3, 1))
    assert judged.written.date == datetime.date(2020, 3, 1)
    assert str(judged.history.experience[0].end) == "2020-03"


def test_as_of_on_the_command_line(tmp_path: Path) -> None:
    resume = tmp_path / "senior.txt"
    resume.write_text(SENIOR)
    result = CliRunner().invoke(app, ["score", str(resume), "-f", "json", "--as-of", "2021-03-01"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dates"]["as_of"] == "2021-03-01"
    assert report["dates"]["present"] == "2021-03-01"
    assert report["seniority"]["fulltime_years"] == pytest.approx(5.75, abs=0.1)


# --- seniority -------------------------------------------------------------------------


def test_a_student_with_an_internship_is_entry(scorer: Scorer) -> None:
    seniority = _judge(scorer, STUDENT).seniority
    assert seniority.level == "entry"
    assert seniority.fulltime_years < 1


def test_years_and_a_senior_title_held_with_leading_make_a_senior(scorer: Scorer) -> None:
    seniority = _judge(scorer, SENIOR).seniority
    assert seniority.level == "senior"
    assert seniority.title == "Senior Machine Learning Engineer"
    assert any("Senior Machine Learning Engineer" in r for r in seniority.reasons)


@pytest.mark.parametrize(
    ("years_text", "level"),
    [
        ("January 2025 - December 2026", "entry"),
        ("January 2023 - December 2026", "mid"),
        ("January 2018 - December 2026", "senior"),
    ],
)
def test_full_time_years_set_the_band(scorer: Scorer, years_text: str, level: str) -> None:
    text = f"Experience\nData Engineer, Coldharbour Ltd\n{years_text}\n- Built Spark jobs.\n"
    assert _judge(scorer, text).seniority.level == level


def test_a_senior_title_after_a_year_and_a_half_is_no_senior(scorer: Scorer) -> None:
    text = (
        "Experience\nSenior Software Engineer, Pellmoor Apps\nJuly 2025 - Present\n"
        "- Led the backend team and mentored an intern.\n"
    )
    seniority = _judge(scorer, text).seniority
    assert seniority.level == "entry"


def test_a_phd_with_a_year_in_industry_is_mid(scorer: Scorer) -> None:
    text = (
        "Experience\nResearch Scientist, Orchardline Labs\nJune 2025 - Present\n"
        "- Trained deep learning models in PyTorch.\n"
        "Education\nPhD Computer Science, Fernhill University, 2019 - 2025\n"
    )
    assert _judge(scorer, text).seniority.level == "mid"


def test_untitled_projects_during_a_phd_are_the_phd_s_research(scorer: Scorer) -> None:
    # A project named in capitals, dated on the next line, with no job title: while the
    # PhD ran, it is the PhD's research, which counts no full-time years.
    text = (
        "Education\nPhD Chemical Engineering, Fernhill University, 2018 - 2023\n"
        "Experience\nProcess Engineer, Brightwater Plc 04/2012 - 05/2013\nImproved yield.\n"
        "SOLVENT RECOVERY in PACKED COLUMNS, Fernhill University Sept.\n2018-present.\n"
        "Modelled flows with finite elements in packed columns under varied loads.\n"
    )
    judged = _judge(scorer, text, document_date=datetime.date(2023, 3, 1))
    assert [e.kind for e in judged.history.experience] == ["full-time", "education"]
    assert judged.seniority.fulltime_years == pytest.approx(1.08, abs=0.01)


def test_a_student_outside_tech_is_entry_by_the_degree_date(scorer: Scorer) -> None:
    text = "Education\nBA Business Administration, Harbour College, expected June 2024\n"
    assert _judge(scorer, text, as_of=datetime.date(2024, 2, 1)).seniority.level == "entry"


def test_internships_count_half(scorer: Scorer) -> None:
    text = (
        "Experience\nMachine Learning Intern, Brackenfield AI\n"
        "January 2024 - December 2025\n- Labelled data.\n"
    )
    assert _judge(scorer, text).seniority.fulltime_years == pytest.approx(1.0, abs=0.05)


def test_an_eight_line_file_without_dates_gets_no_level(scorer: Scorer) -> None:
    text = "\n".join(
        [
            "Alex Example",
            "Data person",
            "Skills",
            "Python, SQL, Excel",
            "Machine learning, statistics",
            "Interests",
            "Chess, hiking",
            "References on request",
        ]
    )
    seniority = _judge(scorer, text).seniority
    assert seniority.level is None
    assert seniority.reasons == ("no dated work",)


def test_a_claim_of_a_long_career_counts_when_dated_roles_cover_little(scorer: Scorer) -> None:
    text = (
        "Summary\nEngineer with 12 years of experience in data platforms.\n"
        "Experience\nData Engineer, Coldharbour Ltd\nJanuary 2024 - December 2025\n"
        "- Built Spark and Airflow pipelines.\n"
    )
    seniority = _judge(scorer, text).seniority
    assert seniority.level == "senior"
    assert "claims 12 years of experience" in seniority.reasons


# --- where the evidence stands ---------------------------------------------------------


def test_a_skill_used_in_a_role_counts_more_than_one_listed(scorer: Scorer) -> None:
    at_work = _judge(
        scorer, "Experience\nAnalyst, Weald Co\n2020 - 2023\n- Used scikit-learn daily.\n"
    )
    listed = _judge(scorer, "Skills\nscikit-learn, pandas\n")
    assert at_work.scores.strength["scikit-learn"] == WEIGHT["experience"]
    assert listed.scores.strength["scikit-learn"] == WEIGHT["skills"]
    assert WEIGHT["experience"] > WEIGHT["project"] > WEIGHT["skills"] > WEIGHT["education"]


def test_listing_a_skill_twice_adds_nothing(scorer: Scorer) -> None:
    once = _judge(scorer, "Skills\nPython, Spark, Kafka\n")
    twice = _judge(scorer, "Skills\nPython, Spark, Kafka\nSpark, Spark, Kafka\n")
    assert twice.scores.overall == once.scores.overall
    assert twice.fit.score == once.fit.score


def test_years_used_and_last_used_come_from_the_roles(scorer: Scorer) -> None:
    usage = _judge(scorer, SENIOR).usage
    assert usage["kubernetes"].current
    assert usage["scikit-learn"].last_used == "2019-02"
    assert usage["scikit-learn"].years == pytest.approx(3.67, abs=0.01)


# --- specialization and fit ------------------------------------------------------------

DATA_ENGINEER = """\
Experience
Data Engineer, Coldharbour Ltd
January 2019 - Present
- Built streaming pipelines with Kafka and Spark, orchestrated in Airflow.
- Modelled the warehouse in Snowflake and kept NoSQL stores in Cassandra.
Skills
Python, SQL, Scala
"""

VISION = """\
Experience
Computer Vision Engineer, Lanternfish Robotics
January 2020 - Present
- Trained convolutional neural networks in PyTorch for object detection on GPUs.
- Fine-tuned transformer models for image captioning and natural language processing.
Skills
Python, CUDA
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [(DATA_ENGINEER, "data-engineering"), (VISION, "deep-learning")],
    ids=["data engineer", "vision"],
)
def test_the_specialization_rests_on_distinctive_evidence(
    scorer: Scorer, text: str, expected: str
) -> None:
    fit = _judge(scorer, text).fit
    assert fit.specialization == expected
    assert fit.specialization_margin is not None and fit.specialization_margin > 0


APPLIED_WITH_A_LONG_LIST = """\
Experience
Data Scientist, Harbor Telecom
February 2019 - Present
- Built churn models with gradient boosting that the retention team uses every week.
- Designed and read A/B tests with the product managers and presented them to stakeholders.
- Engineered features from billing and usage data in SQL and pandas.
- Built Tableau dashboards of the results and forecasts of monthly revenue.
Skills
Python, SQL, NLP, Computer Vision, Transformers, Reinforcement Learning, CUDA, LLMs
"""

LISTS_ONLY = """\
Skills
Python, SQL, Spark, Kafka, Airflow, Snowflake, Cassandra, MongoDB
"""


def test_a_skills_list_does_not_outweigh_the_work_done(scorer: Scorer) -> None:
    # the deep-learning words are only listed; the roles show applied, business-facing ML
    fit = _judge(scorer, APPLIED_WITH_A_LONG_LIST).fit
    assert fit.specialization == "applied-ml"


def test_the_same_words_shown_at_work_set_the_specialization(scorer: Scorer) -> None:
    at_work = APPLIED_WITH_A_LONG_LIST.replace(
        "- Built Tableau dashboards of the results and forecasts of monthly revenue.\n",
        "- Trained transformer models for NLP and computer vision with reinforcement learning"
        " on CUDA GPUs, and fine-tuned LLMs.\n",
    )
    listed = _judge(scorer, APPLIED_WITH_A_LONG_LIST).fit.specializations["deep-learning"]
    shown = _judge(scorer, at_work).fit
    assert shown.specializations["deep-learning"] > listed
    assert shown.specialization == "deep-learning"


def test_a_resume_that_only_lists_still_gets_the_specialization_it_lists(
    scorer: Scorer,
) -> None:
    assert _judge(scorer, LISTS_ONLY).fit.specialization == "data-engineering"


def test_no_evidence_no_specialization_and_no_fit(scorer: Scorer) -> None:
    fit = _judge(scorer, "Experience\nHead Chef, Saltmarsh Inn\n2010 - 2020\n").fit
    assert fit.specialization is None
    assert fit.score == 0.0 and fit.band == "not a fit"


def test_a_senior_outside_ml_is_senior_and_not_a_fit(scorer: Scorer) -> None:
    text = (
        "Experience\nRegional Sales Director, Cobbleford Foods\nJanuary 2008 - Present\n"
        "- Led a team of twelve and grew accounts by a third.\n"
    )
    judged = _judge(scorer, text)
    assert judged.seniority.level == "senior"
    assert judged.fit.band == "not a fit"


def test_the_production_ml_engineer_outranks_the_student(scorer: Scorer) -> None:
    senior, student = _judge(scorer, SENIOR).fit, _judge(scorer, STUDENT).fit
    assert senior.score > student.score
    assert senior.band == "strong"


def test_adding_evidence_never_lowers_the_fit(scorer: Scorer) -> None:
    base = STUDENT
    more = [
        "Projects\nDemand forecast, 2024\n- Built a gradient boosting model with XGBoost.\n",
        "\nSkills\nDocker, Kubernetes, MLflow\n",
        "\nExperience\nData Engineer, Coldharbour Ltd\n2023 - 2024\n- Deployed models.\n",
    ]
    previous = _judge(scorer, base).fit.score
    text = base
    for extra in more:
        text += extra
        score = _judge(scorer, text).fit.score
        assert score >= previous, extra
        previous = score


def test_an_empty_resume_fits_nothing(scorer: Scorer) -> None:
    judged = _judge(scorer, "   \n")
    assert judged.fit.score == 0.0
    assert judged.seniority.level is None


def test_the_bands_cover_zero_to_one_in_order() -> None:
    floors = [floor for _, floor in BANDS]
    assert floors == sorted(floors, reverse=True) and floors[-1] == 0.0
    assert [band_of(x) for x in (0.0, 0.2, 0.4, 0.6, 1.0)] == [
        "not a fit",
        "weak",
        "reasonable",
        "strong",
        "strong",
    ]


# --- what the fit weighs: ML done at work, under an ML title ----------------------------

ROLE_WITH_ML = """\
Experience
{title}, Brackenridge Insurance
March 2019 - Present
- Trained gradient boosting models with scikit-learn to predict claim fraud.
- Evaluated the models with cross validation and engineered features from claims data.
Skills
Python, SQL
"""


@pytest.mark.parametrize(
    ("title", "ml"),
    [
        ("Machine Learning Engineer", True),
        ("Senior Data Scientist", True),
        ("MLOps Engineer", True),
        ("AI Engineer", True),
        ("NLP Research Engineer", True),
        ("Software Engineer", False),
        ("Data Analyst", False),
        ("Email Systems Administrator", False),
        ("Mainframe Developer", False),
    ],
)
def test_an_ml_title_held_counts_in_the_fit(scorer: Scorer, title: str, ml: bool) -> None:
    judged = _judge(scorer, ROLE_WITH_ML.format(title=title))
    plain = _judge(scorer, ROLE_WITH_ML.format(title="Software Engineer"))
    assert (judged.fit.ml_role_years > 0) is ml
    assert (judged.fit.parts["ml_roles"] > 0) is ml
    assert (judged.fit.score > plain.fit.score) is ml


def test_an_internship_under_an_ml_title_counts_half() -> None:
    from kwmatch.fit import ml_role_years

    text = (
        "Experience\nMachine Learning Intern, Pebblebrook Labs\nJanuary 2024 - January 2025\n"
        "Data Scientist, Pebblebrook Labs\nJanuary 2025 - January 2026\n"
    )
    found = extract_history(clean([text]), AS_OF)
    assert ml_role_years(found) == pytest.approx(1.5)


CAPSTONE_ANALYST = """\
Experience
Churn Prediction - Capstone Project | March 2023 - June 2023
- Trained gradient boosting models with scikit-learn to predict customer churn.
- Evaluated the models with cross validation and engineered features.
Senior Business Analyst, Dunmore Retail
January 2012 - Present
- Built weekly sales reports in Excel for the regional managers.
Skills
Python, SQL
"""

ANALYST_WITH_ML = """\
Experience
Senior Business Analyst, Dunmore Retail
January 2012 - Present
- Trained gradient boosting models with scikit-learn to predict customer churn.
- Evaluated the models with cross validation and engineered features.
Skills
Python, SQL
"""


def test_seniority_counts_as_far_as_the_ml_was_done_at_work(scorer: Scorer) -> None:
    """A senior analyst whose ML is a capstone is senior, but not a senior ML engineer."""
    capstone, at_work = _judge(scorer, CAPSTONE_ANALYST), _judge(scorer, ANALYST_WITH_ML)
    assert capstone.seniority.level == at_work.seniority.level == "senior"
    assert [p.start for p in capstone.history.projects] == [YearMonth(2023, 3)]
    assert capstone.fit.parts["seniority"] < at_work.fit.parts["seniority"]
    assert capstone.fit.score < at_work.fit.score


QA_ENGINEER = """\
Experience
Quality Assurance Engineer, Fernhill Payments
May 2017 - Present
- Wrote automated regression tests in Java and kept them in Git.
- Tested the REST APIs of the payments service before each release.
"""

HELP_DESK = """\
Experience
Help Desk Technician, Fernhill Payments
May 2017 - Present
- Reset passwords, imaged laptops and kept the Windows servers patched.
- Managed user accounts in Active Directory and the office network.
"""


def test_software_written_at_work_is_nearer_an_ml_opening_than_it_support(
    scorer: Scorer,
) -> None:
    """Neither does ML; writing and testing software is the adjacent work the role knows."""
    qa, support = _judge(scorer, QA_ENGINEER).fit, _judge(scorer, HELP_DESK).fit
    assert qa.parts["adjacent"] > 0 and support.parts["adjacent"] == 0
    assert qa.score > support.score
    assert qa.band == support.band == "not a fit"


def test_software_only_listed_is_no_adjacent_work(scorer: Scorer) -> None:
    listed = HELP_DESK + "Skills\nJava, Git, REST APIs, software testing\n"
    assert _judge(scorer, listed).fit.parts["adjacent"] == 0

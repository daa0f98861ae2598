"""Matching that holds on resumes nobody tuned it on (issue #14).

Each kind of error seen on unseen resumes has phrasings of our own here, both ways: the
evidence a recruiter would credit (FOUND) and the look-alike they would not (NOT_FOUND).
None of these lines comes from the evaluation corpus.
"""

from __future__ import annotations

import pytest

from kwmatch.api import Scorer


def _concepts(scorer: Scorer, text: str) -> set[str]:
    return {m["concept"] for m in scorer.score_text(text).data["matches"]}


FOUND = [
    # Tool names in lower case inside a list of technologies
    ("pytorch", "Frameworks: torch, keras, numpy"),
    ("spark", "Big data: hadoop, spark, kafka"),
    ("go-lang", "Languages: python, go, rust, java"),
    ("r-lang", "Wrote services in Java, Ruby, Fortran & R."),
    ("rest-api", "Backend: python, flask, postgresql"),
    # Tools and methods that show a field without naming it
    ("reinforcement-learning", "Trained agents with soft actor-critic in MuJoCo."),
    ("reinforcement-learning", "Benchmarked RL agents against a reward baseline."),
    ("predictive-modeling", "Fitted SARIMAX and GARCH models to weekly demand."),
    ("transformers-llm", "Built a RAG chatbot over internal wikis with LlamaIndex."),
    ("nlp", "Used OpenAI models to tag support tickets by topic."),
    ("computer-vision", "Ran image segmentation on drone footage."),
    ("computer-vision", "Cleaned image annotations for a labeling vendor."),
    ("statistics", "Applied survival analysis and ANOVA to trial data."),
    ("gpu-accelerators", "Sped up joins with cuDF on a DGX box."),
    ("nosql", "Stored embeddings in a vector database (Qdrant)."),
    ("streaming", "Routed telemetry through Event Hubs into Stream Analytics."),
    # Phrases split by a line break inside one sentence
    ("nlp", "Research interests: natural language\nprocessing and speech"),
    ("mentoring", "Trained and supervised the new\nsupport analysts on the ticket queue."),
    ("technical-leadership", "Led the cloud\nmigration of the billing platform."),
    # Activities said in other words
    ("mentoring", "Supervised two undergraduate students on their capstone."),
    ("mentoring", "Gave guidance to junior engineers during code reviews."),
    ("mentoring", "Ran workshops on SQL for the finance team."),
    ("mentoring", "Provided instruction to new staff on the ordering system."),
    ("mentoring", "Developed junior analysts into team leads."),
    ("technical-leadership", "Led the migration of the payroll service to Kubernetes."),
    ("technical-leadership", "Led and built the search indexing pipeline."),
    ("software-testing", "Wrote test suites for the checkout service."),
    ("software-testing", "Tested and debugged the firmware update tool."),
    ("software-testing", "Raised code quality with careful unit-level testing of the code."),
    ("software-testing", "Checked every endpoint with Postman collections."),
    ("model-deployment", "Deployed the fraud model to SageMaker."),
    ("model-deployment", "Containerized the ranking model and shipped it behind an API."),
    ("model-deployment", "Shipped several machine learning models for pricing."),
    ("predictive-modeling", "Designed a churn prediction model for subscribers."),
    ("predictive-modeling", "Applied ML forecasting to call volumes."),
    ("feature-engineering", "Extracted useful features from clickstream logs."),
    ("data-preprocessing", "Merged data from four survey waves."),
    ("data-visualization", "Visualized sensor data in weekly dashboards."),
    ("distributed-computing", "Designed distributed databases for order history."),
    ("hiring", "Hired and onboarded four engineers."),
    ("research", "Published research on graph neural networks."),
]


@pytest.mark.parametrize(("concept", "text"), FOUND, ids=[f"{c}:{t[:40]}" for c, t in FOUND])
def test_found(scorer: Scorer, concept: str, text: str) -> None:
    assert concept in _concepts(scorer, text)


NOT_FOUND = [
    # Outside a list of technologies the short forms keep their guard
    ("pytorch", "Carried the olympic torch through town."),
    ("spark", "Hoping to spark interest in the new menu."),
    ("go-lang", "Ready to go the extra mile for guests."),
    ("r-lang", "Grades: A, B & R."),
    # Fuzzy matching never on a known technology or an ordinary pair of words
    ("python", "Wrapped the C library with Cython."),
    ("gcp", "Mapped the data flow between the two warehouses: Excel, SQL."),
    # A cloud product's name made of ordinary words, written as those words
    ("etl-pipelines", "Toured a data factory in Ohio."),
    ("gcp", "Helped the app engine team plan the cloud run of the marathon."),
    ("systems-administration", "Kept an active directory of volunteers."),
    # "develop" beside a noun that is not a person
    ("mentoring", "Developed new features for the mobile app."),
    ("mentoring", "Developed the team's quarterly roadmap."),
    # Monitoring or modeling words near each other
    ("predictive-modeling", "Created a decomposition model of the polymer in CAD."),
    ("predictive-modeling", "Designed a 3D model of the lobby."),
    # A product named only in a comparison
    ("streaming", "Built a queue similar to Kafka for the shop floor."),
    ("aws", "Wrote an S3-like file store in Go."),
    ("etl-pipelines", "Scheduler inspired by Airflow, written in Rust."),
    # Roles reversed: the candidate was the one trained or led
    ("mentoring", "Was trained by senior nurses on the new charting system."),
    ("mentoring", "Mentored by the head of engineering."),
    ("technical-leadership", "Project led by the regional director."),
    ("technical-leadership", "Late shipments led to a new routing process."),
    # Everyday research, statistics, hiring
    ("research", "Researched vendors for the office move."),
    ("research", "Did market research for a shoe brand."),
    ("hiring", "Promoted within a year of hire."),
    ("software-testing", "Calibrated automated test equipment for avionics."),
    ("software-testing", "Ran A/B testing of features on the landing page."),
    ("distributed-computing", "Distributed flyers and brochures to local shops."),
    ("feature-engineering", "Created new features for the customer portal."),
    ("feature-engineering", "Ran the feature store migration."),
    ("transformers-llm", "Sent weekly RAG status reports to the sponsor."),
    ("shell-scripting", "Managed fuel contracts with Shell Oil."),
]


@pytest.mark.parametrize(
    ("concept", "text"), NOT_FOUND, ids=[f"{c}:{t[:40]}" for c, t in NOT_FOUND]
)
def test_not_found(scorer: Scorer, concept: str, text: str) -> None:
    assert concept not in _concepts(scorer, text)


def test_a_capitalized_line_after_a_line_break_starts_a_new_item(scorer: Scorer) -> None:
    # One duty a line, no full stops: "Coached the" does not reach "Staff" below it.
    text = "Coached the\nStaff scheduling was redone"
    assert "mentoring" not in _concepts(scorer, text)


def test_a_lowercase_proper_name_counts_on_a_line_of_technologies(scorer: Scorer) -> None:
    assert "etl-pipelines" in _concepts(scorer, "Azure: data factory, SQL, Python")


def test_a_fuzzy_hit_still_finds_a_slip_of_a_technology(scorer: Scorer) -> None:
    # The known-technology list does not stop real typos.
    assert "ci-cd" in _concepts(scorer, "Tools: Jenkns, Git, Docker")

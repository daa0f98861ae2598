"""What drafting leaves out of a real posting: headings in capitals, perks and the
furniture of applying, and items of a list that lost its bullets and full stops run
together. Every posting here is written by the tests."""

from __future__ import annotations

import pytest

from kwmatch.draft import Draft, extract_text


def _labels(draft: Draft) -> set[str]:
    return {c["label"].lower() for c in draft.data["concepts"]}


def test_a_heading_in_capitals_of_short_words_names_no_acronym() -> None:
    posting = (
        "Backend Engineer\n\n"
        "Requirements:\n"
        "- Experience with Kafka and PostgreSQL WHAT WE OFFER flexible hours\n"
        "- Good knowledge of REST APIs ABOUT YOUR TEAM\n"
    )
    labels = _labels(extract_text(posting, "caps.txt"))
    assert not labels & {"what", "we", "your", "about", "offer", "team"}
    assert {"kafka", "postgresql"} <= labels
    assert any("rest" in label or "api" in label for label in labels)


def test_an_acronym_beside_a_plain_word_is_still_one() -> None:
    posting = "Data Engineer\n\nRequirements:\n- Hands-on experience with AWS services and GCP\n"
    labels = _labels(extract_text(posting, "acronym.txt"))
    assert "gcp" in labels
    assert any("aws" in label for label in labels)


def test_perks_and_the_furniture_of_applying_are_not_concepts() -> None:
    posting = (
        "Platform Engineer\n\n"
        "Requirements:\n"
        "- Experience operating Kubernetes clusters\n"
        "- Discounted gym membership and free yoga sessions\n"
        "- Secure bike storage and a generous referral scheme\n"
        "- Apply through the application button or read our FAQ section\n"
        "- Private pension plan and yearly team retreats\n"
    )
    draft = extract_text(posting, "perks.txt")
    labels = _labels(draft)
    for word in ("gym", "yoga", "bike", "referral", "button", "faq", "pension", "retreat"):
        assert not any(word in label for label in labels), (word, labels)
    assert any("kubernetes" in label for label in labels)


def test_a_perk_word_in_the_plural_is_a_perk() -> None:
    posting = (
        "Site Engineer\n\n"
        "Requirements:\n"
        "- Strong Linux administration skills\n"
        "- Regular company hackathons and monthly wellness retreats\n"
    )
    labels = _labels(extract_text(posting, "plural.txt"))
    assert not any("hackathon" in label or "retreat" in label for label in labels), labels
    assert any("linux" in label for label in labels)


def test_items_run_together_without_bullets_give_separate_phrases() -> None:
    posting = (
        "Analytics Engineer\n\n"
        "Requirements:\n"
        "- Comfortable in a fast paced product environment Curiosity about anomaly "
        "detection\n"
    )
    labels = _labels(extract_text(posting, "runon.txt"))
    assert not any(label.endswith("curiosity") for label in labels), labels
    assert any(label.endswith("product environment") for label in labels), labels


def test_a_capitalized_name_inside_a_phrase_still_joins_it() -> None:
    posting = "ML Engineer\n\nRequirements:\n- Solid grounding in Bayesian statistics\n"
    labels = _labels(extract_text(posting, "name.txt"))
    assert any("bayesian statistics" in label for label in labels), labels


def test_a_company_describing_itself_in_a_requirement_line_gives_no_concepts() -> None:
    posting = (
        "Quant Developer\n\n"
        "Requirements:\n"
        "- Strong C++ and Python skills  is a global leader in asset management serving "
        "pension funds and retail investors\n"
        "- Knowledge of time series analysis  is a leading provider of trading venues\n"
    )
    labels = _labels(extract_text(posting, "blurb.txt"))
    assert not any("investor" in label or "venue" in label or "fund" in label for label in labels)
    assert {"c++", "python"} <= labels, labels
    assert any("time series" in label for label in labels), labels


def test_a_job_title_and_pointing_modifiers_are_no_phrases() -> None:
    posting = (
        "Platform Engineer\n\n"
        "Responsibilities:\n"
        "- Work beside a senior platform architect on release tooling\n"
        "- Evaluate exciting new observability tooling for the mentioned services\n"
        "- Build state-of-the-art deployment pipelines\n"
    )
    labels = _labels(extract_text(posting, "title.txt"))
    assert not any(
        label.startswith(("senior", "exciting", "mentioned", "art ")) for label in labels
    )
    assert any(label.endswith("deployment pipelines") for label in labels), labels
    assert "observability" in labels, labels


def test_art_outside_the_idiom_stays_in_its_phrase() -> None:
    posting = (
        "Creative Technologist\n\nRequirements:\n"
        "- Experience producing generative art installations\n"
    )
    labels = _labels(extract_text(posting, "art.txt"))
    assert any("art installations" in label for label in labels), labels


def test_a_lone_pronoun_in_capitals_is_no_acronym_but_it_still_is() -> None:
    posting = (
        "Support Engineer\n\n"
        "Requirements:\n"
        "- Solid Terraform skills and 3+ years in IT operations. WE value ownership\n"
        "- Able to explain YOUR design choices\n"
    )
    labels = _labels(extract_text(posting, "pronoun.txt"))
    assert not labels & {"we", "your"}, labels
    assert "terraform" in labels
    assert any(label == "it" or label.startswith("it ") for label in labels), labels


def test_a_team_named_in_a_duty_is_not_what_the_role_asks() -> None:
    posting = (
        "Backend Engineer\n\n"
        "Responsibilities:\n"
        "- Pair with the Payments Platform team on ledger reconciliation services\n"
        "- Tune message throughput for the checkout backend\n"
    )
    labels = _labels(extract_text(posting, "team.txt"))
    assert not any(label.endswith("payments platform") for label in labels), labels
    assert any("ledger reconciliation" in label for label in labels), labels
    assert any("message throughput" in label for label in labels), labels


def test_an_alternative_to_a_degree_and_classes_on_offer_are_no_concepts() -> None:
    posting = (
        "Data Analyst\n\n"
        "Requirements:\n"
        "- Degree in statistics or a comparable qualification\n"
        "- Hands-on cohort analysis in a related technical field\n"
        "- Weekly Spanish classes and language classes on site\n"
    )
    labels = _labels(extract_text(posting, "degree.txt"))
    assert not any("qualification" in label or "classes" in label for label in labels), labels
    assert not any(label.startswith(("comparable", "related")) for label in labels), labels
    assert any("cohort analysis" in label for label in labels), labels


def test_people_the_role_works_with_and_the_role_itself_are_no_concepts() -> None:
    text = (
        "Platform Engineer\n\nResponsibilities:\n"
        "- Work closely with stakeholders, the tech lead and product owners\n"
        "- Join our Research Software Engineers on the simulation code in Fortran\n"
        "- Grow into a senior Python developer\n"
        "- Own stakeholder communication for releases\n"
    )
    labels = {c["label"].lower() for c in extract_text(text, "people.txt").data["concepts"]}
    assert not {"stakeholders", "tech lead", "product owners", "research"} & labels
    assert "fortran" in labels
    assert "python" in labels  # a tool before a role's name is still asked for
    assert "stakeholder communication" in labels  # the activity, named as one


def test_a_participle_after_a_noun_opens_a_clause_and_ends_no_phrase() -> None:
    text = (
        "Support Engineer\n\nRequirements:\n"
        "- Experience with a billing platform running on bare metal\n"
        "- Invoice pipelines feeding into the ledger\n"
        "- Network troubleshooting and packet inspection\n"
    )
    labels = {c["label"].lower() for c in extract_text(text, "participle.txt").data["concepts"]}
    assert "billing platform" in labels and "invoice pipelines" in labels
    assert not {"billing platform running", "invoice pipelines feeding"} & labels
    assert "network troubleshooting" in labels  # a gerund that heads its phrase stays


@pytest.mark.parametrize(
    "opener", ["Here's what we offer you", "What we offer:", "Benefits What we offer:"]
)
def test_the_offer_run_into_a_requirement_line_ends_what_the_role_asks(opener: str) -> None:
    text = (
        "Web Developer\n\nRequirements:\nSolid PostgreSQL\n"
        f"Experience with Django and Celery {opener}\n"
        "Generous learning budget\nMonthly team dinners\nHybrid working model\n"
    )
    labels = {c["label"].lower() for c in extract_text(text, "offer.txt").data["concepts"]}
    assert {"postgresql", "celery"} <= labels
    assert not any(w in n for n in labels for w in ("here's", "hybrid", "dinner", "budget"))


def test_a_name_in_the_possessive_is_the_company_and_an_acronyms_is_a_plural() -> None:
    text = (
        "Backend Engineer\n\nResponsibilities:\n"
        "- Drive the roadmap of Brightloop’s booking engine with Kotlin\n"
        "- Extend Quandrix's partner integrations\n"
        "- Document the SDK's endpoints\n"
    )
    labels = {c["label"].lower() for c in extract_text(text, "possessive.txt").data["concepts"]}
    assert not {"brightloop", "quandrix"} & labels
    assert "kotlin" in labels
    assert "sdk" in labels


def test_a_name_right_before_team_names_the_team_not_a_tool() -> None:
    text = (
        "Support Engineer\n\nResponsibilities:\n"
        "- Work with the internal IT teams on Jira tickets\n"
        "- Hand over incidents to the SRE team via PagerDuty\n"
        "- Automate runbooks in Python\n"
    )
    labels = {c["label"].lower() for c in extract_text(text, "team.txt").data["concepts"]}
    assert not {"it", "sre"} & labels
    assert {"jira", "pagerduty", "python"} <= labels

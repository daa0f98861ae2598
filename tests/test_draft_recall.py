"""What a posting asks for, found where postings put it: lists under lead-in headings
("You should:", "What you will bring"), under a heading's sub-heading, and not in the
perks a "Rewards" heading lists. Every posting here is written by the tests."""

from __future__ import annotations

from kwmatch.draft import Draft, extract_text


def _labels(draft: Draft) -> set[str]:
    return {
        n.lower()
        for c in draft.data["concepts"]
        for n in (c["label"], *c.get("aliases", ()), *c.get("ambiguous", ()))
    }


def _group_of(draft: Draft, name: str) -> str:
    """The group (core, required, preferred...) of the responsibility whose text names
    ``name`` and that drafted a concept ("" when no responsibility holds it)."""
    blocks = [("core", draft.data["core"])] if "core" in draft.data else []
    blocks += list((draft.data.get("groups") or {}).items())
    for group_id, block in blocks:
        for item in block["responsibilities"]:
            if name.lower() in item["text"].lower() and item["concepts"]:
                return group_id
    return ""


LEAD_INS = """Platform Engineer

About the job
We run the booking systems of a travel company.

You will:
Operate our Terraform modules across regions
Tune the PostgreSQL clusters behind the checkout

You should:
Know Ansible well
Have written Prometheus alerting rules

What you will bring
Hands-on Kotlin in production services
"""


def test_lead_in_headings_open_duties_and_requirements() -> None:
    draft = extract_text(LEAD_INS, "lead-ins.txt")
    assert _group_of(draft, "Terraform") == "core"
    assert _group_of(draft, "Ansible") == "required"
    assert _group_of(draft, "Prometheus") == "required"
    assert _group_of(draft, "Kotlin") == "required"


SUB_HEADINGS = """Mobile Developer

Skills & requirements
You need:
Shipped apps written in TypeScript
Worked with Firebase messaging

Any of these will increase your chances:
Knowledge of Kotlin coroutines

Benefits
You get:
Generous Pluralsight budget
Company Peloton bikes
"""


def test_a_sub_heading_takes_the_kind_of_the_heading_right_above_it() -> None:
    draft = extract_text(SUB_HEADINGS, "sub-headings.txt")
    labels = _labels(draft)
    assert _group_of(draft, "TypeScript") == "required"
    assert _group_of(draft, "Firebase") == "required"
    assert _group_of(draft, "Kotlin") == "preferred"
    assert "pluralsight" not in labels and "peloton" not in labels  # under "Benefits"


def test_a_heading_of_no_known_kind_after_a_section_with_lines_stays_its_own() -> None:
    text = SUB_HEADINGS.replace("You need:\n", "We need a builder.\nYou need:\n").replace(
        "You need:", "Our office dog:"
    )
    draft = extract_text(text, "sub-headings-own.txt")
    assert _group_of(draft, "TypeScript") != "required"


def test_perks_under_a_rewards_heading_are_no_requirements() -> None:
    text = (
        "Java Developer\n\nWhat you'll bring\n- Spring Boot services in production\n"
        "- Experience with Kafka consumers\n\nThe Rewards\n"
        "Free shuttle buses to the campus\nA subsidised Pilates studio\n"
    )
    draft = extract_text(text, "rewards.txt")
    labels = _labels(draft)
    assert "kafka" in labels
    assert not any("shuttle" in n or "pilates" in n for n in labels)

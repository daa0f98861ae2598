"""What a posting asks for, found where postings put it: lists under lead-in headings
("You should:", "What you will bring"), under a heading's sub-heading, and not in the
perks a "Rewards" heading lists. Every posting here is written by the tests."""

from __future__ import annotations

import pytest

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

Requirements and skills
You need:
Shipped apps written in TypeScript
Worked with Firebase messaging

Knowing these would increase your chances:
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


# --- names of widely used tools ------------------------------------------------------------


def _required(lines: str) -> Draft:
    return extract_text(f"Backend Engineer\n\nRequirements:\n{lines}", "tools.txt")


def test_tool_names_are_found_in_lower_case_at_a_line_start_and_as_english_words() -> None:
    labels = _labels(
        _required(
            "- You build our services with gradle and publish them with npm\n"
            "- Webpack and Babel for the front-end build\n"
            "- Stream processing on Flink or Storm\n"
            "- Mobile apps that use Retrofit and Volley\n"
            "- Flutter & Dart\n"
        )
    )
    assert {"gradle", "npm", "webpack", "babel", "storm", "retrofit", "volley"} <= labels
    assert {"flutter", "dart"} <= labels  # a list of names may open with an English word


def test_a_tool_name_that_is_an_english_word_needs_its_capitals_off_a_sentence_start() -> None:
    labels = _labels(
        _required(
            "- Keep calm in a storm of incidents and take a volley of questions\n"
            "- Spring into action when the pager rings, using Grafana dashboards\n"
        )
    )
    assert "grafana" in labels
    assert not {"storm", "volley", "spring"} & labels


def test_tools_in_a_sentence_about_the_company_need_a_known_skill_beside_them() -> None:
    text = (
        "Site Engineer\n\nResponsibilities\n"
        "We are a small studio whose founders wrote a book on the history of gradle.\n"
        "You will keep our gradle builds fast and our Jenkins agents healthy.\n"
    )
    draft = extract_text(text, "company.txt")
    named = {
        item["text"].split()[0]: item["concepts"] for item in draft.data["core"]["responsibilities"]
    }
    assert "We" not in named  # the company's sentence: no concept of its own
    assert _labels(draft) >= {"gradle", "jenkins"}  # the role's sentence names both


# --- one word that names a discipline, as an item of a list --------------------------------


def test_a_discipline_named_by_one_word_in_a_list_is_a_concept() -> None:
    labels = _labels(
        _required(
            "- Experience with Docker, replication and failover\n"
            "- Experience in provisioning or patching\n"
            "- A focus on maintainability and extensibility\n"
        )
    )
    assert {"replication", "provisioning", "maintainability"} <= labels


def test_a_duty_named_by_its_object_and_broad_nouns_are_no_disciplines() -> None:
    labels = _labels(
        _required(
            "- Extension and maintenance of the booking platform\n"
            "- Passion and curiosity for new ideas\n"
            "- Technology and education matter to us\n"
            "- Remote on-boarding and mentoring by peers\n"
            "- Strong SQL\n"
        )
    )
    assert not {"extension", "maintenance", "passion", "curiosity", "technology"} & labels
    assert not {"education", "boarding", "on-boarding"} & labels


def test_a_lone_word_outside_a_list_stays_no_concept() -> None:
    labels = _labels(_required("- Deep knowledge of replication across regions\n- Strong SQL\n"))
    assert "replication" not in labels


# --- a kind of tool named with its members ---------------------------------------------------


def test_a_kind_of_tool_followed_by_examples_is_asked_for_too() -> None:
    labels = _labels(
        _required(
            "- Experience with deployment tools like Spinnaker or Argo CD\n"
            "- Knowledge of messaging platforms (ZeroMQ, NATS)\n"
        )
    )
    assert {"deployment tools", "messaging platforms", "spinnaker", "zeromq"} <= labels


def test_a_kind_of_tool_without_examples_or_with_a_vague_modifier_is_none() -> None:
    labels = _labels(
        _required(
            "- Experience with deployment tools at scale\n"
            "- Mentoring at different levels (juniors and peers)\n"
            "- Strong SQL\n"
        )
    )
    assert "deployment tools" not in labels
    assert "different levels" not in labels


@pytest.mark.parametrize(
    "lead_in",
    ["The technologies we need are", "The ideal candidate will have", "You will need"],
)
def test_a_lead_in_sentence_without_its_colon_opens_a_requirements_list(lead_in: str) -> None:
    text = (
        "Frontend Developer\n\nCulture\nWe care about each other.\n\nWellbeing\n"
        f"- you take your holidays\n{lead_in}\nBundling with Vite\nComponent stories in Storybook\n"
    )
    draft = extract_text(text, "lead-in.txt")
    assert _group_of(draft, "Storybook") == "required"
    assert {"storybook", "vite"} <= _labels(draft)


def test_a_sentence_ending_like_a_lead_in_inside_prose_stays_prose() -> None:
    text = (
        "Frontend Developer\n\nRequirements:\n- Strong SQL\n\nCulture\nWe care about each other.\n"
        "\nWellbeing\n- you take your holidays\nOur founders wrote the tools we are proud of\n"
        "Bundling with Vite\nComponent stories in Storybook\n"
    )
    assert _group_of(extract_text(text, "no-lead-in.txt"), "Storybook") != "required"


def test_a_title_case_line_between_bullets_is_an_item_that_lost_its_mark() -> None:
    text = (
        "Backend Engineer\n\nRequirements:\n"
        "- Strong Go services in production\n"
        "Event Sourcing and CQRS\n"
        "- Knowledge of message queues\n"
        "\nAbout Our Office\nWe sit by the river.\n"
    )
    draft = extract_text(text, "lost-mark.txt")
    assert _group_of(draft, "Event Sourcing") == "required"
    assert _group_of(draft, "message queues") == "required"
    assert _group_of(draft, "river") == ""  # a heading with a colon-less paragraph stays one


def test_a_title_case_heading_after_a_list_still_opens_its_own_section() -> None:
    text = (
        "Backend Engineer\n\nRequirements:\n"
        "- Strong Go services in production\n"
        "- Knowledge of message queues\n"
        "\nLife At The Harbour\n- Kayak Club memberships\n- Espresso Bar Tastings\n"
    )
    draft = extract_text(text, "own-section.txt")
    assert _group_of(draft, "message queues") == "required"
    assert _group_of(draft, "Kayak") != "required"


def test_a_gerund_listed_among_nouns_is_a_discipline_and_one_among_duties_is_not() -> None:
    labels = _labels(
        _required(
            "- Knowledge of audit trails & profiling\n"
            "- operations and debugging experience\n"
            "- You enjoy building and shipping features\n"
            "- Queues and staying in touch with peers\n"
        )
    )
    assert {"profiling", "debugging"} <= labels
    assert not {"shipping", "building", "staying"} & labels

"""Sets ("one of"): a responsibility that asks for any one of several concepts is covered
by any member, the set is as strong as its strongest member, and a missing set is named
once in the report. Validation names the field of every mistake in a set."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.api import Scorer
from kwmatch.cli import app
from kwmatch.errors import TaxonomyError
from kwmatch.match import CONFIDENCE, Match
from kwmatch.report import validate_report
from kwmatch.score import score
from kwmatch.taxonomy import load_taxonomy, parse_taxonomy

runner = CliRunner()

SMALL = """\
kind: kwmatch-taxonomy
version: 2
id: platform
title: Platform engineer
concepts:
  - id: cloud
    label: Cloud computing
    aliases: [cloud platforms]
  - id: aws
    label: AWS
  - id: gcp
    label: Google Cloud
    aliases: [GCP]
  - id: docker
    label: Docker
    weight: 0.5
sets:
  - id: any-cloud
    label: A cloud platform
    one_of: [cloud, aws, gcp]
groups:
  required:
    label: Required
    responsibilities:
      - id: run-in-the-cloud
        text: Run services on a cloud platform, in containers.
        concepts: [any-cloud, docker]
      - id: ship-images
        text: Ship container images.
        concepts: [docker]
"""


def _hit(concept: str, kind: str = "exact") -> Match:
    return Match(concept, concept, 0, len(concept), kind, CONFIDENCE[kind])


def _problems(text: str) -> list[str]:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(text.encode(), "platform.yaml")
    return caught.value.problems


# --- the loaded shape -----------------------------------------------------------------------


def test_a_set_is_loaded_with_its_members_and_weight() -> None:
    taxonomy = parse_taxonomy(SMALL.encode(), "platform.yaml")
    (group,) = taxonomy.groups
    item = group.responsibilities[0]
    assert item.entries == ("any-cloud", "docker")
    assert item.concepts == ("cloud", "aws", "gcp", "docker")
    assert taxonomy.sets["any-cloud"].members == ("cloud", "aws", "gcp")
    assert taxonomy.sets["any-cloud"].weight == 1.0  # the mean of its members' weights
    assert item.weight == pytest.approx(0.75)  # the mean over the set and Docker
    assert taxonomy.describe("any-cloud") == (
        "A cloud platform (one of: Cloud computing | AWS | Google Cloud)"
    )


# --- scoring --------------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["cloud", "aws", "gcp"])
def test_any_member_covers_the_set(member: str) -> None:
    taxonomy = parse_taxonomy(SMALL.encode(), "platform.yaml")
    one = score(taxonomy, [_hit(member)])
    every = score(taxonomy, [_hit(m) for m in ("cloud", "aws", "gcp")])
    first = one.groups[0].responsibilities[0]
    assert first.coverage == every.groups[0].responsibilities[0].coverage
    assert first.missing == ("docker",)
    assert first.matched == (member,)
    assert one.overall == every.overall


def test_the_set_is_as_strong_as_its_strongest_member() -> None:
    taxonomy = parse_taxonomy(SMALL.encode(), "platform.yaml")
    weak = score(taxonomy, [_hit("gcp", "fuzzy")])
    both = score(taxonomy, [_hit("gcp", "fuzzy"), _hit("aws", "lemma")])
    cover = [s.groups[0].responsibilities[0].coverage for s in (weak, both)]
    # weights: the set 1.0, Docker 0.5 (missing)
    assert cover == [pytest.approx(CONFIDENCE["fuzzy"] / 1.5), pytest.approx(0.95 / 1.5)]


def test_overall_counts_the_set_once() -> None:
    taxonomy = parse_taxonomy(SMALL.encode(), "platform.yaml")
    # Overall is over {the set (1.0), Docker (0.5)}: the members are not counted apart.
    assert score(taxonomy, [_hit("aws")]).overall == pytest.approx(1 / 1.5)
    assert score(taxonomy, [_hit("docker")]).overall == pytest.approx(0.5 / 1.5)
    assert score(taxonomy, []).overall == 0.0


def test_the_shipped_sets_cover_a_one_cloud_resume(scorer: Scorer) -> None:
    data = scorer.score_text(
        "Platform engineer\nMoved the billing jobs to Google Cloud in 2022.\n"
    ).data
    missing = {m["concept"]: m for m in data["missing"]}
    assert "cloud-platform" not in missing
    for umbrella_or_rival in ("cloud-computing", "aws", "azure"):
        assert umbrella_or_rival not in missing
    core_cloud = next(r for r in data["responsibilities"] if r["id"] == "core-cloud")
    assert core_cloud["matched"] == ["gcp"]
    assert "cloud-platform" not in core_cloud["missing"]


# --- the report -------------------------------------------------------------------------------


def test_a_missing_set_is_one_entry_with_its_members(tmp_path: Path) -> None:
    path = tmp_path / "platform.yaml"
    path.write_text(SMALL, encoding="utf-8")
    report = Scorer(str(path)).score_text("Built Docker images for a payroll service.\n")
    assert validate_report(report.data) == []
    assert report.data["missing"] == [
        {
            "concept": "any-cloud",
            "label": "A cloud platform",
            "kind": "skill",
            "members": ["cloud", "aws", "gcp"],
            "wanted_by": [{"responsibility": "run-in-the-cloud", "group": "required"}],
        }
    ]
    (first, _) = report.data["responsibilities"]
    assert first["missing"] == ["any-cloud"]


def test_no_set_is_missing_when_a_member_is_found(tmp_path: Path) -> None:
    path = tmp_path / "platform.yaml"
    path.write_text(SMALL, encoding="utf-8")
    report = Scorer(str(path)).score_text("Ran the ticketing service on AWS.\n")
    assert [m["concept"] for m in report.data["missing"]] == ["docker"]


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ("[]", "sets/0/one_of: empty set; a set needs two or more concepts"),
        (
            "[aws]",
            "sets/0/one_of: a set of one ('aws' alone: list that concept itself); "
            "a set needs two or more concepts",
        ),
        ("[aws, azure]", "sets/0/one_of/1: unknown concept 'azure'"),
        ("[aws, gcp, aws]", "sets/0/one_of/2: 'aws' is listed twice"),
    ],
)
def test_a_bad_set_names_its_field(members: str, expected: str) -> None:
    text = SMALL.replace("one_of: [cloud, aws, gcp]", f"one_of: {members}")
    (problem,) = _problems(text)
    assert problem.startswith(expected), problem
    assert "(line " in problem


def test_a_set_of_sets_is_refused() -> None:
    text = SMALL.replace(
        "groups:\n",
        "  - id: any-host\n    label: A host\n    one_of: [any-cloud, docker]\ngroups:\n",
    )
    (problem,) = _problems(text)
    assert problem.startswith("sets/1/one_of/0: 'any-cloud' is a set: sets hold concepts")


def test_a_set_id_may_not_be_a_concept_id() -> None:
    (problem,) = _problems(
        SMALL.replace("  - id: any-cloud\n", "  - id: docker\n").replace(
            "[any-cloud, docker]", "[docker]"
        )
    )
    assert problem.startswith("sets/0/id: 'docker' is already a concept id")


def test_an_unknown_entry_names_concepts_and_sets() -> None:
    (problem,) = _problems(SMALL.replace("[any-cloud, docker]", "[any-clod, docker]"))
    assert problem.startswith(
        "groups/required/responsibilities/0/concepts/0: unknown concept or set 'any-clod'"
    )


def test_a_member_beside_its_set_is_refused() -> None:
    (problem,) = _problems(SMALL.replace("[any-cloud, docker]", "[any-cloud, aws]"))
    assert problem.startswith(
        "groups/required/responsibilities/0/concepts/1: 'aws' is a member of the set "
        "'any-cloud' listed here too"
    )


@pytest.mark.parametrize("value", [".nan", "0", "-2"])
def test_a_set_weight_must_be_finite_and_positive(value: str) -> None:
    text = SMALL.replace(
        "    one_of: [cloud, aws, gcp]\n", f"    one_of: [cloud, aws, gcp]\n    weight: {value}\n"
    )
    (problem,) = _problems(text)
    assert problem.startswith("sets/0/weight"), problem


def test_sets_need_format_2() -> None:
    (problem,) = _problems(SMALL.replace("version: 2", "version: 1"))
    assert problem.startswith("sets: 'sets' needs format version 2 (the file says version 1)")


def test_a_set_without_members_field_is_a_schema_error() -> None:
    (problem,) = _problems(SMALL.replace("    one_of: [cloud, aws, gcp]\n", ""))
    assert problem.startswith("sets/0: 'one_of' is a required property")


# --- the CLI ------------------------------------------------------------------------------


def test_validate_counts_the_sets(tmp_path: Path) -> None:
    path = tmp_path / "platform.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 concepts, 1 sets, 2 responsibilities" in result.stdout


def test_show_names_a_set_with_its_members(tmp_path: Path) -> None:
    path = tmp_path / "platform.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = runner.invoke(app, ["taxonomy", "show", str(path), "--width", "200"])
    assert result.exit_code == 0, result.output
    assert "A cloud platform (one of: Cloud computing | AWS | Google Cloud)" in result.stdout


def test_the_shipped_taxonomy_asks_for_examples_as_sets() -> None:
    taxonomy = load_taxonomy()
    assert taxonomy.version == 2
    assert set(taxonomy.sets["cloud-platform"].members) == {
        "cloud-computing",
        "aws",
        "gcp",
        "azure",
    }
    assert {"pytorch", "tensorflow"} <= set(taxonomy.sets["dl-framework"].members)
    assert {"python", "r-lang"} <= set(taxonomy.sets["data-language"].members)
    # The umbrella concept is asked for only through the set, so it is never missing
    # next to a provider that covers it.
    for group in taxonomy.groups:
        for item in group.responsibilities:
            assert "cloud-computing" not in item.entries, item.id

"""The candidate's name from a resume's first lines, only when a line reads as one.
Every line is written for this test."""

from __future__ import annotations

import pytest

from kwmatch.api import Options, Scorer

BODY = "\nEXPERIENCE\nData Analyst, Example Co, 2019 - 2022\n- Wrote SQL reports.\n"


@pytest.mark.parametrize(
    ("top", "name"),
    [
        ("Ana María Costa\n", "Ana María Costa"),
        ("\n\nJ. R. Okafor-Lind\nana@example.com\n", "J. R. Okafor-Lind"),
        ("PRIYA NAIR\n", "PRIYA NAIR"),
        ("Curriculum Vitae\nSam O'Neil\n", "Sam O'Neil"),
    ],
)
def test_a_name_on_the_first_lines_is_taken(scorer: Scorer, top: str, name: str) -> None:
    assert scorer.score_text(top + BODY).data["input"]["name"] == name


@pytest.mark.parametrize(
    "top",
    [
        "Senior Data Engineer\n",  # a job title
        "Python SQL Spark\n",  # skills
        "Resume\n",
        "Call 555 123 4567 today\n",
        "One\nTwo\nThree\nFour Five\n",  # past the first lines
    ],
)
def test_a_line_that_is_no_name_is_not_taken(scorer: Scorer, top: str) -> None:
    assert scorer.score_text(top + BODY).data["input"]["name"] is None


def test_redact_drops_the_name(scorer: Scorer) -> None:
    report = scorer.score_text("Ana Costa\n" + BODY, options=Options(redact=True))
    assert report.data["input"]["name"] is None

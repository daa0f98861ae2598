"""Shared fixtures: the scorer is built once per test session (building spaCy's pipeline
and compiling the taxonomy is the slow part), and the evaluation corpus in ../shared is
located here, skipping the tests that need it when it is absent (a user's fresh clone)
unless KWMATCH_REQUIRE_CORPUS=1 says it must be there (CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kwmatch.api import Scorer

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CORPUS = Path(os.environ.get("KWMATCH_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def scorer() -> Scorer:
    return Scorer()


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "gold" / "dev.jsonl").is_file():
        if os.environ.get("KWMATCH_REQUIRE_CORPUS") == "1":
            pytest.fail(f"KWMATCH_REQUIRE_CORPUS=1 but the corpus is missing at {CORPUS}")
        pytest.skip(f"evaluation corpus not found at {CORPUS} (it lives in ../shared/corpus)")
    return CORPUS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reads the corpus carries the ``corpus`` marker (``-m "not corpus"``
    runs what a fresh clone without ../shared can run)."""
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)

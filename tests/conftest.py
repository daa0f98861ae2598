"""Shared fixtures: the scorer is built once per test session (building spaCy's pipeline
and compiling the taxonomy is the slow part), and the evaluation corpus in ../shared is
located here, skipping the tests that need it when it is absent (a user's fresh clone)
unless KWMATCH_REQUIRE_CORPUS=1 says it must be there (CI)."""

from __future__ import annotations

import os
import shlex
import sys
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


@pytest.fixture(scope="session")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose `kwmatch` runs with this test run's interpreter (and so the
    kwmatch these tests import: the checkout, installed), with git kept from the user's
    config. No PYTHONPATH of its own: ``src/`` alone lacks the packaged taxonomies."""
    bin_dir = tmp_path_factory.mktemp("bin")
    shim = bin_dir / "kwmatch"
    shim.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m kwmatch "$@"\n')
    shim.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "KWMATCH_"))}
    environ["PATH"] = os.pathsep.join(
        [str(bin_dir), str(Path(sys.executable).parent), environ["PATH"]]
    )
    environ["KWMATCH_PYTHON"] = sys.executable
    environ["GIT_CONFIG_GLOBAL"] = os.devnull
    environ["GIT_CONFIG_NOSYSTEM"] = "1"
    return environ


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reads the corpus carries the ``corpus`` marker (``-m "not corpus"``
    runs what a fresh clone without ../shared can run)."""
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)

"""Golden reports: the whole JSON report of each example resume, compared byte for byte.

A change in extraction, matching, scoring or the report shape shows up here as a diff a
reviewer can read. When the change is intended, regenerate the files and review them:

    KWMATCH_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

The examples are scored through a path relative to the repository root (the report
records the path as given), so the golden files do not depend on where the clone is, and
read as of one fixed day (:data:`AS_OF`; the report records it), so that they do not
depend on the day either: the text example carries no date of its own.
"""

from __future__ import annotations

import datetime
import difflib
import os
from pathlib import Path

import pytest

from kwmatch.api import Options, Scorer

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "examples" / "golden"
EXAMPLE_NAMES = ["ml_engineer_two_column.pdf", "junior_data_analyst.docx", "sales_manager.txt"]
UPDATE = os.environ.get("KWMATCH_UPDATE_GOLDEN") == "1"
#: The reading date of the golden reports.
AS_OF = datetime.date(2026, 12, 1)


def _report_json(scorer: Scorer, name: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(REPO)
    return scorer.score_file(f"examples/{name}", Options(as_of=AS_OF)).to_json()


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_matches_golden(scorer: Scorer, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    actual = _report_json(scorer, name, monkeypatch)
    golden = GOLDEN / f"{name}.json"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {golden.relative_to(REPO)}: review the diff before committing")
    assert golden.is_file(), (
        f"no golden report {golden.relative_to(REPO)}; create it with KWMATCH_UPDATE_GOLDEN=1"
    )
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(),
            actual.splitlines(),
            fromfile=f"golden/{name}.json",
            tofile="now",
            lineterm="",
        )
        shown = list(diff)
        pytest.fail(
            f"the report of examples/{name} differs from its golden file "
            f"({len(shown)} diff lines; if intended, rerun with KWMATCH_UPDATE_GOLDEN=1):\n"
            + "\n".join(shown[:80])
        )


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_is_deterministic(
    scorer: Scorer, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Same input, same bytes: what makes the golden comparison (and caching) possible.
    first = _report_json(scorer, name, monkeypatch)
    assert _report_json(scorer, name, monkeypatch) == first
    assert _report_json(Scorer(), name, monkeypatch) == first

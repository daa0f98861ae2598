"""``--fail-under`` thresholds: parsing and checking, as pure functions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kwmatch.errors import UsageError
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy


@dataclass(frozen=True)
class Threshold:
    """A minimum coverage for one score."""

    name: str
    """``overall``, ``core``, a level, a specialization or a group id."""
    minimum: float
    """The least coverage that passes, 0 to 1."""


def parse_threshold(spec: str) -> Threshold:
    """``0.6`` (overall) or ``NAME=0.5``; a percentage such as ``60%`` is accepted too."""
    name, _, value = spec.rpartition("=")
    name = name.strip() or "overall"
    text = value.strip()
    try:
        minimum = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise UsageError(
            f"--fail-under {spec!r}: expected NUMBER or NAME=NUMBER, e.g. senior=0.5"
        ) from None
    if not 0.0 <= minimum <= 1.0:
        raise UsageError(f"--fail-under {spec!r}: the value must be between 0 and 1")
    return Threshold(name=name, minimum=minimum)


def missing_required(report: Report, required: list[str], known: set[str]) -> list[str]:
    """A line for every must-have concept (by id) that the report has no evidence for.

    Raises :class:`UsageError` for an id the taxonomy does not know.
    """
    unknown = [c for c in required if c not in known]
    if unknown:
        raise UsageError(
            f"--fail-on-missing: unknown concept {', '.join(map(repr, unknown))}; "
            "see `kwmatch taxonomy show` for the ids"
        )
    found = {m["concept"] for m in report.data["matched"]}
    return [f"required concept {c!r} is missing" for c in required if c not in found]


def unmet(report: Report, thresholds: list[Threshold]) -> list[str]:
    """A line for every threshold the report does not reach (empty when all pass).

    Raises :class:`UsageError` for a name the report has no score for.
    """
    names = report.score_names()
    failures = []
    for threshold in thresholds:
        if threshold.name not in names:
            raise UsageError(
                f"--fail-under: no score named {threshold.name!r}; choose from {', '.join(names)}"
            )
        value = report.coverage(threshold.name)
        if value < threshold.minimum:
            failures.append(
                f"{threshold.name} coverage {value:.2f} "
                f"is below the threshold {threshold.minimum:.2f}"
            )
    return failures


Verdict = Callable[[Report, Taxonomy], list[str]]


def verdict(fail_under: list[str], fail_on_missing: list[str]) -> Verdict:
    """The check of ``--fail-under`` and ``--fail-on-missing``, parsed now (a bad
    threshold fails before any work): call it with a report and its taxonomy for the
    lines of what failed (empty when everything passes)."""
    thresholds = [parse_threshold(spec) for spec in fail_under]

    def failures(report: Report, taxonomy: Taxonomy) -> list[str]:
        return unmet(report, thresholds) + missing_required(
            report, fail_on_missing, set(taxonomy.concepts)
        )

    return failures

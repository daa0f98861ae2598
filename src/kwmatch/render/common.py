"""Small text helpers every renderer shares."""

from __future__ import annotations

from typing import Any

#: A responsibility passes as a JUnit test case from this coverage on (``--junit-pass-mark``).
JUNIT_PASS_MARK = 0.5
#: Width of a coverage bar, in characters.
BAR_WIDTH = 20


def bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, ``value`` (0 to 1) of it filled."""
    filled = round(value * width)
    return "█" * filled + "░" * (width - filled)


def pct(value: float) -> str:
    """A share as a whole percentage ("42%")."""
    return f"{value * 100:.0f}%"


def fit_line(data: dict[str, Any]) -> str | None:
    """ "Fit: strong (83%)", or None for a report without the judgement."""
    scores = data["scores"]
    if "fit" not in scores:
        return None
    # Shown cut, not rounded, so that 0.397 reads 39% beside "weak", never 40%.
    return f"Fit: {scores['fit_band']} ({int(scores['fit'] * 100)}%)"


def seniority_line(data: dict[str, Any]) -> str | None:
    """ "Seniority: senior (high confidence): 7.5 full-time years; ...", or None."""
    seniority = data.get("seniority")
    if seniority is None:
        return None
    level = seniority["level"] or "none"
    reasons = "; ".join(seniority["reasons"])
    return f"Seniority: {level} ({seniority['confidence']} confidence): {reasons}"

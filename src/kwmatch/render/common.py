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


def fit_percent(value: float) -> str:
    """A fit score as a percentage cut, not rounded, so that 0.397 reads 39% beside
    "weak" (its band starts at 40%), never 40%."""
    return f"{int(value * 100)}%"


def fit_line(data: dict[str, Any]) -> str | None:
    """ "Fit: strong (83%)", or None for a report without the judgement."""
    scores = data["scores"]
    if "fit" not in scores:
        return None
    return f"Fit: {scores['fit_band']} ({fit_percent(scores['fit'])})"


def seniority_line(data: dict[str, Any]) -> str | None:
    """ "Seniority: senior (high confidence): 7.5 full-time years; ...", or None."""
    seniority = data.get("seniority")
    if seniority is None:
        return None
    level = seniority["level"] or "none"
    reasons = "; ".join(seniority["reasons"])
    return f"Seniority: {level} ({seniority['confidence']} confidence): {reasons}"


def band_legend() -> str:
    """One line that says what a fit score means: "Fit bands: strong 60%+, ..."."""
    from kwmatch.fit import BANDS

    parts = []
    for (name, floor), above in zip(BANDS, (None, *BANDS[:-1]), strict=True):
        low = round(floor * 100)
        if above is None:
            parts.append(f"{name} {low}%+")
        elif floor:
            parts.append(f"{name} {low}-{round(above[1] * 100) - 1}%")
        else:
            parts.append(f"{name} under {round(above[1] * 100)}%")
    return "Fit bands: " + ", ".join(parts)


def points(gain: float) -> str:
    """A gain in a 0-1 score as points of a percentage: "+4.8"."""
    return f"+{gain * 100:.1f}"


def display_name(data: dict[str, Any]) -> str:
    """The candidate's name when the resume gives one, else the file's name."""
    name = data["input"].get("name")
    if name:
        return str(name)
    path = str(data["input"]["path"])
    return path.replace("\\", "/").rsplit("/", 1)[-1]

"""Small text helpers every renderer shares."""

from __future__ import annotations

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

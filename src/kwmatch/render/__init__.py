"""Renderers: a :class:`~kwmatch.report.Report` in, text out.

:func:`render` dispatches on the format; each renderer lives in a module of its own and
is imported when first asked for (the table's rich costs start-up time that a JSON
report need not pay).
"""

from __future__ import annotations

from typing import Literal, get_args

from kwmatch.report import Report

OutputFormat = Literal["table", "json", "markdown", "junit"]
#: Every format :func:`render` knows.
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
#: Width of the table when the caller does not say.
DEFAULT_WIDTH = 100


def render(
    report: Report, fmt: OutputFormat, *, color: bool = False, width: int = DEFAULT_WIDTH
) -> str:
    """Render ``report`` in one of :data:`FORMATS`."""
    if fmt == "json":
        return report.to_json()
    if fmt == "markdown":
        from kwmatch.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "junit":
        from kwmatch.render.junit import render_junit

        return render_junit(report)
    if fmt == "table":
        from kwmatch.render.table import render_table

        return render_table(report, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}")

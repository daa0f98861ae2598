"""Renderers: a :class:`~kwmatch.report.Report` in, text out.

:func:`render` dispatches on the format; each renderer lives in a module of its own and
is imported when first asked for (the table's rich costs start-up time that a JSON
report need not pay).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, get_args

from kwmatch.render.common import JUNIT_PASS_MARK
from kwmatch.report import Report

if TYPE_CHECKING:
    from kwmatch.thresholds import Verdict

OutputFormat = Literal["table", "json", "markdown", "junit", "html"]
#: Every format :func:`render` knows.
FORMATS: tuple[OutputFormat, ...] = get_args(OutputFormat)
#: Width of the table when the caller does not say.
DEFAULT_WIDTH = 100


def render(
    report: Report,
    fmt: OutputFormat,
    *,
    color: bool = False,
    width: int = DEFAULT_WIDTH,
    verdicts: Sequence[Verdict] = (),
    pass_mark: float = JUNIT_PASS_MARK,
    timestamp: str | None = None,
) -> str:
    """Render ``report`` in one of :data:`FORMATS`.

    ``verdicts`` (the rules of ``--fail-under`` and ``--fail-on-missing``, judged),
    ``pass_mark`` and ``timestamp`` shape the JUnit document only; the other formats
    ignore them.
    """
    if fmt == "json":
        return report.to_json()
    if fmt == "markdown":
        from kwmatch.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "junit":
        from kwmatch.render.junit import render_junit

        return render_junit(report, covered=pass_mark, verdicts=verdicts, timestamp=timestamp)
    if fmt == "html":
        from kwmatch.render.html import render_html

        return render_html(report)
    if fmt == "table":
        from kwmatch.render.table import render_table

        return render_table(report, color=color, width=width)
    raise ValueError(f"unknown format {fmt!r}")

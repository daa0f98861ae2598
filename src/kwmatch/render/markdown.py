"""The report as Markdown: a compact summary for a pull-request comment or a CI step
summary."""

from __future__ import annotations

from typing import Any

from kwmatch.render.common import bar, fit_line, pct, seniority_line
from kwmatch.report import Report


def _judgement(data: dict[str, Any]) -> list[str]:
    """The fit and seniority lines (name in bold), each followed by a blank line."""
    lines = [line for line in (fit_line(data), seniority_line(data)) if line is not None]
    return [
        item
        for line in lines
        for item in (f"**{line.partition(': ')[0]}:** {line.partition(': ')[2]}", "")
    ]


def render_markdown(report: Report) -> str:
    """A compact summary for a pull-request comment or a CI step summary."""
    data = report.data
    scores = data["scores"]
    lines = [
        f"### kwmatch: `{data['input']['path']}` vs {data['taxonomy']['title']}",
        "",
        f"**Overall coverage: {pct(scores['overall'])}**"
        + (f" · best-fit level: **{scores['best_level']}**" if scores["best_level"] else "")
        + (
            f" · best-fit specialization: **{scores['best_specialization']}**"
            if scores["best_specialization"]
            else ""
        ),
        "",
        *_judgement(data),
        "| group | coverage | |",
        "|---|---:|---|",
    ]
    rows = [("core", scores["core"])] if scores["core"] is not None else []
    rows += [(f"level: {k}", v) for k, v in scores["levels"].items()]
    rows += [(f"specialization: {k}", v) for k, v in scores["specializations"].items()]
    rows += [(k, v) for k, v in scores["groups"].items()]
    lines += [f"| {name} | {pct(value)} | `{bar(value)}` |" for name, value in rows]
    counted = [m["label"] for m in data["matched"] if m["strength"] > 0]
    uncounted = [m["label"] for m in data["matched"] if m["strength"] == 0]
    absent = [m["label"] for m in data["missing"]]
    lines += ["", f"**Found ({len(counted)}):** {', '.join(counted) or 'none'}", ""]
    if uncounted:
        lines += [
            f"**Found, not counted ({len(uncounted)}):** {', '.join(uncounted)} "
            "(activities count in proportion to the technical skills evidenced)",
            "",
        ]
    lines += [f"**Missing ({len(absent)}):** {', '.join(absent) or 'none'}", ""]
    lines += [f"> **Warning:** {warning}" for warning in data["input"]["warnings"]]
    return "\n".join(lines) + ("\n" if data["input"]["warnings"] else "")

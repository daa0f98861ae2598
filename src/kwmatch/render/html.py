"""The report as one self-contained HTML page, and a batch's ranking as another.

Built with Jinja2 (the only module that imports it), autoescaping on: every string from a
resume or a taxonomy reaches the page escaped. The pages hold their CSS and their SVG
charts inline and load nothing: no script, font or image from a network; they read
offline and print. The batch page sorts and filters with a few lines of inline script,
and stays a plain table without it.

This module turns the report's JSON data into what the templates draw (bars with their
geometry, snippets cut around the matched words); the templates in ``templates/`` only
lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kwmatch.render.common import band_legend, display_name, fit_percent, pct, points
from kwmatch.report import Report

#: Gaps shown per candidate on the batch page (the single report shows them all).
BATCH_GAPS = 3
#: Gaps in a candidate's detail on the batch page.
DETAIL_GAPS = 10
#: Width of a chart's bar area and height of one bar row, in SVG user units.
CHART_WIDTH = 160
ROW_HEIGHT = 22
LABEL_WIDTH = 160
#: Average advance of one character of the charts' 12-unit sans-serif labels, with room to
#: spare: a label column this wide per character never cuts a label at the chart's edge.
LABEL_ADVANCE = 7.0
LABEL_PAD = 12


@dataclass(frozen=True)
class Bar:
    """One bar of a chart."""

    label: str
    value: float
    """0 to 1."""
    y: int
    """Top of the row, in user units."""
    width: float
    """Length of the filled bar, in user units."""
    highlight: bool = False
    """The judged level or specialization."""

    @property
    def text(self) -> str:
        return pct(self.value)


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, drawn as inline SVG."""

    title: str
    bars: tuple[Bar, ...]
    label_width: int = LABEL_WIDTH
    bar_width: int = CHART_WIDTH

    @property
    def height(self) -> int:
        return ROW_HEIGHT * len(self.bars) + 4

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 42


def chart(title: str, values: Sequence[tuple[str, float]], highlight: str | None = None) -> Chart:
    """A bar chart of ``values`` (label, 0 to 1), ``highlight`` drawn apart."""
    bars = tuple(
        Bar(
            label=label,
            value=value,
            y=index * ROW_HEIGHT + 2,
            width=round(max(0.0, min(1.0, value)) * CHART_WIDTH, 1),
            highlight=label == highlight,
        )
        for index, (label, value) in enumerate(values)
    )
    longest = max((len(bar.label) for bar in bars), default=0)
    label_width = max(LABEL_WIDTH, round(longest * LABEL_ADVANCE) + LABEL_PAD)
    return Chart(title, bars, label_width=label_width)


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=PackageLoader("kwmatch.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["pct"] = pct
    environment.filters["fit_pct"] = fit_percent
    environment.filters["points"] = points
    return environment


def _snippet_parts(hit: dict[str, Any]) -> tuple[str, str, str]:
    """A hit's snippet cut around the matched words: before, the words, after."""
    snippet, text = str(hit["snippet"]), str(hit["text"])
    at = snippet.find(text)
    if at < 0:
        at = snippet.lower().find(text.lower())
    if at < 0 or not text:
        return snippet, "", ""
    return snippet[:at], snippet[at : at + len(text)], snippet[at + len(text) :]


def _gap_rows(data: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "label": gap["label"],
            "gap": gap["gap"],
            "via": labels.get(gap["via"], gap["via"]) if gap["via"] != gap["concept"] else None,
            "fit": gap["gain"]["fit"],
            "overall": gap["gain"]["overall"],
            "wanted_by": [w["responsibility"] for w in gap["wanted_by"]],
        }
        for gap in data.get("gaps", [])
    ]


def _responsibility_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each responsibility with its coverage and its gaps, grouped by its group."""
    gaps_of: dict[str, list[str]] = {}
    for gap in data.get("gaps", []):
        for wanted in gap["wanted_by"]:
            gaps_of.setdefault(wanted["responsibility"], []).append(
                f"{gap['label']} ({points(gap['gain']['fit'])} fit)"
                if gap["gain"]["fit"] >= MIN_POINT
                else gap["label"]
            )
    return [
        {
            "id": item["id"],
            "group": item["group"],
            "text": item.get("text", item["id"]),
            "coverage": item["coverage"],
            "gaps": gaps_of.get(item["id"], []),
        }
        for item in data["responsibilities"]
    ]


#: A gain shown in points from a tenth of a point on.
MIN_POINT = 0.001


def _evidence(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Each matched concept with every hit, the matched words apart from the snippet."""
    hits: dict[str, list[dict[str, Any]]] = {}
    for hit in data["matches"]:
        hits.setdefault(hit["concept"], []).append(
            {
                "page": hit["page"],
                "line": hit["line"],
                "place": hit.get("evidence", hit["section"] or "other"),
                "kind": hit["kind"],
                "parts": _snippet_parts(hit),
            }
        )
    return [
        {
            "label": item["label"],
            "strength": item["strength"],
            "places": item.get("evidence", []),
            "years": item.get("years_used"),
            "hits": hits.get(item["concept"], []),
        }
        for item in data["matched"]
    ]


def candidate_view(data: dict[str, Any], *, anchor: str = "") -> dict[str, Any]:
    """What the templates draw for one report."""
    scores = data["scores"]
    seniority = data.get("seniority")
    level = seniority["level"] if seniority else scores.get("best_level")
    labels = {m["concept"]: m["label"] for m in data["matched"]}
    labels.update({m["concept"]: m["label"] for m in data["missing"]})
    fit_parts = scores.get("fit_parts", {})
    return {
        "anchor": anchor,
        "name": display_name(data),
        "path": data["input"]["path"],
        "taxonomy": data["taxonomy"]["title"],
        "fit": scores.get("fit"),
        "band": scores.get("fit_band"),
        "overall": scores["overall"],
        "level": level,
        "specialization": scores.get("best_specialization"),
        "seniority": seniority,
        "warnings": data["input"]["warnings"],
        "levels": chart("Coverage per level", list(scores["levels"].items()), level),
        "specializations": chart(
            "Coverage per specialization",
            list(scores["specializations"].items()),
            scores.get("best_specialization"),
        ),
        "fit_parts": chart(
            "Parts of the fit score", [(k.replace("_", " "), v) for k, v in fit_parts.items()]
        ),
        "responsibilities": _responsibility_rows(data),
        "gaps": _gap_rows(data, labels),
        "evidence": _evidence(data),
    }


def render_html(report: Report) -> str:
    """One report as a self-contained HTML page."""
    page = _environment().get_template("report.html.j2")
    return str(page.render(person=candidate_view(report.data), legend=band_legend()))


@lru_cache(maxsize=1)
def _script() -> tuple[Any, str]:
    """The batch page's script, and the hash its Content-Security-Policy allows it by
    (no other script can run on the page, whatever a resume holds)."""
    import base64
    import hashlib
    from importlib import resources

    from markupsafe import Markup

    text = resources.files("kwmatch.render").joinpath("templates/_batch.js").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return Markup(text), f"sha256-{digest}"


def _row(position: int, record: dict[str, Any], rank_by: str) -> dict[str, Any]:
    data = record["report"]
    scores = data["scores"]
    seniority = data.get("seniority") or {}
    return {
        "rank": position,
        "anchor": f"candidate-{position}",
        "name": display_name(data),
        "path": data["input"]["path"],
        "fit": scores.get("fit"),
        "band": scores.get("fit_band"),
        "rank_score": record.get("rank_score", scores["overall"]),
        "overall": scores["overall"],
        "level": seniority.get("level") or scores.get("best_level") or "",
        "specialization": scores.get("best_specialization") or "",
        "years": seniority.get("fulltime_years"),
        "gaps": [g["label"] for g in data.get("gaps", [])[:BATCH_GAPS]],
        "warned": bool(data["input"]["warnings"]),
    }


def render_batch_html(ranked: Sequence[dict[str, Any]], rank_by: str) -> str:
    """A batch's ranking as one page: a row per candidate, sortable and filterable, each
    row opening the candidate's detail further down the same page."""
    rows = [_row(n, record, rank_by) for n, record in enumerate(ranked, start=1)]
    details = []
    for row, record in zip(rows, ranked, strict=True):
        view = candidate_view(record["report"], anchor=row["anchor"])
        view["gaps"] = view["gaps"][:DETAIL_GAPS]
        details.append(view)
    page = _environment().get_template("batch.html.j2")
    script, digest = _script()
    return str(
        page.render(
            script=script,
            script_hash=digest,
            rows=rows,
            details=details,
            rank_by=rank_by,
            levels=sorted({r["level"] for r in rows if r["level"]}),
            specializations=sorted({r["specialization"] for r in rows if r["specialization"]}),
            taxonomy=ranked[0]["report"]["taxonomy"]["title"] if ranked else "",
            legend=band_legend(),
        )
    )

"""Terminal output built with rich: the coverage table, the ranking table, the progress bar.

The only module that imports rich: renderers return strings,
and the progress bar draws on stderr only when the CLI enables it (a terminal, and not
--quiet).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal

from rich.markup import escape as rich_escape

from kwmatch.render.common import (
    band_legend,
    bar,
    display_name,
    fit_line,
    pct,
    points,
    seniority_line,
)
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy


def _console(buffer: io.StringIO, *, width: int, color: bool) -> Any:
    """A rich console that renders into ``buffer``, coloured or plain."""
    from rich.console import Console

    return Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
    )


#: Ranked gaps the table shows (the JSON report holds them all).
TABLE_GAPS = 5
#: Width of a coverage bar in the tables.
TABLE_BAR = 10


def cell(text: object) -> str:
    """A cell's text on one line: no newline, tab or carriage return enters a cell."""
    return " ".join(str(text).split())


@dataclass(frozen=True)
class Column:
    """A column of a table that fits the terminal."""

    name: str
    kind: Literal["text", "label", "number", "bar"] = "text"
    """Text is cut with an ellipsis to fit; labels (a level's name), numbers and bars
    keep their width."""
    weight: int = 1
    """The text column's share of the width left to text, against the others'."""
    keep_end: bool = False
    """Cut at the start, keeping the end (a path's file name)."""
    wrap: bool = False
    """Wrapped over as many lines as it needs instead of cut: for the one text a reader
    came for (why a hit counted), where an ellipsis would hide the answer."""


#: A text column is never cut below this many characters.
MIN_TEXT = 4
#: What rich draws around each column (a space either side, a rule) and at the edge.
_PER_COLUMN, _EDGE = 3, 1


def _text_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """The width of each column so that the table fits ``width``: numbers and bars at
    their natural width; the text columns share what is left by weight, none wider
    than its content (what one does not need goes to the others)."""
    natural = [max([len(c.name), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    fixed = sum(n for n, c in zip(natural, columns, strict=True) if c.kind != "text")
    room = width - fixed - _PER_COLUMN * len(columns) - _EDGE
    widths = list(natural)
    open_ = [i for i, c in enumerate(columns) if c.kind == "text"]
    while open_:
        weights = sum(columns[i].weight for i in open_)
        share = {i: room * columns[i].weight / weights for i in open_}
        settled = [i for i in open_ if natural[i] <= share[i]]
        if not settled:
            for i in open_:
                widths[i] = max(MIN_TEXT, int(share[i]))
            break
        for i in settled:
            room -= natural[i]
            open_.remove(i)
    return widths


def _table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int) -> Any:
    """A table of ``rows`` no wider than ``width``: one line per row, unless a column
    wraps."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    widths = _text_widths(columns, rows, width)
    for column, size in zip(columns, widths, strict=True):
        table.add_column(
            column.name,
            justify="right" if column.kind == "number" else "left",
            no_wrap=not column.wrap,
            overflow="fold" if column.wrap else "ellipsis",
            min_width=size if column.kind != "text" else None,
            max_width=size,
        )
    for row in rows:
        table.add_row(
            *(
                "…" + text[len(text) - size + 1 :] if c.keep_end and len(text) > size else text
                for c, size, text in zip(columns, widths, row, strict=True)
            )
        )
    return table


def _versus(data: dict[str, Any]) -> str:
    """The opening of a report's first line: the resume's path against the role's title,
    both in bold and escaped for rich."""
    return (
        f"[bold]{rich_escape(cell(data['input']['path']))}[/bold] vs "
        f"[bold]{rich_escape(cell(data['taxonomy']['title']))}[/bold]"
    )


def render_table(report: Report, *, color: bool = False, width: int = 100) -> str:
    """Tables for people, ``width`` columns wide at most: the verdict, coverage by group,
    responsibilities, the largest gaps, then what was found."""
    data = report.data
    scores = data["scores"]
    buffer = io.StringIO()
    console = _console(buffer, width=width, color=color)
    console.print(
        f"{_versus(data)}: "
        f"overall coverage [bold]{pct(scores['overall'])}[/bold]"
        + (f", best-fit level [bold]{scores['best_level']}[/bold]" if scores["best_level"] else "")
        + (
            f", specialization [bold]{scores['best_specialization']}[/bold]"
            if scores["best_specialization"]
            else ""
        )
    )
    for line in (fit_line(data), seniority_line(data)):
        if line is not None:
            name, _, rest = line.partition(": ")
            console.print(f"[bold]{name}:[/bold] {rich_escape(cell(rest))}")
    if "fit" in scores:
        console.print(f"[dim]{band_legend()}.[/dim]")
    console.print(_coverage(scores, width))
    console.print(_responsibility_table(data, width))
    if data.get("gaps"):
        console.print(_gap_table(data, width))
    console.print(_evidence_table(data, width))
    more = len(data.get("gaps", [])) - TABLE_GAPS
    if more > 0:
        console.print(f"{more} more gaps: --format json lists them all (gaps).")
    elif data["missing"] and "gaps" not in data:
        console.print("[bold]Missing:[/bold] " + ", ".join(m["label"] for m in data["missing"]))
    for warning in data["input"]["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {rich_escape(cell(warning))}")
    return buffer.getvalue()


def _coverage(scores: dict[str, Any], width: int) -> Any:
    rows = [("core", scores["core"])] if scores["core"] is not None else []
    rows += [(f"level: {k}", v) for k, v in scores["levels"].items()]
    rows += [(f"specialization: {k}", v) for k, v in scores["specializations"].items()]
    rows += [(k, v) for k, v in scores["groups"].items()]
    columns = [Column("Group"), Column("Coverage", "number"), Column("", "bar")]
    return _table("Coverage", columns, [[cell(n), pct(v), bar(v)] for n, v in rows], width)


def _responsibility_table(data: dict[str, Any], width: int) -> Any:
    """Each responsibility collapsed to its coverage."""
    columns = [
        Column("Group"),
        Column("Responsibility", weight=4),
        Column("Coverage", "number"),
        Column("", "bar"),
    ]
    rows = [
        [
            cell(item["group"]),
            cell(item.get("text", item["id"])),
            pct(item["coverage"]),
            bar(item["coverage"], TABLE_BAR),
        ]
        for item in data["responsibilities"]
    ]
    return _table("Responsibilities", columns, rows, width)


def _gap_table(data: dict[str, Any], width: int) -> Any:
    """The largest gains: what to show next, and who wants it."""
    columns = [
        Column("Gap", weight=2),
        Column("Fit", "number"),
        Column("Overall", "number"),
        Column("Wanted by", weight=3),
    ]
    rows = [
        [
            cell(gap["label"] + (" (listed only)" if gap["gap"] != "missing" else "")),
            f"{points(gap['gain']['fit'])} points",
            points(gap["gain"]["overall"]),
            cell(", ".join(w["responsibility"] for w in gap["wanted_by"])),
        ]
        for gap in data["gaps"][:TABLE_GAPS]
    ]
    return _table(f"Largest gaps (of {len(data['gaps'])})", columns, rows, width)


def _evidence_table(data: dict[str, Any], width: int) -> Any:
    columns = [
        Column("Concept", weight=2),
        Column("Strength", "number"),
        Column("Hits", "number"),
        Column("Where", weight=2),
        Column("First seen", weight=3),
    ]
    rows = [
        [
            cell(item["label"]),
            pct(item["strength"]),
            str(item["hits"]),
            cell(_where(item)),
            cell(f"p{item['first']['page']} l{item['first']['line']}: {item['first']['text']}"),
        ]
        for item in data["matched"]
    ]
    return _table("Evidence", columns, rows, width)


def _where(item: dict[str, Any]) -> str:
    """Where a concept's evidence stands, with its years of use: "experience (3.5 y)"."""
    where = ", ".join(item.get("evidence", ()))
    years = item.get("years_used")
    return f"{where} ({years:g} y)" if years else where


def render_ranking(
    ranked: list[dict[str, Any]], rank_by: str, *, width: int = 100, color: bool = False
) -> str:
    """The best candidates of a batch as a table ``width`` columns wide at most: the
    score they are ranked by first, then a name (from the resume, else the file's) and
    the file's name (its folder is in the results file and the CSV)."""
    buffer = io.StringIO()
    console = _console(buffer, width=width, color=color)
    extra = rank_by != "overall"
    # A marker column where some candidate hides text from the reader (its hidden words
    # are not scored; the mark says why a reader may want to look).
    hidden = any(record.get("hidden_text") for record in ranked)
    columns = [
        Column("#", "number"),
        Column(rank_by.capitalize(), "number"),
        Column("Candidate"),
        Column("File", keep_end=True),
        *([Column("Overall", "number")] if extra else []),
        Column("Level", "label"),
        Column("Specialization", "label"),
        *([Column("Hidden text", "label")] if hidden else []),
    ]
    rows = []
    for position, record in enumerate(ranked, start=1):
        report = record["report"]
        scores = report["scores"]
        score = record.get("rank_score")
        rows.append(
            [
                str(position),
                pct(score) if score is not None else "-",
                cell(display_name(report)) if "input" in report else "-",
                cell(str(record["path"]).replace("\\", "/").rsplit("/", 1)[-1]),
                *([pct(scores["overall"])] if extra else []),
                scores["best_level"] or "-",
                scores["best_specialization"] or "-",
                *(["yes" if record.get("hidden_text") else ""] if hidden else []),
            ]
        )
    console.print(_table(f"Top {len(ranked)} by {rank_by}", columns, rows, width))
    return buffer.getvalue()


class BatchProgress:
    """A progress bar on stderr: files done and failed, rate, time left."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.failed = 0
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # No refresh thread: batch workers are forked, and forking beside a thread is unsafe.
            self._progress = Progress(
                TextColumn("scoring"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                auto_refresh=False,
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("scoring", total=None, failed=0, rate="")
        return self

    def plan(self, total: int) -> None:
        """Set how many files there are to score."""
        if self._progress is not None:
            self._progress.update(self._task, total=total)
            self._progress.refresh()

    def advance(self, *, ok: bool) -> None:
        """Count one file done."""
        if not ok:
            self.failed += 1
        if self._progress is not None:
            task = self._progress.tasks[0]
            speed = task.speed
            rate = f"{speed:.1f}/s" if speed else ""
            self._progress.update(self._task, advance=1, failed=self.failed, rate=rate)
            self._progress.refresh()

    def log(self, message: str) -> None:
        """A line above the bar (or plainly on stderr without one)."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            import sys

            print(message, file=sys.stderr)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()


_KIND_NAMES = {"core": "core", "level": "level", "specialization": "specialization"}


def render_tree(taxonomy: Taxonomy, *, color: bool = False, width: int = 120) -> str:
    """The taxonomy as text tables: groups and responsibilities, then concepts."""
    from rich.table import Table

    buffer = io.StringIO()
    console = _console(buffer, width=width, color=color)
    responsibilities = sum(len(g.responsibilities) for g in taxonomy.groups)
    console.print(
        f"[bold]{taxonomy.title}[/bold] ({taxonomy.id}"
        + (f", revision {taxonomy.revision}" if taxonomy.revision else "")
        + f", format {taxonomy.version}): {len(taxonomy.groups)} groups, "
        f"{responsibilities} responsibilities, {len(taxonomy.concepts)} concepts"
    )
    tree = Table(title="Groups and responsibilities", title_justify="left", show_lines=False)
    tree.add_column("Group", no_wrap=True)
    tree.add_column("Responsibility")
    tree.add_column("Concepts")
    for number, group in enumerate(taxonomy.groups):
        if number:
            tree.add_section()
        kind = _KIND_NAMES.get(group.kind, "group")
        name = f"{kind}: {group.id}" if group.kind != "core" else "core"
        for position, item in enumerate(group.responsibilities):
            labels = ", ".join(taxonomy.describe(entry) for entry in item.entries)
            tree.add_row(
                f"[bold]{name}[/bold]\n{group.label}" if position == 0 else "",
                f"{item.text}\n[dim]{item.id}[/dim]",
                labels,
            )
    console.print(tree)
    used: dict[str, int] = {}
    for group in taxonomy.groups:
        for item in group.responsibilities:
            for cid in item.concepts:
                used[cid] = used.get(cid, 0) + 1
    # Ids are what --fail-on-missing takes: never cut, whatever the width.
    id_width = max(map(len, [*taxonomy.concepts, *taxonomy.sets]), default=2)
    concepts = Table(title="Concepts and aliases", title_justify="left")
    concepts.add_column("Concept")
    concepts.add_column("Id", no_wrap=True, min_width=id_width)
    concepts.add_column("Kind")
    concepts.add_column("Aliases")
    concepts.add_column("Used", justify="right")
    for concept in taxonomy.concepts.values():
        aliases = ", ".join(concept.aliases)
        if concept.ambiguous:
            exact = ", ".join(concept.ambiguous)
            aliases = f"{aliases}; exact case, in a tech context: {exact}".lstrip("; ")
        if concept.evidence:
            aliases = f"{aliases}; evidence: {', '.join(concept.evidence)}".lstrip("; ")
        concepts.add_row(
            concept.label, concept.id, concept.kind, aliases, str(used.get(concept.id, 0))
        )
    console.print(concepts)
    if taxonomy.sets:
        sets = Table(title="Sets (any one member covers the set)", title_justify="left")
        sets.add_column("Set")
        sets.add_column("Id", no_wrap=True, min_width=id_width)
        sets.add_column("Members")
        for one_of in taxonomy.sets.values():
            members = ", ".join(taxonomy.concepts[m].label for m in one_of.members)
            sets.add_row(one_of.label, one_of.id, members)
        console.print(sets)
    return buffer.getvalue()


#: Characters of context each side of the words found, in ``explain``'s snippet column.
EXPLAIN_CONTEXT = 24


def around(snippet: str, found: str, context: int = EXPLAIN_CONTEXT) -> str:
    """``snippet`` cut to ``context`` characters each side of ``found`` (the words the
    row is about stay in view however narrow the column), with an ellipsis where cut."""
    lower, key = snippet.lower(), " ".join(found.split()).lower()
    at = lower.find(key)
    if at < 0:  # a long near-rule hit the snippet cuts: its start is what to keep in view
        key = key[:context]
        at = lower.find(key)
    if at < 0:
        return snippet
    start, end = max(0, at - context), min(len(snippet), at + len(key) + context)
    head = "…" if start > 0 and not snippet[start:].startswith("…") else ""
    tail = "…" if end < len(snippet) and not snippet[:end].endswith("…") else ""
    return head + snippet[start:end].strip() + tail


def render_explanation(data: dict[str, Any], *, color: bool = False, width: int = 100) -> str:
    """``kwmatch explain`` for people: per concept, a line of what it scored, then a
    row per candidate (line, words found, rung, counted or not, why, snippet), or the
    notes on why it has none; ``width`` columns wide at most."""
    buffer = io.StringIO()
    console = _console(buffer, width=width, color=color)
    console.print(
        f"{_versus(data)}: "
        f"candidate hits of {len(data['concepts'])} "
        f"concept{'' if len(data['concepts']) == 1 else 's'}"
    )
    columns = [
        Column("Line", "number"),
        Column("Found", weight=2),
        Column("Rung", "label"),
        Column("Counts", "label"),
        Column("Why", weight=5, wrap=True),
        Column("Snippet", weight=3, wrap=True),
    ]
    for entry in data["concepts"]:
        strength = "not evidenced" if entry["strength"] is None else pct(entry["strength"])
        title = (
            f"{entry['label']} ({entry['concept']}): {strength}; "
            f"{entry['counted']} counted, {entry['refused']} refused"
        )
        rows = [
            [
                f"p{c['page']} l{c['line']}",
                rich_escape(cell(c["text"])),
                c["rung"],
                "yes" if c["counted"] else "no",
                rich_escape(cell(c["why"])),
                rich_escape(cell(around(c["snippet"], c["text"]))),
            ]
            for c in entry["candidates"]
        ]
        if rows:
            console.print(_table(rich_escape(cell(title)), columns, rows, width))
            continue
        console.print(f"[bold]{rich_escape(cell(title))}[/bold]")
        for note in entry["notes"]:
            console.print(f"  {rich_escape(cell(note))}")
    for warning in data["input"]["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {rich_escape(cell(warning))}")
    return buffer.getvalue()

"""Terminal output built with rich: the coverage table, the ranking table, the progress bar.

The only module that imports rich: renderers return strings,
and the progress bar draws on stderr only when the CLI enables it (a terminal, and not
--quiet).
"""

from __future__ import annotations

import io
from types import TracebackType
from typing import Any

from rich.markup import escape as rich_escape

from kwmatch.render.common import bar, fit_line, pct, seniority_line
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


def render_table(report: Report, *, color: bool = False, width: int = 100) -> str:
    """Tables for people: coverage by group, then what was found and what is missing."""
    from rich.table import Table

    data = report.data
    scores = data["scores"]
    buffer = io.StringIO()
    console = _console(buffer, width=width, color=color)
    console.print(
        f"[bold]{data['input']['path']}[/bold] vs [bold]{data['taxonomy']['title']}[/bold]: "
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
            console.print(f"[bold]{name}:[/bold] {rich_escape(rest)}")
    table = Table(title="Coverage", title_justify="left")
    table.add_column("Group")
    table.add_column("Coverage", justify="right")
    table.add_column("", no_wrap=True)
    rows = [("core", scores["core"])] if scores["core"] is not None else []
    rows += [(f"level: {k}", v) for k, v in scores["levels"].items()]
    rows += [(f"specialization: {k}", v) for k, v in scores["specializations"].items()]
    rows += [(k, v) for k, v in scores["groups"].items()]
    for name, value in rows:
        table.add_row(name, pct(value), bar(value))
    console.print(table)
    found = Table(title="Evidence", title_justify="left")
    found.add_column("Concept")
    found.add_column("Strength", justify="right")
    found.add_column("Hits", justify="right")
    found.add_column("Where")
    found.add_column("First seen")
    for item in data["matched"]:
        first = item["first"]
        found.add_row(
            item["label"],
            pct(item["strength"]),
            str(item["hits"]),
            _where(item),
            f"p{first['page']} l{first['line']}: {first['text']}",
        )
    console.print(found)
    if data["missing"]:
        console.print("[bold]Missing:[/bold] " + ", ".join(m["label"] for m in data["missing"]))
    for warning in data["input"]["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    return buffer.getvalue()


def _where(item: dict[str, Any]) -> str:
    """Where a concept's evidence stands, with its years of use: "experience (3.5 y)"."""
    where = ", ".join(item.get("evidence", ()))
    years = item.get("years_used")
    return f"{where} ({years:g} y)" if years else where


def render_ranking(ranked: list[dict[str, Any]], rank_by: str, *, width: int = 100) -> str:
    """The best candidates of a batch as a table."""
    from rich.table import Table

    buffer = io.StringIO()
    console = _console(buffer, width=width, color=False)
    table = Table(title=f"Top {len(ranked)} by {rank_by}", title_justify="left")
    extra = rank_by != "overall"
    # A marker column where some candidate hides text from the reader (its hidden words
    # are not scored; the mark says why a reader may want to look).
    hidden = any(record.get("hidden_text") for record in ranked)
    columns = ["#", "Resume", *([rank_by.capitalize()] if extra else []), "Overall"]
    described = ("Best level", "Best specialization", *(("Hidden text",) if hidden else ()))
    for column in (*columns, *described):
        table.add_column(column, justify="left" if column in ("Resume", *described) else "right")
    for position, record in enumerate(ranked, start=1):
        scores = record["report"]["scores"]
        ranked_by = [pct(record["rank_score"])] if extra and "rank_score" in record else []
        if extra and not ranked_by:
            ranked_by = ["-"]
        table.add_row(
            str(position),
            record["path"],
            *ranked_by,
            pct(scores["overall"]),
            scores["best_level"] or "-",
            scores["best_specialization"] or "-",
            *(("yes" if record.get("hidden_text") else "",) if hidden else ()),
        )
    console.print(table)
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

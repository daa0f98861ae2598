"""``kwmatch batch``: many resumes scored, streamed to a results file, and ranked."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kwmatch.batch import BatchRun, Engine, Record
from kwmatch.cli._util import (
    AsOfOpt,
    FailOnHiddenTextOpt,
    MaxCharsOpt,
    MaxMemoryOpt,
    MaxPagesOpt,
    MaxRatioOpt,
    MaxSizeOpt,
    MaxUnzippedOpt,
    PdfEngineOpt,
    RedactOpt,
    TaxonomyOpt,
    TimeoutOpt,
    day,
    limits_from,
    terminal_width,
    wants_color,
    write,
)
from kwmatch.errors import ExitCode


def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Resume files, folders (searched recursively) or glob patterns.",
            show_default=False,
        ),
    ],
    out: Annotated[
        str | None,
        typer.Option("--out", help="Append one JSON line per file here as soon as it is scored."),
    ] = None,
    csv_path: Annotated[
        str | None, typer.Option("--csv", help="Write the ranking here: one row per candidate.")
    ] = None,
    html_path: Annotated[
        str | None,
        typer.Option(
            "--html",
            help="Write the ranking here as one HTML page: a row per candidate (sortable, "
            "filterable by level and specialization), each opening its detail.",
        ),
    ] = None,
    rank_by: Annotated[
        str,
        typer.Option(
            "--rank-by",
            help="Rank by overall, fit (overall while reports have no fit score), core, a "
            "level (entry, mid, senior), a specialization, or a group (with --job: "
            "required, preferred).",
        ),
    ] = "overall",
    top: Annotated[
        int, typer.Option("--top", help="How many of the best candidates to show (0: none).")
    ] = 10,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores).")
    ] = 0,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip files whose content is already in --out.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no table.")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="local (a process pool) or dask (needs kwmatch[dask])."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Address of a Dask scheduler; without it a local cluster starts."
        ),
    ] = None,
    taxonomy: TaxonomyOpt = None,
    job: Annotated[
        str | None,
        typer.Option(
            "--job",
            help="A job posting (PDF, DOCX, TXT, Markdown) to rank against: drafted once "
            "into a taxonomy, as `kwmatch taxonomy extract` does; not with --taxonomy.",
        ),
    ] = None,
    pdf_engine: PdfEngineOpt = "pdfium",
    redact: RedactOpt = False,
    as_of: AsOfOpt = None,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
    max_memory: MaxMemoryOpt = None,
    fail_on_hidden_text: FailOnHiddenTextOpt = False,
) -> None:
    """Score many resumes and rank them.

    Each result is appended to --out as one JSON line the moment it is ready (a report,
    or an error record with the path, code and message); a file that cannot be read never
    stops the others. Ctrl-C leaves a valid file that --resume completes.

    With --job, the posting is drafted once and every resume is ranked against it; the
    table and the CSV show the score they rank by.

    The table and the CSV mark the resumes that hold text a reader cannot see (their
    hidden words are not scored); --fail-on-hidden-text names them and exits 1.

    Exit codes: 0 every file scored; 1 with --fail-on-hidden-text, every file scored and
    some hold hidden text; 2 usage error; 3 the --job posting could not be read; 4
    taxonomy invalid; 5 the batch finished but some inputs failed; 70 internal error;
    130 interrupted.
    """
    from kwmatch.api import Options
    from kwmatch.batch import run
    from kwmatch.errors import UsageError
    from kwmatch.render.table import BatchProgress

    if resume and not out:
        raise UsageError("--resume needs --out (the results file to complete)")
    limits = limits_from(
        max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout, max_memory
    )
    progress = BatchProgress(enabled=not quiet and sys.stderr.isatty())

    def on_record(record: Record) -> None:
        if record["status"] != "ok":
            progress.log(f"kwmatch: error: {record['path']}: {record['error']['message']}")
        progress.advance(ok=record["status"] == "ok")

    with progress:
        outcome = run(
            paths,
            out=out,
            resume=resume,
            rank_by=rank_by,
            on_plan=progress.plan,
            on_record=on_record,
            taxonomy=taxonomy,
            options=Options(pdf_engine=pdf_engine, redact=redact, limits=limits, as_of=day(as_of)),
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            job=job,
            whole_reports=html_path is not None,
        )
    for warning in outcome.warnings:
        typer.echo(f"kwmatch: warning: {warning}", err=True)
    _write_outputs(outcome, rank_by, csv_path, html_path, 0 if quiet else top)
    raise typer.Exit(int(_summarize(outcome, fail_on_hidden_text)))


def _write_outputs(
    outcome: BatchRun, rank_by: str, csv_path: str | None, html_path: str | None, top: int
) -> None:
    """The CSV ranking, the HTML page and the table of the best ``top`` candidates."""
    from kwmatch.batch.results import ranking_csv
    from kwmatch.render.table import render_ranking

    if csv_path:
        write(ranking_csv(outcome.ranked, rank_by=rank_by), csv_path)
    if html_path:
        from kwmatch.render.html import render_batch_html

        write(render_batch_html(outcome.ranked, rank_by), html_path)
    if top:
        text = render_ranking(
            outcome.ranked[:top],
            rank_by,
            width=terminal_width(None),
            color=wants_color(None, None),
        )
        typer.echo(text, nl=False)


def _summarize(outcome: BatchRun, fail_on_hidden_text: bool) -> ExitCode:
    """The batch's summary line (and the files with hidden text, when asked), and its
    exit code."""
    summary = outcome.summary
    hidden = [r["path"] for r in outcome.ranked if r.get("hidden_text")]
    if fail_on_hidden_text:
        for path in hidden:
            typer.echo(f"kwmatch: hidden text: {path}", err=True)
    typer.echo(
        f"kwmatch: {summary.scored} scored, {summary.failed} failed"
        + (f", {len(hidden)} with hidden text" if hidden else "")
        + (" (interrupted: run again with --resume to finish)" if summary.interrupted else ""),
        err=True,
    )
    code = summary.exit_code
    if fail_on_hidden_text and hidden and code == ExitCode.OK:
        code = ExitCode.BELOW_THRESHOLD  # the batch is whole; a resume fails the check
    return code

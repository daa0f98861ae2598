"""The ``kwmatch`` command: parses arguments, calls the library, prints, exits.

The only module that prints or exits. Every :class:`~kwmatch.errors.KwmatchError` is
turned into one line on stderr and its exit code by :func:`_guard`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from kwmatch import __version__
from kwmatch.errors import ExitCode, KwmatchError
from kwmatch.ingest import DEFAULT_LIMITS, Limits

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a --fail-under threshold not met; 2 usage error; "
    "3 an input could not be read; 4 taxonomy invalid; 5 batch finished but some inputs failed."
)

app = typer.Typer(
    name="kwmatch",
    help="How well a resume covers a role, offline: coverage per seniority level and "
    "specialization, with the evidence for every hit.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _err(message: str) -> None:
    typer.echo(f"kwmatch: error: {message}", err=True)


def _guard(command: F) -> F:
    """Turn kwmatch's own errors into a one-line message and their exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KwmatchError as exc:
            _err(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            _err("interrupted")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def _write(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        from kwmatch.errors import UsageError

        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kwmatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """How well a resume covers a role."""


TaxonomyOpt = Annotated[
    str | None,
    typer.Option(
        "--taxonomy",
        "-t",
        help="A taxonomy YAML file, or the name of a shipped one (default: ml-engineer).",
    ),
]
PdfEngineOpt = Annotated[
    str,
    typer.Option(
        "--pdf-engine",
        help="PDF text engine: pdfium (fast, default), pdfminer (layout analysis) or auto.",
    ),
]
RedactOpt = Annotated[
    bool, typer.Option("--redact", help="Mask emails, phone numbers and URLs in snippets.")
]
# Limits against hostile files (kwmatch.ingest.Limits); None keeps the default there.
MaxSizeOpt = Annotated[
    str | None,
    typer.Option(
        "--max-size",
        help="Refuse files larger than this (e.g. 20MB, 512KB) "
        f"[default: {DEFAULT_LIMITS.max_bytes // 2**20}MB].",
        show_default=False,
    ),
]
MaxPagesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-pages",
        help=f"Refuse PDFs with more pages [default: {DEFAULT_LIMITS.max_pages}].",
        show_default=False,
    ),
]
MaxCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        help="Keep at most this many characters of text, with a warning "
        f"[default: {DEFAULT_LIMITS.max_chars}].",
        show_default=False,
    ),
]
MaxUnzippedOpt = Annotated[
    str | None,
    typer.Option(
        "--max-unzipped",
        help="Refuse DOCX archives that expand past this size (zip bombs) "
        f"[default: {DEFAULT_LIMITS.max_docx_uncompressed // 2**20}MB].",
        show_default=False,
    ),
]
MaxRatioOpt = Annotated[
    float | None,
    typer.Option(
        "--max-ratio",
        help="Refuse DOCX members over 1 MB that expand more than this many times "
        f"[default: {DEFAULT_LIMITS.max_docx_ratio:g}].",
        show_default=False,
    ),
]
TimeoutOpt = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        help="Give up on a file after this many seconds; 0 for no limit "
        f"[default: {DEFAULT_LIMITS.timeout:g}].",
        show_default=False,
    ),
]


def _limits(
    max_size: str | None = None,
    max_pages: int | None = None,
    max_chars: int | None = None,
    max_unzipped: str | None = None,
    max_ratio: float | None = None,
    timeout: float | None = None,
) -> Limits:
    """The limits the options ask for, over the defaults of kwmatch.ingest."""
    from dataclasses import replace

    from kwmatch.errors import UsageError
    from kwmatch.guard import parse_size

    changes: dict[str, Any] = {}
    for flag, field, size in (
        ("--max-size", "max_bytes", max_size),
        ("--max-unzipped", "max_docx_uncompressed", max_unzipped),
    ):
        if size is not None:
            try:
                changes[field] = parse_size(size)
            except ValueError as exc:
                raise UsageError(f"{flag}: {exc}") from None
    for flag, field, number in (
        ("--max-pages", "max_pages", max_pages),
        ("--max-chars", "max_chars", max_chars),
        ("--max-ratio", "max_docx_ratio", max_ratio),
    ):
        if number is not None:
            if number <= 0:
                raise UsageError(f"{flag} {number}: give a positive number")
            changes[field] = number
    if timeout is not None:
        if timeout < 0:
            raise UsageError(f"--timeout {timeout}: give seconds, or 0 for no limit")
        changes["timeout"] = timeout or None
    return replace(DEFAULT_LIMITS, **changes)


@app.command()
@_guard
def score(
    resume: Annotated[
        Path, typer.Argument(help="The resume: PDF, DOCX, TXT or Markdown.", show_default=False)
    ],
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="Output: table (for people), json, markdown (for CI summaries) or junit "
            "(JUnit XML: a test case per responsibility, passing from 50% coverage).",
        ),
    ] = "table",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the report to this file ('-' for stdout)."),
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-under",
            help="Exit 1 when coverage is below a threshold: 0.6 for overall, or NAME=0.5 for "
            "core, a level (entry, mid, senior) or a specialization. Repeatable.",
        ),
    ] = None,
    fail_on_missing: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on-missing",
            help="Exit 1 when this concept (an id, e.g. python) has no evidence. Repeatable.",
        ),
    ] = None,
    taxonomy: TaxonomyOpt = None,
    job: Annotated[
        Path | None,
        typer.Option(
            "--job",
            help="A job posting (PDF, DOCX, TXT or Markdown) to score against instead of "
            "--taxonomy: its taxonomy is drafted first, as `taxonomy extract` does.",
        ),
    ] = None,
    pdf_engine: PdfEngineOpt = "pdfium",
    password: Annotated[
        str | None, typer.Option("--password", help="Password of an encrypted PDF.")
    ] = None,
    redact: RedactOpt = False,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Colour the table (default: when a terminal)."),
    ] = None,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Score one resume against the role: coverage per level and specialization, the
    evidence for every hit and the missing concepts.

    With --job, the role is a job posting: the report covers its required and preferred
    groups (or its levels) and lists the keywords the resume lacks.

    Exit codes: 0 ok; 1 a --fail-under threshold not met; 2 usage error; 3 the resume
    could not be read; 4 taxonomy invalid.
    """
    from kwmatch.api import Options, Scorer
    from kwmatch.errors import UsageError
    from kwmatch.ingest import PDF_ENGINES
    from kwmatch.report import FORMATS, render
    from kwmatch.thresholds import missing_required, parse_threshold, unmet

    if format not in FORMATS:
        raise UsageError(f"--format {format!r}: choose from {', '.join(FORMATS)}")
    if pdf_engine not in PDF_ENGINES:
        raise UsageError(f"--pdf-engine {pdf_engine!r}: choose from {', '.join(PDF_ENGINES)}")
    thresholds = [parse_threshold(spec) for spec in fail_under or []]
    if job is not None and taxonomy is not None:
        raise UsageError("--job and --taxonomy: give one or the other")
    scorer = (
        Scorer.from_job(job, pdf_engine=pdf_engine)  # type: ignore[arg-type]
        if job is not None
        else Scorer(taxonomy)
    )
    limits = _limits(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(pdf_engine=pdf_engine, password=password, redact=redact, limits=limits)  # type: ignore[arg-type]
    report = scorer.score_file(resume, options)
    failures = unmet(report, thresholds) + missing_required(
        report, fail_on_missing or [], set(scorer.taxonomy.concepts)
    )
    to_terminal = output in (None, "-") and sys.stdout.isatty()
    _write(render(report, format, color=to_terminal if color is None else color), output)
    for failure in failures:
        _err(failure)
    if failures:
        raise typer.Exit(int(ExitCode.BELOW_THRESHOLD))


@app.command()
@_guard
def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the report that `score --format json` writes."""
    from kwmatch.report import report_schema_text

    _write(report_schema_text(), output)


@app.command()
@_guard
def check(
    resumes: Annotated[list[Path], typer.Argument(help="One or more resumes.", show_default=False)],
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="As for score: 0.6, or NAME=0.5. Repeatable."),
    ] = None,
    fail_on_missing: Annotated[
        list[str] | None,
        typer.Option("--fail-on-missing", help="As for score: a concept id. Repeatable."),
    ] = None,
    taxonomy: TaxonomyOpt = None,
    pdf_engine: PdfEngineOpt = "pdfium",
) -> None:
    """Check several resumes against thresholds, one line each (for pre-commit and CI).

    Exit codes: 0 every resume passes; 1 a threshold not met; 2 usage error; 3 a resume
    could not be read; 4 taxonomy invalid.
    """
    from kwmatch.api import Options, Scorer
    from kwmatch.errors import InputError
    from kwmatch.report import pct
    from kwmatch.thresholds import missing_required, parse_threshold, unmet

    thresholds = [parse_threshold(spec) for spec in fail_under or []]
    scorer = Scorer(taxonomy)
    options = Options(pdf_engine=pdf_engine)  # type: ignore[arg-type]
    worst = ExitCode.OK
    for resume in resumes:
        try:
            report = scorer.score_file(resume, options)
        except InputError as exc:
            _err(str(exc))
            worst = max(worst, ExitCode.INPUT)
            continue
        failures = unmet(report, thresholds) + missing_required(
            report, fail_on_missing or [], set(scorer.taxonomy.concepts)
        )
        status = "FAIL" if failures else "ok"
        typer.echo(
            f"{status:4} {resume}: overall {pct(report.overall)}"
            + "".join(f"; {failure}" for failure in failures)
        )
        if failures and worst == ExitCode.OK:
            worst = ExitCode.BELOW_THRESHOLD
    raise typer.Exit(int(worst))


def main() -> None:
    """Console-script entry point.

    Ends the process with ``os._exit`` once the command is done and its output flushed:
    tearing down the interpreter after spaCy and numpy were imported costs about 0.15 s,
    a fifth of a one-file run, and nothing of kwmatch's needs it (files are closed and
    worker pools shut down by the commands themselves).
    """
    code = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    finally:
        for stream in (sys.stdout, sys.stderr):
            # A reader that stopped early (| head) must not turn into a traceback.
            with contextlib.suppress(BrokenPipeError, ValueError):
                stream.flush()
    os._exit(code)


@app.command()
@_guard
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
    rank_by: Annotated[
        str,
        typer.Option(
            "--rank-by",
            help="Rank by overall, core, a level (entry, mid, senior) or a specialization.",
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
        str, typer.Option("--engine", help="local (a process pool) or dask (needs kwmatch[dask]).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Address of a Dask scheduler; without it a local cluster starts."
        ),
    ] = None,
    taxonomy: TaxonomyOpt = None,
    pdf_engine: PdfEngineOpt = "pdfium",
    redact: RedactOpt = False,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
    max_memory: Annotated[
        str | None,
        typer.Option(
            "--max-memory",
            help="Cap each worker process's memory (e.g. 2GB); a file that needs more fails "
            "alone. Default: no cap.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score many resumes and rank them.

    Each result is appended to --out as one JSON line the moment it is ready (a report,
    or an error record with the path, code and message); a file that cannot be read never
    stops the others. Ctrl-C leaves a valid file that --resume completes.

    Exit codes: 0 every file scored; 2 usage error; 4 taxonomy invalid; 5 the batch
    finished but some inputs failed; 130 interrupted.
    """
    from kwmatch.api import Options
    from kwmatch.batch import (
        BatchSummary,
        Interrupted,
        ResultsFile,
        raise_on_sigterm,
        ranking,
        ranking_csv,
        read_records,
        score_many,
    )
    from kwmatch.errors import UsageError
    from kwmatch.ingest import PDF_ENGINES
    from kwmatch.ui import BatchProgress

    if pdf_engine not in PDF_ENGINES:
        raise UsageError(f"--pdf-engine {pdf_engine!r}: choose from {', '.join(PDF_ENGINES)}")
    if resume and not out:
        raise UsageError("--resume needs --out (the results file to complete)")
    limits = _limits(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    if max_memory is not None:
        from dataclasses import replace

        from kwmatch.guard import parse_size

        try:
            limits = replace(limits, max_memory=parse_size(max_memory))
        except ValueError as exc:
            raise UsageError(f"--max-memory: {exc}") from None
    results = ResultsFile(out, resume=resume) if out else None
    summary = BatchSummary()
    collected = []
    progress = BatchProgress(enabled=not quiet and sys.stderr.isatty())
    undo_sigterm = raise_on_sigterm()
    try:
        with progress:
            for record in score_many(
                paths,
                taxonomy=taxonomy,
                options=Options(pdf_engine=pdf_engine, redact=redact, limits=limits),  # type: ignore[arg-type]
                jobs=jobs,
                engine=engine,
                scheduler=scheduler,
                skip_hashes=results.hashes if results else (),
                on_plan=progress.plan,
                compact_records=True,
            ):
                if results:
                    results.write(record)
                if record["status"] == "ok":
                    summary.scored += 1
                    collected.append({k: v for k, v in record.items() if k != "line"})
                else:
                    summary.failed += 1
                    error = record["error"]
                    progress.log(f"kwmatch: error: {record['path']}: {error['message']}")
                progress.advance(ok=record["status"] == "ok")
    except (KeyboardInterrupt, Interrupted):
        summary.interrupted = True
    finally:
        undo_sigterm()
        if results:
            results.close()
    # With --resume the ranking covers earlier runs too, so it is read back from the file;
    # otherwise this run's records are all there is.
    records = read_records(out, summarize=True) if out and resume else collected
    ranked = ranking(records, rank_by)
    if csv_path:
        _write(ranking_csv(ranked), csv_path)
    if top and not quiet:
        from kwmatch.ui import render_ranking

        typer.echo(render_ranking(ranked[:top], rank_by), nl=False)
    typer.echo(
        f"kwmatch: {summary.scored} scored, {summary.failed} failed"
        + (" (interrupted: run again with --resume to finish)" if summary.interrupted else ""),
        err=True,
    )
    if summary.interrupted:
        raise typer.Exit(130)
    raise typer.Exit(int(summary.exit_code))


from kwmatch.cli_taxonomy import taxonomy_app  # noqa: E402  (it imports from this module)

app.add_typer(taxonomy_app, name="taxonomy")

"""``kwmatch score``, ``check`` and ``schema``: one resume, several against thresholds,
the report's JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kwmatch.cli._util import (
    MaxCharsOpt,
    MaxPagesOpt,
    MaxRatioOpt,
    MaxSizeOpt,
    MaxUnzippedOpt,
    PasswordOpt,
    PdfEngineOpt,
    RedactOpt,
    TaxonomyOpt,
    TimeoutOpt,
    err,
    limits_from,
    to_terminal,
    write,
)
from kwmatch.errors import ExitCode
from kwmatch.render import OutputFormat

FailUnderOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-under",
        help="Exit 1 when coverage is below a threshold: 0.6 for overall, or NAME=0.5 for "
        "core, a level (entry, mid, senior) or a specialization. Repeatable.",
    ),
]
FailOnMissingOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--fail-on-missing",
        help="Exit 1 when this concept (an id, e.g. python) has no evidence. Repeatable.",
    ),
]


def score(
    resume: Annotated[
        Path, typer.Argument(help="The resume: PDF, DOCX, TXT or Markdown.", show_default=False)
    ],
    format: Annotated[
        OutputFormat,
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
    fail_under: FailUnderOpt = None,
    fail_on_missing: FailOnMissingOpt = None,
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
    password: PasswordOpt = None,
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
    fail_on_hidden_text: Annotated[
        bool,
        typer.Option(
            "--fail-on-hidden-text",
            help="Exit 1 when the resume holds text a reader cannot see (keyword stuffing).",
        ),
    ] = False,
) -> None:
    """Score one resume against the role: coverage per level and specialization, the
    evidence for every hit and the missing concepts.

    With --job, the role is a job posting: the report covers its required and preferred
    groups (or its levels) and lists the keywords the resume lacks.

    Exit codes: 0 ok; 1 a --fail-under threshold not met; 2 usage error; 3 the resume
    could not be read; 4 taxonomy invalid; 70 internal error.
    """
    from kwmatch.api import Options, Scorer
    from kwmatch.batch.records import has_hidden_text
    from kwmatch.errors import UsageError
    from kwmatch.render import render
    from kwmatch.thresholds import verdict

    failures = verdict(fail_under or [], fail_on_missing or [])
    if job is not None and taxonomy is not None:
        raise UsageError("--job and --taxonomy: give one or the other")
    scorer = Scorer.from_job(job, pdf_engine=pdf_engine) if job is not None else Scorer(taxonomy)
    limits = limits_from(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(pdf_engine=pdf_engine, password=password, redact=redact, limits=limits)
    report = scorer.score_file(resume, options)
    failed = failures(report, scorer.taxonomy)
    if fail_on_hidden_text and has_hidden_text(report.data):
        failed.append("hidden text: the resume holds text a reader cannot see (see its warnings)")
    shown = to_terminal(output) if color is None else color
    write(render(report, format, color=shown), output)
    for failure in failed:
        err(failure)
    if failed:
        raise typer.Exit(int(ExitCode.BELOW_THRESHOLD))


def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Print the JSON Schema of the report that `score --format json` writes."""
    from kwmatch.report import report_schema_text

    write(report_schema_text(), output)


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
    password: PasswordOpt = None,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
) -> None:
    """Check several resumes against thresholds, one line each (for pre-commit and CI).

    Exit codes: 0 every resume passes; 1 a threshold not met; 2 usage error; 3 a resume
    could not be read; 4 taxonomy invalid; 70 internal error.
    """
    from kwmatch.api import Options, Scorer
    from kwmatch.errors import InputError
    from kwmatch.render.common import pct
    from kwmatch.thresholds import verdict

    failures = verdict(fail_under or [], fail_on_missing or [])
    scorer = Scorer(taxonomy)
    limits = limits_from(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(pdf_engine=pdf_engine, password=password, limits=limits)
    worst = ExitCode.OK
    for resume in resumes:
        try:
            report = scorer.score_file(resume, options)
        except InputError as exc:
            err(str(exc))
            worst = max(worst, ExitCode.INPUT)
            continue
        failed = failures(report, scorer.taxonomy)
        status = "FAIL" if failed else "ok"
        typer.echo(
            f"{status:4} {resume}: overall {pct(report.overall)}"
            + "".join(f"; {failure}" for failure in failed)
        )
        if failed and worst == ExitCode.OK:
            worst = ExitCode.BELOW_THRESHOLD
    raise typer.Exit(int(worst))

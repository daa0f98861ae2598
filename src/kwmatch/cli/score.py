"""``kwmatch score``, ``check`` and ``schema``: one resume, several against thresholds,
the report's JSON Schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kwmatch.cli._util import (
    AsOfOpt,
    ColorOpt,
    FailOnHiddenTextOpt,
    MaxCharsOpt,
    MaxPagesOpt,
    MaxRatioOpt,
    MaxSizeOpt,
    MaxUnzippedOpt,
    PasswordOpt,
    PdfEngineOpt,
    RedactOpt,
    StdinNameOpt,
    TaxonomyOpt,
    TimeoutOpt,
    day,
    err,
    limits_from,
    read_resume,
    role_scorer,
    stdin_name,
    terminal_width,
    wants_color,
    write,
)
from kwmatch.errors import ExitCode
from kwmatch.render import OutputFormat
from kwmatch.render.common import JUNIT_PASS_MARK

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
        help="Exit 1 when this concept or set has no evidence: its id (python) or its "
        "label (Python), in any case; a set passes with any member. Repeatable.",
    ),
]


def score(
    resume: Annotated[
        Path,
        typer.Argument(
            help="The resume: PDF, DOCX, TXT or Markdown; '-' reads it from standard input.",
            show_default=False,
        ),
    ],
    format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output: table (for people), json, markdown (for CI summaries), junit "
            "(JUnit XML: a test case per rule and per responsibility) or html (one "
            "self-contained page with charts).",
        ),
    ] = "table",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the report to this file ('-' for stdout)."),
    ] = None,
    fail_under: FailUnderOpt = None,
    fail_on_missing: FailOnMissingOpt = None,
    junit_pass_mark: Annotated[
        float,
        typer.Option(
            "--junit-pass-mark",
            min=0.0,
            max=1.0,
            help="JUnit: a responsibility's test case passes from this coverage on.",
        ),
    ] = JUNIT_PASS_MARK,
    timestamp: Annotated[
        bool,
        typer.Option(
            "--timestamp",
            help="JUnit: stamp every suite with the time of the run (UTC, ISO 8601); "
            "without it the same resume gives the same bytes.",
        ),
    ] = False,
    name: StdinNameOpt = None,
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
    as_of: AsOfOpt = None,
    color: ColorOpt = None,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
    fail_on_hidden_text: FailOnHiddenTextOpt = False,
) -> None:
    """Score one resume against the role: coverage per level and specialization, the
    evidence for every hit and the missing concepts.

    With --job, the role is a job posting: the report covers its required and preferred
    groups (or its levels) and lists the keywords the resume lacks.

    Exit codes: 0 ok; 1 a --fail-under threshold not met; 2 usage error; 3 the resume
    could not be read; 4 taxonomy invalid; 70 internal error.
    """
    from kwmatch.api import Options
    from kwmatch.render import render
    from kwmatch.thresholds import failures, judge

    rules = judge(fail_under or [], fail_on_missing or [], fail_on_hidden_text)
    stdin_name(name, [resume])
    scorer = role_scorer(job, taxonomy, pdf_engine)
    limits = limits_from(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(
        pdf_engine=pdf_engine, password=password, redact=redact, limits=limits, as_of=day(as_of)
    )
    report = read_resume(scorer, resume, name, options)
    verdicts = rules(report, scorer.taxonomy)
    stamp = _utc_now() if timestamp else None
    text = render(
        report,
        format,
        color=wants_color(output, color),
        width=terminal_width(output),
        verdicts=verdicts,
        pass_mark=junit_pass_mark,
        timestamp=stamp,
    )
    write(text, output)
    failed = failures(verdicts)
    for failure in failed:
        err(failure)
    if failed:
        raise typer.Exit(int(ExitCode.BELOW_THRESHOLD))


def _utc_now() -> str:
    """Now in UTC, to the second, without an offset: the form of JUnit's timestamp."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="The schema of a line of `batch --out` instead (a report or an error record; "
            "the report's schema inside it).",
        ),
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="The schema of `explain --format json` instead."),
    ] = False,
) -> None:
    """Print the JSON Schema of the report that `score --format json` writes."""
    from kwmatch.batch.records import record_schema_text
    from kwmatch.errors import UsageError
    from kwmatch.report import report_schema_text

    if record and explain:
        raise UsageError("--record and --explain: give one or the other")
    if explain:
        from kwmatch.explain import explain_schema_text

        write(explain_schema_text(), output)
        return
    write(record_schema_text() if record else report_schema_text(), output)


def check(
    resumes: Annotated[
        list[Path],
        typer.Argument(
            help="One or more resumes; '-' reads one from standard input.", show_default=False
        ),
    ],
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="As for score: 0.6, or NAME=0.5. Repeatable."),
    ] = None,
    fail_on_missing: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on-missing", help="As for score: a concept's id or label. Repeatable."
        ),
    ] = None,
    name: StdinNameOpt = None,
    taxonomy: TaxonomyOpt = None,
    pdf_engine: PdfEngineOpt = "pdfium",
    password: PasswordOpt = None,
    as_of: AsOfOpt = None,
    max_size: MaxSizeOpt = None,
    max_pages: MaxPagesOpt = None,
    max_chars: MaxCharsOpt = None,
    max_unzipped: MaxUnzippedOpt = None,
    max_ratio: MaxRatioOpt = None,
    timeout: TimeoutOpt = None,
    fail_on_hidden_text: FailOnHiddenTextOpt = False,
) -> None:
    """Check several resumes against thresholds, one line each (for pre-commit and CI).

    Exit codes: 0 every resume passes; 1 a threshold not met (or, with
    --fail-on-hidden-text, a resume holds hidden text); 2 usage error; 3 a resume could
    not be read; 4 taxonomy invalid; 70 internal error.
    """
    from kwmatch.api import Options, Scorer
    from kwmatch.errors import InputError
    from kwmatch.render.common import pct
    from kwmatch.thresholds import failures, judge

    rules = judge(fail_under or [], fail_on_missing or [], fail_on_hidden_text)
    stdin_name(name, resumes)
    scorer = Scorer(taxonomy)
    limits = limits_from(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(pdf_engine=pdf_engine, password=password, limits=limits, as_of=day(as_of))
    worst = ExitCode.OK
    for resume in resumes:
        try:
            report = read_resume(scorer, resume, name, options)
        except InputError as exc:
            err(str(exc))
            worst = max(worst, ExitCode.INPUT)
            continue
        failed = failures(rules(report, scorer.taxonomy))
        status = "FAIL" if failed else "ok"
        typer.echo(
            f"{status:4} {report.data['input']['path']}: overall {pct(report.overall)}"
            + "".join(f"; {failure}" for failure in failed)
        )
        if failed and worst == ExitCode.OK:
            worst = ExitCode.BELOW_THRESHOLD
    raise typer.Exit(int(worst))

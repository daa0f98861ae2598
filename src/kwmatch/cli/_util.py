"""What the commands share: the one-line error, writing an output, and the options that
several commands take (taxonomy, PDF engine, password, redaction, input limits)."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kwmatch.errors import UsageError
from kwmatch.ingest import PdfEngine
from kwmatch.limits import DEFAULT_LIMITS, MIB, Limits, parse_size

if TYPE_CHECKING:
    from kwmatch.api import Options, Scorer
    from kwmatch.ingest import Document
    from kwmatch.report import Report

#: The resume argument that means standard input.
STDIN = "-"
#: The report's path for a resume read from standard input without --name.
STDIN_NAME = "<stdin>"


def err(message: str) -> None:
    """Print one error line on stderr."""
    typer.echo(f"kwmatch: error: {message}", err=True)


def write(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (a file), or to stdout when it is None or "-"."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def to_terminal(output: str | None) -> bool:
    """Whether the output goes to a terminal (colour and width follow it)."""
    return output in (None, "-") and sys.stdout.isatty()


#: The narrowest table drawn, whatever the terminal says; and the width when nothing says.
MIN_WIDTH, DEFAULT_WIDTH = 40, 100


def terminal_width(output: str | None) -> int:
    """Columns for the tables: ``COLUMNS`` when set, else the terminal's when the output
    is one, else :data:`DEFAULT_WIDTH`."""
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(MIN_WIDTH, int(columns))
    if to_terminal(output):
        return max(MIN_WIDTH, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def wants_color(output: str | None, flag: bool | None) -> bool:
    """Colour: ``--color/--no-color`` first, then ``NO_COLOR`` (any value: none) and
    ``FORCE_COLOR`` (any value: colour, into a pipe too), then whether it is a terminal."""
    import os

    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return to_terminal(output)


ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the table (default: when a terminal; NO_COLOR and FORCE_COLOR are honoured).",
    ),
]
StdinNameOpt = Annotated[
    str | None,
    typer.Option(
        "--name",
        help="With '-': the path the report gives the resume read from standard input "
        f"(default: {STDIN_NAME}); its ending (.md) tells Markdown from plain text.",
        show_default=False,
    ),
]


def stdin_name(name: str | None, resumes: Sequence[Path]) -> None:
    """Refuse a --name without '-', and '-' twice (standard input is read once)."""
    reads = sum(str(resume) == STDIN for resume in resumes)
    if reads > 1:
        raise UsageError("'-' (standard input) can be given once")
    if name is not None and not reads:
        raise UsageError("--name names the resume read from standard input: give '-' too")


def role_scorer(job: Path | None, taxonomy: str | None, pdf_engine: PdfEngine) -> Scorer:
    """The scorer of ``--job`` (its taxonomy drafted from the posting) or of
    ``--taxonomy`` (the shipped one when neither is given); both at once is a usage error."""
    from kwmatch.api import Scorer

    if job is not None and taxonomy is not None:
        raise UsageError("--job and --taxonomy: give one or the other")
    return Scorer.from_job(job, pdf_engine=pdf_engine) if job is not None else Scorer(taxonomy)


def read_resume(scorer: Scorer, resume: Path, name: str | None, options: Options) -> Report:
    """Score ``resume``, or the bytes of standard input when it is '-', under the limits."""
    if str(resume) != STDIN:
        return scorer.score_file(resume, options)
    return scorer.score_read(read_input(resume, name, options), options)


def read_input(resume: Path, name: str | None, options: Options) -> Document:
    """Read ``resume``, or the bytes of standard input when it is '-', under the limits."""
    from kwmatch.api import read_file

    if str(resume) != STDIN:
        return read_file(resume, options)
    from kwmatch.ingest import document_from_bytes
    from kwmatch.limits import bounded

    shown = name or STDIN_NAME
    data = sys.stdin.buffer.read(options.limits.max_bytes + 1)
    with bounded(shown, options.limits):
        return document_from_bytes(
            data,
            shown,
            pdf_engine=options.pdf_engine,
            password=options.password,
            limits=options.limits,
        )


TaxonomyOpt = Annotated[
    str | None,
    typer.Option(
        "--taxonomy",
        "-t",
        help="A taxonomy YAML file, or the name of a shipped one (default: ml-engineer).",
    ),
]
PdfEngineOpt = Annotated[
    PdfEngine,
    typer.Option(
        "--pdf-engine",
        help="PDF text engine: pdfium (fast, default) or pdfminer (layout analysis).",
    ),
]
PasswordOpt = Annotated[
    str | None, typer.Option("--password", help="Password of an encrypted PDF.")
]
AsOfOpt = Annotated[
    datetime.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="The reading date (YYYY-MM-DD): 'Present' in a resume means at most this day "
        "(the resume's own date of writing comes first) [default: today].",
        show_default=False,
    ),
]
RedactOpt = Annotated[
    bool, typer.Option("--redact", help="Mask emails, phone numbers and URLs in snippets.")
]
FailOnHiddenTextOpt = Annotated[
    bool,
    typer.Option(
        "--fail-on-hidden-text",
        help="Exit 1 when a resume holds text a reader cannot see (keyword stuffing).",
    ),
]
# Limits against hostile files (kwmatch.ingest.Limits); None keeps the default there.
MaxSizeOpt = Annotated[
    str | None,
    typer.Option(
        "--max-size",
        help="Refuse files larger than this (e.g. 20MB, 512KB) "
        f"[default: {DEFAULT_LIMITS.max_bytes // MIB}MB].",
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
        f"[default: {DEFAULT_LIMITS.max_docx_uncompressed // MIB}MB].",
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
MaxMemoryOpt = Annotated[
    str | None,
    typer.Option(
        "--max-memory",
        help="Cap each worker process's memory (e.g. 2GB); a file that needs more fails "
        "alone. Default: no cap.",
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


def limits_from(
    max_size: str | None = None,
    max_pages: int | None = None,
    max_chars: int | None = None,
    max_unzipped: str | None = None,
    max_ratio: float | None = None,
    timeout: float | None = None,
    max_memory: str | None = None,
) -> Limits:
    """The limits the options ask for, over the defaults of :mod:`kwmatch.limits`."""
    changes: dict[str, Any] = {}
    for flag, field, size in (
        ("--max-size", "max_bytes", max_size),
        ("--max-unzipped", "max_docx_uncompressed", max_unzipped),
        ("--max-memory", "max_memory", max_memory),
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


def day(value: datetime.datetime | None) -> datetime.date | None:
    """The date of a ``--as-of`` value."""
    return value.date() if value is not None else None

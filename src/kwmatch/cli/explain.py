"""``kwmatch explain``: every candidate hit of a concept in one resume, and why it counted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from kwmatch.cli._util import (
    AsOfOpt,
    ColorOpt,
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
    limits_from,
    read_input,
    role_scorer,
    stdin_name,
    terminal_width,
    wants_color,
    write,
)

ExplainFormat = Literal["table", "json"]


def explain(
    resume: Annotated[
        Path,
        typer.Argument(
            help="The resume: PDF, DOCX, TXT or Markdown; '-' reads it from standard input.",
            show_default=False,
        ),
    ],
    concepts: Annotated[
        list[str] | None,
        typer.Argument(
            help="Concepts to explain: an id (python) or a label (Python), in any case, as "
            "--fail-on-missing takes them; a set stands for its members. None: every "
            "concept with a candidate hit.",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        ExplainFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output: table (for people) or json (for taxonomy authors; "
            "`kwmatch schema --explain` prints its schema).",
        ),
    ] = "table",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to this file ('-' for stdout)."),
    ] = None,
    name: StdinNameOpt = None,
    taxonomy: TaxonomyOpt = None,
    job: Annotated[
        Path | None,
        typer.Option(
            "--job",
            help="A job posting to explain against instead of --taxonomy, drafted as "
            "`score --job` drafts it.",
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
) -> None:
    """Every candidate hit of CONCEPT in the resume, and why it counted or not.

    For each place a rung of the match ladder (exact, alias, lemma, near, guarded,
    fuzzy, evidence) found the concept: its page, line and snippet, whether it counts
    (exactly the hits `score` reports with the same options) and why: the cue word or
    the one it lacks, the not_in pattern or not_near word that voids it, the fuzzy
    distance and the edits allowed, a copy that adds nothing, where a counted hit stands
    and what it is worth there. A concept named without any candidate gets what cheap
    checks say: its name only inside another word, the closest word of the text, or
    nothing of it in the text.

    Exit codes: 0 ok; 2 usage error (an unknown concept: the closest ids are named);
    3 the resume could not be read; 4 taxonomy invalid; 70 internal error.
    """
    from kwmatch.api import Options
    from kwmatch.explain import explain_read, resolve_concepts

    stdin_name(name, [resume])
    scorer = role_scorer(job, taxonomy, pdf_engine)
    asked = concepts or []
    resolve_concepts(scorer.taxonomy, asked)  # an unknown concept fails before any reading
    limits = limits_from(max_size, max_pages, max_chars, max_unzipped, max_ratio, timeout)
    options = Options(
        pdf_engine=pdf_engine, password=password, redact=redact, limits=limits, as_of=day(as_of)
    )
    explanation = explain_read(scorer, read_input(resume, name, options), options, asked)
    if format == "json":
        write(explanation.to_json(), output)
        return
    from kwmatch.render.table import render_explanation

    text = render_explanation(
        explanation.data, color=wants_color(output, color), width=terminal_width(output)
    )
    write(text, output)

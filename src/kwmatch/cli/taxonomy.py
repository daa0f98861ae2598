"""``kwmatch taxonomy``: draft a taxonomy from a job posting, check one, show one.

Each command parses its arguments and calls the library: ``extract`` calls
:func:`kwmatch.draft.extract`, ``validate`` :func:`kwmatch.taxonomy.check_taxonomy`,
``show`` :func:`kwmatch.render.table.render_tree` (or :mod:`kwmatch.render.outline`),
which return the text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Literal

import typer

from kwmatch.cli._util import PdfEngineOpt, err, to_terminal, write
from kwmatch.errors import ExitCode

ShowFormat = Literal["table", "json", "ids"]
#: Width and height of the tables when the output is no terminal.
_FALLBACK_SIZE = (120, 24)

HELP = (
    "Draft a taxonomy from a job posting (extract), check a taxonomy file (validate), "
    "or show one as tables, JSON or ids (show).\n\n"
    "Exit codes: 0 ok; 2 usage error; 3 the posting could not be read; 4 taxonomy invalid."
)


def extract(
    posting: Annotated[
        Path,
        typer.Argument(
            help="The job posting or role description: PDF, DOCX, TXT or Markdown.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the draft YAML here ('-' for stdout)."),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="The taxonomy whose concepts and aliases are reused: a YAML file or a "
            "shipped name (default: ml-engineer).",
        ),
    ] = None,
    pdf_engine: PdfEngineOpt = "pdfium",
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line on stderr.")
    ] = False,
) -> None:
    """Draft a taxonomy from a job posting or a role description.

    Headings decide the levels (entry, mid, senior) and the specializations, or the
    required and preferred groups; bullets become responsibilities; key phrases
    (technology names, acronyms, noun phrases) become concepts, with the aliases the
    known taxonomy has for them. Calls to action, testimonials, navigation,
    equal-opportunity, benefits and salary lines are left out. Review the draft, then
    check it with `kwmatch taxonomy validate`.

    Exit codes: 0 ok; 2 usage error; 3 the posting could not be read or holds no list of
    responsibilities or requirements; 4 the --base taxonomy is invalid.
    """
    from kwmatch.draft import extract as draft_taxonomy

    draft = draft_taxonomy(posting, base=base, pdf_engine=pdf_engine)
    write(draft.to_yaml(), output)
    if not quiet:
        typer.echo(f"kwmatch: {draft.summary()}", err=True)


def validate(
    file: Annotated[
        str,
        typer.Argument(
            help="A taxonomy YAML file (or the name of a shipped one).", show_default=False
        ),
    ],
) -> None:
    """Check a taxonomy file: every problem on a line of its own, naming the path of the
    field and its line.

    Exit codes: 0 valid; 4 invalid, missing, or not a YAML file.
    """
    from kwmatch.errors import TaxonomyError
    from kwmatch.taxonomy import check_taxonomy

    try:
        taxonomy = check_taxonomy(file)
    except TaxonomyError as exc:
        for problem in exc.problems:
            err(f"{exc.source}: {problem}")
        raise typer.Exit(int(ExitCode.TAXONOMY)) from None
    responsibilities = sum(len(g.responsibilities) for g in taxonomy.groups)
    typer.echo(
        f"{file}: valid taxonomy {taxonomy.id!r} (format {taxonomy.version}): "
        f"{len(taxonomy.concepts)} concepts, "
        + (f"{len(taxonomy.sets)} sets, " if taxonomy.sets else "")
        + f"{responsibilities} responsibilities "
        f"in {len(taxonomy.groups)} groups"
    )


def show(
    file: Annotated[
        str | None,
        typer.Argument(
            help="A taxonomy YAML file or the name of a shipped one (default: ml-engineer).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the tables to this file ('-' for stdout)."),
    ] = None,
    format: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (for people), json (the concepts, sets and groups as data) or ids "
            "(every concept and set id, one per line: what --fail-on-missing takes).",
        ),
    ] = "table",
    width: Annotated[
        int | None,
        typer.Option("--width", help="Width of the tables (default: the terminal's, or 120)."),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Colour the tables (default: when a terminal)."),
    ] = None,
) -> None:
    """Show a taxonomy as tables: its groups (core, levels, specializations, free groups)
    with their responsibilities and concepts, then every concept with its aliases, then
    the sets; or as JSON, or as its ids.

    Exit codes: 0 ok; 4 taxonomy invalid or missing.
    """
    from kwmatch.render.outline import render_taxonomy_ids, render_taxonomy_json
    from kwmatch.render.table import render_tree
    from kwmatch.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(file)
    if format != "table":
        write((render_taxonomy_json if format == "json" else render_taxonomy_ids)(taxonomy), output)
        return
    terminal = to_terminal(output)
    columns = width or (
        shutil.get_terminal_size(_FALLBACK_SIZE).columns if terminal else _FALLBACK_SIZE[0]
    )
    text = render_tree(taxonomy, color=terminal if color is None else color, width=columns)
    write(text, output)

"""``kwmatch taxonomy``: draft a taxonomy from a job posting, check one, show one.

Each command parses its arguments and calls the library: ``extract`` calls
:func:`kwmatch.extract.extract`, ``validate`` :func:`kwmatch.taxonomy.parse_taxonomy`,
``show`` :func:`kwmatch.ui.render_tree`, which returns the text. :mod:`kwmatch.cli` registers
:data:`taxonomy_app` at its end, and errors go through its ``_guard``: a one-line message
and an exit code.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from kwmatch.taxonomy import Taxonomy

#: Defined before the import of kwmatch.cli below, which registers it on the main app:
#: whichever of the two modules is imported first, the other then finds what it needs.
taxonomy_app = typer.Typer(
    name="taxonomy",
    help="Draft a taxonomy from a job posting (extract), check a taxonomy file (validate), "
    "or show one as tables (show).\n\n"
    "Exit codes: 0 ok; 2 usage error; 3 the posting could not be read; 4 taxonomy invalid.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

from kwmatch.cli import PdfEngineOpt, _err, _guard, _write  # noqa: E402  (see taxonomy_app)
from kwmatch.errors import ExitCode  # noqa: E402


@taxonomy_app.command()
@_guard
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
    from kwmatch.errors import UsageError
    from kwmatch.extract import extract as draft_taxonomy
    from kwmatch.ingest import PDF_ENGINES

    if pdf_engine not in PDF_ENGINES:
        raise UsageError(f"--pdf-engine {pdf_engine!r}: choose from {', '.join(PDF_ENGINES)}")
    draft = draft_taxonomy(posting, base=base, pdf_engine=pdf_engine)  # type: ignore[arg-type]
    _write(draft.to_yaml(), output)
    if not quiet:
        typer.echo(f"kwmatch: {draft.summary()}", err=True)


@taxonomy_app.command()
@_guard
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

    try:
        taxonomy = check_taxonomy(file)
    except TaxonomyError as exc:
        for problem in exc.problems:
            _err(f"{exc.source}: {problem}")
        raise typer.Exit(int(ExitCode.TAXONOMY)) from None
    responsibilities = sum(len(g.responsibilities) for g in taxonomy.groups)
    typer.echo(
        f"{file}: valid taxonomy {taxonomy.id!r} (format {taxonomy.version}): "
        f"{len(taxonomy.concepts)} concepts, "
        + (f"{len(taxonomy.sets)} sets, " if taxonomy.sets else "")
        + f"{responsibilities} responsibilities "
        f"in {len(taxonomy.groups)} groups"
    )


@taxonomy_app.command()
@_guard
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
    with their responsibilities and concepts, then every concept with its aliases.

    Exit codes: 0 ok; 4 taxonomy invalid or missing.
    """
    from kwmatch.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(file)
    to_terminal = output in (None, "-") and sys.stdout.isatty()
    columns = width or (shutil.get_terminal_size((120, 24)).columns if to_terminal else 120)
    from kwmatch.ui import render_tree

    text = render_tree(taxonomy, color=to_terminal if color is None else color, width=columns)
    _write(text, output)


def check_taxonomy(source: str) -> Taxonomy:
    """Load and fully validate a taxonomy: a file, or a shipped one by name.

    A shipped taxonomy is loaded without its JSON Schema pass to save start-up time;
    checking one by name runs that pass too.
    """
    from importlib import resources

    from kwmatch.taxonomy import load_taxonomy, parse_taxonomy, shipped_taxonomies

    path = Path(source)
    if not path.exists() and source in shipped_taxonomies():
        raw = resources.files("kwmatch.taxonomies").joinpath(f"{source}.yaml").read_bytes()
        return parse_taxonomy(raw, f"package:{source}")
    return load_taxonomy(path if path.suffix else source)

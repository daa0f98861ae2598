"""The ``kwmatch`` command: parses arguments, calls the library, prints, exits.

Each command is a thin Typer function in a module of its own (:mod:`.score`, :mod:`.batch`,
:mod:`.taxonomy`) over a library function that returns data. They are registered here,
each through :func:`_guarded`: the one place where exceptions become exit codes. Nothing
in the library imports this package.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from kwmatch._version import __version__
from kwmatch.cli import batch, config, explain, score, taxonomy
from kwmatch.cli._util import err
from kwmatch.errors import ExitCode, KwmatchError

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 a --fail-under threshold not met; 2 usage error; "
    "3 an input could not be read; 4 taxonomy invalid; 5 batch finished but some inputs "
    "failed; 70 internal error (a bug: please report the traceback); 130 interrupted."
)

F = TypeVar("F", bound=Callable[..., Any])
#: Click's exceptions as the installed Typer raises them (Typer 0.29 ships its own copy of
#: click, older releases use click itself): the module that defines ``typer.BadParameter``.
_clicks: Any = importlib.import_module(typer.BadParameter.__module__)


def _guarded(command: F) -> F:
    """Turn kwmatch's own errors into a one-line message and their exit code, Ctrl-C into
    130, and any other exception (a bug) into its traceback and 70."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KwmatchError as exc:
            err(str(exc))
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            err("interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as exc:
            traceback.print_exc()
            err(f"internal error, please report it with the traceback above: {exc!r}")
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    # functools.wraps keeps the signature that Typer reads the options from.
    return wrapper  # type: ignore[return-value]


class _OneLineErrors(TyperGroup):
    """Click's usage errors (an unknown option, a value that is not one of the choices) as
    one line, like every other error of kwmatch, with exit code 2."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Defaults: the command line, then KWMATCH_<COMMAND>_<OPTION>, then [tool.kwmatch]
        # of the nearest pyproject.toml, then the built-in ones (click ranks them).
        kwargs.setdefault("auto_envvar_prefix", config.ENV_PREFIX)
        for param in self.params:
            # --version and the completion options act at once: a KWMATCH_VERSION
            # variable (a CI job's own, say) must not stop every command.
            param.allow_from_autoenv = False  # type: ignore[attr-defined]
            param.show_envvar = False  # type: ignore[attr-defined]
        if "default_map" not in kwargs:
            try:
                kwargs["default_map"] = config.default_map(self, Path.cwd())
            except KwmatchError as exc:
                err(str(exc))
                sys.exit(int(exc.exit_code))
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
        except _clicks.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # the help text itself
                sys.exit(exc.exit_code)
            hint = ""
            if isinstance(exc, _clicks.UsageError) and exc.ctx is not None:
                hint = f" (see '{exc.ctx.command_path} --help')"
                hint = _default_source(exc) or hint
            err(exc.format_message().replace("Value error, ", "") + hint)
            sys.exit(exc.exit_code)
        except typer.Abort:  # Typer's own; its copy of click has no Abort
            err("interrupted")
            sys.exit(int(ExitCode.INTERRUPTED))
        sys.exit(code if isinstance(code, int) else 0)


def _default_source(exc: Any) -> str:
    """Where a bad value came from when the command line did not give it: the variable,
    or the project's pyproject.toml."""
    param, ctx = getattr(exc, "param", None), exc.ctx
    name = getattr(param, "name", None)
    source = ctx.get_parameter_source(name) if name else None
    if source is None or name is None:
        return ""
    if source.name == "ENVIRONMENT":
        variable = f"{ctx.auto_envvar_prefix}_{name.upper()}"
        return f" (from the environment variable {variable})"
    if source.name == "DEFAULT_MAP":
        found = config.find_pyproject(Path.cwd())
        return f" (from [tool.kwmatch] in {found})"
    return ""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kwmatch {__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="kwmatch",
    cls=_OneLineErrors,
    help="How well a resume covers a role, offline: coverage per seniority level and "
    "specialization, with the evidence for every hit.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion and --show-completion, and the _KWMATCH_COMPLETE variable that
    # the installed script sets: Typer's completion, offline.
    add_completion=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """How well a resume covers a role."""


app.command()(_guarded(score.score))
app.command()(_guarded(score.schema))
app.command()(_guarded(score.check))
app.command()(_guarded(explain.explain))
app.command()(_guarded(batch.batch))

taxonomy_app = typer.Typer(
    name="taxonomy",
    help=taxonomy.HELP,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
taxonomy_app.command()(_guarded(taxonomy.extract))
taxonomy_app.command()(_guarded(taxonomy.validate))
taxonomy_app.command()(_guarded(taxonomy.show))
app.add_typer(taxonomy_app, name="taxonomy")


def main() -> None:
    """Console-script entry point.

    Ends the process with ``os._exit`` once the command is done and its output flushed:
    tearing down the interpreter after spaCy and numpy were imported costs about 0.15 s,
    a fifth of a one-file run, and nothing of kwmatch's needs it (files are closed and
    worker pools shut down by the commands themselves).
    """
    code = 0
    try:
        # The same name (usage lines, completion variable) for `python -m kwmatch`.
        app(prog_name="kwmatch")
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

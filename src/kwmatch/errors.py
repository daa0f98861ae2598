"""The one exception tree of kwmatch.

Library code raises these; only :mod:`kwmatch.cli` turns them into a one-line message
and an exit code (see :class:`ExitCode`).
"""

from __future__ import annotations

import enum
import os
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Process exit codes: a contract with CI pipelines, documented in README and ``--help``."""

    OK = 0
    BELOW_THRESHOLD = 1
    USAGE = 2
    INPUT = 3
    TAXONOMY = 4
    BATCH_PARTIAL = 5
    INTERNAL = 70
    """A bug in kwmatch (EX_SOFTWARE in sysexits.h): the traceback is printed."""
    INTERRUPTED = 130
    """Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)."""


#: A taxonomy error's one line names this many problems at most.
_PROBLEMS_SHOWN = 5
#: A library's error message is cut to this many characters in kwmatch's one line.
_REASON_SHOWN = 80


def short_reason(exc: BaseException) -> str:
    """A library exception's message, cut to fit in a one-line error."""
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= _REASON_SHOWN else text[: _REASON_SHOWN - 1] + "…"


def shown_path(path: str | Path) -> str:
    """A path as kwmatch prints and records it: a name that is not valid UTF-8 (bytes
    that ``os`` decoded as surrogates) gets replacement characters, so that it can be
    written anywhere; the file itself is still opened by its real name."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "replace")
    return text


class KwmatchError(Exception):
    """Root of every error kwmatch raises on purpose."""

    exit_code: ExitCode = ExitCode.USAGE


class InputError(KwmatchError):
    """An input file could not be read or holds no usable text."""

    exit_code = ExitCode.INPUT

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = shown_path(path)
        self.problem = " ".join(problem.split())  # one line, whatever a library said
        super().__init__(f"{self.path}: {problem}")


class TaxonomyError(KwmatchError):
    """A taxonomy file is missing, malformed or of an unknown version."""

    exit_code = ExitCode.TAXONOMY

    def __init__(self, source: str | Path, problems: list[str] | str) -> None:
        self.source = str(source)
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        shown = "; ".join(self.problems[:_PROBLEMS_SHOWN])
        extra = len(self.problems) - _PROBLEMS_SHOWN
        more = f" (+{extra} more)" if extra > 0 else ""
        super().__init__(f"{self.source}: {shown}{more}")


class UsageError(KwmatchError):
    """Options that do not fit together or do not name anything known."""

    exit_code = ExitCode.USAGE


class BatchError(KwmatchError):
    """A batch that had to stop before its end (a full disk, no worker left): what was
    done stays in the results file, valid, and ``--resume`` completes it."""

    exit_code = ExitCode.BATCH_PARTIAL

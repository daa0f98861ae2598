"""Bounds that keep one hostile file from taking the whole process with it.

:class:`Limits` says how much a file may cost (bytes, pages, characters, archive sizes,
seconds, memory). :func:`time_limit` stops work on a file that takes too long (a parser
caught in a loop); :func:`cap_memory` bounds the address space of a worker process, so a
file that makes a parser allocate without end fails that file with :class:`MemoryError`
instead of taking the machine down; :func:`bounded` does both for one file, the one
guarded call every entry point uses. They degrade to doing nothing where the platform
cannot do them (Windows, a thread other than the main one), and say so through their
return values.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kwmatch.errors import InputError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile file from exhausting time or memory."""

    max_bytes: int = 20 * MIB
    """Largest input file read, in bytes."""
    max_pages: int = 50
    """Most PDF pages read; a longer document is refused (resumes are short)."""
    max_chars: int = 500_000
    """Most characters kept from one document; the rest is cut with a warning. The
    longest resume of the evaluation corpus has about 20,000."""
    max_docx_uncompressed: int = 100 * MIB
    """Largest total uncompressed size of a DOCX archive (zip bombs)."""
    max_docx_ratio: float = 200.0
    """Largest compression ratio of any DOCX member over 1 MB (zip bombs)."""
    timeout: float | None = 60.0
    """Most seconds spent reading and scoring one file (a parser that hangs); None for
    no limit. Enforced by :func:`time_limit` in the main thread only."""
    max_memory: int | None = None
    """Address space, in bytes, a batch worker process may use (None: no cap); applied
    by :func:`cap_memory` when the worker starts."""


DEFAULT_LIMITS = Limits()

#: After the first alarm, how often it fires again, in case a parser swallowed it.
_REPEAT = 0.25


class _Expired(BaseException):
    """Raised by the alarm: a BaseException, so that a parser's ``except Exception`` lets
    it through on its way back to :func:`time_limit`."""


def can_time_limit() -> bool:
    """Whether :func:`time_limit` can interrupt work here: POSIX, in the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def time_limit_message(seconds: float) -> str:
    """The problem reported for a file that ran out of time."""
    return f"took longer than {seconds:g} s to read (time limit; raise it with --timeout)"


@contextmanager
def time_limit(seconds: float | None, path: str | Path) -> Iterator[None]:
    """Raise :class:`InputError` naming ``path`` when the block runs longer than ``seconds``.

    Uses ``SIGALRM`` (``signal.setitimer``), so it works only in the main thread of a
    POSIX process; elsewhere, and when ``seconds`` is None or not positive, the block runs
    without a limit. Nesting is allowed: an outer limit that falls due first still fires
    (with this block's message) and is re-armed with its remaining time on the way out.

    The alarm interrupts Python code (pdfminer, the matcher) between two bytecodes; it
    cannot stop a C function (PDFium, lxml) until that function returns.
    """
    if seconds is None or seconds <= 0 or not can_time_limit():
        yield
        return
    armed = True
    expired = False

    def on_alarm(signum: int, frame: object) -> None:
        nonlocal expired
        if armed:
            expired = True
            raise _Expired()

    started = time.monotonic()
    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, 0)
    delay = min(seconds, outer_delay) if outer_delay > 0 else seconds
    try:
        signal.setitimer(signal.ITIMER_REAL, delay, _REPEAT)
        try:
            yield
        finally:
            armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise InputError(path, time_limit_message(seconds)) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_delay > 0:
            remaining = outer_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001), outer_interval)
    if expired:
        # The alarm fired but something swallowed it and the block went on to finish:
        # its result may be cut short, so the file still counts as timed out.
        raise InputError(path, time_limit_message(seconds))


def address_space_in_use() -> int | None:
    """Bytes of virtual address space this process uses now (Linux only; else None)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import resource

    return pages * resource.getpagesize()


def cap_memory(limit_bytes: int | None) -> bool:
    """Cap this process's address space (``RLIMIT_AS``) at ``limit_bytes``.

    Meant for a batch worker, right after it starts: past the cap, allocations fail and
    the file being read fails with :class:`MemoryError` (which
    :meth:`kwmatch.api.Scorer.score_file` turns into an :class:`InputError`). Only the
    soft limit is lowered, never the hard one. Returns False and changes nothing when
    ``limit_bytes`` is None, the platform has no ``resource`` module (Windows), or the
    cap is below what the process already uses (it would fail at once).
    """
    if limit_bytes is None or limit_bytes <= 0:
        return False
    try:
        import resource
    except ImportError:
        return False
    in_use = address_space_in_use()
    if in_use is not None and limit_bytes <= in_use:
        return False
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and limit_bytes > hard:
        limit_bytes = hard
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, hard))
    except (ValueError, OSError):
        return False
    return True


_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?\s*", re.I)
_UNIT = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def parse_size(text: str) -> int:
    """Bytes from a size written as ``20000000``, ``20MB``, ``512k`` or ``2GiB``.

    Units are powers of 1024 (a "MB" here is a mebibyte, as ``ls -h`` reads it).
    Raises ValueError for anything else.
    """
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a size: {text!r} (write e.g. 20MB, 512KB or 1048576)")
    number, unit = float(match.group(1)), (match.group(2) or "").lower()
    return int(number * 1024 ** _UNIT[unit])


OUT_OF_MEMORY = "ran out of memory while reading it (memory cap)"


@contextmanager
def bounded(path: str | Path, limits: Limits) -> Iterator[None]:
    """The guards of one file: the block stops after ``limits.timeout`` seconds (see
    :func:`time_limit`), and running out of memory (a worker's :func:`cap_memory`) fails
    this file with an :class:`InputError` naming it, not the process."""
    try:
        with time_limit(limits.timeout, path):
            yield
    except MemoryError:
        raise InputError(path, OUT_OF_MEMORY) from None

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

import os
import pickle
import re
import select
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from kwmatch.errors import InputError

_T = TypeVar("_T")

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
    max_pdf_inflated: int | None = 256 * MIB
    """Most bytes all the Flate streams of one PDF may inflate to (decompression bombs);
    None for no limit."""
    max_docx_ratio: float = 200.0
    """Largest compression ratio of any DOCX member over 1 MB (zip bombs)."""
    timeout: float | None = 60.0
    """Most seconds spent reading and scoring one file (a parser that hangs); None for
    no limit. Enforced by :func:`time_limit` in the main thread only."""
    max_memory: int | None = None
    """Address space, in bytes, a batch worker process may use (None: no cap); applied
    by :func:`cap_memory` when the worker starts, and to the reading process of each
    file (see :func:`isolated`) in place of ``file_memory``."""
    file_memory: int | None = 1024 * MIB
    """Memory, in bytes, that reading one PDF or DOCX may take on top of what the process
    used before (None: no cap). The reading runs in a child process capped at that, so a
    file that makes a parser allocate without end fails alone, with one worker too."""
    isolate: bool = True
    """Read PDF and DOCX files in a child process that the deadline can kill (see
    :func:`isolated`): the only way to stop C code (PDFium, zlib, lxml) that runs long."""


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


READER_DIED = "the reader died while reading it ({how}): a corrupt or hostile file"
#: Bytes read from a pipe at a time.
_PIPE_BLOCK = 1 << 16
#: Bytes of the length that opens each message between parent and reading process.
_HEADER = 8
#: Set in the reading process: its own reads run in place (no grandchildren).
_IN_CHILD = False


class ReaderBug(Exception):
    """An exception that is not an input problem escaped the reading process: a bug of
    kwmatch's, re-raised in the parent with the child's traceback in its message."""


def can_isolate() -> bool:
    """Whether :func:`isolated` can run work in a child here (POSIX ``fork``)."""
    return hasattr(os, "fork") and not _IN_CHILD


def isolated(
    function: Callable[..., _T], arguments: tuple[Any, ...], path: str | Path, limits: Limits
) -> _T:
    """``function(*arguments)`` run in this process's reading process, a forked child
    that the parent can kill; ``function`` and ``arguments`` must pickle.

    The child caps its address space (``limits.max_memory``, else what it used when it
    started plus ``limits.file_memory``), and the parent kills it at ``limits.timeout``:
    native code that allocates without end or never returns (a PDF of nested forms, a
    page box of four billion points) fails this file with an :class:`InputError` naming
    it, and a new child reads the next file. A child killed by a signal (a C library
    that aborts when the cap refuses it memory, the out-of-memory killer) is an input
    error too (:data:`READER_DIED`). The child lives on between files: a fork per file
    would cost more than PDFium takes to read one, in pages copied on write.

    Runs in place where there is no ``fork`` (Windows), in the child itself, or when
    ``limits.isolate`` is off.
    """
    if not limits.isolate or not can_isolate():
        return function(*arguments)
    result: _T = _READER.call(function, arguments, path, limits)
    return result


#: The wait status of a reading process reaped by someone else (no real status is < 0).
UNKNOWN_END = -1


class _ReadingProcess:
    """The one reading child of a process, started on first use."""

    def __init__(self) -> None:
        self.pid = 0
        self.to_child = self.from_child = -1
        self.caps: tuple[int | None, int | None] = (None, None)

    def forget(self) -> None:
        """In a forked child of the owner: the pipes are the owner's, not ours."""
        for fd in (self.to_child, self.from_child):
            if fd >= 0:
                os.close(fd)
        self.__init__()  # type: ignore[misc]

    def call(
        self,
        function: Callable[..., Any],
        arguments: tuple[Any, ...],
        path: str | Path,
        limits: Limits,
    ) -> Any:
        caps = (limits.max_memory, limits.file_memory)
        if self.pid and caps != self.caps:
            self.stop()
        if not self.pid:
            self.start(limits)
            self.caps = caps
        request = pickle.dumps((function, arguments), protocol=pickle.HIGHEST_PROTOCOL)
        done = False
        try:
            _send(self.to_child, request)
            payload = _receive(self.from_child, limits.timeout, path)
            done = True
        except BrokenPipeError:
            payload = b""  # it died between two files: say how
            done = True
        finally:
            if not done:  # the deadline, Ctrl-C, the time limit's alarm
                self.stop()
        if not payload:
            status = self.reap()
            raise InputError(path, READER_DIED.format(how=_how(status)))
        message = pickle.loads(payload)
        if message[-1] == "retire":  # it grew: the next file gets a fresh one
            self.stop()
        return _outcome(message, path)

    def start(self, limits: Limits) -> None:
        requests_read, requests_write = os.pipe()
        replies_read, replies_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; its work is checked in the parent
            os.close(requests_write)
            os.close(replies_read)
            _serve(requests_read, replies_write, limits)
        os.close(requests_read)
        os.close(replies_write)
        self.pid, self.to_child, self.from_child = pid, requests_write, replies_read

    def reap(self) -> int:
        """Close the pipes and wait for the child (which has ended or is ending). The
        state is cleared first: should the wait fail (a child reaped elsewhere, as with
        SIGCHLD ignored), no closed descriptor number stays here to be closed again once
        the system has given it to another file."""
        pid, pipes = self.pid, (self.to_child, self.from_child)
        self.__init__()  # type: ignore[misc]
        for fd in pipes:
            with suppress(OSError):
                os.close(fd)
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped by someone else: how it ended is unknown
            status = UNKNOWN_END
        return status

    def stop(self) -> None:
        """Kill the child and wait for it."""
        if self.pid:
            with suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.reap()


_READER = _ReadingProcess()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_READER.forget)


def _serve(requests: int, replies: int, limits: Limits) -> None:  # pragma: no cover
    """The reading process: run each request, send its outcome, until the parent closes
    the pipe; exit without the parent's exit handlers (nor flushing its buffers again)."""
    global _IN_CHILD
    _IN_CHILD = True
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        import faulthandler

        faulthandler.disable()  # a C library that aborts is reported by the parent, in one line
        started = address_space_in_use()
        cap = limits.max_memory
        if cap is None and limits.file_memory is not None and started is not None:
            cap = started + limits.file_memory
        cap_memory(cap)
        while True:
            request = _read_message(requests)
            if request is None:
                break
            message = _run(request)
            in_use = address_space_in_use()
            grown = (
                limits.file_memory is not None
                and started is not None
                and in_use is not None
                and in_use - started > limits.file_memory // 2
            )
            try:
                data = pickle.dumps(
                    (*message, "retire" if grown else "stay"), protocol=pickle.HIGHEST_PROTOCOL
                )
            except MemoryError:
                data, grown = pickle.dumps(("memory", "retire")), True
            _send(replies, data)
            if grown:
                break
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _run(request: bytes) -> tuple[Any, ...]:  # pragma: no cover - runs in the child
    try:
        function, arguments = pickle.loads(request)
        return ("ok", function(*arguments))
    except InputError as error:
        return ("input", error.path, error.problem)
    except MemoryError:
        return ("memory",)
    except BaseException as exc:
        import traceback

        return ("bug", f"{type(exc).__name__}: {exc}", traceback.format_exc())


def _send(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(_HEADER, "big") + data)
    while view:
        view = view[os.write(fd, view) :]


def _read_message(fd: int) -> bytes | None:  # pragma: no cover - runs in the child
    header = _read_exactly(fd, _HEADER)
    if header is None:
        return None
    return _read_exactly(fd, int.from_bytes(header, "big"))


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, _PIPE_BLOCK))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, timeout: float | None, path: str | Path) -> bytes:
    """One message from the child, or b"" when it dies first; :class:`InputError` once
    ``timeout`` seconds have passed."""
    deadline = None if timeout is None or timeout <= 0 else time.monotonic() + timeout
    buffer = bytearray()
    expected: int | None = None
    while expected is None or len(buffer) < expected:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            raise InputError(path, time_limit_message(timeout or 0))
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            continue
        chunk = os.read(fd, _PIPE_BLOCK)
        if not chunk:
            return b""
        buffer += chunk
        if expected is None and len(buffer) >= _HEADER:
            expected = _HEADER + int.from_bytes(buffer[:_HEADER], "big")
    return bytes(buffer[_HEADER:])


def _how(status: int) -> str:
    if status == UNKNOWN_END:
        return "an end nobody saw (it was reaped elsewhere)"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        hint = ", most often the memory cap" if number in (signal.SIGABRT, signal.SIGSEGV) else ""
        return f"killed by {name}{hint}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _outcome(message: tuple[Any, ...], path: str | Path) -> Any:
    """The child's result, or the error it ended with."""
    kind = message[0]
    if kind == "ok":
        return message[1]
    if kind == "input":
        raise InputError(message[1], message[2])
    if kind == "memory":
        raise InputError(path, OUT_OF_MEMORY)
    raise ReaderBug(f"{message[1]} (in the reading process)\n{message[2]}")

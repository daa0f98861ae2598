"""The unit of work of a batch: files (or documents already read) in, records out.

The same functions run in the parent, in a pool worker and on a Dask worker; the scorer
(taxonomy compiled, spaCy pipeline built) is cached once per process by
:func:`kwmatch.api.cached_scorer`. A record is a plain dict, one JSON line of the results
file (:mod:`.records`).
"""

from __future__ import annotations

import hashlib
import os
import signal
import stat
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kwmatch.api import Options, Scorer, cached_scorer, read_file
from kwmatch.batch.records import Record, compact
from kwmatch.errors import ExitCode, InputError, KwmatchError, shown_path
from kwmatch.ingest import Document, load_pdf_engines
from kwmatch.limits import cap_memory
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy, load_taxonomy

_T = TypeVar("_T")
#: Frames of a bug's traceback kept in its record, the innermost last.
TRACEBACK_FRAMES = 5
#: Bytes read at a time when a file is hashed.
_HASH_BLOCK = 1 << 20


@dataclass(frozen=True)
class BatchConfig:
    """What a batch needs to score files, the same in every worker."""

    taxonomy: str | None = None
    """Taxonomy file or shipped name; None for the default."""
    options: Options = field(default_factory=Options)
    """Reading and reporting options."""
    compact: bool = False
    """Records come as :func:`kwmatch.batch.records.compact` records, serialized where
    they were scored."""


_TAXONOMIES: dict[str | None, Taxonomy] = {}


def cached_taxonomy(taxonomy: str | None) -> Taxonomy:
    """The taxonomy, loaded and validated once per process (no spaCy needed)."""
    loaded = _TAXONOMIES.get(taxonomy)
    if loaded is None:
        loaded = _TAXONOMIES[taxonomy] = load_taxonomy(taxonomy)
    return loaded


def scorer_for(config: BatchConfig) -> Scorer:
    """The scorer of this process for the batch's taxonomy."""
    return cached_scorer(config.taxonomy)


def file_sha256(path: str) -> str | None:
    """Digest of a file's bytes, or None when it cannot be read (scoring will say why)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe or device would block here; scoring says what it is
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(_HASH_BLOCK), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def error_record(path: str, sha256: str | None, error: KwmatchError) -> Record:
    """The record of a file that could not be scored."""
    message = error.problem if isinstance(error, InputError) else str(error)
    return {
        "path": shown_path(path),
        "sha256": sha256,
        "status": "error",
        "error": {"code": int(error.exit_code), "message": message},
    }


def internal_error(path: str, exc: BaseException) -> Record:
    """The record of a file that hit a bug in kwmatch: code 70, with the last frames of
    the traceback so that a user can report it."""
    frames = traceback.extract_tb(exc.__traceback__)[-TRACEBACK_FRAMES:]
    return {
        "path": shown_path(path),
        "sha256": file_sha256(path),
        "status": "error",
        "error": {
            "code": int(ExitCode.INTERNAL),
            "message": f"internal error, please report: {type(exc).__name__}: {exc}",
            "traceback": [f"{f.filename}:{f.lineno} in {f.name}" for f in frames],
        },
    }


WORKER_LOST = (
    "the process scoring it died, twice (killed by the system or a crash: "
    "see the system log for the out-of-memory killer)"
)


def worker_lost(path: str) -> Record:
    """The record of a file whose scoring worker died twice (each time alone with it)."""
    return error_record(path, file_sha256(path), InputError(path, WORKER_LOST))


def _guarded(path: str, work: Callable[[], _T]) -> _T | Record:
    """Run ``work`` for ``path``; input problems and our own bugs become error records."""
    try:
        return work()
    except InputError as error:
        return error_record(path, file_sha256(path), error)
    except Exception as exc:  # a bug of ours must not cost the other files their results
        return internal_error(path, exc)


def _record(path: str, work: Callable[[], Report]) -> Record:
    """The record of scoring ``path`` with ``work``: its report, or the error."""
    report = _guarded(path, work)
    if not isinstance(report, Report):
        return report
    return {
        "path": shown_path(path),
        "sha256": report.data["input"]["sha256"],
        "status": "ok",
        "report": report.data,
    }


def finish(record: Record, config: BatchConfig) -> Record:
    """The record as the batch sends it: compact when the config asks for it."""
    return compact(record) if config.compact else record


def score_one(path: str, config: BatchConfig) -> Record:
    """Score one file in this process; input problems become an error record."""
    return finish(
        _record(path, lambda: scorer_for(config).score_file(path, config.options)), config
    )


def read_one(path: str, config: BatchConfig) -> Document | Record:
    """Read one file without scoring it (no scorer needed): its document, or the error
    record of a file that cannot be read."""
    document = _guarded(path, lambda: read_file(path, config.options))
    return document if isinstance(document, Document) else finish(document, config)


def score_read(document: Document, config: BatchConfig) -> Record:
    """Score a document that :func:`read_one` read."""
    return finish(
        _record(document.path, lambda: scorer_for(config).score_read(document, config.options)),
        config,
    )


def score_items(items: Sequence[Document | str], config: BatchConfig) -> list[Record]:
    """Score paths, and documents :func:`read_one` read, in this process."""
    return [
        score_one(item, config) if isinstance(item, str) else score_read(item, config)
        for item in items
    ]


def score_partition(paths: list[str], config: BatchConfig) -> list[Record]:
    """Score a list of files in this process (the task of a Dask worker)."""
    return score_items(paths, config)


def reader_init(config: BatchConfig) -> None:
    """Set up a process that reads files: Ctrl-C left to the parent, the PDF libraries
    loaded, then the memory cap."""
    # Ctrl-C goes to the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The PDF libraries are loaded before the memory cap, as in the scoring workers
    # (forked from a parent that has them): the cap is for what a file needs.
    load_pdf_engines(config.options.pdf_engine)
    cap_memory(config.options.limits.max_memory)


def worker_init(config: BatchConfig) -> None:
    """Set up a process that scores files: as a reader, with the scorer built."""
    reader_init(config)
    scorer_for(config)

"""Many resumes: discovery, a process pool or a Dask cluster, streamed results, ranking.

The unit of work is a list of files in, a list of result records out
(:func:`score_partition`, :func:`score_items`), with the scorer (taxonomy compiled, spaCy
pipeline built) cached once per process. The local engine sends a few files per task to a
process pool forked once the parent has built the scorer (other cores read the first files
meanwhile); the Dask engine sends partitions of paths to cluster workers. Both stream
records back as they finish.

A record is a plain dict, one JSON line of the results file::

    {"path": ..., "sha256": ..., "status": "ok", "report": {...full report...}}
    {"path": ..., "sha256": ..., "status": "error", "error": {"code": 3, "message": ...}}
"""

from __future__ import annotations

import csv
import gc
import glob
import hashlib
import io
import json
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kwmatch.api import Options, Scorer, read_file
from kwmatch.errors import ExitCode, InputError, KwmatchError, UsageError
from kwmatch.ingest import Document, load_pdf_engines
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy, load_taxonomy

#: File endings that batch discovery picks up inside folders.
RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown")
#: How many paths one Dask task scores.
DASK_PARTITION = 8

Record = dict[str, Any]
_T = TypeVar("_T")
#: Error code of a record whose file hit a bug in kwmatch (EX_SOFTWARE in sysexits.h).
INTERNAL_ERROR = 70


@dataclass(frozen=True)
class BatchConfig:
    """What a batch needs to score files, the same in every worker."""

    taxonomy: str | None = None
    """Taxonomy file or shipped name; None for the default."""
    options: Options = field(default_factory=Options)
    """Reading and reporting options."""
    compact: bool = False
    """Records come as :func:`compact` records, serialized where they were scored."""


# --- discovery -------------------------------------------------------------------------


def discover(inputs: Sequence[str | Path]) -> tuple[list[str], list[Record]]:
    """Expand files, folders (recursively) and glob patterns into a sorted list of files.

    Returns the files and error records for inputs that name nothing.
    """
    found: dict[str, None] = {}
    missing: list[Record] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            for root, _dirs, files in os.walk(path, followlinks=False):
                for name in sorted(files):
                    if name.lower().endswith(RESUME_SUFFIXES) and not name.startswith("."):
                        found.setdefault(str(Path(root) / name), None)
        elif path.exists() or path.is_symlink():
            found.setdefault(text, None)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            files = [m for m in matches if not Path(m).is_dir()]
            if not files:
                missing.append(
                    error_record(text, None, InputError(text, "the pattern matches no file"))
                )
            for match in files:
                found.setdefault(match, None)
        else:
            missing.append(error_record(text, None, InputError(text, "no such file or folder")))
    return sorted(found), missing


def file_sha256(path: str) -> str | None:
    """Digest of a file's bytes, or None when it cannot be read (scoring will say why)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a pipe or device would block here; scoring says what it is
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


# --- the unit of work ----------------------------------------------------------------------

_SCORERS: dict[str | None, Scorer] = {}
_TAXONOMIES: dict[str | None, Taxonomy] = {}


def _taxonomy(taxonomy: str | None) -> Taxonomy:
    """The taxonomy, loaded and validated once per process (no spaCy needed)."""
    loaded = _TAXONOMIES.get(taxonomy)
    if loaded is None:
        loaded = _TAXONOMIES[taxonomy] = load_taxonomy(taxonomy)
    return loaded


def _scorer(taxonomy: str | None) -> Scorer:
    scorer = _SCORERS.get(taxonomy)
    if scorer is None:
        scorer = _SCORERS[taxonomy] = Scorer(_taxonomy(taxonomy))
    return scorer


def error_record(path: str, sha256: str | None, error: KwmatchError) -> Record:
    """The record of a file that could not be scored."""
    message = error.problem if isinstance(error, InputError) else str(error)
    return {
        "path": path,
        "sha256": sha256,
        "status": "error",
        "error": {"code": int(error.exit_code), "message": message},
    }


def _internal_error(path: str, exc: Exception) -> Record:
    return {
        "path": path,
        "sha256": file_sha256(path),
        "status": "error",
        "error": {
            "code": INTERNAL_ERROR,
            "message": f"internal error, please report: {type(exc).__name__}: {exc}",
        },
    }


def _guarded(path: str, work: Callable[[], _T]) -> _T | Record:
    """Run ``work`` for ``path``; input problems and our own bugs become error records."""
    try:
        return work()
    except InputError as error:
        return error_record(path, file_sha256(path), error)
    except Exception as exc:  # a bug of ours must not cost the other files their results
        return _internal_error(path, exc)


def _record(path: str, work: Callable[[], Report]) -> Record:
    """The record of scoring ``path`` with ``work``: its report, or the error."""
    report = _guarded(path, work)
    if not isinstance(report, Report):
        return report
    return {
        "path": path,
        "sha256": report.data["input"]["sha256"],
        "status": "ok",
        "report": report.data,
    }


def score_one(path: str, config: BatchConfig) -> Record:
    """Score one file in this process; input problems become an error record."""
    return _finish(
        _record(path, lambda: _scorer(config.taxonomy).score_file(path, config.options)), config
    )


def _finish(record: Record, config: BatchConfig) -> Record:
    return compact(record) if config.compact else record


def serialize(record: Record) -> bytes:
    """A record as one line of the results file."""
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def compact(record: Record) -> Record:
    """The :func:`summary` of a record with its whole results-file line under ``"line"``.

    Workers send this instead of the record: the parent then writes bytes and keeps the
    summary, and never serializes a report itself (on a machine with as many workers as
    cores, what the parent spends per record is taken from the workers).
    """
    return {**summary(record), "line": serialize(record)}


def expand(record: Record) -> Record:
    """The whole record of a :func:`compact` record (other records are returned as they are)."""
    return json.loads(record["line"]) if "line" in record else record


def read_one(path: str, config: BatchConfig) -> Document | Record:
    """Read one file without scoring it (no scorer needed): its document, or the error
    record of a file that cannot be read."""
    document = _guarded(path, lambda: read_file(path, config.options))
    return document if isinstance(document, Document) else _finish(document, config)


def score_read(document: Document, config: BatchConfig) -> Record:
    """Score a document that :func:`read_one` read."""
    return _finish(
        _record(
            document.path, lambda: _scorer(config.taxonomy).score_read(document, config.options)
        ),
        config,
    )


#: Files per task of the local pool while many are left: one task per file cost the
#: parent a round trip per file, CPU taken from the workers when they use every core.
CHUNK = 4


def score_items(items: Sequence[Document | str], config: BatchConfig) -> list[Record]:
    """Score paths, and documents :func:`read_one` read, in this process."""
    return [
        score_one(item, config) if isinstance(item, str) else score_read(item, config)
        for item in items
    ]


def score_partition(paths: list[str], config: BatchConfig) -> list[Record]:
    """Score a list of files in this process (the task of a Dask worker)."""
    return score_items(paths, config)


def _reader_init(config: BatchConfig) -> None:
    # Ctrl-C goes to the whole process group; the parent decides what to do.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from kwmatch.guard import cap_memory

    # The PDF libraries are loaded before the memory cap, as in the scoring workers
    # (forked from a parent that has them): the cap is for what a file needs.
    load_pdf_engines(config.options.pdf_engine)
    cap_memory(config.options.limits.max_memory)


def _worker_init(config: BatchConfig) -> None:
    _reader_init(config)
    _scorer(config.taxonomy)


# --- engines ------------------------------------------------------------------------------


def _local(paths: list[str], config: BatchConfig, jobs: int) -> Iterator[Record]:
    if jobs <= 1 or len(paths) <= 1:
        if not paths:
            return
        _scorer(config.taxonomy)  # a broken install fails once, not once per file
        with _frozen_heap():
            for path in paths:
                yield score_one(path, config)
        return
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    queue: list[Document | str] = []
    if context.get_start_method() == "fork":
        # Building the scorer (importing spaCy, compiling the taxonomy) keeps one core
        # busy for about half a second. Reading needs no scorer, so meanwhile the other
        # cores read the first files; the workers forked afterwards only score those.
        yield from _read_during_startup(paths, config, jobs - 1, context, queue)
    else:
        queue.extend(paths)
    _scorer(config.taxonomy)
    with _frozen_heap():
        yield from _pool(queue, config, jobs, context)


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """The objects that exist now (the scorer above all) are left out of garbage
    collection while the block runs, then handed back.

    Each full collection would walk spaCy's 80,000 objects again (50 ms each time, and
    the pdfminer engine's allocations trigger many); forked workers keep sharing those
    pages with the parent instead of copying the ones a collection writes to.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _pool(
    queue: list[Document | str], config: BatchConfig, jobs: int, context: Any
) -> Iterator[Record]:
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    # fork shares the scorer the parent built (no per-worker start-up); the parent runs
    # no threads at this point (the reading pool is shut down, the progress bar refreshes
    # from the main thread).
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(config,)
    )
    pending: set[Future[list[Record]]] = set()
    position = 0

    def submit() -> bool:
        nonlocal position
        if position >= len(queue):
            return False
        left = len(queue) - position
        size = CHUNK if left > jobs * CHUNK * 4 else 1  # single files at the end: no straggler
        pending.add(executor.submit(score_items, queue[position : position + size], config))
        position += size
        return True

    try:
        # Keep a bounded number of tasks in flight so that memory stays flat for huge batches.
        while len(pending) < jobs * 3 and submit():
            pass
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                submit()
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _read_during_startup(
    paths: list[str],
    config: BatchConfig,
    readers: int,
    context: Any,
    queue: list[Document | str],
) -> Iterator[Record]:
    """Read files in ``readers`` processes while this one builds the scorer; fill
    ``queue`` with what is left to score (documents read, then paths) and yield the error
    records of files that could not be read.

    Reading ahead only saves time: a file whose early read did not finish, or whose
    reader died (a crash in a PDF library, the out-of-memory killer), is scored from
    its path like any other.
    """
    from concurrent.futures import Future, ProcessPoolExecutor

    # More than start-up can read; what is not started when the scorer is ready is
    # cancelled. At most half the files, so that the scoring pool has reading to share.
    ahead = paths[: min(len(paths) // 2, 100 * readers)]
    futures: list[Future[Document | Record]] = []
    reading = None
    try:
        if ahead:
            reading = ProcessPoolExecutor(
                max_workers=min(readers, len(ahead)),
                mp_context=context,
                initializer=_reader_init,
                initargs=(config,),
            )
            futures = [reading.submit(read_one, path, config) for path in ahead]
        _scorer(config.taxonomy)
    finally:
        for future in futures:
            future.cancel()
        if reading is not None:
            reading.shutdown(wait=True)
    unread: list[str] = []
    for path, future in zip(ahead, futures, strict=True):
        result: Document | Record | None = None
        if future.done() and not future.cancelled():
            try:
                result = future.result()
            except Exception:  # the reader died: score the file the usual way
                result = None
        if result is None:
            unread.append(path)
        elif isinstance(result, Document):
            queue.append(result)
        else:
            yield result
    queue.extend(unread)
    queue.extend(paths[len(ahead) :])


def _dask(
    paths: list[str], config: BatchConfig, jobs: int, scheduler: str | None
) -> Iterator[Record]:
    try:
        import dask.distributed
    except ImportError:
        raise UsageError(
            "--engine dask needs the dask extra: pip install 'kwmatch[dask]'"
        ) from None
    distributed: Any = dask.distributed  # untyped library
    cluster = None
    if scheduler:
        client = distributed.Client(scheduler)
    else:
        cluster = distributed.LocalCluster(
            n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = distributed.Client(cluster)
    try:
        chunks = [paths[i : i + DASK_PARTITION] for i in range(0, len(paths), DASK_PARTITION)]
        futures = client.map(score_partition, chunks, config=config, pure=False)
        for future in distributed.as_completed(futures):
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# --- the driver ---------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """Counts of a finished (or interrupted) batch."""

    scored: int = 0
    """Files scored in this run."""
    failed: int = 0
    """Files that could not be scored in this run."""
    interrupted: bool = False
    """True when Ctrl-C or SIGTERM stopped the batch early."""

    @property
    def exit_code(self) -> ExitCode:
        """0 when every file was scored, 5 when some failed."""
        return ExitCode.BATCH_PARTIAL if self.failed else ExitCode.OK


def score_many(
    inputs: Sequence[str | Path],
    *,
    taxonomy: str | Path | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    skip_hashes: Iterable[str] = (),
    on_plan: Callable[[int], None] | None = None,
    compact_records: bool = False,
) -> Iterator[Record]:
    """Score every resume under ``inputs``, yielding one record per file as it finishes.

    Files whose content hash is in ``skip_hashes`` are not scored again; files with the
    same content are scored once and reported under each name. ``on_plan`` is told how
    many records to expect once discovery is done (for a progress bar). With
    ``compact_records``, records come as :func:`compact` records (a summary and the
    record's JSON line, serialized by the worker that scored it).
    """
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine {engine!r}: choose local or dask")
    config = BatchConfig(
        taxonomy=None if taxonomy is None else str(taxonomy),
        options=options or Options(),
        compact=compact_records,
    )
    _taxonomy(config.taxonomy)  # a bad taxonomy fails here, before any work starts
    files, missing = discover(inputs)
    skip = set(skip_hashes)
    by_hash: dict[str, list[str]] = {}
    unhashed: list[str] = []
    for path in files:
        digest = file_sha256(path)
        if digest is None:
            unhashed.append(path)
        elif digest not in skip:
            by_hash.setdefault(digest, []).append(path)
    todo = [names[0] for names in by_hash.values()] + unhashed
    if on_plan is not None:
        on_plan(len(missing) + sum(len(v) for v in by_hash.values()) + len(unhashed))
    yield from (_finish(record, config) for record in missing)
    workers = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    stream = (
        _dask(todo, config, workers, scheduler)
        if engine == "dask"
        else _local(todo, config, workers)
    )
    for record in stream:
        yield record
        digest = record.get("sha256")
        for twin in by_hash.get(digest, [])[1:] if digest else []:
            # An error message may depend on the name ("not a PDF" for x.pdf, "not a
            # DOCX" for x.docx): a failed file's twins are read again under their names.
            if record["status"] == "ok":
                yield _finish(_renamed(expand(record), twin), config)
            else:
                yield score_one(twin, config)


def _renamed(record: Record, path: str) -> Record:
    twin = dict(record, path=path)
    if record["status"] == "ok":
        twin["report"] = dict(record["report"], input=dict(record["report"]["input"], path=path))
    return twin


# --- results file ------------------------------------------------------------------------------


class ResultsFile:
    """An append-only JSONL file that a kill cannot leave with a broken line.

    Each record is written with a single ``os.write`` of one complete line; on opening for
    resume, a trailing partial line (from a kill mid-write on an odd filesystem) is cut.
    """

    def __init__(self, path: str | Path, *, resume: bool) -> None:
        self.path = Path(path)
        self.hashes: set[str] = set()
        if resume and self.path.exists():
            self._repair_and_load()
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if resume else os.O_TRUNC)
        try:
            self._fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def _repair_and_load(self) -> None:
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            with open(self.path, "r+b") as handle:
                handle.truncate(end)
        for line in data[:end].splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("sha256"):
                self.hashes.add(record["sha256"])

    def write(self, record: Record) -> None:
        """Append one record (whole or :func:`compact`) as one line."""
        line = record["line"] if "line" in record else serialize(record)
        view = memoryview(line)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)


def read_records(path: str | Path, *, summarize: bool = False) -> list[Record]:
    """Every complete record of a results file (a trailing partial line is ignored);
    with ``summarize``, only what the ranking needs (see :func:`summary`)."""
    records = []
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            records.append(summary(record) if summarize else record)
    return records


def summary(record: Record, top_concepts: int = 5) -> Record:
    """A record cut to what the ranking and its CSV need, so that ranking a million
    candidates keeps a few hundred bytes each in memory, not whole reports."""
    if record.get("status") != "ok":
        return {k: record[k] for k in ("path", "sha256", "status", "error") if k in record}
    report = record["report"]
    missing = sorted(report["missing"], key=lambda m: (-len(m["wanted_by"]), m["concept"]))
    return {
        "path": record["path"],
        "sha256": record["sha256"],
        "status": "ok",
        "report": {
            "scores": report["scores"],
            "matched": report["matched"][:top_concepts],
            "missing": missing[:top_concepts],
        },
    }


# --- ranking ------------------------------------------------------------------------------


def rank_key(report: dict[str, Any], rank_by: str) -> float:
    """The score a report is ranked by: overall, core, a level, a specialization or a group."""
    scores = report["scores"]
    if rank_by == "overall":
        return float(scores["overall"])
    if rank_by == "core" and scores.get("core") is not None:
        return float(scores["core"])
    for kind in ("levels", "specializations", "groups"):
        if rank_by in scores[kind]:
            return float(scores[kind][rank_by])
    names = ["overall", "core", *scores["levels"], *scores["specializations"], *scores["groups"]]
    raise UsageError(f"--rank-by {rank_by!r}: choose from {', '.join(names)}")


def ranking(records: Iterable[Record], rank_by: str = "overall") -> list[Record]:
    """The scored records, best first; one per path (the latest record wins)."""
    latest: dict[str, Record] = {}
    for record in records:
        if record.get("status") == "ok":
            latest[record["path"]] = record
    return sorted(latest.values(), key=lambda r: (-rank_key(r["report"], rank_by), r["path"]))


def ranking_csv(ranked: list[Record], top_concepts: int = 5) -> str:
    """A spreadsheet of the ranking: one row per candidate."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not ranked:
        writer.writerow(["rank", "path", "overall"])
        return buffer.getvalue()
    first = ranked[0]["report"]["scores"]
    levels, specs, groups = (
        list(first["levels"]),
        list(first["specializations"]),
        list(first["groups"]),
    )
    writer.writerow(
        ["rank", "path", "sha256", "overall", "core"]
        + [f"level:{name}" for name in levels]
        + [f"specialization:{name}" for name in specs]
        + [f"group:{name}" for name in groups]
        + ["best_level", "best_specialization", "top_matched", "top_missing"]
    )
    for position, record in enumerate(ranked, start=1):
        report = record["report"]
        scores = report["scores"]
        missing = sorted(
            report["missing"], key=lambda m: (-len(m.get("wanted_by", ())), m["concept"])
        )
        writer.writerow(
            [position, record["path"], record["sha256"], scores["overall"], scores["core"]]
            + [scores["levels"].get(name) for name in levels]
            + [scores["specializations"].get(name) for name in specs]
            + [scores["groups"].get(name) for name in groups]
            + [
                scores["best_level"] or "",
                scores["best_specialization"] or "",
                "; ".join(m["label"] for m in report["matched"][:top_concepts]),
                "; ".join(m["label"] for m in missing[:top_concepts]),
            ]
        )
    return buffer.getvalue()


class Interrupted(Exception):
    """Raised in the main process by SIGTERM, so a batch stops as cleanly as on Ctrl-C."""


def raise_on_sigterm() -> Callable[[], None]:
    """Turn SIGTERM into :class:`Interrupted` in the main thread; returns the undo."""
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        raise Interrupted()

    signal.signal(signal.SIGTERM, handler)

    def undo() -> None:
        signal.signal(signal.SIGTERM, previous)

    return undo

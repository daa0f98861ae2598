"""Where a batch's files are scored: in this process, a local process pool, or a Dask
cluster (the sole importer of dask). Every engine yields records as they finish."""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections.abc import Generator, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from typing import Any

from kwmatch.batch.records import Record
from kwmatch.batch.work import (
    BatchConfig,
    finish,
    read_one,
    reader_init,
    score_items,
    score_one,
    score_partition,
    scorer_for,
    worker_init,
    worker_lost,
)
from kwmatch.errors import BatchError, UsageError
from kwmatch.ingest import Document

#: How many paths one Dask task scores.
DASK_PARTITION = 8
#: Seconds between two looks at the cluster while no task finishes.
DASK_POLL = 2.0
#: Seconds without a single worker after which a Dask batch stops.
DASK_NO_WORKER = 30.0
#: Files per task of the local pool while many are left: one task per file cost the
#: parent a round trip per file, CPU taken from the workers when they use every core.
CHUNK = 4
#: Tasks kept in flight per worker: enough to keep each busy, few enough that memory
#: stays flat for huge batches.
IN_FLIGHT = 3
#: While more than this many chunks per worker are left, files go in chunks; then one
#: by one, so that no worker is left with a long chunk at the end.
CHUNKS_LEFT = 4
#: Seconds the pool watchdog adds to the time limits of a chunk before it calls the
#: pool stalled.
STALL_GRACE = 30.0
#: Files read ahead per reading process while the parent builds the scorer, at most.
READ_AHEAD = 100


def local(paths: list[str], config: BatchConfig, jobs: int) -> Iterator[Record]:
    if jobs <= 1 or len(paths) <= 1:
        if not paths:
            return
        scorer_for(config)  # a broken install fails once, not once per file
        with _frozen_heap():
            for path in paths:
                yield score_one(path, config)
        return
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
    scorer_for(config)
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
    """Score the queue in a pool of ``jobs`` workers; when the pool loses a worker (the
    out-of-memory killer, a kill -9, a crash of ours), the files it held are scored
    again one at a time in a worker of their own, and the pool starts anew for the rest:
    no file is lost, and only the file that kills its worker again fails."""
    position = 0
    while position < len(queue):
        lost, position = yield from _run_pool(queue, position, config, jobs, context)
        for item in lost:
            yield from _alone(item, config, context)


def _stall_seconds(config: BatchConfig) -> float | None:
    """How long the watchdog lets a pool go without finishing a task before it kills
    the workers: every file of a chunk at its time limit, twice over."""
    timeout = config.options.limits.timeout
    return None if timeout is None else 2 * CHUNK * timeout + STALL_GRACE


def _run_pool(
    queue: list[Document | str], position: int, config: BatchConfig, jobs: int, context: Any
) -> Generator[Record, None, tuple[list[Document | str], int]]:
    """One pool over the queue from ``position``; returns the items a broken pool lost
    (nothing when it finished) and where the queue stands."""
    # fork shares the scorer the parent built (no per-worker start-up); the parent runs
    # no threads at this point (the reading pool is shut down, the progress bar refreshes
    # from the main thread).
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=worker_init, initargs=(config,)
    )
    pending: dict[Future[list[Record]], list[Document | str]] = {}

    def submit() -> bool:
        nonlocal position
        if position >= len(queue):
            return False
        left = len(queue) - position
        # Single files at the end: no straggler.
        size = CHUNK if left > jobs * CHUNK * CHUNKS_LEFT else 1
        items = queue[position : position + size]
        pending[executor.submit(score_items, items, config)] = items
        position += size
        return True

    stall = _stall_seconds(config)
    try:
        # Keep a bounded number of tasks in flight so that memory stays flat for huge batches.
        while len(pending) < jobs * IN_FLIGHT and submit():
            pass
        while pending:
            done, _ = wait(pending, timeout=stall, return_when=FIRST_COMPLETED)
            if not done:  # the watchdog: a worker that hangs past every deadline
                _kill_workers(executor)
                continue
            for future in done:
                try:
                    records = future.result()
                except BrokenProcessPool:
                    return [item for items in pending.values() for item in items], position
                del pending[future]
                yield from records
                submit()
        return [], position
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the pool's workers: the pool then breaks, and what they held is retried."""
    processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with suppress(Exception):
            process.kill()


def _alone(item: Document | str, config: BatchConfig, context: Any) -> Iterator[Record]:
    """Score one file that was in a lost worker, in a worker of its own: its record, or
    an error record when it kills that worker too."""
    executor = ProcessPoolExecutor(
        max_workers=1, mp_context=context, initializer=worker_init, initargs=(config,)
    )
    try:
        future = executor.submit(score_items, [item], config)
        done, _ = wait([future], timeout=_stall_seconds(config))
        if not done:
            _kill_workers(executor)
        try:
            records = future.result()
        except BrokenProcessPool:
            path = item.path if isinstance(item, Document) else item
            records = [finish(worker_lost(path), config)]
        yield from records
    finally:
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
    # More than start-up can read; what is not started when the scorer is ready is
    # cancelled. At most half the files, so that the scoring pool has reading to share.
    ahead = paths[: min(len(paths) // 2, READ_AHEAD * readers)]
    futures: list[Future[Document | Record]] = []
    reading = None
    try:
        if ahead:
            reading = ProcessPoolExecutor(
                max_workers=min(readers, len(ahead)),
                mp_context=context,
                initializer=reader_init,
                initargs=(config,),
            )
            futures = [reading.submit(read_one, path, config) for path in ahead]
        scorer_for(config)
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


def dask_engine(
    paths: list[str], config: BatchConfig, jobs: int, scheduler: str | None
) -> Iterator[Record]:
    try:
        import dask.distributed  # the optional extra: imported only when asked for
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
        yield from _dask_records(distributed, client, paths, config)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _dask_records(
    distributed: Any, client: Any, paths: list[str], config: BatchConfig
) -> Iterator[Record]:
    """Score ``paths`` on the cluster, a partition per task; a partition whose task
    failed (a worker killed for its memory) is scored again file by file, so that one bad
    file costs only itself. Paths travel absolute: a worker's folder is not ours."""
    absolute = [os.path.abspath(path) for path in paths]
    chunks = [absolute[i : i + DASK_PARTITION] for i in range(0, len(absolute), DASK_PARTITION)]
    futures = client.map(score_partition, chunks, config=config, pure=False)
    singles: dict[Any, str] = {}
    waiting = set(futures)
    partitions = dict(zip(futures, chunks, strict=True))
    workerless_since: float | None = None
    while waiting:
        try:
            done = distributed.wait(
                list(waiting), timeout=DASK_POLL, return_when="FIRST_COMPLETED"
            ).done
        except TimeoutError:  # distributed raises where concurrent.futures returns
            done = set()
        if not done:
            workerless_since = _check_workers(client, workerless_since)
            continue
        workerless_since = None
        for future in done:
            waiting.discard(future)
            if future.status == "finished":
                yield from future.result()
            elif future in partitions:  # retried file by file
                for path in partitions[future]:
                    single = client.submit(score_partition, [path], config=config, pure=False)
                    singles[single] = path
                    waiting.add(single)
            else:
                yield finish(worker_lost(singles[future]), config)


def _check_workers(client: Any, since: float | None) -> float | None:
    """When the cluster has had no worker for :data:`DASK_NO_WORKER` seconds, stop the
    batch (what was done is in the results file)."""
    if client.scheduler_info().get("workers"):
        return None
    now = time.monotonic()
    if since is None:
        return now
    if now - since > DASK_NO_WORKER:
        raise BatchError(
            f"no Dask worker left for {DASK_NO_WORKER:g} s: the batch stopped (the files "
            "scored so far are in the results file; run again with --resume)"
        )
    return since

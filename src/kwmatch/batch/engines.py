"""Where a batch's files are scored: in this process, a local process pool, or a Dask
cluster (the sole importer of dask). Every engine yields records as they finish."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any

from kwmatch.batch.records import Record
from kwmatch.batch.work import (
    BatchConfig,
    read_one,
    reader_init,
    score_items,
    score_one,
    score_partition,
    scorer_for,
    worker_init,
)
from kwmatch.errors import UsageError
from kwmatch.ingest import Document

#: How many paths one Dask task scores.
DASK_PARTITION = 8
#: Files per task of the local pool while many are left: one task per file cost the
#: parent a round trip per file, CPU taken from the workers when they use every core.
CHUNK = 4
#: Tasks kept in flight per worker: enough to keep each busy, few enough that memory
#: stays flat for huge batches.
IN_FLIGHT = 3
#: While more than this many chunks per worker are left, files go in chunks; then one
#: by one, so that no worker is left with a long chunk at the end.
CHUNKS_LEFT = 4
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
    # fork shares the scorer the parent built (no per-worker start-up); the parent runs
    # no threads at this point (the reading pool is shut down, the progress bar refreshes
    # from the main thread).
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=worker_init, initargs=(config,)
    )
    pending: set[Future[list[Record]]] = set()
    position = 0

    def submit() -> bool:
        nonlocal position
        if position >= len(queue):
            return False
        left = len(queue) - position
        # Single files at the end: no straggler.
        size = CHUNK if left > jobs * CHUNK * CHUNKS_LEFT else 1
        pending.add(executor.submit(score_items, queue[position : position + size], config))
        position += size
        return True

    try:
        # Keep a bounded number of tasks in flight so that memory stays flat for huge batches.
        while len(pending) < jobs * IN_FLIGHT and submit():
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
        chunks = [paths[i : i + DASK_PARTITION] for i in range(0, len(paths), DASK_PARTITION)]
        futures = client.map(score_partition, chunks, config=config, pure=False)
        for future in distributed.as_completed(futures):
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

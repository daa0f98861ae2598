"""Many resumes: discovery, an engine that scores them, streamed results, a ranking.

:func:`score_many` yields one record per file as it finishes (the unit of work is in
:mod:`.work`, the engines in :mod:`.engines`); :func:`run` is the whole batch the
``kwmatch batch`` command runs: records appended to a results file as they come, a
summary, and the ranking (:mod:`.results`).
"""

from __future__ import annotations

import glob
import os
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kwmatch.api import Options
from kwmatch.batch.engines import dask_engine, local
from kwmatch.batch.records import Record, expand
from kwmatch.batch.results import ResultsFile, not_records_message, ranking, read_records
from kwmatch.batch.work import (
    BatchConfig,
    cached_taxonomy,
    error_record,
    file_sha256,
    finish,
    score_one,
)
from kwmatch.errors import ExitCode, InputError, UsageError, shown_path

__all__ = ["BatchRun", "BatchSummary", "Engine", "Record", "discover", "run", "score_many"]

Engine = Literal["local", "dask"]
#: File endings that batch discovery picks up inside folders.
RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown")


def discover(inputs: Sequence[str | Path]) -> tuple[list[str], list[Record]]:
    """Expand files, folders (recursively) and glob patterns into a sorted list of files.

    Returns the files and error records for inputs that name nothing.
    """
    found: dict[str, None] = {}
    missing: list[Record] = []

    def unlisted(error: OSError) -> None:
        where = str(error.filename or "")
        reason = error.strerror or type(error).__name__
        missing.append(
            error_record(where, None, InputError(where, f"cannot list the folder: {reason}"))
        )

    for item in inputs:
        text = str(item)
        path = Path(text)
        try:
            is_dir = path.is_dir()
            exists = not is_dir and (path.exists() or path.is_symlink())
        except OSError as error:  # a folder on the way that cannot be searched
            reason = error.strerror or type(error).__name__
            missing.append(error_record(text, None, InputError(text, f"cannot read: {reason}")))
            continue
        if is_dir:
            for root, _dirs, files in os.walk(path, onerror=unlisted, followlinks=False):
                for name in sorted(files):
                    if name.lower().endswith(RESUME_SUFFIXES) and not name.startswith("."):
                        found.setdefault(str(Path(root) / name), None)
        elif exists:
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


def score_many(
    inputs: Sequence[str | Path],
    *,
    taxonomy: str | Path | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    skip_hashes: Iterable[str] = (),
    on_plan: Callable[[int], None] | None = None,
    compact_records: bool = False,
) -> Iterator[Record]:
    """Score every resume under ``inputs``, yielding one record per file as it finishes.

    Files whose content hash is in ``skip_hashes`` are not scored again; files with the
    same content are scored once and reported under each name. ``on_plan`` is told how
    many records to expect once discovery is done (for a progress bar). With
    ``compact_records``, records come as :func:`kwmatch.batch.records.compact` records
    (a summary and the record's JSON line, serialized by the worker that scored it).
    """
    config = BatchConfig(
        taxonomy=None if taxonomy is None else str(taxonomy),
        options=options or Options(),
        compact=compact_records,
    )
    cached_taxonomy(config.taxonomy)  # a bad taxonomy fails here, before any work starts
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
    yield from (finish(record, config) for record in missing)
    workers = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    stream = (
        dask_engine(todo, config, workers, scheduler)
        if engine == "dask"
        else local(todo, config, workers)
    )
    for record in stream:
        yield record
        digest = record.get("sha256")
        for twin in by_hash.get(digest, [])[1:] if digest else []:
            # An error message may depend on the name ("not a PDF" for x.pdf, "not a
            # DOCX" for x.docx): a failed file's twins are read again under their names.
            if record["status"] == "ok":
                yield finish(_renamed(expand(record), twin), config)
            else:
                yield score_one(twin, config)


def _renamed(record: Record, path: str) -> Record:
    path = shown_path(path)
    twin = dict(record, path=path)
    if record["status"] == "ok":
        twin["report"] = dict(record["report"], input=dict(record["report"]["input"], path=path))
    return twin


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
        """130 when interrupted, else 0 when every file was scored, 5 when some failed."""
        if self.interrupted:
            return ExitCode.INTERRUPTED
        return ExitCode.BATCH_PARTIAL if self.failed else ExitCode.OK


@dataclass
class BatchRun:
    """What :func:`run` did: its counts and the ranking, best first."""

    summary: BatchSummary = field(default_factory=BatchSummary)
    ranked: list[Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What the user should know about the run (lines of the results file skipped on
    resume because they are not records)."""


class Interrupted(Exception):
    """Raised in the main process by SIGTERM, so a batch stops as cleanly as on Ctrl-C."""


def run(
    inputs: Sequence[str | Path],
    *,
    out: str | Path | None = None,
    resume: bool = False,
    rank_by: str = "overall",
    on_plan: Callable[[int], None] | None = None,
    on_record: Callable[[Record], None] | None = None,
    taxonomy: str | Path | None = None,
    options: Options | None = None,
    jobs: int | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    job: str | Path | None = None,
    whole_reports: bool = False,
) -> BatchRun:
    """The whole batch: every record appended to ``out`` (JSON lines) as it comes and
    passed to ``on_record``; Ctrl-C or SIGTERM stop it cleanly (the results file stays
    valid and ``resume`` completes it); then the ranking by ``rank_by``.

    With ``resume``, files whose content is already in ``out`` are skipped and the
    ranking covers the earlier runs too. The scoring arguments are those of
    :func:`score_many`; ``job`` (a posting, instead of ``taxonomy``) is drafted once by
    :func:`kwmatch.draft.extract` and every resume is scored against the draft, whose
    groups (required, preferred...) are then names to rank by. ``rank_by="fit"`` ranks
    by ``scores.fit`` where reports have it, else by overall. The ranking holds the
    summaries of the records (a few hundred bytes each), or with ``whole_reports`` the
    whole records (for a page that shows every candidate's detail).
    """
    if job is not None:
        if taxonomy is not None:
            raise UsageError("--job and --taxonomy cannot be used together")
        with drafted_taxonomy(job, options or Options()) as drafted:
            return run(
                inputs,
                out=out,
                resume=resume,
                rank_by=rank_by,
                on_plan=on_plan,
                on_record=on_record,
                taxonomy=drafted,
                options=options,
                jobs=jobs,
                engine=engine,
                scheduler=scheduler,
                whole_reports=whole_reports,
            )
    names = [*cached_taxonomy(None if taxonomy is None else str(taxonomy)).score_names(), "fit"]
    if rank_by not in names:
        raise UsageError(f"--rank-by {rank_by!r}: choose from {', '.join(names)}")
    results = ResultsFile(out, resume=resume) if out else None
    outcome = BatchRun()
    if results and results.not_records:
        outcome.warnings.append(not_records_message(results.path, results.not_records))
    collected: list[Record] = []
    undo_sigterm = _raise_on_sigterm()
    try:
        for record in score_many(
            inputs,
            skip_hashes=results.hashes if results else (),
            on_plan=on_plan,
            compact_records=True,
            taxonomy=taxonomy,
            options=options,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
        ):
            if results:
                results.write(record)
            if record["status"] == "ok":
                outcome.summary.scored += 1
                collected.append(
                    expand(record)
                    if whole_reports
                    else {k: v for k, v in record.items() if k != "line"}
                )
            else:
                outcome.summary.failed += 1
            if on_record is not None:
                on_record(record)
    except (KeyboardInterrupt, Interrupted):
        outcome.summary.interrupted = True
    finally:
        undo_sigterm()
        if results:
            results.close()
    # With resume the ranking covers earlier runs too, so it is read back from the file;
    # otherwise this run's records are all there is.
    records = read_records(out, summarize=not whole_reports) if out and resume else collected
    outcome.ranked = ranking(records, rank_by)
    return outcome


@contextmanager
def drafted_taxonomy(job: str | Path, options: Options) -> Iterator[str]:
    """A posting drafted once into a taxonomy file that every worker loads (removed
    afterwards): the path of that file."""
    from kwmatch.draft import extract

    draft = extract(job, pdf_engine=options.pdf_engine)
    handle, name = tempfile.mkstemp(prefix="kwmatch-job-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(draft.to_yaml())
        yield name
    finally:
        os.unlink(name)


def _raise_on_sigterm() -> Callable[[], None]:
    """Turn SIGTERM into :class:`Interrupted` in the main thread; returns the undo."""
    previous = signal.getsignal(signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        raise Interrupted()

    signal.signal(signal.SIGTERM, handler)

    def undo() -> None:
        signal.signal(signal.SIGTERM, previous)

    return undo

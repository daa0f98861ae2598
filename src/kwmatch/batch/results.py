"""Results of a batch: the JSON-lines results file, records cut to what a ranking
needs, the ranking and its CSV."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from kwmatch.batch.records import TOP_CONCEPTS, Record, has_hidden_text, serialize, summary
from kwmatch.errors import BatchError, UsageError
from kwmatch.report import Report

#: Line numbers named at most when lines that are not records are reported.
LINES_SHOWN = 5
#: The descriptors of the results files open in this process.
_OPEN: set[int] = set()


def _close_in_child() -> None:
    """In a forked child (a worker, the reading process): close its copies of the open
    results files, so that their locks go with the parent's close and not with the
    child's end (the reading process outlives a batch)."""
    for fd in _OPEN:
        with suppress(OSError):
            os.close(fd)  # a close, not an unlock: the parent's lock stays
    _OPEN.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)


def is_record(record: Any) -> bool:
    """Whether a parsed line of a results file is a record this version can rank."""
    if not isinstance(record, dict) or not isinstance(record.get("path"), str):
        return False
    if record.get("status") == "ok":
        report = record.get("report")
        return isinstance(report, dict) and isinstance(report.get("scores"), dict)
    return record.get("status") == "error"


def not_records_message(path: str | Path, lines: list[int]) -> str:
    """The warning about the lines of a results file that are not records."""
    shown = ", ".join(map(str, lines[:LINES_SHOWN])) + (", …" if len(lines) > LINES_SHOWN else "")
    plural = "s" if len(lines) > 1 else ""
    return f"{path}: skipped {len(lines)} line{plural} that are not records (line{plural} {shown})"


class ResultsFile:
    """An append-only JSONL file that a kill, a full disk or a second batch cannot leave
    with a broken line.

    The file is locked (``flock``, exclusive) for as long as it is open, so a second
    batch writing the same file refuses at once instead of interleaving records. Each
    record is written as one complete line; when a write fails (``ENOSPC``, a quota),
    the file is cut back to the last whole record and the batch stops with
    :class:`~kwmatch.errors.BatchError`. On resume, a trailing partial line is cut and
    lines that are not records are skipped and counted in ``not_records``.
    """

    def __init__(self, path: str | Path, *, resume: bool) -> None:
        self.path = Path(path)
        self.hashes: set[str] = set()
        self.not_records: list[int] = []
        self.written = 0
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot write {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            raise UsageError(
                f"{self.path} is in use by another kwmatch batch (it holds a lock on it): "
                "wait for that batch to end, or give another --out"
            ) from None
        try:
            if resume:
                self._repair_and_load()
            else:
                os.ftruncate(self._fd, 0)
            self.size = os.lseek(self._fd, 0, os.SEEK_END)
        except BaseException:
            os.close(self._fd)
            raise
        _OPEN.add(self._fd)

    def _repair_and_load(self) -> None:
        data = self.path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            os.ftruncate(self._fd, end)
        for number, line in enumerate(data[:end].splitlines(), start=1):
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not is_record(record):
                self.not_records.append(number)
            elif record.get("sha256"):
                self.hashes.add(record["sha256"])

    def write(self, record: Record) -> None:
        """Append one record (whole or :func:`compact`) as one line."""
        line = record["line"] if "line" in record else serialize(record)
        view = memoryview(line)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
        except OSError as exc:
            with suppress(OSError):
                os.ftruncate(self._fd, self.size)  # no half line
            raise BatchError(
                f"cannot write {self.path}: {exc.strerror or exc}; stopped after "
                f"{self.written} records, the file is valid up to the last of them "
                "(make room, then run again with --resume)"
            ) from None
        self.size += len(line)
        self.written += 1

    def close(self) -> None:
        """Flush to disk, unlock and close the file."""
        with suppress(OSError):
            os.fsync(self._fd)
        _OPEN.discard(self._fd)
        os.close(self._fd)


def read_records(
    path: str | Path, *, summarize: bool = False, not_records: list[int] | None = None
) -> list[Record]:
    """Every complete record of a results file (a trailing partial line is ignored, and
    lines that are not records are skipped, their numbers added to ``not_records``);
    with ``summarize``, only what the ranking needs (see :func:`summary`)."""
    records = []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not is_record(record):
                if not_records is not None:
                    not_records.append(number)
                continue
            records.append(summary(record) if summarize else record)
    return records


#: The score the ranking by ``fit`` falls back on while reports have no ``scores.fit``.
FIT_FALLBACK = "overall"


def rank_key(report: dict[str, Any], rank_by: str) -> float:
    """The score a report is ranked by: overall, core, a level, a specialization, a group,
    or fit (``scores.fit`` when the report has one, else overall)."""
    if rank_by == "fit":
        fit = report["scores"].get("fit")
        if isinstance(fit, (int, float)):
            return float(fit)
        rank_by = FIT_FALLBACK
    scored = Report(report)
    try:
        return scored.coverage(rank_by)
    except KeyError:
        names = ", ".join(scored.score_names())
        raise UsageError(f"--rank-by {rank_by!r}: choose from {names}") from None


def ranking(records: Iterable[Record], rank_by: str = "overall") -> list[Record]:
    """The scored records, best first; one per path (the latest record wins). Each
    record gets ``rank_score``, the score it is ranked by."""
    latest: dict[str, Record] = {}
    for record in records:
        if record.get("status") == "ok":
            latest[record["path"]] = record
    ranked = [{**r, "rank_score": rank_key(r["report"], rank_by)} for r in latest.values()]
    return sorted(ranked, key=lambda r: (-r["rank_score"], r["path"]))


def ranking_csv(
    ranked: list[Record], top_concepts: int = TOP_CONCEPTS, rank_by: str = "overall"
) -> str:
    """A spreadsheet of the ranking: one row per candidate, the score it is ranked by
    (``rank_by``) in the column after the path."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if not ranked:
        writer.writerow(["rank", "path", f"rank_by:{rank_by}", "overall"])
        return buffer.getvalue()
    first = ranked[0]["report"]["scores"]
    levels, specs, groups = (
        list(first["levels"]),
        list(first["specializations"]),
        list(first["groups"]),
    )
    writer.writerow(
        ["rank", "path", f"rank_by:{rank_by}", "sha256", "overall", "core"]
        + [f"level:{name}" for name in levels]
        + [f"specialization:{name}" for name in specs]
        + [f"group:{name}" for name in groups]
        + ["best_level", "best_specialization", "top_matched", "top_missing", "hidden_text"]
    )
    for position, record in enumerate(ranked, start=1):
        report = record["report"]
        scores = report["scores"]
        missing = sorted(report["missing"], key=lambda m: (-_wanted_by(m), m["concept"]))
        writer.writerow(
            [
                position,
                record["path"],
                record.get("rank_score", rank_key(report, rank_by)),
                record["sha256"],
                scores["overall"],
                scores["core"],
            ]
            + [scores["levels"].get(name) for name in levels]
            + [scores["specializations"].get(name) for name in specs]
            + [scores["groups"].get(name) for name in groups]
            + [
                scores["best_level"] or "",
                scores["best_specialization"] or "",
                "; ".join(m["label"] for m in report["matched"][:top_concepts]),
                "; ".join(m["label"] for m in missing[:top_concepts]),
                "yes" if record.get("hidden_text", has_hidden_text(report)) else "",
            ]
        )
    return buffer.getvalue()


def _wanted_by(missing: dict[str, Any]) -> int:
    """How many responsibilities want a missing concept (in a report or a summary)."""
    return int(missing.get("wanted_by_count", len(missing.get("wanted_by", ()))))

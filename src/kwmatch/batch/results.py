"""Results of a batch: the JSON-lines results file, records cut to what a ranking
needs, the ranking and its CSV."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kwmatch.batch.records import TOP_CONCEPTS, Record, serialize, summary
from kwmatch.errors import UsageError
from kwmatch.report import Report


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
        + ["best_level", "best_specialization", "top_matched", "top_missing"]
    )
    for position, record in enumerate(ranked, start=1):
        report = record["report"]
        scores = report["scores"]
        missing = sorted(
            report["missing"], key=lambda m: (-len(m.get("wanted_by", ())), m["concept"])
        )
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
            ]
        )
    return buffer.getvalue()

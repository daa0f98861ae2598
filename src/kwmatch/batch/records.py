"""A batch's records: the shape of one line of the results file, and its summary.

A record is a plain dict, described by ``schemas/record.schema.json`` (printed, with the
report's schema inside it, by ``kwmatch schema --record``)::

    {"path": ..., "sha256": ..., "status": "ok", "report": {...full report...}}
    {"path": ..., "sha256": ..., "status": "error", "error": {"code": 3, "message": ...}}
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from kwmatch.ingest.hidden_text import warns_of_hidden_text
from kwmatch.report import report_schema_text

Record = dict[str, Any]
#: Concepts named in a summary's and a CSV row's top matched and missing columns.
TOP_CONCEPTS = 5
#: The scores a summary keeps: what the ranking, its table and its CSV read.
RANKED_SCORES = frozenset(
    (
        "overall",
        "core",
        "levels",
        "specializations",
        "groups",
        "best_level",
        "best_specialization",
        "fit",
        "fit_band",
    )
)


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of a record, whole: the report's schema is embedded (under
    ``$defs``, with its own ``$id``), so that the one document validates a line alone."""
    text = resources.files("kwmatch").joinpath("schemas/record.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    schema["$defs"]["report"] = json.loads(report_schema_text())
    return schema


def record_schema_text() -> str:
    """:func:`record_schema` as JSON text, as ``kwmatch schema --record`` prints it."""
    return json.dumps(record_schema(), indent=2, ensure_ascii=False) + "\n"


def validate_record(record: Record) -> list[str]:
    """Problems of ``record`` against the record schema (empty when valid)."""
    from kwmatch.validation import schema_errors

    return [
        f"{'/'.join(path) or 'top level'}: {message}"
        for path, message in schema_errors(record, record_schema())
    ]


def serialize(record: Record) -> bytes:
    """A record as one line of the results file (a tree of plain values built by
    kwmatch, never a cycle: the encoder's cycle check is skipped, a tenth of its time)."""
    return (json.dumps(record, ensure_ascii=False, check_circular=False) + "\n").encode("utf-8")


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


def has_hidden_text(report: dict[str, Any]) -> bool:
    """Whether a report warns about text a reader of the file cannot see."""
    return warns_of_hidden_text(report.get("input", {}).get("warnings", ()))


def summary(record: Record, top_concepts: int = TOP_CONCEPTS) -> Record:
    """A record cut to what the ranking and its CSV need, so that ranking a million
    candidates keeps a few hundred bytes each in memory, not whole reports."""
    if record.get("status") != "ok":
        return {k: record[k] for k in ("path", "sha256", "status", "error") if k in record}
    report = record["report"]
    missing = sorted(report["missing"], key=lambda m: (-len(m["wanted_by"]), m["concept"]))
    # New small entries, not the report's: a summary that held on to the report's
    # entries would keep their evidence and every responsibility that wants them alive
    # (some 10 KB a resume, the parent's memory growing with the batch).
    return {
        "path": record["path"],
        "sha256": record["sha256"],
        "status": "ok",
        "hidden_text": has_hidden_text(report),
        "report": {
            "input": {"path": report["input"]["path"], "name": report["input"].get("name")},
            "scores": {k: v for k, v in report["scores"].items() if k in RANKED_SCORES},
            "matched": [
                {"concept": m["concept"], "label": m["label"]}
                for m in report["matched"][:top_concepts]
            ],
            "missing": [
                {
                    "concept": m["concept"],
                    "label": m["label"],
                    "wanted_by_count": len(m["wanted_by"]),
                }
                for m in missing[:top_concepts]
            ],
        },
    }


# --- ranking ------------------------------------------------------------------------------

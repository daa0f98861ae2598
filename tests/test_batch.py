"""kwmatch batch: every file exactly once, nothing lost to a bad file or a kill."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kwmatch
from kwmatch.batch.records import record_schema_text, validate_record
from kwmatch.batch.results import read_records
from kwmatch.batch.work import read_one as original_read_one
from kwmatch.cli import app
from kwmatch.ingest import Document
from kwmatch.report import validate_report

from .conftest import EXAMPLES

PDF = EXAMPLES / "ml_engineer_two_column.pdf"
DOCX = EXAMPLES / "junior_data_analyst.docx"
TXT = EXAMPLES / "sales_manager.txt"


def unique_pdfs(folder: Path, count: int) -> list[Path]:
    """Copies of the example PDF with distinct bytes (a trailing PDF comment), so that
    content hashing does not fold them into one."""
    folder.mkdir(parents=True, exist_ok=True)
    data = PDF.read_bytes()
    paths = []
    for index in range(count):
        path = folder / f"candidate_{index:03d}.pdf"
        path.write_bytes(data + f"\n% copy {index}\n".encode())
        paths.append(path)
    return paths


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(PDF, folder / "ml.pdf")
    shutil.copy(DOCX, folder / "nested" / "junior.docx")
    shutil.copy(TXT, folder / "sales.txt")
    shutil.copy(TXT, folder / "nested" / "sales_again.txt")  # same content, other name
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xyz").write_text("not a resume suffix: discovery skips it")
    return folder


def by_path(records: list[dict]) -> dict[str, dict]:
    """The records by path; each must be valid against the record schema and come once."""
    table: dict[str, dict] = {}
    for record in records:
        assert validate_record(record) == [], record["path"]
        assert record["path"] not in table, f"{record['path']} reported twice"
        table[record["path"]] = record
    return table


@pytest.fixture(autouse=True)
def every_written_record_is_valid(tmp_path: Path) -> Iterator[None]:
    """After each test, every complete line of every results file it wrote is a valid
    record (what `kwmatch schema --record` promises a consumer)."""
    yield
    for results in tmp_path.rglob("*.jsonl"):
        data = results.read_bytes()
        for number, line in enumerate(data[: data.rfind(b"\n") + 1].splitlines(), 1):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line a test broke on purpose; --resume repairs it
            assert validate_record(record) == [], f"{results.name}:{number}"


def test_the_record_schema_refuses_what_a_consumer_cannot_read(mixed: Path) -> None:
    # The schema is no rubber stamp: a report under an error, an error without its
    # message, an unknown code, a missing digest on a scored file all fail it.
    ok, error = sorted(
        kwmatch.score_many([mixed / "sales.txt", mixed / "empty.txt"], jobs=1),
        key=lambda r: r["status"],
        reverse=True,
    )
    assert (ok["status"], error["status"]) == ("ok", "error")
    for bad in (
        {**error, "report": ok["report"]},
        {**error, "error": {"code": 3}},
        {**error, "error": {"code": 1, "message": "below a threshold"}},
        {**ok, "sha256": None},
        {**ok, "report": {**ok["report"], "scores": {}}},
        {**ok, "score": 0.5},
    ):
        assert validate_record(bad) != [], bad


def test_schema_record_prints_one_self_contained_schema(mixed: Path, tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    result = CliRunner().invoke(app, ["schema", "--record"])
    assert result.exit_code == 0, result.output
    assert result.stdout == record_schema_text()
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    out = tmp_path / "r.jsonl"
    CliRunner().invoke(app, ["batch", str(mixed), "--out", str(out), "-q", "--jobs", "1"])
    lines = out.read_text().splitlines()
    assert len(lines) == 6
    # A consumer validates the lines with the printed schema alone, no other file.
    validator = Draft202012Validator(schema)
    for line in lines:
        assert not list(validator.iter_errors(json.loads(line))), line[:80]


def test_score_many_reports_every_file_once(mixed: Path) -> None:
    records = by_path(list(kwmatch.score_many([mixed], jobs=2)))
    names = {Path(p).name for p in records}
    assert names == {
        "ml.pdf",
        "junior.docx",
        "sales.txt",
        "sales_again.txt",
        "broken.pdf",
        "empty.txt",
    }
    ok = {Path(p).name: r for p, r in records.items() if r["status"] == "ok"}
    failed = {Path(p).name: r for p, r in records.items() if r["status"] == "error"}
    assert set(failed) == {"broken.pdf", "empty.txt"}
    for record in failed.values():
        assert record["error"]["code"] == 3
        assert record["error"]["message"]
    for record in ok.values():
        assert validate_report(record["report"]) == []
        assert record["report"]["input"]["path"] == record["path"]
    # The duplicate is scored once and reported under both names with the same result.
    assert ok["sales.txt"]["sha256"] == ok["sales_again.txt"]["sha256"]
    assert ok["sales.txt"]["report"]["scores"] == ok["sales_again.txt"]["report"]["scores"]
    # Batch results equal single-file scoring.
    single = kwmatch.score_file(mixed / "ml.pdf")
    assert ok["ml.pdf"]["report"]["scores"] == single.data["scores"]


def _read_and_mark(path: str, config: object) -> object:
    """batch.read_one, leaving a mark in $KWMATCH_TEST_MARKS once the file is read (the
    reader processes are forks: the test sees their progress only through files)."""
    result = original_read_one(path, config)  # type: ignore[arg-type]
    Path(os.environ["KWMATCH_TEST_MARKS"], Path(path).name).touch()
    return result


def test_files_read_during_start_up_score_like_the_others(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With several workers, other cores read files while the parent builds the scorer.
    # Here the scorer is already built, so the parent's start-up waits until every early
    # read is done; what was read early (documents, and the error records of files that
    # cannot be read) must give the same records as one process does.
    from kwmatch.batch import engines

    parent, build, early = os.getpid(), engines.scorer_for, engines._read_during_startup
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setenv("KWMATCH_TEST_MARKS", str(marks))
    read_early: list[object] = []

    def slow_scorer(config: object) -> object:
        deadline = time.monotonic() + 60
        while os.getpid() == parent and len(list(marks.iterdir())) < 3:
            assert time.monotonic() < deadline, "the early reads never finished"
            time.sleep(0.05)
        return build(config)  # type: ignore[arg-type]

    def spied(*args: object) -> Iterator[object]:
        queue: list[object] = args[-1]  # type: ignore[assignment]
        for record in early(*args):  # type: ignore[arg-type]
            read_early.append(record)
            yield record
        read_early.extend(item for item in queue if not isinstance(item, str))

    monkeypatch.setattr(engines, "read_one", _read_and_mark)
    monkeypatch.setattr(engines, "scorer_for", slow_scorer)
    monkeypatch.setattr(engines, "_read_during_startup", spied)
    # In discovery order: a twin of ml.pdf, another text, then the fixture's files.
    shutil.copy(PDF, mixed / "a_copy.pdf")
    (mixed / "a_unique.txt").write_text("Built data pipelines with Airflow and Spark.\n")
    parallel = by_path(list(kwmatch.score_many([mixed], jobs=2)))
    monkeypatch.undo()
    # Half of the 6 distinct files are read ahead: a_copy.pdf, a_unique.txt, broken.pdf.
    assert sorted(p.name for p in marks.iterdir()) == ["a_copy.pdf", "a_unique.txt", "broken.pdf"]
    assert len(read_early) == 3
    assert sum(isinstance(item, Document) for item in read_early) == 2
    serial = by_path(list(kwmatch.score_many([mixed], jobs=1)))
    assert parallel.keys() == serial.keys()
    for path, record in serial.items():
        assert parallel[path]["status"] == record["status"], path
        if record["status"] == "ok":
            assert parallel[path]["report"] == record["report"], path
        else:
            assert parallel[path]["error"] == record["error"], path


def test_globs_and_missing_inputs(tmp_path: Path, mixed: Path) -> None:
    records = list(kwmatch.score_many([str(mixed / "*.txt"), str(tmp_path / "nope.pdf")], jobs=1))
    table = by_path(records)
    assert {Path(p).name for p in table} == {"sales.txt", "empty.txt", "nope.pdf"}
    assert table[str(tmp_path / "nope.pdf")]["error"]["code"] == 3


def test_cli_batch_writes_jsonl_and_csv_and_exits_5(mixed: Path, tmp_path: Path) -> None:
    out, ranking = tmp_path / "r.jsonl", tmp_path / "rank.csv"
    result = CliRunner().invoke(
        app, ["batch", str(mixed), "--out", str(out), "--csv", str(ranking), "--jobs", "1"]
    )
    assert result.exit_code == 5, result.output
    records = read_records(out)
    assert len(records) == 6
    rows = list(csv.DictReader(io.StringIO(ranking.read_text())))
    assert len(rows) == 4  # one per scored candidate; failures stay in the JSONL
    overall = [float(r["overall"]) for r in rows]
    assert overall == sorted(overall, reverse=True)
    assert rows[0]["path"].endswith("ml.pdf")  # the ML engineer outranks the others
    assert {"level:senior", "specialization:deep-learning", "top_missing"} <= set(rows[0])


def test_cli_batch_rank_by_level(mixed: Path, tmp_path: Path) -> None:
    ranking = tmp_path / "rank.csv"
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(mixed / "ml.pdf"),
            str(mixed / "sales.txt"),
            "--csv",
            str(ranking),
            "--rank-by",
            "entry",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(ranking.read_text())))
    values = [float(r["level:entry"]) for r in rows]
    assert values == sorted(values, reverse=True)
    bad = CliRunner().invoke(app, ["batch", str(mixed / "ml.pdf"), "--rank-by", "nosuch"])
    assert bad.exit_code == 2


def test_resume_skips_what_is_done(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    runner = CliRunner()
    first = runner.invoke(app, ["batch", str(mixed / "ml.pdf"), "--out", str(out), "-q"])
    assert first.exit_code == 0
    second = runner.invoke(app, ["batch", str(mixed), "--out", str(out), "--resume", "-q"])
    assert second.exit_code == 5
    table = by_path(read_records(out))
    assert len(table) == 6


def test_resume_repairs_a_broken_last_line(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["batch", str(mixed / "ml.pdf"), "--out", str(out), "-q"]).exit_code == 0
    )
    with open(out, "ab") as handle:
        handle.write(b'{"path": "half a line')  # what a kill in the middle of a write leaves
    result = runner.invoke(
        app, ["batch", str(mixed / "sales.txt"), "--out", str(out), "--resume", "-q"]
    )
    assert result.exit_code == 0
    lines = out.read_bytes().splitlines()
    assert [json.loads(line)["path"].rsplit("/", 1)[-1] for line in lines] == [
        "ml.pdf",
        "sales.txt",
    ]


def _run_and_kill(folder: Path, out: Path, sig: int, jobs: int) -> int:
    command = [
        sys.executable,
        "-m",
        "kwmatch",
        "batch",
        str(folder),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--pdf-engine",
        "pdfminer",
        "-q",
        "--top",
        "0",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.send_signal(sig)
    process.wait(timeout=60)
    if sig == signal.SIGKILL:  # the workers of a killed parent are orphans: end them
        subprocess.run(["pkill", "-KILL", "-f", str(out)], check=False)
    return process.returncode


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sig", "jobs"),
    [(signal.SIGINT, 1), (signal.SIGINT, 2), (signal.SIGTERM, 2), (signal.SIGKILL, 1)],
)
def test_interrupted_batch_is_valid_and_resumable(tmp_path: Path, sig: int, jobs: int) -> None:
    folder = tmp_path / "many"
    files = unique_pdfs(folder, 40)
    out = tmp_path / "r.jsonl"
    code = _run_and_kill(folder, out, sig, jobs)
    if sig in (signal.SIGINT, signal.SIGTERM):
        assert code == 130
    else:
        assert code == -signal.SIGKILL
    data = out.read_bytes()
    complete = data[: data.rfind(b"\n") + 1]
    done = [json.loads(line) for line in complete.splitlines()]  # every complete line parses
    assert 0 < len(done) < len(files), "the batch was not stopped midway"
    if sig != signal.SIGKILL:
        assert data.endswith(b"\n"), "a clean stop leaves no partial line"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kwmatch",
            "batch",
            str(folder),
            "--out",
            str(out),
            "--resume",
            "--jobs",
            "2",
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    table = by_path(read_records(out))
    assert sorted(table) == sorted(map(str, files))
    assert all(r["status"] == "ok" for r in table.values())


@pytest.mark.slow
def test_dask_engine_gives_the_local_scores(mixed: Path) -> None:
    pytest.importorskip("dask.distributed")
    inputs = [
        mixed / "ml.pdf",
        mixed / "nested" / "junior.docx",
        mixed / "sales.txt",
        mixed / "broken.pdf",
    ]
    local = by_path(list(kwmatch.score_many(inputs, jobs=1)))
    distributed = by_path(list(kwmatch.score_many(inputs, jobs=2, engine="dask")))
    assert local.keys() == distributed.keys()
    for path, record in local.items():
        other = distributed[path]
        assert other["status"] == record["status"]
        if record["status"] == "ok":
            assert other["report"] == record["report"]
        else:
            assert other["error"] == record["error"]


@pytest.mark.slow
def test_cli_dask_engine(mixed: Path, tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(mixed / "ml.pdf"),
            str(mixed / "sales.txt"),
            "--engine",
            "dask",
            "--jobs",
            "1",
            "--out",
            str(out),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert len(read_records(out)) == 2


def test_unknown_engine_is_a_usage_error(mixed: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(mixed / "ml.pdf"), "--engine", "spark"])
    assert result.exit_code == 2
    assert "engine" in result.output


def test_resume_needs_out(mixed: Path) -> None:
    result = CliRunner().invoke(app, ["batch", str(mixed), "--resume"])
    assert result.exit_code == 2


@pytest.mark.skipif(os.name != "posix", reason="fork-based pool")
def test_batch_keeps_going_after_an_internal_error(
    mixed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kwmatch.api import Options, Scorer

    real = Scorer.score_file

    def flaky(self: Scorer, path: str, options: Options) -> kwmatch.Report:
        if str(path).endswith("sales.txt"):
            raise RuntimeError("simulated bug")
        return real(self, path, options)

    monkeypatch.setattr(Scorer, "score_file", flaky)
    table = by_path(list(kwmatch.score_many([mixed / "ml.pdf", mixed / "sales.txt"], jobs=1)))
    error = table[str(mixed / "sales.txt")]["error"]
    assert error["code"] == 70
    assert any(frame.endswith(" in flaky") for frame in error["traceback"]), error
    assert table[str(mixed / "ml.pdf")]["status"] == "ok"


def test_batch_applies_the_input_limits(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(mixed / "ml.pdf"),
            str(mixed / "sales.txt"),
            "--max-size",
            "4KB",
            "--out",
            str(out),
            "--max-memory",
            "8GB",
            "-q",
        ],
    )
    assert result.exit_code == 5, result.output
    table = by_path(read_records(out))
    assert table[str(mixed / "ml.pdf")]["error"]["code"] == 3
    assert "too large" in table[str(mixed / "ml.pdf")]["error"]["message"]
    assert table[str(mixed / "sales.txt")]["status"] == "ok"  # 2.4 KB: under the limit
    bad = CliRunner().invoke(app, ["batch", str(mixed / "ml.pdf"), "--max-memory", "lots"])
    assert bad.exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_a_batch_does_not_hang(mixed: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "inbox.txt"
    os.mkfifo(fifo)
    table = by_path(list(kwmatch.score_many([fifo, mixed / "sales.txt"], jobs=1)))
    assert table[str(fifo)]["error"]["code"] == 3
    assert table[str(mixed / "sales.txt")]["status"] == "ok"


def test_twins_of_a_bad_file_get_their_own_message(tmp_path: Path) -> None:
    junk = b"\x00\x01 not a document " * 10
    (tmp_path / "a.pdf").write_bytes(junk)
    (tmp_path / "b.docx").write_bytes(junk)
    table = by_path(list(kwmatch.score_many([tmp_path], jobs=1)))
    assert "PDF" in table[str(tmp_path / "a.pdf")]["error"]["message"]
    assert "DOCX" in table[str(tmp_path / "b.docx")]["error"]["message"]

"""Hostile files, dying workers and full disks (issue #18): every bound holds, nothing
hangs, nothing is lost.

Every hostile file is generated (``tests/hostile_files.py``); none comes from the corpus.
Memory and time are measured by ``bench/hostile.py``, not here: these tests check exit
codes, one-line errors and that every file of a batch gets exactly one record. Their
time limits are at least ten times what the work takes on a quiet machine.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.api import Options, Scorer
from kwmatch.batch import run, score_many
from kwmatch.batch.results import ResultsFile
from kwmatch.cli import app
from kwmatch.errors import BatchError, InputError, UsageError
from kwmatch.ingest import read_document
from kwmatch.limits import Limits
from tests.hostile_files import (
    TEXT_OPS,
    absurd_media_box,
    decompression_bomb,
    docx_bytes,
    lzma_docx,
    nested_forms,
    raw_pdf,
)

SKILLS = "Python, PyTorch, Docker and Kubernetes in production"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("kwmatch: error: ")
    return lines[0].removeprefix("kwmatch: error: ")


# --- 1, 2: memory and time inside native code ----------------------------------------------

HOSTILE_PDFS = {
    "absurd page box": (absurd_media_box, (), r"corrupt PDF \(page 1 measures 4\.29497e\+09 x 792"),
    "decompression bomb": (decompression_bomb, (), "a decompression bomb"),
    # Ten forms a level, nine levels: PDFium never finishes; the deadline or the memory
    # cap of the reading process ends it, whichever comes first.
    "nested forms": (nested_forms, ("--timeout", "3"), "took longer than 3 s|reader died"),
}


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("name", list(HOSTILE_PDFS))
def test_hostile_pdfs_are_exit_3_with_one_line(
    runner: CliRunner, tmp_path: Path, name: str, engine: str
) -> None:
    make, args, message = HOSTILE_PDFS[name]
    path = tmp_path / "hostile.pdf"
    path.write_bytes(make())
    result = runner.invoke(app, ["score", str(path), "--pdf-engine", engine, *args])
    assert result.exit_code == 3, result.output
    line = _one_error_line(result.stderr)
    assert line.startswith(f"{path}: ")
    assert re.search(message, line)


def test_nested_forms_without_a_time_limit_end_at_the_memory_cap(tmp_path: Path) -> None:
    path = tmp_path / "forms.pdf"
    path.write_bytes(nested_forms())
    limits = Limits(timeout=None, file_memory=256 * 2**20)
    with pytest.raises(InputError, match=r"reader died|out of memory"):
        read_document(path, limits=limits)


def test_a_dead_reader_is_replaced_for_the_next_file(tmp_path: Path) -> None:
    hostile = tmp_path / "forms.pdf"
    hostile.write_bytes(nested_forms())
    good = tmp_path / "good.docx"
    good.write_bytes(docx_bytes([SKILLS]))
    limits = Limits(timeout=2)
    # Whichever bound the machine reaches first, the deadline or the memory cap, ends
    # the reader: on a busy machine the cap can come first.
    with pytest.raises(InputError, match=r"took longer than 2 s|reader died"):
        read_document(hostile, limits=limits)
    assert "Kubernetes" in read_document(good).pages[0]  # the default limit: 60 s


def test_a_reader_reaped_elsewhere_leaves_no_stale_descriptor(tmp_path: Path) -> None:
    # A reading process reaped by someone else (a program that ignores SIGCHLD, a
    # helper that waits on every child) fails the one file it was reading, and nothing
    # after it: kwmatch must not keep the closed pipes' numbers and later write to, or
    # close, whatever file the system gave those numbers next.
    from kwmatch import limits as limits_module

    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(raw_pdf(TEXT_OPS))
    read_document(pdf)
    pid = limits_module._READER.pid
    assert pid, "a PDF is read in the reading process"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with pytest.raises(InputError, match="reader died"):
        read_document(pdf)
    bystander = tmp_path / "other.txt"
    with bystander.open("w+b") as handle:
        read_document(pdf)  # a fresh reader
        handle.write(b"mine")
        handle.flush()
        handle.seek(0)
        assert handle.read() == b"mine"
    assert bystander.read_bytes() == b"mine"


def test_one_worker_batch_records_every_file_past_a_hostile_one(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-forms.pdf").write_bytes(nested_forms())
    (folder / "b-bomb.pdf").write_bytes(decompression_bomb())
    (folder / "c-good.docx").write_bytes(docx_bytes([SKILLS]))
    # The good file takes well under a second; 6 s holds on a loaded machine.
    options = Options(limits=Limits(timeout=6))
    records = list(score_many([folder], jobs=1, options=options))
    by_name = {Path(r["path"]).name: r for r in records}
    assert sorted(by_name) == ["a-forms.pdf", "b-bomb.pdf", "c-good.docx"]
    assert by_name["a-forms.pdf"]["error"]["code"] == 3
    assert by_name["b-bomb.pdf"]["error"]["code"] == 3
    assert by_name["c-good.docx"]["status"] == "ok"


# --- 3: dying workers ----------------------------------------------------------------------


def test_a_batch_survives_killed_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scorer: Scorer
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(8):
        (folder / f"r{number}.txt").write_text(f"{SKILLS}, candidate {number}\n")
    (folder / "poison.txt").write_text(SKILLS + "\n")
    (folder / "once.txt").write_text(SKILLS + ", once\n")
    marker = tmp_path / "killed-once"
    original = Scorer.score_document

    def dying(self: Scorer, document, options=Options()):  # type: ignore[no-untyped-def]
        name = Path(document.path).name
        if name == "poison.txt" or (name == "once.txt" and not marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)  # the out-of-memory killer, say
        return original(self, document, options)

    monkeypatch.setattr(Scorer, "score_document", dying)
    records = list(score_many([folder], jobs=2))
    names = sorted(Path(r["path"]).name for r in records)
    assert names == sorted(["poison.txt", "once.txt", *(f"r{n}.txt" for n in range(8))])
    by_name = {Path(r["path"]).name: r for r in records}
    assert by_name["poison.txt"]["error"]["code"] == 3
    assert "died" in by_name["poison.txt"]["error"]["message"]
    assert by_name["once.txt"]["status"] == "ok"
    assert all(by_name[f"r{n}.txt"]["status"] == "ok" for n in range(8))


# --- 4: results files ----------------------------------------------------------------------


def test_a_second_batch_on_the_same_out_refuses(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    first = ResultsFile(out, resume=False)
    try:
        with pytest.raises(UsageError, match="in use by another kwmatch batch"):
            ResultsFile(out, resume=False)
        with pytest.raises(UsageError, match="in use"):
            ResultsFile(out, resume=True)
    finally:
        first.close()
    ResultsFile(out, resume=False).close()  # free again once the first is closed


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_after_a_batch_in_one_process_may_write_the_same_out(
    tmp_path: Path, jobs: int
) -> None:
    # A PDF starts the reading process (forked during the first batch, and alive after
    # it): it must not keep the results file's lock for itself.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(raw_pdf(TEXT_OPS))
    (folder / "b.txt").write_text(f"{SKILLS}\n")
    out = tmp_path / "results.jsonl"
    for _ in range(2):
        outcome = run([folder], out=out, jobs=jobs)
        assert outcome.summary.scored == 2
    assert len(out.read_text().splitlines()) == 2  # the second run wrote the file anew
    held = ResultsFile(out, resume=True)
    try:
        with pytest.raises(UsageError, match="in use"):  # and the lock still works
            ResultsFile(out, resume=True)
    finally:
        held.close()


def test_a_full_disk_stops_the_batch_with_whole_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(4):
        (folder / f"r{number}.txt").write_text(f"{SKILLS} {number}\n")
    out = tmp_path / "results.jsonl"
    real_write = os.write
    calls = []

    def full_disk(fd: int, data: bytes | memoryview) -> int:
        if fd <= 2 or Path(f"/proc/self/fd/{fd}").resolve() != out.resolve():
            return real_write(fd, data)
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, data)  # the first record fits
        if len(calls) == 2:
            return real_write(fd, bytes(data[: len(data) // 2]))  # half of the second
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("kwmatch.batch.results.os.write", full_disk)
    with pytest.raises(BatchError, match="No space left on device; stopped after 1 records"):
        run([folder], out=out, jobs=1)
    lines = out.read_bytes().splitlines(keepends=True)
    assert len(lines) == 1 and lines[0].endswith(b"\n")
    assert json.loads(lines[0])["status"] == "ok"


def test_resume_skips_and_reports_lines_that_are_not_records(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SKILLS + "\n")
    (folder / "b.txt").write_text(SKILLS + " and SQL\n")
    out = tmp_path / "results.jsonl"
    out.write_text('[1, 2, 3]\n{"note": "hand-written"}\nnot json at all\n')
    csv = tmp_path / "ranking.csv"
    args = ["batch", str(folder), "--out", str(out), "--resume", "--csv", str(csv), "-q"]
    result = runner.invoke(app, [*args, "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "skipped 3 lines that are not records (lines 1, 2, 3)" in result.stderr
    assert len(csv.read_text().splitlines()) == 3  # header and both candidates


# --- 5: crashes where the contract says 3 ----------------------------------------------------


def test_corrupt_lzma_member_is_exit_3(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lzma.docx"
    path.write_bytes(lzma_docx([SKILLS]))
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 3, result.output
    assert "corrupt DOCX" in _one_error_line(result.stderr)


def test_docx_xml_errors_never_quote_the_resume(runner: CliRunner, tmp_path: Path) -> None:
    private = "Jane Placeholder, 12 Example Street, jane@example.org"
    path = tmp_path / "broken.docx"
    path.write_bytes(docx_bytes([f"<w:t>{private}"]))  # a tag that never closes
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 3, result.output
    line = _one_error_line(result.stderr)
    assert "corrupt DOCX (bad XML" in line
    for piece in ("Jane", "Street", "example.org"):
        assert piece not in line


def test_names_that_are_not_utf8_are_scored_and_shown_with_replacements(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = os.path.join(os.fsencode(tmp_path), b"in")
    os.mkdir(folder)
    for number in range(3):
        with open(os.path.join(folder, b"cv-\xff%d.txt" % number), "wb") as handle:
            handle.write(f"{SKILLS} {number}\n".encode())
    out = tmp_path / "results.jsonl"
    result = runner.invoke(app, ["batch", os.fsdecode(folder), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["path"]).name for r in records) == [f"cv-\ufffd{n}.txt" for n in range(3)]
    assert all(r["status"] == "ok" for r in records)


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_a_date_in_broken_utf16_is_no_date(runner: CliRunner, tmp_path: Path, engine: str) -> None:
    # Found by bench/fuzz.py: a lone surrogate in the information dictionary's UTF-16.
    info = b"<< /ModDate <FEFFD800> /CreationDate (D:20200315) >>"
    path = tmp_path / "r.pdf"
    path.write_bytes(raw_pdf(TEXT_OPS, extra=(info,), trailer=b"/Info 6 0 R "))
    result = runner.invoke(app, ["score", str(path), "-f", "json", "--pdf-engine", engine])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["input"]["date"] == "2020-03-15"


# --- 7: hidden text in DOCX never adds to a score, and is reported everywhere ---------------

STUFFING = "Python PyTorch TensorFlow Kubernetes Docker MLflow"
HONEST = ["Data analyst writing weekly Excel reports for the sales team"]
DOCX_TRICKS = {
    "hidden run": ("<w:vanish/>", "", "marked hidden"),
    "special hidden run": ("<w:specVanish/>", "", "marked hidden"),
    "white run": ('<w:color w:val="FEFEFE"/>', "", "colour of its background"),
    "run in the page colour": ('<w:color w:val="000080"/>', "000080", "colour of its background"),
    "one-point run": ('<w:sz w:val="2"/>', "", "font under 4 pt"),
}


@pytest.mark.parametrize("trick", list(DOCX_TRICKS))
def test_hidden_docx_runs_are_reported_and_never_scored(
    scorer: Scorer, tmp_path: Path, trick: str
) -> None:
    properties, page, reason = DOCX_TRICKS[trick]
    honest = tmp_path / "honest.docx"
    honest.write_bytes(docx_bytes(HONEST, background=page))
    stuffed = tmp_path / "stuffed.docx"
    runs = f"<w:r><w:rPr>{properties}</w:rPr><w:t>{STUFFING}</w:t></w:r>"
    stuffed.write_bytes(docx_bytes(HONEST, runs_xml=runs, background=page))
    report = scorer.score_file(stuffed)
    assert report.overall == scorer.score_file(honest).overall
    (warning,) = report.data["input"]["warnings"]
    assert reason in warning and "Kubernetes" in warning


def test_visible_coloured_runs_still_count(scorer: Scorer, tmp_path: Path) -> None:
    path = tmp_path / "grey.docx"
    runs = f'<w:r><w:rPr><w:color w:val="444444"/></w:rPr><w:t>{STUFFING}</w:t></w:r>'
    path.write_bytes(docx_bytes(HONEST, runs_xml=runs))
    report = scorer.score_file(path)
    assert report.data["input"]["warnings"] == [] and report.overall > 0


def test_hidden_text_reaches_markdown_csv_and_fails_ci_on_request(
    runner: CliRunner, tmp_path: Path
) -> None:
    stuffed = tmp_path / "in" / "stuffed.docx"
    stuffed.parent.mkdir()
    runs = f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{STUFFING}</w:t></w:r>"
    stuffed.write_bytes(docx_bytes(HONEST, runs_xml=runs))
    (tmp_path / "in" / "honest.docx").write_bytes(docx_bytes([SKILLS]))
    markdown = runner.invoke(app, ["score", str(stuffed), "-f", "markdown"])
    assert markdown.exit_code == 0 and "**Warning:** possible keyword stuffing" in markdown.stdout
    strict = runner.invoke(app, ["score", str(stuffed), "-f", "json", "--fail-on-hidden-text"])
    assert strict.exit_code == 1
    assert "hidden text" in strict.stderr
    csv = tmp_path / "ranking.csv"
    batch = runner.invoke(app, ["batch", str(tmp_path / "in"), "--csv", str(csv), "-q", "-j", "1"])
    assert batch.exit_code == 0, batch.output
    rows = [line.split(",") for line in csv.read_text().splitlines()]
    assert rows[0][-1] == "hidden_text"
    flags = {Path(row[1]).name: row[-1] for row in rows[1:]}
    assert flags == {"stuffed.docx": "yes", "honest.docx": ""}


# --- 8: --redact ---------------------------------------------------------------------------

REDACTED = {
    "obfuscated email": "write to jo.placeholder [at] example [dot] com",
    "street address": "lives at 221 Baker Street near the park",
    "url on another domain": "portfolio at someone.ly/work and demo.ai",
    "short phone": "call 555-0134 after six",
}


@pytest.mark.parametrize("text", REDACTED.values(), ids=list(REDACTED))
def test_redaction_masks_what_identifies_a_person(text: str) -> None:
    from kwmatch.report import redact

    masked = redact(text)
    for piece in ("example", "Baker", "someone", "demo.ai", "0134"):
        assert piece not in masked


def test_redacted_snippets_and_warnings_hide_numbers_at_the_edge(
    scorer: Scorer, tmp_path: Path
) -> None:
    filler = "x" * 50
    phone = "+1 (415) 555-0134 3344"
    path = tmp_path / "r.docx"
    runs = f"<w:r><w:rPr><w:vanish/></w:rPr><w:t>{STUFFING} mail me@example.org</w:t></w:r>"
    path.write_bytes(docx_bytes([f"{phone} {filler} Python"], runs_xml=runs))
    report = scorer.score_file(path, Options(redact=True))
    text = json.dumps(report.data)
    assert "0134" not in text and "3344" not in text and "me@example.org" not in text

"""Hostile and broken input: one clear line naming the file and the problem, exit code 3
for ``score``, an error record (and exit 5) for ``batch``, and nothing lost.

Every hostile file is generated here, in ``tmp_path``: no binary fixture is committed.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kwmatch.api import Options, Scorer
from kwmatch.batch import score_many
from kwmatch.cli import app
from kwmatch.errors import InputError
from kwmatch.ingest import read_document, strip_markdown
from kwmatch.limits import DEFAULT_LIMITS, Limits, cap_memory, parse_size, time_limit
from kwmatch.text import clean
from tests.hostile_files import PATHOLOGICAL

RESUME_LINES = [
    "Jane Doe - Machine Learning Engineer",
    "SKILLS",
    "Python, PyTorch, TensorFlow, Docker, Kubernetes, SQL, MLflow",
    "EXPERIENCE",
    "Deployed models to production and monitored them; mentored junior engineers.",
]
RESUME_TEXT = "\n".join(RESUME_LINES) + "\n"
#: Tests of work that must end are guarded by this bound (seconds) instead of timed: more
#: than ten times what the slowest of them takes on a machine loaded eight times over its
#: cores. Figures of time are bench/hostile.py's.
HANG_GUARD = 600


# --- generators -------------------------------------------------------------------------


def make_pdf(
    path: Path,
    lines: list[str] | None = None,
    *,
    pages: int = 1,
    encrypt: object | None = None,
    draw: Callable[[object], None] | None = None,
) -> Path:
    """A small PDF written by reportlab: ``lines`` on each page, or what ``draw`` draws."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), encrypt=encrypt)  # type: ignore[arg-type]
    for _ in range(pages):
        if draw is not None:
            draw(page)
        else:
            page.setFont("Helvetica", 11)
            for number, line in enumerate(RESUME_LINES if lines is None else lines):
                page.drawString(72, 720 - 16 * number, line)
        page.showPage()
    page.save()
    return path


def make_docx(path: Path, lines: list[str] | None = None) -> Path:
    import docx

    document = docx.Document()
    for line in RESUME_LINES if lines is None else lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes], *, level: int = 6) -> Path:
    """A copy of a zip archive with some members replaced or added."""
    with zipfile.ZipFile(source) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members.update(replace)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return target


def docx_with_prolog(tmp_path: Path, name: str, prolog: str, body_text: str) -> Path:
    good = make_docx(tmp_path / f"{name}-source.docx")
    with zipfile.ZipFile(good) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    head, _, rest = xml.partition("?>")
    xml = head + "?>" + prolog + rest.replace("Jane Doe", body_text, 1)
    return rezip(good, tmp_path / name, {"word/document.xml": xml.encode("utf-8")})


BILLION_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


# --- the hostile cases ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A hostile input: how to make it, and what ``kwmatch score`` must say."""

    name: str
    make: Callable[[Path], Path]
    message: str
    """A part of the one-line message (after "path: ")."""
    args: tuple[str, ...] = ()
    """Extra options for ``kwmatch score``."""


def _encrypted(tmp: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return make_pdf(tmp / "locked.pdf", encrypt=StandardEncryption("s3cret", "owner"))


def _truncated(tmp: Path) -> Path:
    data = make_pdf(tmp / "whole.pdf").read_bytes()
    (tmp / "truncated.pdf").write_bytes(data[: len(data) * 6 // 10])
    return tmp / "truncated.pdf"


def _corrupt(tmp: Path) -> Path:
    path = tmp / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return path


def _image_only(tmp: Path) -> Path:
    def draw(page: object) -> None:
        page.setFillColorRGB(0.2, 0.2, 0.2)  # type: ignore[attr-defined]
        page.rect(72, 400, 400, 300, fill=1)  # type: ignore[attr-defined]

    return make_pdf(tmp / "scan.pdf", draw=draw)


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        (tmp / name).write_bytes(data)
        return tmp / name

    return make


def _zip_bomb(tmp: Path) -> Path:
    good = make_docx(tmp / "source.docx")
    return rezip(good, tmp / "bomb.docx", {"word/media/image1.png": bytes(8 * 2**20)}, level=9)


def _not_word(tmp: Path) -> Path:
    path = tmp / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _encrypted_docx(tmp: Path) -> Path:
    # Office encrypts a DOCX into an OLE compound file with an EncryptedPackage stream.
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    return _write("locked.docx", head + "EncryptedPackage".encode("utf-16-le") + bytes(512))(tmp)


def _directory(tmp: Path) -> Path:
    (tmp / "folder.pdf").mkdir()
    return tmp / "folder.pdf"


def _symlink_loop(tmp: Path) -> Path:
    os.symlink(tmp / "loop_b.pdf", tmp / "loop_a.pdf")
    os.symlink(tmp / "loop_a.pdf", tmp / "loop_b.pdf")
    return tmp / "loop_a.pdf"


def _broken_link(tmp: Path) -> Path:
    os.symlink(tmp / "gone.pdf", tmp / "dangling.pdf")
    return tmp / "dangling.pdf"


def _fifo(tmp: Path) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def _unreadable(tmp: Path) -> Path:
    path = make_pdf(tmp / "secret.pdf")
    path.chmod(0)
    return path


def _three_pages(tmp: Path) -> Path:
    return make_pdf(tmp / "long.pdf", pages=3)


def _random_bytes(size: int, *, nul: bool) -> bytes:
    import random

    rng = random.Random(size)
    data = bytes(rng.randrange(0 if nul else 1, 256) for _ in range(size))
    return data if nul else data.replace(b"\x00", b"\x01")


CASES = [
    Case("missing file", lambda tmp: tmp / "nowhere.pdf", "no such file"),
    Case("directory", _directory, "is a directory, not a file"),
    Case("symlink loop", _symlink_loop, "symbolic link loop"),
    Case("broken symlink", _broken_link, "broken symbolic link"),
    Case("zero bytes", _write("empty.pdf", b""), "empty file (0 bytes)"),
    Case("encrypted PDF", _encrypted, "encrypted PDF: give its password with --password"),
    Case(
        "wrong password",
        _encrypted,
        "encrypted PDF: the password given does not open it",
        ("--password", "wrong"),
    ),
    Case("truncated PDF", _truncated, "truncated PDF"),
    Case("corrupt PDF", _corrupt, "corrupt PDF"),
    Case("image-only PDF", _image_only, "no extractable text: the PDF looks scanned or image-only"),
    Case("PNG named .pdf", _write("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(64)), "a PNG image"),
    Case(
        "legacy .doc named .docx",
        _write("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)),
        "unsupported format: a legacy Word .doc",
    ),
    Case("encrypted DOCX", _encrypted_docx, "encrypted Office document"),
    Case("RTF", _write("resume.rtf", b"{\\rtf1\\ansi Python}"), "an RTF document"),
    Case(
        "binary named .pdf",
        _write("noise.pdf", _random_bytes(3000, nul=True)),
        "not a PDF file (no %PDF header)",
    ),
    Case(
        "binary named .docx",
        _write("noise.docx", _random_bytes(3001, nul=True)),
        "not a DOCX file (not a zip archive)",
    ),
    Case(
        "DOCX with a broken zip",
        _write("broken.docx", b"PK\x03\x04" + _random_bytes(2000, nul=True)),
        "corrupt DOCX (broken zip archive",
    ),
    Case("zip that is no Word file", _not_word, "an Excel workbook, not a Word document"),
    Case("DOCX zip bomb", _zip_bomb, "zip bomb"),
    Case(
        "DOCX over the uncompressed limit",
        lambda tmp: make_docx(tmp / "big.docx"),
        "uncompressed size",
        ("--max-unzipped", "2KB"),
    ),
    Case(
        "billion laughs",
        lambda tmp: docx_with_prolog(tmp, "laughs.docx", BILLION_LAUGHS, "&lol9;"),
        "declares XML entities or a DOCTYPE",
    ),
    Case(
        "external entity",
        lambda tmp: docx_with_prolog(tmp, "xxe.docx", EXTERNAL_ENTITY, "&xxe;"),
        "declares XML entities or a DOCTYPE",
    ),
    Case(
        "binary named .txt",
        _write("data.txt", _random_bytes(4000, nul=True)),
        "binary data, not text (it holds NUL bytes)",
    ),
    Case(
        "binary without NUL named .txt",
        _write("noise.txt", _random_bytes(4000, nul=False)),
        "binary data",
    ),
    Case(
        "control characters named .txt",
        _write("controls.txt", bytes(range(1, 32)) * 50),
        "binary data, not text (control characters throughout)",
    ),
    Case("whitespace only", _write("blank.txt", b" \n\t\n  "), "no text in the file"),
    Case("pipe", _fifo, "not a regular file"),
    Case(
        "too large", lambda tmp: make_pdf(tmp / "big.pdf"), "file too large", ("--max-size", "1KB")
    ),
    Case("too many pages", _three_pages, "too many pages (3; the limit is 2", ("--max-pages", "2")),
]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {stderr!r}"
    assert lines[0].startswith("kwmatch: error: "), lines[0]
    return lines[0].removeprefix("kwmatch: error: ")


PDF_CASES = [
    c for c in CASES if c.make in (_encrypted, _truncated, _corrupt, _image_only, _three_pages)
]


@pytest.mark.parametrize(
    ("case", "engine"),
    [pytest.param(c, "pdfium", id=c.name) for c in CASES]
    + [pytest.param(c, "pdfminer", id=f"{c.name} (pdfminer)") for c in PDF_CASES],
)
def test_score_says_what_is_wrong(
    runner: CliRunner, tmp_path: Path, case: Case, engine: str
) -> None:
    path = case.make(tmp_path)
    result = runner.invoke(app, ["score", str(path), "--pdf-engine", engine, *case.args])
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    line = _error_line(result.stderr)
    assert line.startswith(f"{path}: "), line
    assert case.message in line, line


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file, whatever its mode")
def test_unreadable_file(runner: CliRunner, tmp_path: Path) -> None:
    path = _unreadable(tmp_path)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 3
    assert _error_line(result.stderr) == f"{path}: permission denied (the file is not readable)"


def test_unreadable_file_as_root_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads a 0o000 file, so the error is provoked where the bytes are read.
    path = make_pdf(tmp_path / "secret.pdf")
    real_open = open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", deny)
    with pytest.raises(InputError, match="permission denied"):
        read_document(path)


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_password_opens_an_encrypted_pdf(runner: CliRunner, tmp_path: Path, engine: str) -> None:
    path = _encrypted(tmp_path)
    result = runner.invoke(
        app, ["score", str(path), "--password", "s3cret", "--pdf-engine", engine, "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"Kubernetes"' in result.stdout


def raw_pdf(content: bytes, *, resources: bytes = b"", extra: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF written by hand (reportlab would not write what the tests need)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + resources + b" >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Python Docker Kubernetes) Tj ET\n"
FORM = b"BT /F1 12 Tf 72 700 Td (Inside a form) Tj ET /Fm1 Do\n"
NESTED_PDFS = {
    "nested arrays": raw_pdf(TEXT_OPS + b"[" * 100_000 + b"]" * 100_000),
    "nested dictionaries": raw_pdf(TEXT_OPS, extra=(b"<<" * 50_000 + b">>" * 50_000,)),
    "nested graphics states": raw_pdf(b"q " * 100_000 + TEXT_OPS + b"Q " * 100_000),
    "a form that draws itself": raw_pdf(
        TEXT_OPS + b"/Fm1 Do\n",
        resources=b"/XObject << /Fm1 6 0 R >>",
        extra=(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font "
            b"<< /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> /Length %d >>\nstream\n"
            % len(FORM)
            + FORM
            + b"\nendstream",
        ),
    ),
}


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("data", NESTED_PDFS.values(), ids=list(NESTED_PDFS))
def test_deeply_nested_pdfs_are_read_in_bounded_time(
    tmp_path: Path, data: bytes, engine: str
) -> None:
    path = tmp_path / "nested.pdf"
    path.write_bytes(data)
    # The bound is the reader's own: at HANG_GUARD it stops the file, and the test fails.
    document = read_document(path, pdf_engine=engine, limits=Limits(timeout=HANG_GUARD))  # type: ignore[arg-type]
    assert "Kubernetes" in document.pages[0]


# --- the content decides the format, not the name --------------------------------------------


@pytest.mark.parametrize(
    ("make", "fmt", "warning"),
    [
        pytest.param(
            lambda tmp: make_pdf(tmp / "resume.docx"), "pdf", "holds a PDF", id="pdf.docx"
        ),
        pytest.param(lambda tmp: make_pdf(tmp / "resume.txt"), "pdf", "holds a PDF", id="pdf.txt"),
        pytest.param(
            lambda tmp: make_docx(tmp / "resume.pdf"), "docx", "holds a DOCX", id="docx.pdf"
        ),
        pytest.param(
            _write("resume.pdf", RESUME_TEXT.encode()), "txt", "plain text", id="text.pdf"
        ),
        pytest.param(
            _write("resume.docx", RESUME_TEXT.encode()), "txt", "plain text", id="text.docx"
        ),
    ],
)
def test_wrong_extension_is_read_by_content(
    tmp_path: Path, make: Callable[[Path], Path], fmt: str, warning: str
) -> None:
    document = read_document(make(tmp_path))
    assert document.format == fmt
    assert any(warning in w for w in document.warnings), document.warnings
    assert "Kubernetes" in "".join(document.pages)


def test_text_in_another_code_page(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(("Инженер машинного обучения: Python, Docker. " * 20).encode("cp1251"))
    document = read_document(path)
    assert "Python" in document.pages[0]
    assert any("(not UTF-8)" in w for w in document.warnings)


@pytest.mark.parametrize(
    ("encoding", "warning"),
    [
        ("utf-16", None),  # with a byte order mark
        ("utf-16-le", "decoded as UTF-16-LE (no byte order mark)"),
        ("utf-16-be", "decoded as UTF-16-BE (no byte order mark)"),
        ("utf-8-sig", None),
        ("latin-1", "decoded as cp1252 (not UTF-8)"),
        ("cp1252", "decoded as cp1252 (not UTF-8)"),
    ],
)
def test_text_encodings(tmp_path: Path, encoding: str, warning: str | None) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(
        (RESUME_TEXT + "Zürich, São Paulo, Malmö, naïve café résumé\n").encode(encoding)
    )
    document = read_document(path)
    assert "Kubernetes" in document.pages[0]
    assert "Zürich, São Paulo, Malmö, naïve café résumé" in document.pages[0]
    if warning is None:
        assert document.warnings == ()
    else:
        assert any(warning in w for w in document.warnings), document.warnings


# --- limits -----------------------------------------------------------------------------------


def test_default_limits_are_sane() -> None:
    assert DEFAULT_LIMITS.max_bytes == 20 * 2**20
    assert DEFAULT_LIMITS.max_pages == 50
    assert 100_000 <= DEFAULT_LIMITS.max_chars <= 2_000_000
    assert DEFAULT_LIMITS.timeout is not None and DEFAULT_LIMITS.timeout > 0


def test_characters_past_the_limit_are_cut_with_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(RESUME_TEXT * 50)
    result = runner.invoke(app, ["score", str(path), "--max-chars", "300", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert f"text cut to the first 300 characters of {len(RESUME_TEXT) * 50}" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-size", "lots"], "--max-size: not a size"),
        (["--max-pages", "0"], "--max-pages 0: give a positive number"),
        (["--timeout", "-1"], "--timeout -1.0: give seconds"),
    ],
)
def test_bad_limit_options_are_usage_errors(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "resume.txt"
    path.write_text(RESUME_TEXT)
    result = runner.invoke(app, ["score", str(path), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_parse_size() -> None:
    assert parse_size("1048576") == 2**20
    assert parse_size("20MB") == parse_size("20 mib") == 20 * 2**20
    assert parse_size("512k") == 512 * 1024
    assert parse_size("1.5G") == int(1.5 * 2**30)
    with pytest.raises(ValueError, match="not a size"):
        parse_size("20 parsecs")


@pytest.mark.parametrize(
    ("prolog", "reference"), [(BILLION_LAUGHS, "&lol9;"), (EXTERNAL_ENTITY, "&xxe;")]
)
def test_entities_are_never_expanded_by_the_docx_parser(prolog: str, reference: str) -> None:
    # Behind the refusal above: python-docx's own parser leaves entities alone, so even
    # without the check neither a bomb nor a local file could come in.
    from docx.oxml.parser import parse_xml

    xml = f'<?xml version="1.0"?>{prolog}<root><w>{reference}</w></root>'
    try:
        root = parse_xml(xml.encode())
    except Exception as error:  # libxml2 refuses the amplification on its own
        assert "amplification" in str(error)
        return
    text = "".join(root.itertext())
    assert len(text) < 100
    assert "root:" not in text


# --- the time limit and the memory cap ------------------------------------------------------


def _hang(*args: object, **kwargs: object) -> str:
    while True:  # a parser caught in a loop, deaf to everything but a signal
        try:
            time.sleep(0.01)
        except Exception:  # a careless parser swallows what it can
            continue


def test_time_limit_stops_a_hanging_parser(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kwmatch.ingest.plain.decode_text", _hang)
    path = tmp_path / "resume.txt"
    path.write_text(RESUME_TEXT)
    # Without a working limit the parser would spin for good: the guard ends the test.
    with time_limit(HANG_GUARD, "the test"):
        result = runner.invoke(app, ["score", str(path), "--timeout", "0.5"])
    assert result.exit_code == 3
    assert _error_line(result.stderr) == (
        f"{path}: took longer than 0.5 s to read (time limit; raise it with --timeout)"
    )


def _scattered(page: object) -> None:
    # Ten thousand words strewn over the page: pdfminer's layout analysis takes minutes.
    page.setFont("Helvetica", 4)  # type: ignore[attr-defined]
    for i in range(10_000):
        page.drawString((i * 31) % 550, (i * 17) % 780, "Kubernetes")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_time_limit_stops_a_real_parser(runner: CliRunner, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "scattered.pdf", draw=_scattered)
    # pdfminer takes minutes over this page: exit 3 and the message say the limit fired.
    result = runner.invoke(app, ["score", str(path), "--pdf-engine", "pdfminer", "--timeout", "2"])
    assert result.exit_code == 3, result.output
    assert "took longer than 2 s to read (time limit" in _error_line(result.stderr)


def test_time_limit_leaves_fast_work_alone_and_nests() -> None:
    with time_limit(5, "outer"):
        with time_limit(5, "inner"):
            pass
        with (
            pytest.raises(InputError, match=r"inner: took longer than 0\.2 s"),
            time_limit(0.2, "inner"),
        ):
            _hang()
    with time_limit(None, "no limit"):
        pass


def test_time_limit_does_nothing_outside_the_main_thread() -> None:
    done: list[bool] = []

    def work() -> None:
        with time_limit(0.01, "thread"):
            time.sleep(0.1)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_memory_cap_turns_a_runaway_allocation_into_memory_error() -> None:
    import subprocess

    code = (
        "from kwmatch.limits import address_space_in_use, cap_memory\n"
        "assert cap_memory(address_space_in_use() + 300 * 2**20)\n"
        "try:\n"
        "    bytearray(4 * 2**30)\n"
        "except MemoryError:\n"
        "    print('capped')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "capped", done.stderr


def test_memory_cap_refuses_a_cap_below_what_is_in_use() -> None:
    assert cap_memory(None) is False
    assert cap_memory(1024) is False


def test_running_out_of_memory_fails_the_file_only(
    scorer: Scorer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exhausted(*args: object, **kwargs: object) -> str:
        raise MemoryError()

    monkeypatch.setattr("kwmatch.ingest.plain.decode_text", exhausted)
    path = tmp_path / "resume.txt"
    path.write_text(RESUME_TEXT)
    with pytest.raises(InputError, match="ran out of memory"):
        scorer.score_file(path)


# --- hidden text -----------------------------------------------------------------------------


def _stuffed(page: object) -> None:
    c = page
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    for number, line in enumerate(RESUME_LINES):
        c.drawString(72, 720 - 16 * number, line)  # type: ignore[attr-defined]
    c.setFillColorRGB(1, 1, 1)  # type: ignore[attr-defined]
    c.drawString(72, 600, "WhiteOnWhite Airflow Spark Kafka")  # type: ignore[attr-defined]
    c.setFillColorRGB(0, 0, 0)  # type: ignore[attr-defined]
    c.setFont("Helvetica", 1)  # type: ignore[attr-defined]
    c.drawString(72, 580, "TinyFont Terraform Ansible Jenkins")  # type: ignore[attr-defined]
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    c.drawString(-700, 500, "OffPage Scala Hadoop Hive")  # type: ignore[attr-defined]
    text = c.beginText(72, 540)  # type: ignore[attr-defined]
    text.setTextRenderMode(3)
    text.textLine("Invisible Keras Pandas NumPy")
    text.setTextRenderMode(0)
    c.drawText(text)  # type: ignore[attr-defined]


def _honest_design(page: object) -> None:
    c = page
    c.setFillColorRGB(0.1, 0.15, 0.3)  # type: ignore[attr-defined]
    c.rect(0, 700, 612, 100, fill=1, stroke=0)  # type: ignore[attr-defined]
    c.setFillColorRGB(1, 1, 1)  # type: ignore[attr-defined]
    c.setFont("Helvetica", 20)  # type: ignore[attr-defined]
    c.drawString(72, 740, "Jane Doe - white on a dark banner")  # type: ignore[attr-defined]
    c.setFillColorRGB(0.4, 0.4, 0.4)  # type: ignore[attr-defined]
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    for number, line in enumerate(RESUME_LINES):
        c.drawString(72, 650 - 16 * number, line)  # type: ignore[attr-defined]


def _page_number_below_the_margin(page: object) -> None:
    c = page
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    for number, line in enumerate(RESUME_LINES):
        c.drawString(72, 720 - 16 * number, line)  # type: ignore[attr-defined]
    c.drawString(540, -12, "Page 1")  # type: ignore[attr-defined]  (LaTeX templates do this)


def _ocr_scan(page: object) -> None:
    from reportlab.lib.utils import ImageReader

    try:
        from PIL import Image
    except ImportError:
        pytest.skip("Pillow is needed to draw the scanned image")
    scan = Image.new("L", (200, 100), 235)
    c = page
    c.drawImage(ImageReader(scan), 50, 500, width=500, height=250)  # type: ignore[attr-defined]
    text = c.beginText(72, 700)  # type: ignore[attr-defined]
    text.setTextRenderMode(3)  # the OCR layer of a scan: invisible over its image
    text.setFont("Helvetica", 11)
    for line in RESUME_LINES:
        text.textLine(line)
    c.drawText(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_hidden_text_is_reported(runner: CliRunner, tmp_path: Path, engine: str) -> None:
    import json

    path = make_pdf(tmp_path / "stuffed.pdf", draw=_stuffed)
    result = runner.invoke(app, ["score", str(path), "-f", "json", "--pdf-engine", engine])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["input"]["warnings"]
    expected = {
        "in the colour of its background": "WhiteOnWhite Airflow Spark Kafka",
        "in a font under 2 pt": "TinyFont Terraform Ansible Jenkins",
        "placed outside the page": "OffPage Scala Hadoop Hive",
        "drawn invisible (text render mode 3)": "Invisible Keras Pandas NumPy",
    }
    for reason, text in expected.items():
        found = [w for w in warnings if reason in w]
        assert len(found) == 1, (reason, warnings)
        assert found[0].startswith("possible keyword stuffing: ")
        assert text in found[0]
    assert not any("Jane Doe" in w for w in warnings)


def _transparent(page: object) -> None:
    c = page
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    for number, line in enumerate(RESUME_LINES):
        c.drawString(72, 720 - 16 * number, line)  # type: ignore[attr-defined]
    c.setFillAlpha(0)  # type: ignore[attr-defined]
    c.drawString(72, 600, "Transparent Airflow Spark Kafka Terraform")  # type: ignore[attr-defined]


def _one_white_line_among_many(page: object) -> None:
    c = page
    c.setFont("Helvetica", 11)  # type: ignore[attr-defined]
    for number in range(30):
        line = RESUME_LINES[number % len(RESUME_LINES)]
        c.drawString(72, 760 - 16 * number, line)  # type: ignore[attr-defined]
        if number == 16:
            c.setFillColorRGB(1, 1, 1)  # type: ignore[attr-defined]
            c.drawString(300, 760 - 16 * number, "Airflow Spark Kafka")  # type: ignore[attr-defined]
            c.setFillColorRGB(0, 0, 0)  # type: ignore[attr-defined]


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize(
    ("draw", "reason", "text"),
    [
        # The quick tests look at a sample of the text; one stuffed line must not slip by.
        (_one_white_line_among_many, "in the colour of its background", "Airflow Spark Kafka"),
        (_transparent, "drawn transparent", "Transparent Airflow Spark Kafka Terraform"),
    ],
    ids=["one white line", "transparent"],
)
def test_stuffing_is_reported(
    tmp_path: Path, engine: str, draw: Callable[[object], None], reason: str, text: str
) -> None:
    path = make_pdf(tmp_path / "stuffed.pdf", draw=draw)
    document = read_document(path, pdf_engine=engine)  # type: ignore[arg-type]
    assert len(document.warnings) == 1, document.warnings
    assert reason in document.warnings[0]
    assert text in document.warnings[0]


@pytest.mark.parametrize(
    "draw",
    [_honest_design, _ocr_scan, _page_number_below_the_margin],
    ids=["banner", "ocr", "page number"],
)
def test_honest_design_is_not_hidden_text(tmp_path: Path, draw: Callable[[object], None]) -> None:
    document = read_document(make_pdf(tmp_path / "honest.pdf", draw=draw))
    assert document.warnings == ()
    assert "Kubernetes" in document.pages[0]


def test_real_resumes_hide_nothing(corpus: Path) -> None:
    files = sorted(corpus.glob("pdf/*.pdf")) + sorted(corpus.glob("livecareer/*/*.pdf"))[::12]
    flagged = {
        str(path): [w for w in read_document(path).warnings if "keyword stuffing" in w]
        for path in files
    }
    assert not {p: w for p, w in flagged.items() if w}


# --- pathological text -------------------------------------------------------------------------


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=list(PATHOLOGICAL))
def test_pathological_text_is_scored_in_bounded_time(scorer: Scorer, text: str) -> None:
    # How long each takes is bench/hostile.py's figure; here a blow-up fails at the guard.
    with time_limit(HANG_GUARD, "pathological text"):
        report = scorer.score_text(text)
    report.to_json().encode("utf-8")


@pytest.mark.parametrize(
    "text",
    [PATHOLOGICAL["1 MB without whitespace"], "Python " * 150_000, "[" * 1_000_000],
    ids=["no whitespace", "one skill repeated", "brackets"],
)
def test_the_text_path_is_linear_without_the_character_limit(scorer: Scorer, text: str) -> None:
    # The character limit bounds what reaches the matcher; below it, every step must
    # still be linear (a quadratic regex took minutes on the first of these; it took
    # hours on a 10 MB text). bench/hostile.py prints the figures; this guards the hang.
    with time_limit(HANG_GUARD, "pathological text"):
        cleaned = clean([strip_markdown(text)], scorer.is_word)
        scorer.matcher.match(cleaned)


def test_a_million_repetitions_are_cut_not_counted(scorer: Scorer) -> None:
    report = scorer.score_text("Python " * 1_000_000)
    assert report.data["input"]["warnings"] == [
        f"text cut to the first {DEFAULT_LIMITS.max_chars} characters of 7000000"
    ]
    once = scorer.score_text("Python")
    assert report.data["scores"] == once.data["scores"]  # no reward for keyword stuffing


def test_pathological_text_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "weird.md"
    path.write_text(
        RESUME_TEXT + "\x07\x1b[31m" + "🐍" * 1000 + "\u202e" + "x" * 200_000 + "**" * 1000
    )
    result = runner.invoke(app, ["score", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"Kubernetes"' in result.stdout


# --- batch: every good file's report, every bad file's error ----------------------------------


BATCH_BAD = [
    case
    for case in CASES
    if not case.args and case.name not in ("missing file", "directory", "pipe", "wrong password")
]


@pytest.fixture()
def inbox(tmp_path: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    good = [
        make_pdf(tmp_path / "good.pdf"),
        make_docx(tmp_path / "good.docx"),
        _write("good.txt", RESUME_TEXT.encode())(tmp_path),
        _write("good.md", ("# Jane\n" + RESUME_TEXT + "**Python**\n").encode())(tmp_path),
        make_pdf(tmp_path / "stuffed.pdf", draw=_stuffed),
        make_pdf(tmp_path / "misnamed.txt"),
    ]
    bad = []
    for number, case in enumerate(BATCH_BAD):
        folder = tmp_path / f"bad{number:02d}"
        folder.mkdir()
        bad.append((case.make(folder), case.message))
    return good, bad


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_keeps_every_good_report(
    scorer: Scorer, inbox: tuple[list[Path], list[tuple[Path, str]]], jobs: int
) -> None:
    good, bad = inbox
    missing = good[0].parent / "nowhere.pdf"
    paths = [*good, *(path for path, _ in bad), missing]
    records = list(score_many(paths, jobs=jobs))
    by_path = {record["path"]: record for record in records}
    assert len(records) == len(by_path) == len(paths)
    for path in good:
        record = by_path[str(path)]
        assert record["status"] == "ok", record
        assert record["report"] == scorer.score_file(path).data
    for path, message in bad:
        record = by_path[str(path)]
        assert record["status"] == "error", record
        assert record["error"]["code"] == 3
        assert message in record["error"]["message"], record
    assert by_path[str(missing)]["status"] == "error"


def test_batch_time_limit_fails_only_the_hanging_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kwmatch.ingest import plain

    decode = plain.decode_text

    def hang_on_one(path: Path, data: bytes, warnings: list[str]) -> str:
        if path.name == "hangs.txt":
            _hang()
        return decode(path, data, warnings)

    monkeypatch.setattr(plain, "decode_text", hang_on_one)
    fine = _write("fine.txt", RESUME_TEXT.encode())(tmp_path)
    hangs = _write("hangs.txt", (RESUME_TEXT + "x").encode())(tmp_path)
    # The fine file takes some 50 ms: its limit too must hold on a loaded machine.
    options = Options(limits=Limits(timeout=2))
    records = {r["path"]: r for r in score_many([fine, hangs], jobs=1, options=options)}
    assert records[str(fine)]["status"] == "ok"
    assert records[str(hangs)]["error"] == {
        "code": 3,
        "message": "took longer than 2 s to read (time limit; raise it with --timeout)",
    }


def test_cli_batch_exits_5_and_records_every_file(
    runner: CliRunner, inbox: tuple[list[Path], list[tuple[Path, str]]], tmp_path: Path
) -> None:
    import json

    good, bad = inbox
    out = tmp_path / "results.jsonl"
    paths = [str(p) for p in good] + [str(p) for p, _ in bad]
    result = runner.invoke(app, ["batch", *paths, "--out", str(out), "--quiet", "--jobs", "2"])
    assert result.exit_code == 5, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["path"] for r in records) == sorted(paths)
    assert {r["path"] for r in records if r["status"] == "ok"} == {str(p) for p in good}
    for path, message in bad:
        assert f"{path}: " in result.stderr
        assert message in result.stderr


def test_io_error_messages_are_one_line() -> None:
    # Every message above is one line: a newline in a message would break the contract.
    for case in CASES:
        assert "\n" not in case.message


def test_reader_streams_are_closed(tmp_path: Path) -> None:
    # Reading thousands of files in a batch must not leak descriptors.
    path = make_pdf(tmp_path / "resume.pdf")
    before = len(os.listdir("/proc/self/fd")) if Path("/proc/self/fd").exists() else None
    for _ in range(20):
        read_document(path)
        read_document(path, pdf_engine="pdfminer")
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) <= before + 2

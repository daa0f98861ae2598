"""Fuzzing: arbitrary text and bytes, and mutated real resumes, never crash kwmatch.

The documented failure of a bad input is :class:`kwmatch.errors.InputError` (exit code
3); anything else escaping ``read_document`` or the text path is a bug. The property
tests use hypothesis; the mutation fuzz over real PDFs and DOCX files of the corpus is a
small seeded fuzzer (in the spirit of pdfminer's atheris harness) that runs for a fixed
time budget, so that CI time stays bounded:

* ``KWMATCH_FUZZ_SECONDS`` (default 30): total budget of the mutation fuzz;
* ``KWMATCH_FUZZ_SEED`` (default 0): seed of the mutations, to replay a failure.

Each fuzz test prints how many inputs it tried (run pytest with ``-s`` to see them) and
records the count as a junit property.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwmatch.api import Scorer
from kwmatch.errors import InputError
from kwmatch.ingest import read_document, strip_markdown
from kwmatch.limits import Limits, time_limit
from kwmatch.text import clean, normalize_page

FUZZ_SECONDS = float(os.environ.get("KWMATCH_FUZZ_SECONDS", "30"))
FUZZ_SEED = int(os.environ.get("KWMATCH_FUZZ_SEED", "0"))
#: The time limit of one input. pdfminer's layout analysis is quadratic in the text
#: boxes of a page, and a mutation can multiply them: stopping such a file with the time
#: limit is the documented outcome (exit code 3), counted apart as "timed out".
PER_INPUT_SECONDS = 5.0
FUZZ_LIMITS = Limits(timeout=None)


# --- arbitrary text ----------------------------------------------------------------------

#: Text that leans on what the normalizer and matcher treat specially: skills, symbols,
#: line-end hyphens, bullets, control characters, right-to-left marks, emoji, surrogates.
_PIECES = st.sampled_from(
    [
        "Python",
        "C++",
        "C#",
        ".NET",
        "Node.js",
        "CI/CD",
        "A/B",
        "R",
        "Go",
        "Kuber-\nnetes",
        "scikit-learn",
        "\ufffe",
        "\u00ad",
        "\u200b",
        "•",
        "(cid:12)",
        "Ã©",
        "\u202e",
        "\u05d0",
        "🐍",
        "\x00",
        "\x1b",
        "\r\n",
        "\f",
        " ",
        "\n",
        "Skills:",
        "TECHNICAL SKILLS",
        "-",
        "/",
    ]
)
RESUME_LIKE = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


@pytest.fixture(scope="module")
def fuzz_scorer(scorer: Scorer) -> Scorer:
    return scorer


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), RESUME_LIKE))
def test_normalization_takes_any_text(text: str) -> None:
    normalize_page(text)
    cleaned = clean([text, text])
    assert cleaned.page_starts[0] == 0
    for offset in (0, len(cleaned.text) // 2, max(len(cleaned.text) - 1, 0)):
        cleaned.page_of(offset)
        cleaned.line_of(offset)
        start, end = cleaned.line_span(offset)
        assert 0 <= start <= end <= len(cleaned.text)
        cleaned.section_of(offset)
    strip_markdown(text)


@settings(
    max_examples=200,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=st.one_of(st.text(), RESUME_LIKE))
def test_matching_takes_any_text(fuzz_scorer: Scorer, text: str) -> None:
    report = fuzz_scorer.score_text(text)
    data = report.data
    assert 0.0 <= data["scores"]["overall"] <= 1.0
    report.to_json()


@settings(
    max_examples=300,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=512).map(lambda b: b"%PDF-1.7\n" + b),
        st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=512).map(lambda b: b"\xff\xfe" + b),
        st.text(max_size=512).map(lambda t: t.encode("utf-16-le")),
        st.text(max_size=512).map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from([".txt", ".md", ".pdf", ".docx", ""]),
    engine=st.sampled_from(["pdfium", "pdfminer"]),
)
def test_reading_takes_any_bytes(data: bytes, suffix: str, engine: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path, pdf_engine=engine, limits=FUZZ_LIMITS)  # type: ignore[arg-type]
        except InputError as error:
            assert error.path == str(path)
            assert "\n" not in error.problem
        else:
            assert any(page.strip() for page in document.pages)


# --- mutation fuzz over real files ---------------------------------------------------------


@dataclass
class FuzzRun:
    """What one fuzz campaign did."""

    tried: int = 0
    refused: int = 0
    read: int = 0
    timed_out: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flips, overwrites, cuts, insertions, copies, numbers."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buffer:
            buffer.extend(rng.randbytes(8))
        choice = rng.random()
        at = rng.randrange(len(buffer))
        if choice < 0.25:
            for _ in range(rng.randint(1, 8)):
                spot = rng.randrange(len(buffer))
                buffer[spot] ^= 1 << rng.randrange(8)
        elif choice < 0.4:
            chunk = rng.choice([b"\x00", b"\xff", b"0", b"9999999999", b"-1", b"<<", b">>", b"obj"])
            buffer[at : at + len(chunk)] = chunk
        elif choice < 0.5:
            del buffer[at:]
        elif choice < 0.65:
            buffer[at:at] = rng.randbytes(rng.randint(1, 64))
        elif choice < 0.8:
            width = rng.randint(1, 256)
            source = rng.randrange(len(buffer))
            buffer[at:at] = buffer[source : source + width]
        else:
            # A number the parser trusts: an offset, a length, an object number, a count.
            digits = [
                i
                for i in range(max(0, at - 200), min(len(buffer), at + 200))
                if 48 <= buffer[i] <= 57
            ]
            if digits:
                spot = rng.choice(digits)
                buffer[spot : spot + 1] = str(
                    rng.choice([0, 1, 7, 255, 65536, 2**31, 10**12])
                ).encode()
    return bytes(buffer)


def _mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Mutate inside a member (mostly the XML) and zip it again, so that the damage
    reaches python-docx and lxml instead of stopping at the zip checksum."""
    if rng.random() < 0.2:
        return _mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    target = rng.choice(xml) if xml and rng.random() < 0.9 else rng.randrange(len(members))
    info, content = members[target]
    members[target] = (info, _mutate_bytes(content, rng))
    if rng.random() < 0.1:
        del members[rng.randrange(len(members))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return out.getvalue()


@contextmanager
def _scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kwmatch-fuzz-") as folder:
        yield Path(folder)


def _campaign(
    seeds: list[Path],
    mutate: Callable[[bytes, random.Random], bytes],
    engines: list[str],
    seconds: float,
    seed: int,
) -> FuzzRun:
    rng = random.Random(seed)
    originals = [(path.suffix, path.read_bytes()) for path in seeds]
    run = FuzzRun()
    deadline = time.monotonic() + seconds
    with _scratch() as folder:
        while time.monotonic() < deadline:
            suffix, original = rng.choice(originals)
            engine = rng.choice(engines)
            data = mutate(original, rng)
            path = folder / f"case{suffix}"
            path.write_bytes(data)
            run.tried += 1
            try:
                with time_limit(PER_INPUT_SECONDS, path):
                    read_document(path, pdf_engine=engine, limits=FUZZ_LIMITS)  # type: ignore[arg-type]
            except InputError as error:
                run.refused += 1
                if "time limit" in error.problem:
                    run.timed_out.append(f"{engine}: {_keep(data, suffix)}")
            except Exception as error:  # any other exception is the finding
                run.failures.append(
                    f"{type(error).__name__}: {error} ({engine}): {_keep(data, suffix)}"
                )
            else:
                run.read += 1
    return run


def _keep(data: bytes, suffix: str) -> str:
    """Save a failing input where a developer can replay it; return its path."""
    folder = Path(tempfile.gettempdir()) / "kwmatch-fuzz-failures"
    folder.mkdir(exist_ok=True)
    path = folder / f"{abs(hash(data)):x}{suffix}"
    path.write_bytes(data)
    return str(path)


def _report(name: str, run: FuzzRun, record_property: Callable[[str, object], None]) -> None:
    print(
        f"\n{name}: {run.tried} inputs tried, {run.read} read, {run.refused} refused "
        f"({len(run.timed_out)} by the time limit: {', '.join(run.timed_out) or 'none'})"
    )
    record_property(f"{name}_inputs", run.tried)
    assert run.tried > 0
    assert not run.failures, "\n".join(run.failures[:10])


def _seed_files(corpus: Path, pattern: str, count: int) -> list[Path]:
    files = sorted(corpus.glob(pattern))
    assert files, f"no {pattern} under {corpus}"
    return files[:count]


@pytest.mark.slow
def test_fuzz_pdf_ingest(corpus: Path, record_property: Callable[[str, object], None]) -> None:
    seeds = _seed_files(corpus, "pdf/*.pdf", 16) + _seed_files(corpus, "livecareer/*/*.pdf", 4)
    # Small seeds give more mutations per second; pdfminer is the slow engine.
    seeds = sorted(seeds, key=lambda p: p.stat().st_size)[:12]
    run = _campaign(
        seeds, _mutate_bytes, ["pdfium", "pdfium", "pdfminer"], FUZZ_SECONDS * 2 / 3, FUZZ_SEED
    )
    _report("pdf_fuzz", run, record_property)


@pytest.mark.slow
def test_fuzz_docx_ingest(corpus: Path, record_property: Callable[[str, object], None]) -> None:
    seeds = _seed_files(corpus, "docx/*.docx", 4)
    run = _campaign(seeds, _mutate_docx, ["pdfium"], FUZZ_SECONDS / 3, FUZZ_SEED + 1)
    _report("docx_fuzz", run, record_property)

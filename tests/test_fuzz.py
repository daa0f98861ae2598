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

import os
import random
import tempfile
import time
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
from tests.mutations import mutate_bytes, mutate_docx

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


# No hypothesis deadlines: an example's time is the machine's load, not a finding.
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
    deadline=None,
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
    deadline=None,
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
        seeds, mutate_bytes, ["pdfium", "pdfium", "pdfminer"], FUZZ_SECONDS * 2 / 3, FUZZ_SEED
    )
    _report("pdf_fuzz", run, record_property)


@pytest.mark.slow
def test_fuzz_docx_ingest(corpus: Path, record_property: Callable[[str, object], None]) -> None:
    seeds = _seed_files(corpus, "docx/*.docx", 4)
    run = _campaign(seeds, mutate_docx, ["pdfium"], FUZZ_SECONDS / 3, FUZZ_SEED + 1)
    _report("docx_fuzz", run, record_property)


# --- mutated resumes through `kwmatch batch` ------------------------------------------------

#: The CI budget of the batch fuzz: this many mutated files (PDFs and DOCX from the corpus),
#: scored by one `kwmatch batch` per PDF engine (about half a minute on a quiet machine).
#: ``bench/fuzz.py`` runs thousands.
BATCH_FUZZ = {"pdfium": 240, "pdfminer": 40}
#: Of them, every how many is a mutated DOCX.
DOCX_EVERY = 4
#: The per-file time limit of the batch: a mutation that makes pdfminer's layout analysis
#: quadratic is stopped, an error record with code 3, the documented outcome.
BATCH_FILE_SECONDS = 10
#: The whole batch's time limit: more than ten times what it takes.
BATCH_SECONDS = 900


def fuzz_seeds(corpus: Path) -> list[Path]:
    """Small real resumes to mutate: PDFs of several makers, and DOCX files."""
    pdfs = sorted(corpus.glob("pdf/*.pdf")) + sorted(corpus.glob("livecareer/*/*.pdf"))[:4]
    pdfs = sorted(pdfs, key=lambda p: p.stat().st_size)[:12]
    docx = sorted(corpus.glob("docx/*.docx"))[:4]
    assert pdfs and docx, f"no seed files under {corpus}"
    return [*pdfs[: DOCX_EVERY - 1], docx[0], *pdfs[DOCX_EVERY - 1 :], *docx[1:]]


@pytest.mark.slow
@pytest.mark.parametrize("engine", list(BATCH_FUZZ))
def test_mutated_resumes_through_batch(
    corpus: Path,
    env: dict[str, str],
    tmp_path: Path,
    engine: str,
    record_property: Callable[[str, object], None],
) -> None:
    import json
    import subprocess

    from tests.mutations import write_mutants

    folder = tmp_path / "mutants"
    folder.mkdir()
    files = write_mutants(fuzz_seeds(corpus), BATCH_FUZZ[engine], folder, FUZZ_SEED)
    out = tmp_path / "results.jsonl"
    command = ["kwmatch", "batch", str(folder), "--out", str(out)]
    command += ["-q", "-j", "2", "--pdf-engine", engine, "--timeout", str(BATCH_FILE_SECONDS)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=BATCH_SECONDS, env=env, check=False
    )
    assert done.returncode in (0, 5), done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["path"] for r in records) == sorted(map(str, files))  # each exactly once
    codes = [r["error"]["code"] for r in records if r["status"] != "ok"]
    assert set(codes) <= {3}, [
        r for r in records if r["status"] != "ok" and r["error"]["code"] != 3
    ]
    assert all("\n" not in r["error"]["message"] for r in records if r["status"] != "ok")
    print(f"\nbatch fuzz ({engine}): {len(records)} files, {len(codes)} refused (exit 3)")
    record_property(f"batch_fuzz_{engine}_files", len(records))

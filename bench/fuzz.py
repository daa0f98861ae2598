"""The full fuzz run of issue #18: mutated corpus PDFs and DOCX files through `kwmatch
batch`, and a sample of them through `kwmatch score`, with the counts of what came out.

What must hold: every file gets exactly one record, every error record is code 3 (a file
that cannot be read) with a one-line message, `score` exits 0 or 3, and no traceback is
ever printed. The script prints the counts and exits 1 when any of that fails. CI runs a
budget of the same fuzz (`tests/test_fuzz.py`); this is the long run.

    python bench/fuzz.py [--count 4800] [--seed 0] [--jobs 2] [--engine pdfium|pdfminer]
                         [--score-sample 60] [--corpus ../shared/corpus]

The mutated files live in a temporary folder, deleted at the end (`--keep` keeps the
ones whose outcome broke the contract, and says where).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.run import DEFAULT_CORPUS  # noqa: E402
from tests.mutations import write_mutants  # noqa: E402

#: Seeds: the smaller real resumes (more mutations per second), of several makers.
SEED_PDFS = 12
SEED_DOCX = 4
#: Every how many mutated files is a DOCX.
DOCX_EVERY = 4


def seeds(corpus: Path) -> list[Path]:
    pdfs = sorted(corpus.glob("pdf/*.pdf")) + sorted(corpus.glob("livecareer/*/*.pdf"))[::20]
    pdfs = sorted(pdfs, key=lambda p: p.stat().st_size)[:SEED_PDFS]
    docx = sorted(corpus.glob("docx/*.docx"))[:SEED_DOCX]
    if not pdfs or not docx:
        sys.exit(f"fuzz: no seed PDFs or DOCX files under {corpus}")
    ordered: list[Path] = []
    pdf_turn, docx_turn = iter(pdfs * 2), iter(docx * 4)
    for number in range(len(pdfs) + len(docx)):
        ordered.append(next(docx_turn) if number % DOCX_EVERY == DOCX_EVERY - 1 else next(pdf_turn))
    return ordered


def environment() -> dict[str, str]:
    """This checkout's kwmatch, whatever the venv has installed."""
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=str(REPO / "src") + (os.pathsep + path if path else ""))


def run_batch(folder: Path, out: Path, args: argparse.Namespace) -> tuple[int, str, float]:
    command = [sys.executable, "-m", "kwmatch", "batch", str(folder), "--out", str(out), "-q"]
    command += ["-j", str(args.jobs), "--pdf-engine", args.engine, "--timeout", str(args.timeout)]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=environment(), check=False)
    return done.returncode, done.stderr, time.monotonic() - started


def run_scores(
    files: list[Path], args: argparse.Namespace
) -> tuple[collections.Counter[int], list[str]]:
    """Exit codes of `kwmatch score` over ``files``, and what broke the contract."""
    codes: collections.Counter[int] = collections.Counter()
    broken = []
    for path in files:
        command = [sys.executable, "-m", "kwmatch", "score", str(path), "-f", "json"]
        command += ["--pdf-engine", args.engine, "--timeout", str(args.timeout)]
        done = subprocess.run(
            command, capture_output=True, text=True, env=environment(), check=False
        )
        codes[done.returncode] += 1
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        if (
            done.returncode not in (0, 3)
            or "Traceback" in done.stderr
            or (done.returncode == 3 and len(lines) != 1)
        ):
            broken.append(f"score {path.name}: exit {done.returncode}: {done.stderr[-300:]!r}")
    return codes, broken


def check_records(out: Path, files: list[Path]) -> tuple[collections.Counter[str], list[str]]:
    """Counts of the records' outcomes, and what broke the contract."""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    outcomes: collections.Counter[str] = collections.Counter()
    broken = []
    for record in records:
        if record["status"] == "ok":
            outcomes["ok"] += 1
            continue
        error = record["error"]
        outcomes[f"error {error['code']}"] += 1
        if error["code"] != 3 or "\n" in error["message"]:
            broken.append(f"record {record['path']}: {error}")
    seen = collections.Counter(record["path"] for record in records)
    missing = sorted(set(map(str, files)) - set(seen))
    twice = sorted(path for path, count in seen.items() if count > 1)
    broken += [f"no record: {path}" for path in missing] + [
        f"two records: {path}" for path in twice
    ]
    return outcomes, broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=4800, help="mutated files (default 4800)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=["pdfium", "pdfminer"], default="pdfium")
    parser.add_argument("--timeout", type=float, default=10.0, help="per file, seconds")
    parser.add_argument("--score-sample", type=int, default=60, help="files also run through score")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--keep", action="store_true", help="keep the files that broke the contract"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kwmatch-fuzz-") as scratch:
        folder = Path(scratch) / "mutants"
        folder.mkdir()
        files = write_mutants(seeds(args.corpus), args.count, folder, args.seed)
        out = Path(scratch) / "results.jsonl"
        code, stderr, seconds = run_batch(folder, out, args)
        outcomes, broken = (
            check_records(out, files)
            if out.exists()
            else (collections.Counter(), ["no results file"])
        )
        if code not in (0, 5):
            broken.append(f"batch exit {code}: {stderr[-500:]!r}")
        if "Traceback" in stderr:
            broken.append(
                f"batch printed a traceback: {stderr[stderr.index('Traceback') :][:500]!r}"
            )
        sample = files[:: max(1, len(files) // max(1, args.score_sample))][: args.score_sample]
        score_codes, score_broken = run_scores(sample, args)
        broken += score_broken

        pdfs = sum(path.suffix == ".pdf" for path in files)
        print(
            f"fuzz: {len(files)} mutated files ({pdfs} PDF, {len(files) - pdfs} DOCX), seed {args.seed}, engine {args.engine}"
        )
        print(
            f"batch: exit {code} in {seconds:.1f} s ({len(files) / seconds:.1f} files/s, --jobs {args.jobs})"
        )
        print(
            "records: " + ", ".join(f"{name} {count}" for name, count in sorted(outcomes.items()))
        )
        print(
            "score exit codes over a sample: "
            + ", ".join(f"{c}: {n}" for c, n in sorted(score_codes.items()))
        )
        print(f"contract broken: {len(broken)}")
        for line in broken[:20]:
            print(f"  {line}")
        if broken and args.keep:
            kept = Path(tempfile.mkdtemp(prefix="kwmatch-fuzz-broken-"))
            for line in broken:
                name = line.split(":")[0].split()[-1]
                for path in files:
                    if path.name == Path(name).name:
                        shutil.copy(path, kept)
            print(f"kept in {kept}")
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())

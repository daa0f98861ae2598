"""kwmatch benchmark: accuracy, ranking, speed and memory, beside the baselines, in one run.

    python bench/run.py            # the full run (about 12 minutes on 2 cores)
    python bench/run.py --smoke    # 3 files, every code path, no figure worth quoting

Needs the evaluation corpus in ../shared/corpus (or --corpus DIR). Prints a report and
appends it, with the date, machine and versions, to bench/RESULTS.md (not with --smoke,
unless --results names a file). Speed is measured as ratios of runs made here, now, on
the same files, never as absolute seconds against a fixed number: these machines are
noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run as a script: bench/accuracy.py beside it

from accuracy import NaiveMatcher  # noqa: E402
from accuracy import report as accuracy_report  # noqa: E402
from speed import RssSampler, batch_command  # noqa: E402

REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
NON_TECHNICAL = (
    "ACCOUNTANT ADVOCATE AGRICULTURE APPAREL ARTS AVIATION BANKING BPO BUSINESS-DEVELOPMENT "
    "CHEF CONSTRUCTION FITNESS HEALTHCARE HR PUBLIC-RELATIONS SALES TEACHER"
).split()
TECHNICAL = "INFORMATION-TECHNOLOGY"


# --- small helpers -----------------------------------------------------------------------


def auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def kwmatch_cmd() -> list[str]:
    return [sys.executable, "-m", "kwmatch"]


def timed(command: list[str], **kwargs: Any) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def mark(ok: bool) -> str:
    return "met" if ok else "NOT MET"


# --- ranking -------------------------------------------------------------------------------


def ranking(corpus: Path, results: Path) -> dict[str, Any]:
    from kwmatch.api import Scorer
    from kwmatch.ingest import read_document
    from kwmatch.text import clean

    scorer = Scorer()
    naive = NaiveMatcher(scorer.taxonomy)
    kw: dict[str, list[float]] = {"pos": [], "neg": []}
    base: dict[str, list[float]] = {"pos": [], "neg": []}
    negatives: list[tuple[float, str, str]] = []
    for line in results.read_text().splitlines():
        record = json.loads(line)
        category = Path(record["path"]).parent.name
        side = "pos" if category == TECHNICAL else "neg" if category in NON_TECHNICAL else None
        if side is None:
            continue
        overall = record["report"]["scores"]["overall"] if record["status"] == "ok" else 0.0
        kw[side].append(overall)
        text = ""
        try:
            document = read_document(record["path"])
            text = clean(document.pages, scorer.pipeline.is_english_word).text
            base[side].append(float(sum(naive.found(text).values())))
        except Exception:
            base[side].append(0.0)
        if side == "neg":
            title = next((t.strip() for t in text.splitlines() if t.strip()), "")
            negatives.append((overall, f"{category}/{Path(record['path']).stem}", title))
    # The negatives that outrank the median IT resume, with the first line of their text
    # (livecareer files resumes by the industry applied to, not by the applicant's job).
    median_positive = statistics.median(kw["pos"]) if kw["pos"] else 0.0
    above = sorted((n for n in negatives if n[0] > median_positive), reverse=True)
    return {
        "kwmatch": auc(kw["pos"], kw["neg"]),
        "naive": auc(base["pos"], base["neg"]),
        "positives": len(kw["pos"]),
        "negatives": len(kw["neg"]),
        "median_positive": median_positive,
        "above_median": above,
    }


# --- speed and memory ------------------------------------------------------------------------

_BARE_PDFMINER = """
import sys, time
from pdfminer.high_level import extract_text
import logging; logging.getLogger("pdfminer").setLevel(logging.ERROR)
for path in sys.argv[1:]:
    extract_text(path)
"""


def run_batch(
    files_dir: Path, jobs: int, engine: str, out: Path
) -> tuple[float, dict[int, int], int]:
    command = batch_command([files_dir], out, jobs, engine)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sampler = RssSampler(process.pid)
    code = process.wait()
    elapsed = time.perf_counter() - start
    peaks = sampler.stop()
    if code not in (0, 5):
        raise SystemExit(f"kwmatch batch failed with exit code {code}")
    return (
        elapsed,
        {pid: rss for pid, rss in peaks.items() if pid != process.pid},
        peaks.get(process.pid, 0),
    )


def stage_profile(files: list[Path]) -> dict[str, float]:
    """Seconds per stage over ``files``, measured by running the stages one by one."""
    from kwmatch.api import Scorer
    from kwmatch.ingest import read_document
    from kwmatch.judge import judge
    from kwmatch.report import build_report
    from kwmatch.text import clean

    scorer = Scorer()
    matcher = scorer.matcher
    spent: dict[str, float] = defaultdict(float)
    fuzzy = matcher._match_fuzzy

    def timed_fuzzy(*args: Any, **kwargs: Any) -> None:
        start = time.perf_counter()
        fuzzy(*args, **kwargs)
        spent["fuzzy"] += time.perf_counter() - start

    matcher._match_fuzzy = timed_fuzzy  # type: ignore[method-assign]
    for path in files:
        t0 = time.perf_counter()
        document = read_document(path)
        t1 = time.perf_counter()
        clean_text = clean(document.pages, scorer.is_word)
        t2 = time.perf_counter()
        tokens = scorer.pipeline.tokenize(clean_text.text)
        t3 = time.perf_counter()
        before = spent["fuzzy"]
        matches = matcher.match(clean_text, tokens)
        t4 = time.perf_counter()
        judged = judge(
            clean_text, matches, scorer.taxonomy, document_date=document.date, as_of=None
        )
        t5 = time.perf_counter()
        build_report(
            document, clean_text, matches, judged.scores, scorer.taxonomy, judgement=judged
        )
        t6 = time.perf_counter()
        spent["extract"] += t1 - t0
        spent["normalize"] += t2 - t1
        spent["nlp"] += t3 - t2
        spent["match"] += (t4 - t3) - (spent["fuzzy"] - before)
        spent["judge"] += t5 - t4
        spent["report"] += t6 - t5
    return dict(spent)


def median_time(command: list[str], runs: int) -> float:
    return statistics.median(timed(command) for _ in range(runs))


# --- the run -----------------------------------------------------------------------------------


def versions() -> str:
    from importlib.metadata import version

    names = ["kwmatch", "spacy", "rapidfuzz", "pdfminer.six", "pypdfium2"]
    return ", ".join(f"{n} {version(n)}" for n in names)


#: An error line's or a ranked negative's quote of the resume: ": " and the words after
#: the file's name.
_QUOTE = re.compile(r"^(- F[NP] \S+ +\S+|  - \d\.\d{3} \S+): .*$")


def _shareable(lines: list[str]) -> list[str]:
    """The report as it goes into the committed RESULTS.md: corpus text stays out of it.
    The error lines and the ranked negatives keep the file's name, not its words (the
    terminal shows them), and the error lines of resumes under github/ are left out
    (their file names name people), with a note in their place."""
    kept = [_QUOTE.sub(r"\1", line) for line in lines if "github/" not in line]
    if len(kept) < len(lines):
        errors = [i for i, line in enumerate(kept) if line.startswith(("- FN ", "- FP "))]
        last = errors[-1] if errors else len(kept) - 1
        note = "- (errors on resumes under github/ left out of this file: their file names name people)"
        kept.insert(last + 1, note)
    return kept


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--smoke", action="store_true", help="3 files: check that the benchmark runs"
    )
    parser.add_argument(
        "--results", type=Path, help="append the report here (default: bench/RESULTS.md)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="runs of each short timed batch, whose median counts (default 5; 1 with --smoke)",
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="set a fixed random third of the dev set aside and report both parts",
    )
    args = parser.parse_args()
    if args.repeat is None:
        args.repeat = 1 if args.smoke else 5
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    corpus: Path = args.corpus
    if not (corpus / "gold" / "dev.jsonl").is_file():
        print(
            f"bench: the evaluation corpus is not at {corpus}; nothing to measure.", file=sys.stderr
        )
        return 0 if args.smoke else 2
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    limit = 3 if args.smoke else None
    livecareer = sorted((corpus / "livecareer").glob("*/*.pdf"))
    if args.smoke:
        livecareer = [p for p in livecareer if p.parent.name in (TECHNICAL, "CHEF", "SALES")][::10][
            :3
        ]
    work = Path(tempfile.mkdtemp(prefix="kwmatch-bench-"))
    files_dir = work / "files"
    for path in livecareer:  # the same files for every timed run, through links
        target = files_dir / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(path)

    say(f"## {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC{' (smoke run)' if args.smoke else ''}")
    say(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {versions()}"
    )
    say()

    # Accuracy, per engine, beside the naive matcher (bench/accuracy.py)
    targets: list[tuple[str, str, bool]] = accuracy_report(corpus, limit, args.split, say)

    # Speed
    say(f"### Speed over {len(livecareer)} livecareer PDFs (ratios of runs made in this run)")
    say()
    # The pdfminer runs take a minute each and are timed once, back to back; the default
    # engine's runs take seconds, so they are repeated, 1 and 2 workers in turn, and the
    # medians compared (one noisy second is a tenth of such a run).
    bare = timed([sys.executable, "-c", _BARE_PDFMINER, *map(str, livecareer)])
    one_miner, _, _ = run_batch(files_dir, 1, "pdfminer", work / "miner.jsonl")
    ones, twos = [], []
    for _ in range(args.repeat):
        one, peaks_one, _ = run_batch(files_dir, 1, "pdfium", work / "one.jsonl")
        two, peaks_two, parent_two = run_batch(files_dir, 2, "pdfium", work / "two.jsonl")
        ones.append(one)
        twos.append(two)
    one, two = statistics.median(ones), statistics.median(twos)
    n = len(livecareer)
    say(f"- bare pdfminer extract_text: {bare:.1f} s ({n / bare:.1f} resumes/s)")
    say(
        f"- kwmatch batch --jobs 1 --pdf-engine pdfminer: {one_miner:.1f} s ({n / one_miner:.1f} resumes/s)"
    )
    say(
        f"- kwmatch batch --jobs 1 (pdfium, default): {one:.2f} s ({n / one:.1f} resumes/s); "
        f"median of {', '.join(f'{t:.2f}' for t in ones)}"
    )
    say(
        f"- kwmatch batch --jobs 2 (pdfium, default): {two:.2f} s ({n / two:.1f} resumes/s); "
        f"median of {', '.join(f'{t:.2f}' for t in twos)}"
    )
    ratio_miner = one_miner / bare
    speedup = bare / one
    scaling = one / two
    targets += [
        (
            "batch/bare pdfminer time, pdfminer engine, 1 worker <= 1.10",
            f"{ratio_miner:.2f}",
            ratio_miner <= 1.10,
        ),
        (
            "default engine 1 worker >= 10x bare pdfminer throughput",
            f"{speedup:.1f}x",
            speedup >= 10,
        ),
        ("2 workers >= 1.8x 1 worker", f"{scaling:.2f}x", scaling >= 1.8),
    ]
    example = REPO / "examples" / "ml_engineer_two_column.pdf"
    runs = 3 if args.smoke else 7
    import_spacy = median_time([sys.executable, "-c", "import spacy"], runs)
    score_one = median_time([*kwmatch_cmd(), "score", str(example), "--format", "json"], runs)
    say(
        f"- one-file kwmatch score: {score_one:.2f} s; python -c 'import spacy': {import_spacy:.2f} s (medians of {runs})"
    )
    targets.append(
        (
            "one-file score / import spacy <= 1.3",
            f"{score_one / import_spacy:.2f}",
            score_one / import_spacy <= 1.3,
        )
    )
    say()
    profile_files = livecareer[:: max(1, len(livecareer) // 40)]
    spent = stage_profile(profile_files)
    total = sum(spent.values())
    say(f"Time share per stage ({len(profile_files)} files, pdfium engine):")
    say()
    say("| stage | share | ms per file |")
    say("|---|---:|---:|")
    for stage in ("extract", "normalize", "nlp", "match", "fuzzy", "judge", "report"):
        say(
            f"| {stage} | {spent.get(stage, 0) / total:.1%} | {1000 * spent.get(stage, 0) / len(profile_files):.1f} |"
        )
    targets += [
        (
            "fuzzy step costs no more than the spaCy step",
            f"{spent['fuzzy'] * 1000 / len(profile_files):.2f} ms vs {spent['nlp'] * 1000 / len(profile_files):.2f} ms per file",
            spent["fuzzy"] <= spent["nlp"],
        ),
        (
            "matching and fuzzy stages < a third of a file's time",
            f"{(spent['match'] + spent['fuzzy']) / total:.1%}",
            (spent["match"] + spent["fuzzy"]) / total < 1 / 3,
        ),
    ]
    say()

    # Memory
    say("### Memory (peak RSS)")
    say()
    one_file = subprocess.Popen(
        [*kwmatch_cmd(), "score", str(example), "--format", "json"], stdout=subprocess.DEVNULL
    )
    sampler = RssSampler(one_file.pid)
    one_file.wait()
    peak_one_file = max(sampler.stop().values())
    say(f"- one-file kwmatch score: {peak_one_file / 2**20:.0f} MiB")
    say(
        f"- batch --jobs 1 (scoring in the main process): {max(peaks_one.values(), default=0) / 2**20:.0f} MiB"
        if peaks_one
        else "- batch --jobs 1 scores in the main process (no worker)"
    )
    worker_peaks = sorted(peaks_two.values())
    say(
        f"- batch --jobs 2: parent {parent_two / 2**20:.0f} MiB; workers {', '.join(f'{p / 2**20:.0f} MiB' for p in worker_peaks)} (RSS counts pages shared with the parent after fork)"
    )
    say()

    # Ranking
    ranking_result = ranking(corpus, work / "one.jsonl")
    say(
        f"### Ranking: AUC of the overall score, {TECHNICAL} ({ranking_result['positives']}) vs non-technical categories ({ranking_result['negatives']})"
    )
    say()
    say(f"- kwmatch overall: {ranking_result['kwmatch']:.3f}")
    say(f"- naive keyword count: {ranking_result['naive']:.3f}")
    above = ranking_result["above_median"]
    say(
        f"- negatives scoring above the median {TECHNICAL} resume "
        f"({ranking_result['median_positive']:.3f}): {len(above)}, each with its first line "
        "(on the terminal only):"
    )
    say()
    for overall, name, title in above:
        say(f"  - {overall:.3f} {name}: {title[:70]}")
    targets.append(
        (
            "ranking AUC >= 0.95",
            f"{ranking_result['kwmatch']:.3f}",
            ranking_result["kwmatch"] >= 0.95,
        )
    )
    say()

    # Near the floor, cost growth, long batches (bench/speed.py)
    from speed import report as speed_report

    targets += speed_report(corpus, args.smoke, say)

    # Drafting from postings (bench/postings.py: the measure is described in its output)
    from postings import report as postings_report

    posting_lines, posting_targets = postings_report(corpus)
    for line in posting_lines:
        say(line)
    targets += posting_targets

    # The judgement against the expert fit labels (bench/fit.py)
    import fit as fit_bench

    say("### Judgement against gold/fit.jsonl (bench/fit.py)")
    say()
    fit_rows = fit_bench.collect(corpus)
    figures = fit_bench.report(fit_rows, say)
    say()
    say("The aside third (a fixed hash of the file names; the rules were designed on the rest):")
    say()
    fit_bench.report([r for r in fit_rows if fit_bench.is_aside(r.doc)], say)
    say()
    targets += [
        ("level agreement >= 0.85", f"{figures['level']:.3f}", figures["level"] >= 0.85),
        ("no resume two levels off", f"{figures['two_off']:.0f}", figures["two_off"] == 0),
        (
            "specialization (primary or alt), ML/data people >= 0.90",
            f"{figures['specialization']:.3f}",
            figures["specialization"] >= 0.90,
        ),
        (
            "full-time years, median absolute error <= 1.0",
            f"{figures['years_mae']:.2f}",
            figures["years_mae"] <= 1.0,
        ),
        (
            "fit concordance, all pairs >= 0.95",
            f"{figures['concordance']:.3f}",
            figures["concordance"] >= 0.95,
        ),
        (
            "fit concordance, technical (fit >= 1) >= 0.90",
            f"{figures['concordance_tech']:.3f}",
            figures["concordance_tech"] >= 0.90,
        ),
        (
            "dated roles found >= 0.95",
            f"{figures['roles_found']:.3f}",
            figures["roles_found"] >= 0.95,
        ),
    ]

    say("### Targets")
    say()
    say("| target | measured | |")
    say("|---|---|---|")
    for name, value, ok in targets:
        say(f"| {name} | {value} | {mark(ok)} |")
    say()
    results = args.results or (None if args.smoke else HERE / "RESULTS.md")
    if results is not None:
        with open(results, "a", encoding="utf-8") as handle:
            handle.write("\n".join(_shareable(lines)) + "\n\n")
        print(f"bench: appended to {results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How close kwmatch runs to the floor, and how its cost grows: the measurements of #19.

Called by ``bench/run.py`` (``report(corpus, smoke, say)``), runnable alone:

    python bench/speed.py            # about 6 minutes on 2 cores
    python bench/speed.py --smoke    # every code path on a few files, no figure worth quoting

- **Floor**: CPU of ``kwmatch batch --jobs 1`` over the livecareer PDFs against that of
  PDFium's own text extraction of the same files (pypdfium2: open, a text page and
  ``get_text_range`` per page, close), both whole processes of the same kind. Per file
  is the difference between a run over every file and a run over one, divided by the
  files between them: start-up (imports, the taxonomy) is paid once per batch, and both
  sides lose theirs.
- **Growth**: CPU per file of 1, 2, 5 and 10-page resumes (built by concatenating corpus
  pages), and of batches of 100, 1,000 and 2,400 distinct files (copies of the corpus,
  each with its own bytes: a batch scores a file's content once), with the fitted
  straight line and how far the points stand from it.
- **Memory**: peak RSS of each process at 100 and at 2,400 files, one worker and two.
- **Scaling**: two workers against one on 2,400 files, where start-up is amortized.

CPU is counted over the whole process tree (the batch, its workers and its reading
process) by making this process the subreaper of its children's children.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"

#: PR_SET_CHILD_SUBREAPER: orphaned descendants (a batch's reading process, which the
#: batch leaves to end on its own) are reparented here, so their CPU is counted.
_PR_SET_CHILD_SUBREAPER = 36

#: A cost is linear when every measured point stands this close to the fitted line.
LINEAR = 0.1

_BARE_PDFIUM = """
import sys
import pypdfium2 as pdfium
for path in sys.argv[1:]:
    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
"""


class RssSampler:
    """Peak resident memory of a process and each of its children, sampled every 20 ms."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        #: The parent of each process seen: a worker is the batch's child, a worker's
        #: reading process its grandchild.
        self.parents: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                for proc in [self.root, *self.root.children(recursive=True)]:
                    rss = proc.memory_info().rss
                    self.peaks[proc.pid] = max(self.peaks.get(proc.pid, 0), rss)
                    if proc.pid not in self.parents:
                        self.parents[proc.pid] = proc.ppid()
            except psutil.Error:
                pass
            time.sleep(0.02)

    def stop(self) -> dict[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peaks


@dataclass
class Run:
    """One whole process tree, measured."""

    cpu: float
    """User and system CPU seconds of the process and every descendant."""
    wall: float
    """Seconds from start to the last descendant's end."""
    peaks: dict[int, int]
    """Peak RSS per process id (the root's under ``root``)."""
    root: int
    parents: dict[int, int] = field(default_factory=dict)
    """The parent of each process id sampled."""


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)


def measured(command: list[str], sample_rss: bool = False) -> Run:
    """Run ``command`` to its end and its descendants' ends; its CPU, wall time and RSS."""
    known = _children()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = RssSampler(process.pid) if sample_rss else None
    _, err = process.communicate()
    peaks = sampler.stop() if sampler else {}
    parents = sampler.parents if sampler else {}
    _reap_adopted(known)
    wall = time.perf_counter() - start
    if process.returncode not in (0, 5):
        raise SystemExit(f"bench: {command[:4]} failed ({process.returncode}): {err.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(cpu, wall, peaks, process.pid, parents)


def _children() -> set[int]:
    import psutil

    return {child.pid for child in psutil.Process().children()}


def _reap_adopted(known: set[int]) -> None:
    """Wait for the descendants of a finished run that were adopted here (never for this
    process's own children, such as its reading process, which live on)."""
    while adopted := _children() - known:
        for pid in adopted:
            with suppress(ChildProcessError):
                os.waitpid(pid, 0)


def batch_command(paths: list[Path], out: Path, jobs: int = 1, engine: str = "pdfium") -> list[str]:
    return [
        sys.executable,
        "-m",
        "kwmatch",
        "batch",
        *map(str, paths),
        "--jobs",
        str(jobs),
        "--pdf-engine",
        engine,
        "--out",
        str(out),
        "-q",
        "--top",
        "0",
    ]


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares slope and intercept, and the largest distance of a point from the
    line as a share of the point's value."""
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    intercept = mean_y - slope * mean_x
    worst = max(abs(y - (intercept + slope * x)) / abs(y) for x, y in zip(xs, ys, strict=True))
    return slope, intercept, worst


def long_resumes(corpus_pdfs: list[Path], pages: int, count: int, folder: Path) -> list[Path]:
    """``count`` resumes of ``pages`` pages each, the corpus's pages concatenated in order
    (pypdfium2's ``import_pages``), written under ``folder``."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    sources = iter(corpus_pdfs * (1 + pages * count // max(1, len(corpus_pdfs))))
    for number in range(count):
        combined = pdfium.PdfDocument.new()
        while len(combined) < pages:
            source = pdfium.PdfDocument(next(sources))
            take = min(len(source), pages - len(combined))
            combined.import_pages(source, list(range(take)))
            source.close()
        target = folder / f"resume-{pages}p-{number:03d}.pdf"
        combined.save(target)
        combined.close()
        made.append(target)
    return made


def distinct_copies(corpus_pdfs: list[Path], count: int, folder: Path) -> list[Path]:
    """``count`` files with distinct names and distinct bytes: the corpus PDFs copied in
    turn, each with a comment line of its own after the end-of-file marker (which
    PDF readers ignore, so the text is the corpus's)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        source = corpus_pdfs[number % len(corpus_pdfs)]
        target = folder / f"copy-{number:05d}-{source.name}"
        target.write_bytes(source.read_bytes() + f"\n%kwmatch bench copy {number}\n".encode())
        made.append(target)
    return made


def report(corpus: Path, smoke: bool, say: Callable[[str], None]) -> list[tuple[str, str, bool]]:
    """Print the measurements; return the targets as (name, measured, met)."""
    if not become_subreaper():
        say("bench: CPU of a process tree needs Linux (PR_SET_CHILD_SUBREAPER); skipped")
        return []
    livecareer = sorted((corpus / "livecareer").glob("*/*.pdf"))
    work = Path(tempfile.mkdtemp(prefix="kwmatch-speed-"))
    out = work / "out.jsonl"
    repeat = 1 if smoke else 3
    files = livecareer[:: max(1, len(livecareer) // 4)][:4] if smoke else livecareer
    targets: list[tuple[str, str, bool]] = []

    # The floor
    def per_file(command: Callable[[list[Path]], list[str]]) -> tuple[float, float]:
        whole = [measured(command(files)).cpu for _ in range(repeat)]
        single = [measured(command(files[:1])).cpu for _ in range(repeat)]
        total, start = statistics.median(whole), statistics.median(single)
        return total, (total - start) / (len(files) - 1)

    floor_total, floor_file = per_file(lambda p: [sys.executable, "-c", _BARE_PDFIUM, *map(str, p)])
    kw_total, kw_file = per_file(lambda p: batch_command(p, out))
    say(f"### Near the floor: {len(files)} livecareer PDFs, CPU of whole process trees")
    say()
    say("| | whole run, s | per file, ms |")
    say("|---|---:|---:|")
    say(f"| PDFium text extraction (pypdfium2) | {floor_total:.2f} | {1000 * floor_file:.2f} |")
    say(f"| kwmatch batch --jobs 1 | {kw_total:.2f} | {1000 * kw_file:.2f} |")
    say(f"| ratio | {kw_total / floor_total:.2f} | {kw_file / floor_file:.2f} |")
    say()
    say(
        f"(per file: a run over every file less a run over one, over {len(files) - 1} files; "
        f"medians of {repeat})"
    )
    say()
    targets.append(
        (
            "per-file CPU, batch --jobs 1 / PDFium text extraction <= 1.6",
            f"{kw_file / floor_file:.2f} (whole runs {kw_total / floor_total:.2f})",
            kw_file / floor_file <= 1.6,
        )
    )

    # Growth in pages
    start_run = statistics.median(measured(batch_command(files[:1], out)).cpu for _ in range(3))
    sizes = [1, 2] if smoke else [1, 2, 5, 10]
    per_size = 2 if smoke else 32
    page_costs = []
    for pages in sizes:
        made = long_resumes(livecareer, pages, per_size, work / f"pages{pages}")
        # A size is one to seven seconds of CPU: one timing of it moved by half between
        # runs under load (24.8 to 39.3 ms a 1-page resume), so the median of ``repeat``.
        cpu = statistics.median(measured(batch_command(made, out)).cpu for _ in range(repeat))
        page_costs.append(1000 * (cpu - start_run) / per_size)
    slope, intercept, page_worst = fit_line([float(s) for s in sizes], page_costs)
    say(
        f"### Cost growth ({per_size} resumes per size, CPU less a one-file run's; "
        f"medians of {repeat})"
    )
    say()
    say("| pages | ms per resume | ms per page |")
    say("|---:|---:|---:|")
    for pages, cost in zip(sizes, page_costs, strict=True):
        say(f"| {pages} | {cost:.1f} | {cost / pages:.1f} |")
    say()
    say(
        f"Fitted: {intercept:.1f} ms + {slope:.1f} ms per page; the farthest point is "
        f"{page_worst:.0%} off the line."
    )
    say()

    # Growth in files, memory, two workers against one
    counts = [6, 12] if smoke else [100, 1000, 2400]
    copies = distinct_copies(livecareer, counts[-1], work / "copies")
    runs: dict[tuple[int, int], Run] = {}
    for count in counts:
        runs[count, 1] = measured(batch_command(copies[:count], out, 1), sample_rss=True)
        if count == counts[0] and repeat > 1:  # a few seconds: the median of ``repeat`` runs
            again = [runs[count, 1]] + [
                measured(batch_command(copies[:count], out, 1), sample_rss=True)
                for _ in range(repeat - 1)
            ]
            runs[count, 1] = sorted(again, key=lambda run: run.cpu)[len(again) // 2]
    for count in (counts[0], counts[-1]):
        runs[count, 2] = measured(batch_command(copies[:count], out, 2), sample_rss=True)
    file_costs = [1000 * (runs[c, 1].cpu - start_run) / c for c in counts]
    slope, intercept, file_worst = fit_line(
        [float(c) for c in counts], [runs[c, 1].cpu - start_run for c in counts]
    )
    say("| files | CPU, s | ms per file | wall, 1 worker, s |")
    say("|---:|---:|---:|---:|")
    for count, cost in zip(counts, file_costs, strict=True):
        run = runs[count, 1]
        say(f"| {count} | {run.cpu:.1f} | {cost:.1f} | {run.wall:.1f} |")
    say()
    say(
        f"Fitted: {1000 * intercept:.0f} ms + {1000 * slope:.2f} ms per file; the farthest "
        f"point is {file_worst:.0%} off the line"
        + (f" ({counts[0]} files: the median of {repeat} runs)." if repeat > 1 else ".")
    )
    say()
    targets.append(
        (
            "cost linear in pages and in files (every point within 10% of the fitted line)",
            f"{page_worst:.0%} (pages), {file_worst:.0%} (files)",
            max(page_worst, file_worst) <= LINEAR,
        )
    )
    small, large = counts[0], counts[-1]
    say(f"### Memory: peak RSS at {small} and at {large} files")
    say()
    say("| | " + f"{small} files | {large} files | growth |")
    say("|---|---:|---:|---:|")
    growths = []
    for jobs in (1, 2):
        one, other = _scorers(runs[small, jobs], jobs), _scorers(runs[large, jobs], jobs)
        for number, (a, b) in enumerate(zip(one, other, strict=False), start=1):
            if jobs > 1:  # with one worker the batch process also holds the ranking
                growths.append(b / a - 1)
            name = "batch --jobs 1" if jobs == 1 else f"batch --jobs 2, worker {number}"
            say(f"| {name} | {a / 2**20:.0f} MiB | {b / 2**20:.0f} MiB | {b / a - 1:+.1%} |")
    readers = zip(_readers(runs[small, 2], 2), _readers(runs[large, 2], 2), strict=False)
    for number, (a, b) in enumerate(readers, start=1):
        say(
            f"| (worker {number}'s reading process) | {a / 2**20:.0f} MiB | "
            f"{b / 2**20:.0f} MiB | {b / a - 1:+.1%} |"
        )
    say()
    say(
        "(with --jobs 1 the batch process scores and also keeps the ranking, a summary of "
        "about a kilobyte per candidate; with workers, the parent keeps it)"
    )
    say()
    worst_growth = max(growths, default=0.0)
    targets.append(
        (
            f"peak RSS per worker at {large} files within 5% of that at {small}",
            f"{worst_growth:+.1%} at most",
            worst_growth <= 0.05,
        )
    )
    one, two = runs[large, 1].wall, runs[large, 2].wall
    say(
        f"### Two workers against one, {large} files: {one:.1f} s and {two:.1f} s wall "
        f"({one / two:.2f}x)"
    )
    say()
    targets.append(
        (f"2 workers / 1 worker on {large} files >= 1.85", f"{one / two:.2f}x", one / two >= 1.85)
    )
    return targets


def _scorers(run: Run, jobs: int) -> list[int]:
    """Peak RSS of the processes that score: the batch itself with one worker, else its
    workers (the largest ``jobs`` of the batch's own children: the processes that read
    the first files while the scorer is built are children too, and smaller)."""
    if jobs == 1:
        return [run.peaks.get(run.root, 0)]
    children = sorted(
        (rss for pid, rss in run.peaks.items() if run.parents.get(pid) == run.root),
        reverse=True,
    )
    return sorted(children[:jobs])


def _readers(run: Run, jobs: int) -> list[int]:
    """Peak RSS of the reading processes of the workers (the batch's grandchildren):
    forks of their worker, so their RSS counts the pages they share with it."""
    workers = {pid for pid, parent in run.parents.items() if parent == run.root}
    ones = sorted(
        (rss for pid, rss in run.peaks.items() if run.parents.get(pid) in workers), reverse=True
    )
    return sorted(ones[:jobs])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--smoke", action="store_true", help="a few files: check that it runs")
    args = parser.parse_args()
    if not (args.corpus / "livecareer").is_dir():
        print(f"bench: no corpus at {args.corpus}", file=sys.stderr)
        return 0 if args.smoke else 2
    targets = report(args.corpus, args.smoke, print)
    for name, value, ok in targets:
        print(f"- {name}: {value} ({'met' if ok else 'NOT MET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

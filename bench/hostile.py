"""Memory and time of the hostile cases of issue #18, measured (not asserted by tests).

Each case runs as its own ``kwmatch score`` process; the peak RSS of that process and
its children (the reading process) and its wall time are printed beside those of an
honest resume of the same size, as ratios from this one run.

    python bench/hostile.py [--timeout SECONDS] [--text]

``--text`` times the text path (``Scorer.score_text``, in this process) over the
pathological texts that the tests only guard against hanging, each against an ordinary
resume text of the same length: the ratio is the figure (linear work stays near 1-3x).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile_files import (  # noqa: E402
    PATHOLOGICAL,
    TEXT_OPS,
    absurd_media_box,
    decompression_bomb,
    docx_bytes,
    lzma_docx,
    nested_forms,
    raw_pdf,
)

CASES = {
    "honest PDF (baseline)": ("honest.pdf", lambda: raw_pdf(TEXT_OPS)),
    "absurd MediaBox": ("box.pdf", absurd_media_box),
    "decompression bomb": ("bomb.pdf", decompression_bomb),
    "nested forms (10^9 draws)": ("forms.pdf", nested_forms),
    "corrupt LZMA DOCX": ("lzma.docx", lambda: lzma_docx(["Python developer"])),
    "honest DOCX": ("honest.docx", lambda: docx_bytes(["Python developer, Docker"])),
}


def measure(path: Path, timeout: float) -> tuple[int, float, int]:
    """Exit code, wall seconds and peak RSS (KiB) of one `kwmatch score` (a fresh
    wrapper process, so that RUSAGE_CHILDREN covers this run alone)."""
    code = (
        "import resource,subprocess,sys,time;t=time.monotonic();"
        f"r=subprocess.run([sys.executable,'-m','kwmatch','score',{str(path)!r},'-f','json',"
        f"'--timeout','{timeout:g}'],capture_output=True);"
        "print(r.returncode,time.monotonic()-t,"
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    rc, wall, rss = out.stdout.split()
    return int(rc), float(wall), int(rss)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--text", action="store_true", help="time the pathological texts")
    args = parser.parse_args()
    if args.text:
        time_texts()
        return
    with tempfile.TemporaryDirectory() as folder:
        rows = []
        for name, (filename, make) in CASES.items():
            path = Path(folder) / filename
            path.write_bytes(make())
            rc, wall, rss = measure(path, args.timeout)
            rows.append((name, path.stat().st_size, rc, wall, rss))
    base_wall, base_rss = rows[0][3], rows[0][4]
    print(
        f"{'case':28} {'bytes':>8} {'exit':>4} {'wall s':>7} {'x base':>6} {'peak MiB':>8} {'x base':>6}"
    )
    for name, size, rc, wall, rss in rows:
        print(
            f"{name:28} {size:8} {rc:4} {wall:7.2f} {wall / base_wall:6.1f} "
            f"{rss / 1024:8.0f} {rss / base_rss:6.1f}"
        )


ORDINARY = "Built data pipelines in Python and deployed models with Docker on AWS. "


def time_texts() -> None:
    """Seconds of score_text over each pathological text and over an ordinary text of
    the same length, in this one run, and their ratio."""
    import time

    sys.path.insert(0, str(REPO / "src"))
    from kwmatch.api import Scorer

    scorer = Scorer()
    scorer.score_text(ORDINARY)  # the pipeline built before anything is timed

    def seconds(text: str) -> float:
        started = time.perf_counter()
        scorer.score_text(text)
        return time.perf_counter() - started

    print(f"{'text':40} {'chars':>9} {'s':>7} {'ordinary s':>10} {'ratio':>6}")
    for name, text in PATHOLOGICAL.items():
        ordinary = (ORDINARY * (len(text) // len(ORDINARY) + 1))[: len(text)]
        spent, base = seconds(text), seconds(ordinary)
        print(f"{name:40} {len(text):9} {spent:7.2f} {base:10.2f} {spent / base:6.1f}")


if __name__ == "__main__":
    main()

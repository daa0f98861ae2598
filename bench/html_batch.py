"""The batch page at scale: size of the HTML of a 500-resume batch, and how long
headless Chromium takes to open it, sort it and filter it. (Not named html.py: run as a
script, that would shadow the standard library's html module for all it imports.)

    python bench/html_batch.py                 # 500 candidates from the livecareer set
    python bench/html_batch.py --count 50      # a quick look

The livecareer resumes (../shared/corpus, or --corpus DIR) are scored once each, then
repeated under other names until there are --count candidates (the set has fewer). The
times are taken inside the page (performance.now() around a click), after a navigation
the driver waits for; they are printed, not asserted: the target (2 s for each, 10 MB
for the file) is read off this run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # tests/browser.py: the one way this project starts Chromium
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
MEGABYTE = 1_000_000

SORT = """
const started = performance.now();
document.querySelector('#ranking thead th:nth-child(%d) button').click();
return performance.now() - started;
"""
FILTER = """
const started = performance.now();
const select = document.getElementById('filter-level');
select.value = select.options[1].value;
select.dispatchEvent(new Event('change'));
const shown = [...document.querySelectorAll('#ranking tbody tr')].filter(r => !r.hidden).length;
return [performance.now() - started, shown];
"""


def records(corpus: Path, count: int) -> list[dict[str, Any]]:
    """``count`` batch records: the livecareer set scored once, repeated under new names."""
    from kwmatch.api import Scorer

    scorer = Scorer()
    files = sorted((corpus / "livecareer").rglob("*.pdf"))
    scored = [{"path": str(f), "report": scorer.score_file(f).data} for f in files]
    found = []
    for number in range(count):
        record = scored[number % len(scored)]
        copy = number // len(scored)
        name = record["path"] if not copy else f"{record['path']}.copy{copy}"
        report = {**record["report"], "input": {**record["report"]["input"], "path": name}}
        found.append({"path": name, "report": report, "rank_score": report["scores"]["overall"]})
    found.sort(key=lambda r: -r["rank_score"])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    from tests.browser import chromium, why_not

    from kwmatch.render.html import render_batch_html

    started = time.perf_counter()
    ranked = records(args.corpus, args.count)
    scored = time.perf_counter()
    page = render_batch_html(ranked, "overall")
    rendered = time.perf_counter()
    size = len(page.encode("utf-8"))
    print(f"candidates: {len(ranked)}; scoring {scored - started:.1f} s")
    print(f"render: {rendered - scored:.2f} s; size: {size / MEGABYTE:.2f} MB (target < 10 MB)")
    problem = why_not()
    if problem:
        print(f"browser: skipped ({problem})")
        return 0
    with tempfile.TemporaryDirectory() as folder, chromium() as driver:
        path = Path(folder) / "batch.html"
        path.write_text(page, encoding="utf-8")
        opened = time.perf_counter()
        driver.get(path.as_uri())  # returns once the page has loaded
        load = time.perf_counter() - opened
        timing = driver.execute_script(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd];"
        )
        sort_years = driver.execute_script(SORT % 7)
        sort_name = driver.execute_script(SORT % 2)
        filtered, shown = driver.execute_script(FILTER)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    print(
        f"open: {load:.2f} s by the driver; in the page: DOM ready {timing[0] / 1000:.2f} s, "
        f"loaded {timing[1] / 1000:.2f} s (target < 2 s)"
    )
    print(f"sort by years: {sort_years / 1000:.3f} s; by name: {sort_name / 1000:.3f} s")
    print(f"filter by level: {filtered / 1000:.3f} s ({shown} of {len(ranked)} rows shown)")
    print(f"console errors: {len(errors)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

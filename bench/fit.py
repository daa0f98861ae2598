"""The judgement of fit measured against the expert labels of ``gold/fit.jsonl``.

    PYTHONPATH=src python bench/fit.py [--corpus DIR] [--part all|design|aside] [--table]

Every labeled resume is scored in this process with ``--as-of 2026-12-01`` (the labels'
reading date) and the default PDF engine. Printed, beside two baselines measured in the
same run (the level from coverage, the rule before the judgement; the level from
full-time years alone):

* level agreement, and how many resumes are two levels off (entry against senior);
* specialization, primary or alternative, over the ML/data people (``ml_person``);
* full-time years: median absolute error;
* fit grade (0-3) against ``scores.fit``: pairwise concordance over all pairs with
  different grades, and over the technical people (grade >= 1); ties in the score count
  half;
* dated roles found: the labels' ``titles`` found among the roles with a start date
  (:func:`history_check.titles_found`; the hand check is ``bench/HISTORY_CHECK.md``).

``--part`` keeps a fixed third of the resumes aside (by a hash of the file name): the
rules are designed on the other two thirds, and the aside third is only measured.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import itertools
import json
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from history_check import titles_found  # noqa: E402  (a sibling script, not a package)

DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
AS_OF = datetime.date(2026, 12, 1)
LEVELS = ("entry", "mid", "senior")
#: One resume in ASIDE_EVERY is kept aside, by a hash of its path.
ASIDE_EVERY = 3


@dataclass
class Row:
    doc: str
    label: dict[str, Any]
    level: str | None
    coverage_level: str | None
    years: float
    specialization: str | None
    fit: float
    overall: float
    titles_found: int
    titles: int


def is_aside(doc: str) -> bool:
    """Whether a resume is in the aside third (fixed: a hash of its path)."""
    return int(hashlib.sha256(doc.encode()).hexdigest(), 16) % ASIDE_EVERY == 0


def years_level(years: float) -> str:
    """The level from full-time years alone (the labels' bands)."""
    return "entry" if years < 2 else ("mid" if years < 6 else "senior")


def collect(corpus: Path, part: str = "all") -> list[Row]:
    """Score every labeled resume of ``part`` and keep what the figures need."""
    from kwmatch.api import Options, Scorer, read_file
    from kwmatch.judge import judge
    from kwmatch.text import clean

    scorer = Scorer()
    options = Options(as_of=AS_OF)
    rows = []
    for line in (corpus / "gold" / "fit.jsonl").read_text().splitlines():
        label = json.loads(line)
        if part != "all" and is_aside(label["doc"]) != (part == "aside"):
            continue
        document = read_file(corpus / label["doc"], options)
        text = clean(document.pages, scorer.is_word)
        matches = scorer.matcher.match(text)
        judged = judge(text, matches, scorer.taxonomy, document_date=document.date, as_of=AS_OF)
        rows.append(
            Row(
                doc=label["doc"],
                label=label,
                level=judged.seniority.level,
                coverage_level=judged.scores.best_level,
                years=judged.seniority.fulltime_years,
                specialization=judged.fit.specialization,
                fit=judged.fit.score,
                overall=judged.scores.overall,
                titles_found=titles_found(label["titles"], list(judged.history.experience)),
                titles=len(label["titles"]),
            )
        )
    return rows


def concordance(rows: list[Row], score: Callable[[Row], float], minimum: int = 0) -> float:
    """Share of pairs with different grades that the score orders as the grades do
    (ties in the score count half), over resumes with a grade of at least ``minimum``."""
    kept = [r for r in rows if r.label["fit"] >= minimum]
    agree = total = 0.0
    for one, other in itertools.combinations(kept, 2):
        if one.label["fit"] == other.label["fit"]:
            continue
        total += 1
        high, low = (one, other) if one.label["fit"] > other.label["fit"] else (other, one)
        if score(high) > score(low):
            agree += 1
        elif score(high) == score(low):
            agree += 0.5
    return agree / total if total else 0.0


def level_figures(rows: list[Row], level: Callable[[Row], str | None]) -> tuple[int, int]:
    """How many levels agree, and how many are two levels off."""
    agree = sum(1 for r in rows if level(r) == r.label["level"])
    off = sum(
        1
        for r in rows
        if level(r) in LEVELS and abs(LEVELS.index(level(r)) - LEVELS.index(r.label["level"])) > 1  # type: ignore[arg-type]
    )
    return agree, off


def report(rows: list[Row], say: Callable[[str], None] = print) -> dict[str, float]:
    """Print the figures (a markdown table) and return them by name."""
    n = len(rows)
    figures: dict[str, float] = {}
    say(f"{n} labeled resumes, read as of {AS_OF}\n")
    say("| measure | kwmatch | level from coverage | level from years | target |")
    say("|---|---:|---:|---:|---|")
    ours, off = level_figures(rows, lambda r: r.level)
    cov, cov_off = level_figures(rows, lambda r: r.coverage_level)
    yrs, yrs_off = level_figures(rows, lambda r: years_level(r.years))
    figures["level"] = ours / n
    figures["two_off"] = off
    say(
        f"| level agreement | {ours}/{n} = {ours / n:.3f} | {cov / n:.3f} | {yrs / n:.3f} | >= 0.85 |"
    )
    say(f"| two levels off | {off} | {cov_off} | {yrs_off} | 0 |")
    ml = [r for r in rows if r.label["ml_person"]]
    spec = sum(
        1
        for r in ml
        if r.specialization in (r.label["specialization"], r.label.get("specialization_alt"))
    )
    figures["specialization"] = spec / len(ml) if ml else 0.0
    say(
        f"| specialization (primary or alt), ML/data people | {spec}/{len(ml)} = {figures['specialization']:.3f} | | | >= 0.90 |"
    )
    errors = [abs(r.years - r.label["fulltime_years"]) for r in rows]
    figures["years_mae"] = statistics.median(errors)
    say(f"| full-time years, median absolute error | {figures['years_mae']:.2f} | | | <= 1.0 |")
    figures["concordance"] = concordance(rows, lambda r: r.fit)
    figures["concordance_tech"] = concordance(rows, lambda r: r.fit, minimum=1)
    base_all = concordance(rows, lambda r: r.overall)
    base_tech = concordance(rows, lambda r: r.overall, minimum=1)
    say(
        f"| fit concordance, all pairs | {figures['concordance']:.3f} | overall: {base_all:.3f} | | >= 0.95 |"
    )
    say(
        f"| fit concordance, technical (fit >= 1) | {figures['concordance_tech']:.3f} | overall: {base_tech:.3f} | | >= 0.90 |"
    )
    found, titles = sum(r.titles_found for r in rows), sum(r.titles for r in rows)
    figures["roles_found"] = found / titles if titles else 0.0
    say(
        f"| dated roles found (labels' titles) | {found}/{titles} = {figures['roles_found']:.3f} | | | >= 0.95 |"
    )
    return figures


def table(rows: list[Row], say: Callable[[str], None] = print) -> None:
    """One line per resume: label against kwmatch (file names only, no content)."""
    say(
        "\n| doc | level (label/ours) | years (label/ours) | fit grade / score | spec (label/ours) |"
    )
    say("|---|---|---|---|---|")
    for r in sorted(rows, key=lambda r: (r.label["fit"], r.fit)):
        lab = r.label
        say(
            f"| {Path(r.doc).name[:28]} | {lab['level']}/{r.level} | {lab['fulltime_years']:.1f}/{r.years:.1f} "
            f"| {lab['fit']} / {r.fit:.3f} | {lab['specialization']}/{r.specialization} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--part", choices=("all", "design", "aside"), default="all")
    parser.add_argument("--table", action="store_true", help="one line per resume")
    args = parser.parse_args(argv)
    if not (args.corpus / "gold" / "fit.jsonl").is_file():
        print(f"bench/fit.py: no labels at {args.corpus}", file=sys.stderr)
        return 2
    rows = collect(args.corpus, args.part)
    report(rows)
    if args.table:
        table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

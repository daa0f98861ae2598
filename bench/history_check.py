"""Measure :mod:`kwmatch.history` against the gold labels of ``../shared/corpus/gold/fit.jsonl``.

    PYTHONPATH=src python bench/history_check.py [--as-of 2026-12-01] [--part all|design|aside]

Prints the median absolute error of the full-time years (every resume read with one as-of
date, 2026-12-01 by default: the labels' "Present"), the share of the labels' titles found
among the dated roles, the time the stage takes, and a table per document.

A label title counts as found when a dated role (one with a start date) not yet matched to
another label title of the same resume has a title that contains it, that it contains, or
that covers at least :data:`TOKEN_COVER` of its words (case-insensitive, words of letters
and digits; "of", "and", "the", "&" left out). Each extracted role matches at most one label
title, so a resume listing "Software Engineer" twice needs two such roles.

``--part`` takes the same fixed thirds as ``bench/fit.py`` (a hash of the file name): the
rules are designed on ``design``; ``aside`` prints its figures only, never a table.

The corpus files are third-party: they are read from ../shared at run time, never copied.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

from kwmatch.api import read_file
from kwmatch.history import Entry, extract_history
from kwmatch.text import clean

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
GOLD = CORPUS / "gold" / "fit.jsonl"
DEFAULT_AS_OF = datetime.date(2026, 12, 1)
#: Share of a label title's words an extracted title must hold to match it.
TOKEN_COVER = 0.6
#: The labelers' own "Present" when they judged a resume older ("Present ~2015-06",
#: "Present=2025-07", "Current=2015-06", "Present taken as ~01/2016"); the first one named.
_LABEL_PRESENT = re.compile(
    r"\b(?:Present|Current)\s*(?:=|taken as)?\s*~?\s*(?:(\d{2})/(\d{4})|(\d{4})(?:-(\d{2}))?)(?!\d)"
)
#: A year-only estimate of the labelers stands for the middle of that year.
_MID_YEAR = 6
_STOP = {"of", "and", "the", "a", "an", "for", "in", "at", "to"}
_WORD = re.compile(r"[a-z0-9]+")
#: Each resume's stage time is the best of this many runs.
TIMING_RUNS = 5
#: One resume in ASIDE_EVERY is kept aside (as in bench/fit.py).
ASIDE_EVERY = 3


def is_aside(doc: str) -> bool:
    """Whether a resume is in the aside third (the rule of ``bench/fit.py``)."""
    return int(hashlib.sha256(doc.encode()).hexdigest(), 16) % ASIDE_EVERY == 0


def _words(title: str) -> list[str]:
    return [w for w in _WORD.findall(title.lower()) if w not in _STOP]


def title_matches(label: str, found: str) -> bool:
    """Whether an extracted title ``found`` stands for the label title ``label``."""
    label_norm, found_norm = " ".join(_words(label)), " ".join(_words(found))
    if not label_norm or not found_norm:
        return False
    if label_norm in found_norm or found_norm in label_norm:
        return True
    label_words = set(label_norm.split())
    return len(label_words & set(found_norm.split())) / len(label_words) >= TOKEN_COVER


def titles_found(labels: list[str], entries: list[Entry]) -> int:
    """How many label titles have a matching dated role (each role used once)."""
    free = [e for e in entries if e.start is not None]
    count = 0
    for label in labels:
        match = next((e for e in free if title_matches(label, e.title)), None)
        if match is not None:
            free.remove(match)
            count += 1
    return count


def label_as_of(arithmetic: str) -> datetime.date | None:
    """The date the labelers took "Present" for, when their arithmetic names one."""
    match = _LABEL_PRESENT.search(arithmetic)
    if match is None:
        return None
    month, year, year_only, month_after = match.groups()
    if year is not None:
        return datetime.date(int(year), int(month), 1)
    return datetime.date(int(year_only), int(month_after or _MID_YEAR), 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=DEFAULT_AS_OF)
    parser.add_argument("--quiet", action="store_true", help="figures only, no table")
    parser.add_argument("--part", choices=("all", "design", "aside"), default="all")
    args = parser.parse_args(argv)
    if args.part == "aside":
        args.quiet = True  # the aside third is measured, never looked at
    if not GOLD.exists():
        print(f"no gold labels at {GOLD}", file=sys.stderr)
        return 1
    labels = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    if args.part != "all":
        labels = [lab for lab in labels if is_aside(lab["doc"]) == (args.part == "aside")]
    own_errors: list[float] = []
    errors, found_total, label_total, stage_ms, rows = [], 0, 0, [], []
    for label in labels:
        document = read_file(CORPUS / label["doc"])
        clean_text = clean(document.pages)
        runs = []
        for _ in range(TIMING_RUNS):  # the best of a few runs: the machine is shared
            started = time.perf_counter()
            history = extract_history(clean_text, args.as_of)
            runs.append((time.perf_counter() - started) * 1000)
        stage_ms.append(min(runs))
        years = history.fulltime_years
        error = abs(years - float(label["fulltime_years"]))
        errors.append(error)
        labeled = label_as_of(str(label.get("years_arithmetic", "")))
        own = extract_history(clean_text, labeled).fulltime_years if labeled else years
        own_errors.append(abs(own - float(label["fulltime_years"])))
        found = titles_found(list(label["titles"]), list(history.experience))
        found_total += found
        label_total += len(label["titles"])
        dated = sum(1 for e in history.experience if e.start is not None)
        rows.append(
            (
                label["doc"],
                float(label["fulltime_years"]),
                years,
                own,
                error,
                found,
                len(label["titles"]),
                dated,
            )
        )
    if not args.quiet:
        print(
            f"{'document':58} {'gold':>6} {'found':>6} {'err':>6} {'own':>6} {'titles':>7} {'roles':>5}"
        )
        for doc, gold, years, own, error, found, total, dated in rows:
            print(
                f"{doc[:58]:58} {gold:6.2f} {years:6.2f} {error:6.2f} {own:6.2f} {found:>3}/{total:<3} {dated:5}"
            )
        print("(own: years read as of the labelers' own 'Present'; roles: dated roles found)")
        print()
    within = sum(1 for e in errors if e <= 1.0)
    print(f"as of {args.as_of}: {len(labels)} resumes")
    print(
        f"full-time years: median absolute error {statistics.median(errors):.2f} (target <= 1.0), mean {statistics.mean(errors):.2f}, within 1 year {within}/{len(errors)}"
    )
    print(
        f"  diagnostic, each resume read as of the labelers' own 'Present' where they name one: median absolute error {statistics.median(own_errors):.2f}, mean {statistics.mean(own_errors):.2f}, within 1 year {sum(1 for e in own_errors if e <= 1.0)}/{len(own_errors)}"
    )
    print(
        f"titles found as dated roles: {found_total}/{label_total} = {found_total / label_total:.3f} (target >= 0.95)"
    )
    print(
        f"stage time (best of {TIMING_RUNS} runs): median {statistics.median(stage_ms):.2f} ms, max {max(stage_ms):.2f} ms per resume"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

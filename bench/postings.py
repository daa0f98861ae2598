"""Measure ``kwmatch taxonomy extract`` on real job postings with expert skill annotations.

    PYTHONPATH=src python bench/postings.py [--corpus DIR] [--file skillspan_tech_train.jsonl]
    PYTHONPATH=src python bench/postings.py --detail skillspan_tech_train.jsonl

Reads ``postings/skillspan_tech_*.jsonl`` of the evaluation corpus at run time (never
copied): one posting a row, with the knowledge and skill spans domain experts marked.
Each posting is drafted with :func:`kwmatch.draft.extract_text`, as given and flattened
into one paragraph. The measure (issue #15), printed with the figures:

* both sides are normalized: lower case, every run of characters other than letters,
  digits, ``+`` and ``#`` made one space;
* a drafted concept's *surfaces* are its label and those of its aliases that occur in the
  posting (as whole words);
* **precision**: a drafted concept is right when one of its surfaces lies inside an expert
  knowledge or skill span as whole words, or contains one;
* **recall**: a knowledge span (each distinct span of a posting once) is found when some
  concept surface and the span contain one another, as whole words.

A posting that fails to draft counts every knowledge span as missed, and is listed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DEV_FILE = "skillspan_tech_dev.jsonl"
TRAIN_FILE = "skillspan_tech_train.jsonl"

DESCRIPTION = (
    "Measure: both sides lower-cased, runs of characters other than letters, digits, + and # "
    "made one space. A drafted concept is right when its label, or one of its aliases that "
    "occurs in the posting, lies inside an expert knowledge or skill span as whole words, or "
    "contains one (precision over drafted concepts). A knowledge span (distinct per posting) "
    "is found when some concept surface and the span contain one another (recall)."
)


def normalize(text: str) -> str:
    """Lower case; runs of characters other than letters, digits, ``+``, ``#`` to one space."""
    return " ".join(re.sub(r"[^\w+#]+|_", " ", text.lower()).split())


def contains(outer: str, inner: str) -> bool:
    """Whether normalized ``inner`` occurs in normalized ``outer`` as whole words."""
    return bool(inner) and f" {inner} " in f" {outer} "


@dataclass
class PostingScore:
    """The figures of one posting."""

    id: str
    concepts: int = 0
    right: int = 0
    spans: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    error: str = ""


def surfaces(concept: dict[str, Any], posting: str) -> list[str]:
    """A concept's label and the aliases of it that occur in the (normalized) posting."""
    label = normalize(str(concept["label"]))
    out = [label] if label else []
    for alias in (*concept.get("aliases", ()), *concept.get("ambiguous", ())):
        form = normalize(str(alias))
        if form and form not in out and contains(posting, form):
            out.append(form)
    return out


def score_posting(row: dict[str, Any], text: str | None = None) -> PostingScore:
    """Draft ``row``'s posting (or ``text`` in its place) and score it against its spans."""
    from kwmatch.draft import extract_text
    from kwmatch.errors import KwmatchError

    result = PostingScore(row["id"])
    knowledge = list(dict.fromkeys(s for s in map(normalize, row["knowledge"]) if s))
    marked = [s for s in map(normalize, [*row["knowledge"], *row["skill"]]) if s]
    result.spans = len(knowledge)
    posting = normalize(row["text"])
    try:
        draft = extract_text(text if text is not None else row["text"], row["id"])
    except KwmatchError as error:
        result.error = str(error)
        result.missed = knowledge
        return result
    all_surfaces: list[str] = []
    for concept in draft.data["concepts"]:
        forms = surfaces(concept, posting)
        all_surfaces.extend(forms)
        result.concepts += 1
        if any(contains(span, form) or contains(form, span) for form in forms for span in marked):
            result.right += 1
        else:
            result.wrong.append(str(concept["label"]))
    for span in knowledge:
        if any(contains(span, form) or contains(form, span) for form in all_surfaces):
            result.found += 1
        else:
            result.missed.append(span)
    return result


def flatten(text: str) -> str:
    """A posting as one paragraph, the way job boards and data sets export them."""
    return " ".join(text.split())


def read_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def measure(corpus: Path, name: str = DEV_FILE) -> dict[str, Any]:
    """Precision and recall over one file, and the failures as given and flattened."""
    rows = read_rows(corpus / "postings" / name)
    scores = [score_posting(row) for row in rows]
    concepts = sum(s.concepts for s in scores)
    spans = sum(s.spans for s in scores)
    return {
        "file": name,
        "postings": len(rows),
        "precision": sum(s.right for s in scores) / concepts if concepts else 0.0,
        "recall": sum(s.found for s in scores) / spans if spans else 0.0,
        "concepts": concepts,
        "spans": spans,
        "scores": scores,
    }


def failures(corpus: Path) -> list[str]:
    """Postings of both files that fail to draft, as given or flattened."""
    from kwmatch.draft import extract_text
    from kwmatch.errors import KwmatchError

    out = []
    for name in (TRAIN_FILE, DEV_FILE):
        path = corpus / "postings" / name
        if not path.is_file():
            continue
        for row in read_rows(path):
            for how, text in (("as given", row["text"]), ("flattened", flatten(row["text"]))):
                try:
                    extract_text(text, row["id"])
                except KwmatchError as error:
                    out.append(f"{row['id']} ({how}): {error}")
    return out


def report(corpus: Path, name: str = DEV_FILE) -> tuple[list[str], list[tuple[str, str, bool]]]:
    """Lines of the benchmark's section for one file and its targets (name, measured, met)."""
    lines = [f"### Drafting from postings: {name}", "", DESCRIPTION, ""]
    if not (corpus / "postings" / name).is_file():
        return [*lines, "- postings not found; nothing measured", ""], []
    result = measure(corpus, name)
    failed = failures(corpus)
    total = sum(1 for name in (TRAIN_FILE, DEV_FILE) for _ in read_rows(corpus / "postings" / name))
    lines += [
        f"- {result['postings']} postings, {result['concepts']} drafted concepts, "
        f"{result['spans']} distinct knowledge spans",
        f"- precision of drafted concepts: {result['precision']:.3f}",
        f"- recall of knowledge spans: {result['recall']:.3f}",
        f"- postings that fail to draft (of {total}, as given and flattened): {len(failed)}",
        *(f"  - {line}" for line in failed),
        "",
    ]
    targets = [
        (
            "posting concepts precision >= 0.85",
            f"{result['precision']:.3f}",
            result["precision"] >= 0.85,
        ),
        (
            "posting knowledge recall >= 0.80",
            f"{result['recall']:.3f}",
            result["recall"] >= 0.80,
        ),
        ("no SkillSpan posting fails to draft", str(len(failed)), not failed),
    ]
    return lines, targets


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--file",
        default=DEV_FILE,
        help=f"the postings file measured (default {DEV_FILE}; develop on {TRAIN_FILE})",
    )
    parser.add_argument(
        "--detail",
        metavar="FILE",
        help=f"per posting of FILE, wrong concepts and missed spans (develop on {TRAIN_FILE}; "
        f"{DEV_FILE} is for measuring)",
    )
    args = parser.parse_args()
    if args.detail:
        result = measure(args.corpus, args.detail)
        for s in result["scores"]:
            print(f"{s.id}: {s.right}/{s.concepts} right, {s.found}/{s.spans} found {s.error}")
            print(f"  wrong: {s.wrong}")
            print(f"  missed: {s.missed}")
        print(f"precision {result['precision']:.3f} recall {result['recall']:.3f}")
        return 0
    lines, targets = report(args.corpus, args.file)
    print("\n".join(lines))
    for name, value, ok in targets:
        print(f"{'ok ' if ok else 'NOT'} {name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

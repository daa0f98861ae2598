"""Real resumes nobody on the team wrote (../shared/corpus): every PDF gives a report a
consumer can rely on, and the layout of a resume does not change what it evidences.

The whole corpus is scored in one loop per test, collecting every problem, so that one
run names all the files that break the contract instead of stopping at the first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kwmatch.api import Scorer
from kwmatch.errors import KwmatchError
from kwmatch.ingest import read_document
from kwmatch.report import validate_report
from kwmatch.text import clean


def _corpus_pdfs(corpus: Path) -> list[Path]:
    return sorted((corpus / "pdf").glob("*.pdf")) + sorted((corpus / "livecareer").rglob("*.pdf"))


def _problems_of(scorer: Scorer, path: Path, corpus: Path) -> list[str]:
    name = str(path.relative_to(corpus))
    try:
        report = scorer.score_file(path)
    except KwmatchError as exc:
        return [f"{name}: cannot be scored: {exc}"]
    data = report.data
    problems = [f"{name}: schema: {p}" for p in validate_report(data)[:3]]
    # Rebuild the clean text the offsets refer to, to check each quote against it.
    is_word = getattr(scorer, "is_word", scorer.pipeline.is_english_word)  # as the scorer does
    text = clean(read_document(path).pages, is_word).text
    if data["input"]["characters"] != len(text):
        problems.append(f"{name}: reports {data['input']['characters']} characters of {len(text)}")
    for match in data["matches"]:
        where = f"{name}: match {match.get('concept')!r} at {match.get('start')}"
        if match.get("concept") not in scorer.taxonomy.concepts:
            problems.append(f"{where}: no concept id of the taxonomy")
        if not match.get("text"):
            problems.append(f"{where}: empty text")
        elif text[match["start"] : match["end"]] != match["text"]:
            quoted = text[match["start"] : match["end"]]
            problems.append(f"{where}: text {match['text']!r} but the clean text has {quoted!r}")
        if not 1 <= match["page"] <= data["input"]["pages"]:
            problems.append(f"{where}: page {match['page']} of {data['input']['pages']}")
    matched = {m["concept"] for m in data["matched"]}
    if matched != {m["concept"] for m in data["matches"]}:
        problems.append(f"{name}: the matched list and the evidence disagree")
    return problems


@pytest.mark.slow
def test_every_corpus_pdf_gives_a_valid_report(scorer: Scorer, corpus: Path) -> None:
    pdfs = _corpus_pdfs(corpus)
    # The corpus README promises 240 livecareer resumes plus the sample PDFs.
    assert len([p for p in pdfs if "livecareer" in p.parts]) == 240
    assert len([p for p in pdfs if p.parent.name == "pdf"]) >= 16
    problems: list[str] = []
    for path in pdfs:
        problems.extend(_problems_of(scorer, path, corpus))
    assert not problems, f"{len(problems)} problems in {len(pdfs)} PDFs:\n" + "\n".join(
        problems[:50]
    )


@pytest.mark.parametrize(
    "layout",
    [
        "resume_matcher_tpl_two-column.pdf",
        "resume_matcher_tpl_modern-single-column.pdf",
        "resume_matcher_tpl_modern-two-column.pdf",
    ],
)
def test_layout_does_not_change_the_evidence(scorer: Scorer, corpus: Path, layout: str) -> None:
    # The same resume in four templates: the single column is the reference.
    reference = scorer.score_file(corpus / "pdf" / "resume_matcher_tpl_single-column.pdf")
    other = scorer.score_file(corpus / "pdf" / layout)
    expected = {m["concept"] for m in reference.data["matches"]}
    found = {m["concept"] for m in other.data["matches"]}
    assert expected, "the reference layout gives no evidence at all"
    assert found == expected, (
        f"only in the single column: {sorted(expected - found)}; "
        f"only in {layout}: {sorted(found - expected)}"
    )


def test_ml_engineer_sample_scores_above_non_technical_resumes(
    scorer: Scorer, corpus: Path
) -> None:
    # A sanity check a recruiter would make: the one ML engineer of the samples fits the
    # role better than any resume of a non-technical livecareer category.
    def fit(path: Path) -> float:
        return float(scorer.score_file(path).data["scores"]["fit"])

    engineer = fit(corpus / "pdf" / "resume_matcher_harvey_dent_mle.pdf")
    categories = ["CHEF", "ADVOCATE", "ARTS", "APPAREL", "AGRICULTURE", "BPO", "TEACHER"]
    others = {
        str(path.relative_to(corpus)): fit(path)
        for category in categories
        for path in sorted((corpus / "livecareer" / category).glob("*.pdf"))
    }
    assert others, "no livecareer resumes in the non-technical categories"
    beaten = {name: value for name, value in others.items() if value >= engineer}
    assert not beaten, f"the ML engineer scores {engineer}; these score as high: {beaten}"

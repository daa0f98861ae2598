"""Where a resume's time goes, in this process: the figures of bench/PROFILE.md.

    python bench/profile_stages.py             # stages and PDFium steps, ms per file
    python bench/profile_stages.py --cprofile  # and cProfile's heaviest functions
    python bench/profile_stages.py --pdfminer  # the pdfminer engine's reading against pdfminer's

Every livecareer PDF is scored twice, the second pass counted (CPU time of this process;
reading runs here, not in the reading process, so that it is counted too).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def stages(files: list[Path]) -> dict[str, float]:
    """CPU seconds per stage of :meth:`kwmatch.api.Scorer.score_document`'s pipeline."""
    from kwmatch.api import Scorer, _checked_requirements
    from kwmatch.ingest import read_document
    from kwmatch.judge import judge
    from kwmatch.limits import DEFAULT_LIMITS
    from kwmatch.report import build_report
    from kwmatch.text import clean

    scorer = Scorer()
    limits = replace(DEFAULT_LIMITS, isolate=False)
    clock = time.process_time
    spent: dict[str, float] = defaultdict(float)
    for counted in (False, True):
        for path in files:
            t0 = clock()
            document = read_document(path, limits=limits)
            t1 = clock()
            text = clean(document.pages, scorer.is_word)
            t2 = clock()
            tokens = scorer.pipeline.tokenize(text.text)
            t3 = clock()
            matches = scorer.matcher.match(text, tokens)
            t4 = clock()
            judged = judge(text, matches, scorer.taxonomy, document_date=document.date, as_of=None)
            t5 = clock()
            requirements = _checked_requirements(scorer.taxonomy, judged.history)
            build_report(
                document,
                text,
                matches,
                judged.scores,
                scorer.taxonomy,
                judgement=judged,
                requirements=requirements,
            )
            t6 = clock()
            if counted:
                for stage, seconds in zip(
                    ("read", "normalize", "tokens", "match", "judge", "report"),
                    (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5),
                    strict=True,
                ):
                    spent[stage] += seconds
    return dict(spent)


def pdfium_steps(files: list[Path]) -> dict[str, float]:
    """CPU seconds per step of the PDFium engine's reading (its own calls and ours)."""
    import pypdfium2 as pdfium

    from kwmatch.ingest import pdfium_engine
    from kwmatch.ingest.hidden_text import holds_images
    from kwmatch.ingest.layout import page_text
    from kwmatch.ingest.pdfscan import check_streams
    from kwmatch.limits import DEFAULT_LIMITS

    clock = time.process_time
    spent: dict[str, float] = defaultdict(float)

    def step(name: str, began: float) -> float:
        now = clock()
        spent[name] += now - began
        return now

    for path in files:
        t = clock()
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        check_streams(path, data, DEFAULT_LIMITS)
        images = holds_images(data)
        t = step("bytes, hash, stream check (ours)", t)
        pdf = pdfium.PdfDocument(data)
        pdf.get_metadata_dict()
        pdfium_engine._check_page_sizes(pdf, path, len(pdf))
        t = step("open, metadata, page sizes (PDFium)", t)
        for index in range(len(pdf)):
            page = pdf[index]
            t = step("load page (PDFium)", t)
            textpage = page.get_textpage()
            t = step("text page (PDFium)", t)
            glyphs = pdfium_engine._page_glyphs(textpage)
            t = step("characters and their boxes (ours, a PDFium call per glyph)", t)
            page_text(glyphs, page.get_width())
            t = step("word and column rebuild (ours)", t)
            pdfium_engine._hidden_text_of_page(page, textpage, glyphs, index + 1, images)
            t = step("hidden-text test (ours)", t)
            textpage.close()
            page.close()
            t = step("close (PDFium)", t)
        pdf.close()
        step("close (PDFium)", t)
    return dict(spent)


def pdfminer_overhead(files: list[Path]) -> dict[str, float]:
    """CPU seconds of reading ``files`` three ways, in turn per file (so that load falls
    on each alike): pdfminer's ``extract_text``; the same steps with pdfminer's own
    converter and interpreter; the pdfminer engine's reading (its watch for hidden text
    included, the checks of the registry and the PDFium walk not)."""
    import io
    import logging

    from pdfminer.converter import TextConverter
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    from kwmatch.ingest import pdfminer_engine
    from kwmatch.limits import DEFAULT_LIMITS

    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    def plain(data: bytes) -> str:
        output = io.StringIO()
        resources = PDFResourceManager(caching=True)
        device = TextConverter(resources, output, codec="utf-8", laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))):
            interpreter.process_page(page)
        return output.getvalue()

    ways = {
        "extract_text (bare pdfminer)": lambda path, data: extract_text(str(path)),
        "the same steps, pdfminer's converter": lambda path, data: plain(data),
        "kwmatch's pdfminer engine (with its watch)": lambda path, data: pdfminer_engine.read(
            path, data, None, DEFAULT_LIMITS
        ),
    }
    clock = time.process_time
    spent: dict[str, float] = defaultdict(float)
    for turn in range(2):  # the second turn in the reverse order
        for path in files:
            data = path.read_bytes()
            for name, way in list(ways.items())[:: 1 if turn == 0 else -1]:
                began = clock()
                way(path, data)
                spent[name] += (clock() - began) / 2
    return dict(spent)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cprofile", action="store_true", help="also cProfile's top functions")
    parser.add_argument(
        "--pdfminer",
        action="store_true",
        help="only the pdfminer engine's reading against pdfminer's own (every 4th file)",
    )
    args = parser.parse_args()
    files = sorted((args.corpus / "livecareer").glob("*/*.pdf"))
    if not files:
        print(f"bench: no livecareer PDFs under {args.corpus}", file=sys.stderr)
        return 2
    if args.pdfminer:
        sample = files[::4]
        spent = pdfminer_overhead(sample)
        bare = spent["extract_text (bare pdfminer)"]
        print(f"{len(sample)} livecareer PDFs, ms of CPU per file (each read twice)")
        print()
        print("| reading | ms | over bare |")
        print("|---|---:|---:|")
        for name, seconds in spent.items():
            print(f"| {name} | {1000 * seconds / len(sample):.1f} | {seconds / bare:.3f} |")
        return 0
    per_file = 1000 / len(files)
    print(f"{len(files)} livecareer PDFs, ms of CPU per file")
    print()
    print("| stage | ms |")
    print("|---|---:|")
    spent = stages(files)
    for name, seconds in spent.items():
        print(f"| {name} | {seconds * per_file:.2f} |")
    print(f"| total | {sum(spent.values()) * per_file:.2f} |")
    print()
    print("| reading step | ms |")
    print("|---|---:|")
    for name, seconds in pdfium_steps(files).items():
        print(f"| {name} | {seconds * per_file:.2f} |")
    if args.cprofile:
        from kwmatch.api import Options, Scorer
        from kwmatch.limits import DEFAULT_LIMITS

        scorer = Scorer()
        options = Options(limits=replace(DEFAULT_LIMITS, isolate=False))
        profiler = cProfile.Profile()
        profiler.enable()
        for path in files:
            scorer.score_file(path, options)
        profiler.disable()
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())

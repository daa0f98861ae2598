"""The PDFium engine's text of every corpus PDF, byte for byte, before and after a change.

    python bench/pdfium_text.py --save /tmp/before.json   # on the old code
    python bench/pdfium_text.py --check /tmp/before.json  # on the new: lists every PDF whose text changed

Only a SHA-256 per file (of its pages, the warnings and the date, as the engine returns
them) is written, outside the repository: the corpus is read here, never copied. Exit 1
when a file's text differs from the saved one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def digests(corpus: Path) -> dict[str, str]:
    """Corpus-relative path -> digest of what the PDFium engine reads from it."""
    from kwmatch.errors import KwmatchError
    from kwmatch.ingest import read_document

    found: dict[str, str] = {}
    for path in sorted(corpus.rglob("*.pdf")):
        try:
            document = read_document(path, pdf_engine="pdfium")
            content = json.dumps([document.pages, document.warnings, str(document.date)])
        except KwmatchError as error:  # an unreadable file must stay unreadable the same way
            content = f"error: {error}"
        found[str(path.relative_to(corpus))] = hashlib.sha256(content.encode()).hexdigest()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--save", type=Path, help="write the digests here")
    side.add_argument("--check", type=Path, help="compare with digests saved by --save")
    args = parser.parse_args()
    now = digests(args.corpus)
    if args.save:
        args.save.write_text(json.dumps(now, indent=1, sort_keys=True))
        print(f"{len(now)} PDFs: digests written to {args.save}")
        return 0
    before = json.loads(args.check.read_text())
    changed = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(now)} PDFs, {len(changed)} with other text than before")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

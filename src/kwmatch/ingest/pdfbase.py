"""What every PDF engine returns, and what they all say about a bad PDF."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from kwmatch.limits import Limits

TRUNCATED_WARNING = "the PDF looks truncated (no end-of-file marker): some text may be missing"
#: The end-of-file marker is looked for in this many last bytes (trailing junk is common).
_EOF_WINDOW = 4096


@dataclass(frozen=True)
class PdfText:
    """What an engine read from a PDF."""

    pages: tuple[str, ...]
    """The raw text of each page."""
    warnings: tuple[str, ...] = ()
    """What the reader should know (hidden text, a truncated file)."""
    date: datetime.date | None = None
    """When the file says it was written: its modification date, else its creation date."""
    may_hide_text: bool = False
    """The engine saw signs of text a reader cannot see but did not look further: the
    registry then runs PDFium's check (the only one that says what and why)."""


#: A PDF date: ``D:YYYYMMDD...`` (the month and day are optional).
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?")
#: Dates before this year in a resume file's metadata are a writer's clock gone wrong.
EARLIEST_PLAUSIBLE_YEAR = 1990


def pdf_date(text: object) -> datetime.date | None:
    """The date of a PDF date string (``D:20210808155011+05'30'``), or None."""
    if isinstance(text, bytes):
        text = text.decode("latin-1", "replace")
    if not isinstance(text, str):
        return None
    match = _PDF_DATE.match(text.strip())
    if match is None:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        found = datetime.date(year, month, day)
    except ValueError:
        return None
    return found if found.year >= EARLIEST_PLAUSIBLE_YEAR else None


def written_on(modified: object, created: object) -> datetime.date | None:
    """The file's own date: its modification date, else its creation date."""
    return pdf_date(modified) or pdf_date(created)


def too_many_pages(count: int | None, limits: Limits) -> str:
    """The problem of a PDF over the page limit (``count`` None: not declared)."""
    shown = f"{count}" if count is not None else f"more than {limits.max_pages}"
    return f"too many pages ({shown}; the limit is {limits.max_pages}, see --max-pages)"


def corrupt_message(data: bytes, detail: str) -> str:
    """The problem of a PDF an engine cannot parse."""
    if looks_truncated(data):
        return f"truncated PDF: it ends before its end-of-file marker ({detail})"
    return f"corrupt PDF ({detail})"


def encrypted_message(password: str | None) -> str:
    """The problem of an encrypted PDF that the password given (if any) does not open."""
    if password:
        return "encrypted PDF: the password given does not open it"
    return "encrypted PDF: give its password with --password"


def looks_truncated(data: bytes) -> bool:
    """A PDF ends with ``%%EOF`` (a little trailing junk is common; a cut file has none)."""
    return b"%%EOF" not in data[-_EOF_WINDOW:]

"""DOCX: the archive checked (zip bombs, XML entities, other Office formats), then the
text of its paragraphs and tables through python-docx, the sole importer of ``docx``."""

from __future__ import annotations

import datetime
import io
import lzma
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError

from kwmatch.errors import InputError, short_reason
from kwmatch.ingest.hidden_text import (
    SMALL_WORD_TEXT,
    WHITE,
    Colour,
    Hidden,
    Reason,
    same_colour,
    warnings_about,
)
from kwmatch.ingest.pdfbase import EARLIEST_PLAUSIBLE_YEAR
from kwmatch.ingest.sniff import READABLE
from kwmatch.limits import Limits

#: Flag bit of a zip member encrypted with a password.
_ENCRYPTED_FLAG = 0x1
#: Members smaller than this are not checked for their compression ratio.
_RATIO_FROM_BYTES = 1_000_000

#: What a broken zip archive makes zipfile (and python-docx reading through it) raise.
_ZIP_FAILURES: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    NotImplementedError,  # a compression method zipfile lacks
    RuntimeError,  # an encrypted member
    ValueError,
    struct.error,
    zlib.error,
    lzma.LZMAError,
    OSError,  # bz2 raises OSError for a corrupt member
)
_ENTITY_DECL = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
#: Most members of a DOCX archive (a resume has a few dozen).
_MAX_DOCX_MEMBERS = 5_000
#: Other zip-based formats, by a member only they have.
_ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook"),
    ("ppt/presentation.xml", "a PowerPoint presentation"),
    ("content.xml", "an OpenDocument file (.odt)"),
)


def check_zip(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse archives that are no Word document, or that expand too much (zip bombs).

    The sizes checked are those the archive declares; zipfile never inflates a member past
    its declared size (it stops there and fails the CRC), so they are a real bound.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > _MAX_DOCX_MEMBERS:
                raise InputError(path, f"refused: the archive holds {len(members)} members")
            names = {m.filename for m in members}
            if "word/document.xml" not in names:
                kind = next((k for n, k in _ZIP_KINDS if n in names), "a zip archive")
                raise InputError(
                    path, f"unsupported format: {kind}, not a Word document ({READABLE})"
                )
            if any(m.flag_bits & _ENCRYPTED_FLAG for m in members):
                raise InputError(
                    path, "encrypted zip archive: save the document without a password"
                )
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > _RATIO_FROM_BYTES and ratio > limits.max_docx_ratio:
                    raise InputError(
                        path,
                        f"refused: {member.filename} expands {ratio:.0f}x (zip bomb?; the "
                        f"limit is {limits.max_docx_ratio:g}x, see --max-ratio)",
                    )
            if total > limits.max_docx_uncompressed:
                raise InputError(
                    path,
                    f"refused: uncompressed size {total} bytes exceeds "
                    f"{limits.max_docx_uncompressed} (zip bomb?; see --max-unzipped)",
                )
            # python-docx's parser does not expand entities, but a declaration has no
            # business in a Word document: billion laughs, external files.
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _ENTITY_DECL.search(
                    archive.read(member)
                ):
                    raise InputError(
                        path,
                        f"refused: {member.filename} declares XML entities or a DOCTYPE "
                        "(an XML bomb or external-entity attack)",
                    )
    except InputError:
        raise
    except _ZIP_FAILURES as exc:
        raise InputError(path, f"corrupt DOCX (broken zip archive: {short_reason(exc)})") from None


def read(path: Path, data: bytes, limits: Limits) -> tuple[str, list[str], datetime.date | None]:
    """The text of a DOCX file (paragraphs, and table rows with cells joined by " | ")
    without its hidden runs, the warnings about those, and when the document says it was
    written (its core properties: modified, else created)."""
    check_zip(path, data, limits)

    failures: tuple[type[BaseException], ...] = (
        PackageNotFoundError,
        KeyError,
        AttributeError,
        TypeError,
        IndexError,
        *_ZIP_FAILURES,
    )
    try:
        document = docx.Document(io.BytesIO(data))
        text, hidden = _docx_text(document.element.body, _page_colour(document.element))
        return text, warnings_about(hidden), _written(document)
    except failures as exc:
        # The type only: a library's message may quote the document (a name, an email).
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        if type(exc).__module__.startswith("lxml"):
            line = getattr(exc, "lineno", None)
            where = f" at line {line}" if line else ""
            raise InputError(path, f"corrupt DOCX (bad XML{where})") from None
        raise


def _docx_text(body: Any, page_colour: Colour) -> tuple[str, list[Hidden]]:
    """The lines of a document body (a paragraph each, a table row each) without the
    runs a reader cannot see, and those runs: they are left out of the text, so that
    they never add to a score, and the report warns about them."""
    lines: list[str] = []
    hidden: list[Hidden] = []

    def paragraph(element: Any) -> str:
        parts = []
        for run in element.iter():
            if not _is(run, "}r"):
                continue
            text = "".join(t.text or "" for t in run.iterchildren() if _is(t, "}t"))
            reason = _hidden_run(run, page_colour)
            if reason is None:
                parts.append(text)
            elif text.strip():
                hidden.append(Hidden(1, reason, text))
        return "".join(parts)

    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append(paragraph(block))
        elif tag == "tbl":
            for row in block.iter():
                if not _is(row, "}tr"):
                    continue
                cells = [
                    " ".join(paragraph(p) for p in cell.iter() if _is(p, "}p")).strip()
                    for cell in row.iterchildren()
                    if _is(cell, "}tc")
                ]
                lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines), hidden


_OFF = {"0", "false", "off"}


def _hidden_run(run: Any, page_colour: Colour) -> Reason | None:
    """Why a run cannot be seen (Word's hidden format, a colour near the page's, a size
    under 4 pt), or None. Only the run's own properties are read: styles that hide
    text are rare, and a style's colour may be overridden where the run sits."""
    properties = next((c for c in run.iterchildren() if _is(c, "}rPr")), None)
    if properties is None:
        return None
    for item in properties.iterchildren():
        name = item.tag.rsplit("}", 1)[-1] if isinstance(item.tag, str) else ""
        value = _attribute(item, "val")
        if name in ("vanish", "specVanish") and (value or "true").lower() not in _OFF:
            return "vanish"
        colour = _colour(value) if name == "color" and value else None
        if colour is not None and same_colour(colour, page_colour):
            return "colour"
        if name == "sz" and value and value.isdigit() and int(value) < 2 * SMALL_WORD_TEXT:
            return "small"  # half-points
    return None


def _attribute(element: Any, name: str) -> str | None:
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return str(value)
    return None


def _colour(value: str) -> Colour | None:
    """An RGB colour from Word's hex form ("FFFFFF"); None for "auto" and the like."""
    if len(value) != len("FFFFFF"):
        return None
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return None


def _page_colour(document_element: Any) -> Colour:
    """The page colour a document sets (``w:background``), white by default."""
    for child in document_element.iterchildren():
        if _is(child, "}background"):
            value = _attribute(child, "color")
            return (_colour(value) if value else None) or WHITE
    return WHITE


def _written(document: Any) -> datetime.date | None:
    """The core properties' modification date, else their creation date, if plausible."""
    try:
        properties = document.core_properties
        stamp = properties.modified or properties.created
    except Exception:  # a malformed core.xml costs the date, not the text
        return None
    if not isinstance(stamp, datetime.datetime) or stamp.year < EARLIEST_PLAUSIBLE_YEAR:
        return None
    return stamp.date()


def _is(element: Any, suffix: str) -> bool:
    """Whether an XML element's tag ends in ``suffix``."""
    # Comments and processing instructions have a function, not a string, as their tag.
    return isinstance(element.tag, str) and bool(element.tag.endswith(suffix))

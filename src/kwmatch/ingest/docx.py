"""DOCX: the archive checked (zip bombs, XML entities, other Office formats), then the
text of its paragraphs and tables through python-docx, the sole importer of ``docx``."""

from __future__ import annotations

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


def read(path: Path, data: bytes, limits: Limits) -> str:
    """The text of a DOCX file: paragraphs, and table rows with cells joined by " | "."""
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
        return _docx_text(document.element.body)
    except failures as exc:
        # The type only: a library's message may quote the document (a name, an email).
        raise InputError(path, f"corrupt DOCX ({type(exc).__name__})") from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError family
        if type(exc).__module__.startswith("lxml"):
            line = getattr(exc, "lineno", None)
            where = f" at line {line}" if line else ""
            raise InputError(path, f"corrupt DOCX (bad XML{where})") from None
        raise


def _docx_text(body: Any) -> str:
    """The lines of a document body: a paragraph each, a table row each."""
    lines: list[str] = []
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1] if isinstance(block.tag, str) else ""
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if _is(t, "}t")))
        elif tag == "tbl":
            for row in block.iter():
                if not _is(row, "}tr"):
                    continue
                cells = []
                for cell in row.iterchildren():
                    if _is(cell, "}tc"):
                        cells.append(
                            " ".join(
                                "".join(t.text or "" for t in p.iter() if _is(t, "}t"))
                                for p in cell.iter()
                                if _is(p, "}p")
                            ).strip()
                        )
                lines.append(" | ".join(c for c in cells if c))
    return "\n".join(lines)


def _is(element: Any, suffix: str) -> bool:
    """Whether an XML element's tag ends in ``suffix``."""
    # Comments and processing instructions have a function, not a string, as their tag.
    return isinstance(element.tag, str) and bool(element.tag.endswith(suffix))

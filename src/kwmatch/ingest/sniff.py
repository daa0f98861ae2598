"""Which format a file holds, decided from its first bytes (never from its name alone)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from kwmatch.errors import InputError

Format = Literal["pdf", "docx", "txt", "md"]
READABLE = "kwmatch reads PDF, DOCX, TXT and Markdown"
#: What a file's name says it holds, by its ending.
NAMED: dict[str, Format] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
}
#: The first bytes of an OLE compound file (legacy Office documents, encrypted DOCX).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Bytes looked at to find a PDF header that stands after some junk.
_PDF_HEADER_WINDOW = 1024
#: A text file may lose this share of its bytes to UTF-8 decoding and still be text.
_DECODED_SHARE = 0.9
#: Most control characters a text may hold, as a share of its characters.
MAX_CONTROL_SHARE = 0.05
#: Characters of a text sampled for control characters.
_CONTROL_SAMPLE = 65536

_PDF_HEADER = re.compile(rb"%PDF-\d")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
#: Signatures of formats that are no resume kwmatch can read, with what to call them.
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"AT&TFORM", "a DjVu document"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
)
_IMAGES = ("image", "DjVu")


def sniff_format(path: Path, head: bytes) -> Format:
    """Decide the format from the first bytes; the name only tells text from Markdown.

    A file named ``.pdf`` or ``.docx`` that holds plain text is read as text (the caller
    warns); one that holds neither its format nor text is refused as corrupt or misnamed.
    """
    if head.startswith(b"%PDF-") or _PDF_HEADER.search(head[:_PDF_HEADER_WINDOW]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(OLE):
        raise InputError(
            path,
            "unsupported format: a legacy Word .doc (or other old Office file); "
            "save it as DOCX or PDF",
        )
    for magic, name in _FOREIGN:
        if head.startswith(magic):
            hint = "; a scanned resume needs OCR first" if any(w in name for w in _IMAGES) else ""
            raise InputError(path, f"unsupported format: {name} ({READABLE}{hint})")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise InputError(path, f"unsupported format: a WebP image ({READABLE})")
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".docx") and not _looks_like_text(head):
        if suffix == ".pdf":
            raise InputError(path, "not a PDF file (no %PDF header): corrupt or misnamed")
        raise InputError(path, "not a DOCX file (not a zip archive): corrupt or misnamed")
    return "md" if suffix in (".md", ".markdown") else "txt"


def _looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a file read as text (UTF-8, or with a BOM)."""
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head or b"\x00" in head:
        return False
    text = head.decode("utf-8", errors="ignore")
    if len(text) < _DECODED_SHARE * len(head.decode("latin-1")):
        return False
    return control_share(text) < MAX_CONTROL_SHARE


def control_share(text: str) -> float:
    """The share of control characters (and replacement marks) in a sample of ``text``."""
    sample = text[:_CONTROL_SAMPLE]
    return len(_CONTROL_CHARS.findall(sample)) / max(len(sample), 1)

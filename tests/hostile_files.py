"""Hostile files written from scratch, for the tests and for ``bench/hostile.py``.

Each generator returns the bytes of a small file that once cost kwmatch its memory, its
time or its output: a page box of four billion points, a stream compressed twice into a
decompression bomb, forms nested ten to a level. Nothing here comes from the corpus.
"""

from __future__ import annotations

import io
import sys
import unicodedata
import zipfile
import zlib

TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (Python Docker Kubernetes PyTorch TensorFlow) Tj ET\n"


def raw_pdf(
    content: bytes,
    *,
    resources: bytes = b"",
    extra: tuple[bytes, ...] = (),
    media_box: bytes = b"[0 0 612 792]",
    content_dict: bytes = b"",
    trailer: bytes = b"",
) -> bytes:
    """A one-page PDF written by hand: objects 1 catalog, 2 pages, 3 page, 4 content,
    5 font, then ``extra`` from 6 on; ``trailer`` adds entries to the trailer."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box + b" /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + resources + b" >> >>",
        b"<< /Length %d " % len(content)
        + content_dict
        + b">>\nstream\n"
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *extra,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer,
        xref,
    )
    return bytes(out)


def absurd_media_box() -> bytes:
    """A page whose box starts at x = 2^32 - 1: PDFium would lay out a page of that width."""
    return raw_pdf(TEXT_OPS, media_box=b"[4294967295 0 612 792]")


def decompression_bomb(expanded: int = 2 << 30) -> bytes:
    """A content stream compressed twice: a few kilobytes that inflate to ``expanded``
    bytes of spaces (two gibibytes by default)."""
    inner = zlib.compressobj(9)
    block = b" " * (1 << 20)
    parts = [inner.compress(TEXT_OPS)]
    parts.extend(inner.compress(block) for _ in range(expanded // len(block)))
    parts.append(inner.flush())
    once = b"".join(parts)
    twice = zlib.compress(once, 9)
    return raw_pdf(twice, content_dict=b"/Filter [/FlateDecode /FlateDecode] ")


def nested_forms(per_level: int = 10, depth: int = 9) -> bytes:
    """Form XObjects that each draw the next level ``per_level`` times: per_level ** depth
    draws of one line of text (a billion by default) in a file of a few kilobytes."""
    extra = []
    for level in range(depth):
        number = 6 + level
        if level == depth - 1:
            body = TEXT_OPS
            xobjects = b""
        else:
            body = b"/Fx Do " * per_level + b"\n"
            xobjects = b"/XObject << /Fx %d 0 R >>" % (number + 1)
        extra.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font "
            b"<< /F1 5 0 R >> "
            + xobjects
            + b" >> /Length %d >>\nstream\n" % len(body)
            + body
            + b"\nendstream"
        )
    return raw_pdf(
        b"/Fx Do\n" * per_level, resources=b"/XObject << /Fx 6 0 R >>", extra=tuple(extra)
    )


_OPENXML = "http://schemas.openxmlformats.org"
_W = f'xmlns:w="{_OPENXML}/wordprocessingml/2006/main"'
_TYPES = f'xmlns="{_OPENXML}/package/2006/content-types"'
_DEFAULTS = (
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
)
_MAIN = (
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
)
_RELS = f'xmlns="{_OPENXML}/package/2006/relationships"'
_OFFICE_DOCUMENT = (
    f'<Relationship Id="rId1" Type="{_OPENXML}/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
)


def docx_bytes(paragraphs: list[str], *, runs_xml: str = "", background: str = "") -> bytes:
    """A minimal Word document: one paragraph per line of ``paragraphs``, then the raw
    runs ``runs_xml`` in a paragraph of their own; ``background`` a page colour."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    if runs_xml:
        body += f"<w:p>{runs_xml}</w:p>"
    page = f'<w:background w:color="{background}"/>' if background else ""
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    document = f"{head}<w:document {_W}>{page}<w:body>{body}</w:body></w:document>"
    members = {
        "[Content_Types].xml": f"{head}<Types {_TYPES}>{_DEFAULTS}{_MAIN}</Types>",
        "_rels/.rels": f"{head}<Relationships {_RELS}>{_OFFICE_DOCUMENT}</Relationships>",
        "word/document.xml": document,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def lzma_docx(paragraphs: list[str]) -> bytes:
    """A Word document whose main part is LZMA-compressed and then corrupted."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(paragraphs)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            method = (
                zipfile.ZIP_LZMA if info.filename == "word/document.xml" else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info.filename, source.read(info), compress_type=method)
    data = bytearray(buffer.getvalue())
    start = data.find(b"word/document.xml") + len(b"word/document.xml") + 20
    for offset in range(start, start + 40):
        data[offset] ^= 0x5A
    return bytes(data)


def every_category() -> str:
    seen: dict[str, list[str]] = {}
    for code in range(0, sys.maxunicode + 1, 3):
        chars = seen.setdefault(unicodedata.category(chr(code)), [])
        if len(chars) < 40:
            chars.append(chr(code))
    return " ".join("".join(chars) for chars in seen.values())


#: Texts that once made a step of the text path slow (tests guard them, bench/hostile.py
#: times them against an ordinary text of the same length).
PATHOLOGICAL = {
    "1 MB without whitespace": "x" * 1_000_000,
    "1 MB of word characters and symbols": ("Python3.10-k8s/CI+CD_C++#" * 40_000),
    "a million times one skill": "Python " * 1_000_000,
    "control characters": "".join(chr(c) for c in range(32)) * 20_000 + " Python",
    "right-to-left text": "مهندس تعلم الآلة Python עברית \u202eKubernetes\u202c " * 20_000,
    "emoji": "🐍 Python 👩‍💻 Docker 🚀 " * 30_000,
    "every Unicode category": every_category() * 5,
    "lone surrogates": "Python \ud800 Docker \udfff " * 10_000,
    "a million brackets": "[" * 500_000 + "<" * 500_000,
    "combining marks": "a" + "\u0301" * 400_000,
}

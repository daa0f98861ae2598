"""Plain text and Markdown: decoding (BOMs, UTF-16 without one, cp1252, a guessed
code page) and Markdown markers stripped."""

from __future__ import annotations

import re
from pathlib import Path

from kwmatch.errors import InputError
from kwmatch.ingest.sniff import MAX_CONTROL_SHARE, control_share

#: UTF-16 without a byte order mark: in most pairs one byte is NUL (more than this share)
#: and in almost no pair the other (less than _FEW_NUL).
_MOSTLY_NUL = 0.5
_FEW_NUL = 0.05
#: A cp1252 reading is trusted when at most this share of the characters is not ASCII.
_MAX_NON_ASCII = 0.1
#: Bytes sampled to tell text from binary data.
_SAMPLE = 65536
#: Fewer byte pairs than this tell nothing.
_MIN_PAIRS = 2

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    text = _decode(path, data, warnings)
    if control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(path, "binary data, not text (control characters throughout)")
    replaced = text.count("\ufffd")
    if replaced:
        warnings.append(f"{replaced} undecodable characters replaced")
    return text


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16 is not None:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"decoded as {utf16.upper()} (no byte order mark)")
                return text
        raise InputError(path, "binary data, not text (it holds NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        warnings.append("decoded as cp1252 (not UTF-8)")
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "unknown text encoding or binary data: save it as UTF-8")
    warnings.append(f"decoded as {best.encoding} (not UTF-8)")
    return str(best)


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1) text with a few accented letters: the usual
    non-UTF-8 English resume. Guessing on a short text, charset-normalizer picks an
    unrelated code page as often as not ("Zürich" read as cp775 gives "Z³rich")."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return text if non_ascii <= _MAX_NON_ASCII * len(text) else None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 of mostly Latin text: one byte of every pair is NUL, always the same one."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < _MIN_PAIRS:
        return None
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > _MOSTLY_NUL and even_nul < _FEW_NUL:
        return "utf-16-le"
    if even_nul > _MOSTLY_NUL and odd_nul < _FEW_NUL:
        return "utf-16-be"
    return None


#: Markdown markers to drop. No pattern may scan past the next opening marker of its own
#: kind (a "[" in link text, a "<" in a tag, a "**" in bold text): otherwise a line of a
#: million "[" is rescanned from each of them, in quadratic time.
_MD_RULES = (
    (re.compile(r"^ {0,3}#{1,6}\s*", re.M), ""),
    (re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])\s+", re.M), "• "),
    (re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),
    (re.compile(r"^ {0,3}>\s?", re.M), ""),
    (re.compile(r"<[^<>\n]+>"), ""),
)


def strip_markdown(text: str) -> str:
    """Markdown to plain text: markers go, words stay (link text, emphasis, code spans)."""
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text

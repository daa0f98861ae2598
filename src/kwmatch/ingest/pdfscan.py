"""Checks of a PDF's bytes before any engine parses them: decompression bombs.

A stream compressed twice (``/Filter [/FlateDecode /FlateDecode]``) turns a few kilobytes
into gigabytes, and both engines inflate a stream whole, in memory. Here every Flate
stream is inflated once, in blocks, through every stage of its filter chain, and only
the bytes that come out are counted against a budget per file; nothing is kept. The
scan reads the raw file (streams cannot live inside object streams), so it needs no
parser that a hostile file could lead astray, and a broken stream is left for the
engine to report.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

from kwmatch.errors import InputError
from kwmatch.limits import Limits

#: Output bytes asked of the inflater at a time: what one stage holds in memory at most.
_BLOCK = 1 << 20
#: How far before a ``stream`` keyword its dictionary (and filters) are looked for.
_DICT_WINDOW = 2048
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_FLATE = {b"FlateDecode", b"Fl"}
#: The most that one round of Flate can expand its input (1032 to 1 in theory).
_FLATE_RATIO = 1100


class _OverBudget(Exception):
    """The inflated bytes passed the budget."""


def check_streams(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose Flate streams inflate past ``limits.max_pdf_inflated`` bytes
    in all (a decompression bomb).

    One round of Flate expands at most :data:`_FLATE_RATIO` times, so streams compressed
    once are inflated only when their bytes times that could pass the budget: a resume's
    fonts and pages never do, and cost nothing here.
    """
    budget = limits.max_pdf_inflated
    if budget is None:
        return
    streams = []
    for keyword, start in _stream_starts(data):
        stages = _flate_stages(data, keyword)
        if stages:
            end = data.find(b"endstream", start)
            streams.append((memoryview(data)[start : end if end >= 0 else len(data)], stages))
    once = sum(len(raw) for raw, stages in streams if stages == 1)
    inflate_all = once * _FLATE_RATIO > budget
    used = 0 if inflate_all else once * _FLATE_RATIO
    try:
        for raw, stages in streams:
            if stages > 1 or inflate_all:
                used += _inflated_size(raw, stages, budget - used)
    except _OverBudget:
        raise InputError(
            path,
            f"refused: its compressed streams expand past {budget} bytes (a decompression bomb?)",
        ) from None


def _stream_starts(data: bytes) -> Iterator[tuple[int, int]]:
    """Where each ``stream`` keyword stands and where its data starts (bytes.find, not a
    regular expression: ten times faster over a file of fonts)."""
    at = data.find(b"stream")
    while at >= 0:
        after = at + len(b"stream")
        if not (at and data[at - 1 : at].isalpha()):  # not the end of "endstream"
            if data[after : after + 2] == b"\r\n":
                yield at, after + 2
            elif data[after : after + 1] in (b"\n", b"\r"):
                yield at, after + 1
        at = data.find(b"stream", after)


def _flate_stages(data: bytes, stream_at: int) -> int:
    """How many Flate filters open the filter chain of the stream whose keyword stands
    at ``stream_at`` (0: none, or filters this scan does not undo first)."""
    low = max(0, stream_at - _DICT_WINDOW)
    low = max(low, data.rfind(b"obj", low, stream_at))
    at = data.find(b"/Filter", low, stream_at)
    if at < 0:
        return 0
    found = _FILTER.match(data, at, stream_at)
    if found is None:
        return 0
    stages = 0
    for name in _NAME.findall(found.group(1)):
        if name not in _FLATE:
            break
        stages += 1
    return stages


def _inflated_size(raw: memoryview, stages: int, budget: int) -> int:
    """Bytes that ``stages`` rounds of inflating ``raw`` give, in blocks of at most
    :data:`_BLOCK`; :class:`_OverBudget` past ``budget``. A corrupt stream counts what
    came out before the error."""
    decoders = [zlib.decompressobj() for _ in range(stages)]
    produced = 0

    def push(level: int, chunk: bytes) -> None:
        nonlocal produced
        decoder = decoders[level]
        while chunk and not decoder.eof:
            out = decoder.decompress(chunk, _BLOCK)
            chunk = decoder.unconsumed_tail
            if level + 1 < stages:
                push(level + 1, out)
            else:
                produced += len(out)
                if produced > budget:
                    raise _OverBudget()
            if not out and not chunk:
                return

    with suppress(zlib.error):
        push(0, bytes(raw))
    return produced

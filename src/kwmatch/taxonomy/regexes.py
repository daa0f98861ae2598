"""Regular expressions written in a taxonomy are checked before they are compiled: a
repeat inside a repeat, or over alternatives that overlap, can take exponential time on
a line of a resume (catastrophic backtracking), so it is refused."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

BOUNDED_REPEAT_ROUNDS = 10
#: The characters over which two alternatives are tested for overlap.
_OVERLAP_ALPHABET = tuple(chr(code) for code in range(0x250))


def regex_problem(pattern: str) -> str | None:
    """Why a taxonomy's regular expression is refused, or None: a syntax error, or a
    shape that can backtrack for ages on a line of a resume (catastrophic backtracking).

    Refused: a repeat of a repeat of variable length, ``(a+)+``, ``(a*)*``, ``(x+x+)+``;
    and a repeat over alternatives that can match the same text, ``(a|a)*``,
    ``(a|ab)+``. The check is structural and conservative: a safe pattern of one of
    these shapes is refused too (write it another way, with a character class).
    """
    try:
        re.compile(pattern)
        tree = _sre_parse(pattern)
    except (re.error, RecursionError) as exc:
        return f"bad regular expression: {exc}"
    hazard = _hazard(list(tree), inside_repeat=False)
    return f"regular expression {pattern!r} can backtrack without end: {hazard}" if hazard else None


def _sre_parse(pattern: str) -> Any:
    return _regex_module("_parser", "sre_parse").parse(pattern)


def _constants() -> Any:
    return _regex_module("_constants", "sre_constants")


@lru_cache(maxsize=2)
def _regex_module(modern: str, legacy: str) -> Any:
    """The parser of the ``re`` module: ``re._parser`` since Python 3.11, ``sre_parse``
    before (importing that one on 3.11+ warns that it is deprecated)."""
    import importlib

    try:
        return importlib.import_module(f"re.{modern}")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module(legacy)


def _hazard(items: list[Any], *, inside_repeat: bool) -> str | None:
    """The first hazardous construct in a parsed pattern, described, or None."""
    c = _constants()
    for op, av in items:
        found: str | None = None
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, body = av
            if inside_repeat and high != low:
                return "a variable repeat inside a repeat, like (a+)+"
            wide = high == c.MAXREPEAT or high > BOUNDED_REPEAT_ROUNDS
            if wide:
                found = _ambiguous_branch(list(body))
            found = found or _hazard(list(body), inside_repeat=inside_repeat or wide)
        elif op == c.SUBPATTERN:
            found = _hazard(list(av[-1]), inside_repeat=inside_repeat)
        elif op == c.BRANCH:
            for alternative in av[1]:
                found = found or _hazard(list(alternative), inside_repeat=inside_repeat)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _hazard(list(av[1]), inside_repeat=inside_repeat)
        if found:
            return found
    return None


def _ambiguous_branch(items: list[Any]) -> str | None:
    """Alternatives under a repeat that can start the same way, like (a|a)* or (a|ab)+."""
    c = _constants()
    for op, av in items:
        if op == c.SUBPATTERN:
            if found := _ambiguous_branch(list(av[-1])):
                return found
        elif op == c.BRANCH:
            firsts = [_first_chars(list(alternative)) for alternative in av[1]]
            for i, left in enumerate(firsts):
                for right in firsts[i + 1 :]:
                    if left is None or right is None or left & right:
                        return "a repeat over alternatives that can match the same text"
    return None


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """The characters a sequence can start with (both cases), or None for "any" (it can
    match the empty text, or start with a class this check does not follow)."""
    c = _constants()
    for op, av in items:
        if op == c.AT:
            continue  # an anchor (\b, ^) takes no character
        if op == c.LITERAL:
            return frozenset({chr(av).lower(), chr(av).upper()})
        if op == c.IN:
            return _class_chars(av)
        if op == c.SUBPATTERN:
            return _first_chars(list(av[-1]))
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(list(av[2]))
        return None
    return None


def _class_chars(members: list[Any]) -> frozenset[str] | None:
    c = _constants()
    chars: set[str] = set()
    for op, av in members:
        if op == c.LITERAL:
            chars.update({chr(av).lower(), chr(av).upper()})
        elif op == c.RANGE:
            chars.update(ch for ch in _OVERLAP_ALPHABET if av[0] <= ord(ch) <= av[1])
        elif op == c.CATEGORY:
            probe = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_WORD: r"\w", c.CATEGORY_SPACE: r"\s"}
            if av not in probe:
                return None
            chars.update(ch for ch in _OVERLAP_ALPHABET if re.fullmatch(probe[av], ch))
        else:
            return None  # a negated class
    return frozenset(chars)

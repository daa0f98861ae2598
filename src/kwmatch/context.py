"""Where a hit stands: an item of a list ("Python, R, SQL"), or the term of a
comparison ("similar to Kafka"). Pure functions over :class:`~kwmatch.nlp.Tokens`."""

from __future__ import annotations

import bisect
from typing import Protocol

from kwmatch.lexicon import COMPARISONS, PROFICIENCY
from kwmatch.nlp import Tokens

#: Tokens that separate the items of a list.
LIST_SEPARATORS = frozenset(",;|/•()·:[]{}&")


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


#: Words that may stand between a comparison and the product compared with.
_ARTICLES = frozenset("a an the".split())
#: Suffixes, after a hyphen, that make a product a comparison ("Uber-like").
_LIKE_SUFFIXES = frozenset("like style esque".split())


def compared_only(match: _Span, tokens: Tokens) -> bool:
    """Whether ``match`` names a product only as the term of a comparison."""
    first = bisect.bisect_left(tokens.start, match.start)
    last = bisect.bisect_left(tokens.start, match.end) - 1
    line = tokens.line[first]
    if (
        last + 2 < len(tokens)
        and tokens.surface[last + 1] == "-"
        and tokens.lower[last + 2] in _LIKE_SUFFIXES
        and tokens.start[last + 1] == match.end
    ):
        return True
    before: list[str] = []
    for index in range(first - 1, max(-1, first - 5), -1):
        if tokens.line[index] != line or not tokens.is_word[index]:
            break
        if not before and tokens.lower[index] in _ARTICLES:
            continue
        before.insert(0, tokens.lower[index])
    preceding = " ".join(before)
    return any(preceding.endswith(comparison) for comparison in COMPARISONS)


def list_item(tokens: Tokens, index: int, last: int) -> tuple[str | None, str | None, bool]:
    """The tokens before and after ``index..last`` on its line (None at the line's ends),
    and whether both separate list items: "Python, R, SQL", "(Go)"."""
    line_of = tokens.line
    line = line_of[index]
    previous = index - 1
    if previous >= 0 and line_of[previous] == line and tokens.lower[previous] in PROFICIENCY:
        previous -= 1  # "basic R", "advanced SQL": the modifier belongs to the item
    before = tokens.surface[previous] if previous >= 0 and line_of[previous] == line else None
    after = (
        tokens.surface[last + 1] if last + 1 < len(tokens) and line_of[last + 1] == line else None
    )
    in_list = (before is None or before in LIST_SEPARATORS) and (
        after is None or after in LIST_SEPARATORS
    )
    return before, after, in_list

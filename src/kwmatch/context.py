"""Where a hit stands: an item of a list ("Python, R, SQL"), or the term of a
comparison ("similar to Kafka"), the words of a phrase a coordination holds apart
("model training and deployment"). Pure functions over :class:`~kwmatch.nlp.Tokens`."""

from __future__ import annotations

import bisect
from collections.abc import Container, Sequence
from typing import NamedTuple, Protocol

from kwmatch.lexicon import COMPARISONS, CONJUNCTIONS, PROFICIENCY
from kwmatch.nlp import Tokens

#: The words of a phrase that a coordination may hold apart ("model training and
#: deployment").
PAIR = 2
#: Words after which a noun phrase has ended ("model training and deployment for").
PHRASE_ENDS = frozenset(
    "for in of with to on at using and or across from by via within into as".split()
)
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


class Coordination(NamedTuple):
    """A two-word phrase read across a coordination: its last token, whether lemmas were
    needed, the other phrase of the pair and the conjunction, as written ("model
    training", "and")."""

    last: int
    by_lemma: bool
    sibling: str
    conjunction: str


def coordinated(
    tokens: Tokens,
    words: Sequence[int],
    at: int,
    phrase: tuple[tuple[str, ...], tuple[str, ...], tuple[bool, ...]],
    known: Container[str],
) -> Coordination | None:
    """The two-word phrase that a coordination holds apart: the first word shared by two
    heads ("model training and deployment" is a model deployment) or two modifiers
    sharing the head ("unit and integration tests" are unit tests). Four words in a row
    on one line, one of the two between them "and" or "or", the last one ending its noun
    phrase (a symbol, the line's end or a word such as "for" after it); never a phrase
    written with a symbol (CI/CD). The other word of the pair must be ``known``, a word of
    the field ("training", "integration"): "test and lesson plans", "data entry and
    analysis", "load and pressure testing" pair an everyday word and name no test plan,
    no data analysis, no load testing."""
    lower, lemma, joined = phrase
    if len(lower) != PAIR or joined[0] or at + 3 >= len(words):
        return None
    first, second, third, last = (words[at + k] for k in range(4))
    if last - first != 3 or tokens.line[first] != tokens.line[last]:  # noqa: PLR2004
        return None  # a symbol between ("data entry, and analysis") or another line
    if (tokens.lower[second] in CONJUNCTIONS) == (tokens.lower[third] in CONJUNCTIONS):
        return None
    other = third if tokens.lower[second] in CONJUNCTIONS else second
    if tokens.lower[other] not in known and tokens.lemma[other] not in known:
        return None  # "test and lesson plans": the other word is no word of the field
    following = last + 1
    if (
        following < len(tokens)
        and tokens.line[following] == tokens.line[last]
        and tokens.is_word[following]
        and tokens.lower[following] not in PHRASE_ENDS
    ):
        return None  # the head goes on: "data entry and quality assurance"
    by_lemma = False
    for index, word, base in ((first, lower[0], lemma[0]), (last, lower[1], lemma[1])):
        if tokens.lower[index] == word:
            continue
        if tokens.lemma[index] != base:
            return None
        by_lemma = True
    pair = (first, second) if other == second else (third, last)
    conjunction = tokens.surface[third if other == second else second]
    sibling = " ".join(tokens.surface[i] for i in pair)
    return Coordination(last, by_lemma, sibling, conjunction)

"""Positions in a tokenized text that the concept finder asks about: hyphenated words,
the tokens of a character span, the first word of each clause."""

from __future__ import annotations

from collections.abc import Callable

from kwmatch.nlp import Tokens

#: Symbols that join two words into one phrase ("event-driven").
PHRASE_JOINERS = frozenset("-")


def hyphenated(tokens: Tokens, index: int) -> bool:
    """Whether a word is joined to the word before or after it by a hyphen ("user-facing")."""
    for joiner, other in ((index - 1, index - 2), (index + 1, index + 2)):
        left, right = min(index, other), max(index, other)
        if (
            0 <= other < len(tokens)
            and tokens.surface[joiner] in PHRASE_JOINERS
            and tokens.is_word[other]
            and tokens.end[left] == tokens.start[joiner]
            and tokens.end[joiner] == tokens.start[right]
        ):
            return True
    return False


def token_span(tokens: Tokens, start: int, end: int) -> range:
    first = next((i for i, s in enumerate(tokens.start) if s >= start), len(tokens))
    last = first
    while last < len(tokens) and tokens.end[last] <= end:
        last += 1
    return range(first, last)


def sentence_starts(tokens: Tokens) -> set[int]:
    """Indexes of the first word of every sentence or clause."""
    starts: set[int] = set()
    expect = True
    for index, surface in enumerate(tokens.surface):
        if tokens.is_word[index]:
            if expect:
                starts.add(index)
            expect = False
        elif surface in ".!?:;•(":
            expect = True
    return starts


#: What stands between the names of a list ("Jira, Gitlab and Confluence").
_LIST_GLUE = frozenset({",", "/", "&", "and", "or", "(", ")"})
#: What may close a list after its last name.
_LIST_END = frozenset({")", ".", ";"})


def in_name_list(tokens: Tokens, index: int, is_name: Callable[[int], bool]) -> bool:
    """Whether a capitalized word stands in a list of names, a name on both sides of it
    on its line ("Jira Gitlab Confluence Jenkins"), or a name before it and the list's
    end after it ("(Jira, Gitlab, Confluence)")."""
    surface = tokens.surface[index]
    if not (tokens.is_word[index] and surface[:1].isupper() and surface[1:].islower()):
        return False
    before = _neighbour(tokens, index, -1)
    if before is None or not is_name(before):
        return False
    after = _neighbour(tokens, index, 1)
    if after is None:
        following = index + 1
        return following >= len(tokens) or tokens.surface[following] in _LIST_END
    return is_name(after)


def _neighbour(tokens: Tokens, index: int, step: int) -> int | None:
    """The nearest word on the same line across list glue, or None."""
    other = index + step
    while 0 <= other < len(tokens) and tokens.line[other] == tokens.line[index]:
        if tokens.lower[other] not in _LIST_GLUE:
            return other if tokens.is_word[other] else None
        other += step
    return None

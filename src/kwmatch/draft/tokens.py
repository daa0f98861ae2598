"""Positions in a tokenized text that the concept finder asks about: hyphenated words,
the tokens of a character span, the first word of each clause."""

from __future__ import annotations

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

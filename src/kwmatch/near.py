"""The ``near`` rung: the words of a co-occurrence pattern within a few words of each
other, in one sentence ("mentored three junior analysts", "led a team of five").

A sentence may run over a line break: a line that ends without a full stop, a colon or a
semicolon goes on in the next one when that one opens with a lowercase word ("Trained and
supervised the new" / "support staff"), even across one blank line (pdfminer leaves one
inside a wrapped list item; no paragraph opens in lowercase). A line that opens with a
capital is read as a new item, as resumes write one duty a line without any full stop.

A pattern whose roles are reversed never counts: "mentored by", "was trained", "led by"
say that someone else did it to the candidate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal, Protocol

from kwmatch.nlp import Tokens
from kwmatch.trace import Trace

#: (concept id, window, word sets (each a list of lemma tuples), unless words)
NearRule = tuple[str, int, list[list[tuple[str, ...]]], frozenset[str]]

#: Tokens that end a sentence or a list's lead-in at a line end.
SENTENCE_ENDS = frozenset(".!?:;")
#: Auxiliaries that make the participle after them passive ("was trained").
PASSIVE_AUXILIARIES = frozenset("was were been being".split())
#: Irregular participles of the anchors that end in no "-ed".
IRREGULAR_PARTICIPLES = frozenset("led taught built run made".split())


class NearAdder(Protocol):
    def __call__(self, concept: str, start: int, end: int, kind: Literal["near"]) -> None: ...


def sentence_of_line(tokens: Tokens) -> list[int]:
    """For each line index, the index of the line that opens its sentence."""
    lines = (tokens.line[-1] + 1) if len(tokens) else 0
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for index, line in enumerate(tokens.line):
        first.setdefault(line, index)
        last[line] = index
    opens = list(range(lines))
    for line in range(1, lines):
        previous = line - 1
        if previous not in last and previous - 1 in last:
            previous -= 1  # one blank line, as pdfminer leaves inside a wrapped item
        if line not in first or previous not in last:
            continue
        head, tail = first[line], last[previous]
        head_surface = tokens.surface[head]
        if (
            tokens.surface[tail] not in SENTENCE_ENDS
            and tokens.is_word[head]
            and head_surface[:1].islower()
        ):
            opens[line] = opens[previous]
    return opens


def _reversed_roles(tokens: Tokens, words: Sequence[int], anchor: int) -> bool:
    """Whether the anchor is a passive participle: "mentored by", "was trained"."""
    index = words[anchor]
    if anchor + 1 < len(words) and tokens.lower[words[anchor + 1]] == "by":
        return True
    if anchor == 0:
        return False
    word = tokens.lower[index]
    participle = word.endswith("ed") or word in IRREGULAR_PARTICIPLES
    return participle and tokens.lower[words[anchor - 1]] in PASSIVE_AUXILIARIES


def match_near(
    tokens: Tokens,
    words: Sequence[int],
    rules: Sequence[NearRule],
    add: NearAdder,
    trace: Trace | None = None,
) -> None:
    """Add a ``near`` hit for every rule whose word sets stand within its window, in
    order after the anchor, in one sentence, with none of its ``unless`` words about.
    A ``trace`` records the complete patterns that an ``unless`` word or reversed roles
    void."""
    if not rules:
        return
    lemma_positions: dict[str, list[int]] = defaultdict(list)
    for position, index in enumerate(words):
        lemma_positions[tokens.lemma[index]].append(position)
        if tokens.lower[index] != tokens.lemma[index]:
            lemma_positions[tokens.lower[index]].append(position)
    opens = sentence_of_line(tokens)
    sentence = [opens[tokens.line[index]] for index in words]
    for concept, window, sets, unless in rules:
        anchors = sorted({p for phrase in sets[0] for p in lemma_positions.get(phrase[0], [])})
        for anchor in anchors:
            here = sentence[anchor]
            span = [
                p
                for p in range(anchor, min(len(words), anchor + window + 1))
                if sentence[p] == here
            ]
            last = _rest_of_pattern(tokens, words, span, sets)
            if last is None:
                continue
            start, end = tokens.start[words[anchor]], tokens.end[words[last]]
            blocker = next(
                (
                    _blocking(tokens, words[p], unless)
                    for p in range(
                        max(0, anchor - window), min(len(words), anchor + 2 * window + 1)
                    )
                    if sentence[p] == here
                    and (tokens.lemma[words[p]] in unless or tokens.lower[words[p]] in unless)
                ),
                None,
            )
            if blocker is not None:  # "forecasting model in Excel", "role model to the soldiers"
                if trace is not None:
                    trace.reject(concept, start, end, "near", "near_unless", blocker)
            elif _reversed_roles(tokens, words, anchor):
                if trace is not None:
                    trace.reject(concept, start, end, "near", "near_reversed", "")
            else:
                add(concept, start, end, "near")


def _blocking(tokens: Tokens, index: int, unless: frozenset[str]) -> str:
    """The unless word at ``index`` as the text writes it, with the lemma that matched."""
    word = tokens.lower[index]
    return f"'{word}'" if word in unless else f"'{word}' (lemma '{tokens.lemma[index]}')"


def _rest_of_pattern(
    tokens: Tokens, words: Sequence[int], span: Sequence[int], sets: list[list[tuple[str, ...]]]
) -> int | None:
    """The position of the last word of the pattern's later sets, each found after the
    anchor (``span[0]``) within ``span``; None when one of them is missing."""
    last = span[0]
    for group in sets[1:]:
        wanted = {phrase[0] for phrase in group}
        hits = [
            p
            for p in span[1:]
            if tokens.lemma[words[p]] in wanted or tokens.lower[words[p]] in wanted
        ]
        if not hits:
            return None
        last = max(last, hits[0])
    return last

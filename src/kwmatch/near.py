"""The ``near`` rung: the words of a co-occurrence pattern within a few words of each
other, in one sentence ("mentored three junior analysts", "led a team of five").

A sentence may run over a line break: a line that ends without a full stop, a colon or a
semicolon goes on in the next one when that one opens with a lowercase word ("Trained and
supervised the new" / "support staff"), even across one blank line (pdfminer leaves one
inside a wrapped list item; no paragraph opens in lowercase). A line that opens with a
capital is read as a new item, as resumes write one duty a line without any full stop,
unless the line before it ends in a word or symbol that ends no item (an article, a
preposition, a conjunction, a number, a comma): a bullet wrapped there ("Productionized
three" / "ML models for fraud detection").

A pattern whose roles are reversed never counts: "mentored by", "was trained", "led by"
say that someone else did it to the candidate. A passive whose subject is the object of
the pattern does count ("the churn model was deployed", "new staff were trained"): the
resume's writer did it, and the object stands before the auxiliary.

Verbs in a series share their object ("Hire, train and schedule new cashiers"): the window
counts from the last verb of the series that the anchor opens. An object named in the
clause just before the anchor's may come back as a pronoun ("trained a ranking model and
deployed it"), never from further back. An entry of a word set may be a phrase whose
words stand in a row ("random forest").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Literal, Protocol

from kwmatch.lexicon import CONJUNCTIONS, FAMILY_MARK, SERIES_VERBS, WORD_FAMILIES
from kwmatch.nlp import Tokens
from kwmatch.trace import Trace

#: (concept id, window, word sets (each a list of lemma tuples), unless words)
NearRule = tuple[str, int, list[list[tuple[str, ...]]], frozenset[str]]

#: Tokens that end a sentence or a list's lead-in at a line end.
SENTENCE_ENDS = frozenset(".!?:;")
#: Auxiliaries that make the participle after them passive ("was trained").
PASSIVE_AUXILIARIES = frozenset("am is are was were be been being get gets got".split())
#: Irregular participles of the anchors that end in no "-ed".
IRREGULAR_PARTICIPLES = frozenset("led taught built run made".split())
#: Words and symbols that end no item: a line ending in one goes on in the next.
OPEN_ENDINGS = frozenset(
    """a an the of and or to for with in on at by from into onto over across via as
    their our its his her my this these those two three four five six seven eight nine
    ten twelve several , & -""".split()
)
#: A noun of action before "of" stands for its verb ("validation of sensor data",
#: "management of a team"): the suffix and what replaces it, to reach the verb.
NOUN_SUFFIXES = (
    ("ization", "ize"),
    ("isation", "ise"),
    ("ation", "ate"),
    ("ation", ""),
    ("ion", ""),
    ("ion", "e"),
    ("ment", ""),
    ("ership", ""),
    ("ship", ""),
)
#: The longest regular "-ed" or "-ing" form that is left as written: shorter ones
#: ("red", "bring") are words of their own.
MIN_INFLECTED = 6
#: The shortest stem a noun of action leaves ("extract" from "extraction").
MIN_STEM = 3
#: Words that make "customer", "client", "patient" or "user" before them the name of a
#: team of staff ("customer service", "patient care", "client services").
DEPARTMENTS = frozenset("service services support care success experience relations".split())
#: Words of a count before a number, which take no room in a window with it ("trained
#: more than 40 new hires"); "over" before no number is a preposition.
QUANTITIES = frozenset(
    "more than over nearly almost about around approximately roughly some up least".split()
)
#: Numbers in words, which take no room in a window as digits do ("onboarded five
#: new engineers").
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty dozen".split()
)
#: Nouns of an amount before "of", which take no room with their "of" ("trained a
#: number of new tellers", "coached dozens of volunteers").
AMOUNTS = frozenset("number dozens hundreds thousands handful couple total average".split())
#: Words that stand for the subject of a passive themselves ("they were trained"), or
#: that end the search for it ("staff to ensure they were trained").
SUBJECT_STOPS = frozenset("i you he she it we they me us them him to".split())
#: Pronouns that stand for an object named earlier in the sentence ("built a churn
#: model and deployed it", "hired six cashiers and trained them").
OBJECT_PRONOUNS = frozenset("it them".split())
#: Symbols that separate the verbs of a series ("Supervise, train, and assign").
SERIES_SEPARATORS = frozenset(",/&")


def expand_families(words: Sequence[str]) -> list[str]:
    """A near pattern's set with each family entry (``"@staff"``) replaced by the words
    of :data:`~kwmatch.lexicon.WORD_FAMILIES` it names; the taxonomy's checks refuse an
    unknown family before any matcher is built."""
    expanded: list[str] = []
    for word in words:
        if word.startswith(FAMILY_MARK):
            expanded.extend(sorted(WORD_FAMILIES[word[len(FAMILY_MARK) :]]))
        else:
            expanded.append(word)
    return list(dict.fromkeys(expanded))


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
        adjacent = previous in last
        if not adjacent and previous - 1 in last:
            previous -= 1  # one blank line, as pdfminer leaves inside a wrapped item
        if line not in first or previous not in last:
            continue
        head, tail = first[line], last[previous]
        if tokens.surface[tail] in SENTENCE_ENDS or not tokens.is_word[head]:
            continue
        # A lowercase opening goes on the sentence; so does any word after a line that
        # cannot end an item ("Productionized three" / "ML models", "Deployed the" /
        # "SageMaker endpoint"): a bullet wrapped there.
        open_end = tokens.surface[tail] in OPEN_ENDINGS  # as written: "Â" folds to "a"
        if tokens.surface[head][:1].islower() or (adjacent and open_end):
            opens[line] = opens[previous]
    return opens


def regular_stems(word: str) -> list[str]:
    """The verbs a regular "-ed" or "-ing" form may come from, for the verbs newer than
    the lemmatizer's table ("onboarded" gives "onboard", "containerized" gives
    "containerize", "upskilling" gives "upskill"); forms that are no verb name no rule."""
    if word.endswith("ed") and len(word) > MIN_INFLECTED:
        return [word[:-2], word[:-1]]
    if word.endswith("ing") and len(word) > MIN_INFLECTED:
        return [word[:-3], word[:-3] + "e"]
    return []


def _participle(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR_PARTICIPLES


def verbs_of_noun(word: str) -> list[str]:
    """The verbs a noun of action may come from: "validation" gives "validate",
    "extraction" "extract", "management" "manage", "leadership" "lead" (and forms that
    are no verb, which no rule names)."""
    return [
        word[: -len(suffix)] + replacement
        for suffix, replacement in NOUN_SUFFIXES
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM
    ]


def _unless_at(tokens: Tokens, words: Sequence[int], position: int, unless: frozenset[str]) -> bool:
    """Whether the word at ``position`` is one of ``unless``, and not the first word of a
    team's name ("customer service representatives" are staff, not customers)."""
    index = words[position]
    if tokens.lemma[index] not in unless and tokens.lower[index] not in unless:
        return False
    following = position + 1
    return following >= len(words) or tokens.lower[words[following]] not in DEPARTMENTS


def _passive_auxiliary(tokens: Tokens, words: Sequence[int], anchor: int) -> int | None:
    """The position of the auxiliary when the anchor is a passive participle ("was
    trained", "are reviewed and deployed"), else None."""
    if not _participle(tokens.lower[words[anchor]]):
        return None
    before = anchor - 1
    while (
        before >= 1
        and tokens.lower[words[before]] in CONJUNCTIONS
        and _participle(tokens.lower[words[before - 1]])
    ):
        before -= 2  # a series of participles shares the auxiliary
    if before >= 0 and tokens.lower[words[before]] in PASSIVE_AUXILIARIES:
        return before
    return None


def _series_end(tokens: Tokens, words: Sequence[int], anchor: int, verbs: frozenset[str]) -> int:
    """The position of the last verb of the series the anchor opens ("train, supervise
    and assign"; ``verbs`` are the rule's own besides the duty verbs), or the anchor
    itself. A series ends in "and" or "or" before its last verb: items of a list
    ("Testing, Training, Weapons") are no series."""
    position = end = anchor
    while position + 1 < len(words):
        following = position + 1
        joined = any(
            tokens.surface[i] in SERIES_SEPARATORS
            for i in range(words[position] + 1, words[following])
        )
        conjunction = tokens.lower[words[following]] in CONJUNCTIONS
        if conjunction:
            following += 1
        if not (
            (joined or conjunction)
            and following < len(words)
            and (
                tokens.lemma[words[following]] in SERIES_VERBS
                or tokens.lemma[words[following]] in verbs
                or tokens.lower[words[following]] in verbs
            )
        ):
            break
        position = following
        if conjunction:
            end = position
    return end


def _window(
    tokens: Tokens,
    words: Sequence[int],
    sentence: Sequence[int],
    anchor: int,
    start: int,
    window: int,
) -> list[int]:
    """The positions from the anchor to ``window`` words after ``start``, in the anchor's
    sentence; a count ("more than 40", "over 25") takes no room."""
    here = sentence[anchor]
    end = start + window
    span = list(range(anchor, min(len(words), start + 1)))
    position = start + 1
    while position <= end and position < len(words) and sentence[position] == here:
        span.append(position)
        if _count_word(tokens, words, position):
            end += 1
        position += 1
    return [p for p in span if sentence[p] == here]


def _count_word(tokens: Tokens, words: Sequence[int], position: int) -> bool:
    """Whether the word takes no room in a window: a number, a word of a count before
    one ("more than 40"), a noun of an amount or its "of" ("a number of", "dozens of"),
    or the second part of a hyphenated compound ("real-time", "X-ray": one word)."""
    word = tokens.lower[words[position]]
    if word.isdigit() or word in NUMBER_WORDS or _hyphenated(tokens, words, position):
        return True
    following = tokens.lower[words[position + 1]] if position + 1 < len(words) else ""
    if word in AMOUNTS and following == "of":
        return True
    if word == "of" and position > 0 and tokens.lower[words[position - 1]] in AMOUNTS:
        return True
    return word in QUANTITIES and any(
        tokens.lower[words[p]].isdigit() for p in range(position + 1, min(len(words), position + 3))
    )


def _hyphenated(tokens: Tokens, words: Sequence[int], position: int) -> bool:
    """Whether the word is joined to the one before it on its line by a hyphen, with or
    without spaces: PDF engines space a hyphen out ("real - time") as often as not."""
    if position == 0:
        return False
    previous, index = words[position - 1], words[position]
    return (
        index == previous + 2
        and tokens.surface[previous + 1] == "-"
        and tokens.line[previous] == tokens.line[index]
    )


def _first(
    tokens: Tokens, words: Sequence[int], positions: Sequence[int], group: list[tuple[str, ...]]
) -> int | None:
    """The position of the last word of the first entry of ``group`` that stands at one
    of ``positions``: a phrase entry ("random forest") has all its words in a row."""
    firsts = {phrase[0] for phrase in group}
    for p in positions:
        if tokens.lemma[words[p]] not in firsts and tokens.lower[words[p]] not in firsts:
            continue
        for phrase in group:
            end = p + len(phrase)
            if end <= len(words) and all(
                tokens.lemma[words[q]] == word or tokens.lower[words[q]] == word
                for q, word in zip(range(p, end), phrase, strict=True)
            ):
                return end - 1
    return None


def _passive_subject(
    tokens: Tokens, words: Sequence[int], before: Sequence[int], wanted: set[str]
) -> int | None:
    """The position of the passive's subject among ``before`` (nearest first) when it is
    one of ``wanted``; None at a pronoun or an infinitive's "to" first."""
    for p in before:
        if tokens.lemma[words[p]] in wanted or tokens.lower[words[p]] in wanted:
            return p
        if tokens.lower[words[p]] in SUBJECT_STOPS:
            return None
    return None


#: Symbols that end a clause inside a sentence.
CLAUSE_BREAKS = frozenset(",;:()")


def _antecedent(
    tokens: Tokens,
    words: Sequence[int],
    sentence: Sequence[int],
    anchor: int,
    window: int,
    wanted: set[str],
) -> int | None:
    """The position of the object that a pronoun after the anchor stands for, when it is
    one of ``wanted``: the anchor's clause follows "and" or "or" ("trained a ranking model
    and deployed it"), and the object stands in the clause just before, within
    ``window`` words; never further back than that clause's start (a comma, another
    conjunction, a subject pronoun)."""
    here = sentence[anchor]
    if anchor < 2 or sentence[anchor - 1] != here:  # noqa: PLR2004
        return None
    if tokens.lower[words[anchor - 1]] not in CONJUNCTIONS:
        return None
    for p in range(anchor - 2, max(-1, anchor - window - 2), -1):
        between = range(words[p] + 1, words[p + 1])
        if sentence[p] != here or any(tokens.surface[i] in CLAUSE_BREAKS for i in between):
            return None
        if tokens.lemma[words[p]] in wanted or tokens.lower[words[p]] in wanted:
            return p
        if tokens.lower[words[p]] in CONJUNCTIONS or tokens.lower[words[p]] in SUBJECT_STOPS:
            return None
    return None


def match_near(
    tokens: Tokens,
    words: Sequence[int],
    rules: Sequence[NearRule],
    add: NearAdder,
    trace: Trace | None = None,
    opens: Sequence[int] | None = None,
) -> None:
    """Add a ``near`` hit for every rule whose word sets stand within its window, in
    order after the anchor, in one sentence, with none of its ``unless`` words about.
    A ``trace`` records the complete patterns that an ``unless`` word or reversed roles
    void; ``opens`` is :func:`sentence_of_line` when the caller has it already."""
    if not rules:
        return
    lemma_positions: dict[str, list[int]] = defaultdict(list)
    nouns: set[int] = set()  # nouns of action before "of": the "of" takes no room
    for position, index in enumerate(words):
        lemma_positions[tokens.lemma[index]].append(position)
        if tokens.lower[index] != tokens.lemma[index]:
            lemma_positions[tokens.lower[index]].append(position)
        else:  # a verb the lemmatizer does not know: "onboarded", "containerizing"
            for stem in regular_stems(tokens.lower[index]):
                lemma_positions[stem].append(position)
        if position + 1 < len(words) and tokens.lower[words[position + 1]] == "of":
            for verb in verbs_of_noun(tokens.lower[index]):  # "validation of the data"
                lemma_positions[verb].append(position)
                nouns.add(position)
    opens = sentence_of_line(tokens) if opens is None else opens
    sentence = [opens[tokens.line[index]] for index in words]
    for concept, window, sets, unless in rules:
        anchors = sorted({p for phrase in sets[0] for p in lemma_positions.get(phrase[0], [])})
        verbs = frozenset(phrase[0] for phrase in sets[0])
        for anchor in anchors:
            here = sentence[anchor]
            blocker = (
                next(
                    (
                        p
                        for p in range(
                            max(0, anchor - window), min(len(words), anchor + 2 * window + 1)
                        )
                        if sentence[p] == here
                        and _unless_at(tokens, words, p, unless)
                        # the anchor is the pattern's own verb: "Building data pipelines"
                        and not (p == anchor and _opens_clause(tokens, words, anchor))
                    ),
                    None,
                )
                if unless
                else None
            )
            # "mentored by", "led by": someone else did it
            by = anchor + 1 < len(words) and tokens.lower[words[anchor + 1]] == "by"
            if trace is None and (blocker is not None or by):
                continue
            found = _pattern(tokens, words, sentence, anchor, window, sets, (verbs, nouns))
            if found is None:
                continue
            if blocker is not None:  # "forecasting model in Excel", "role model to the soldiers"
                if trace is not None:
                    reason = _blocking(tokens, words[blocker], unless)
                    trace.reject(concept, found[0], found[1], "near", "near_unless", reason)
            elif by or found[2]:
                if trace is not None:
                    trace.reject(concept, found[0], found[1], "near", "near_reversed", "")
            else:
                add(concept, found[0], found[1], "near")


def _pattern(
    tokens: Tokens,
    words: Sequence[int],
    sentence: Sequence[int],
    anchor: int,
    window: int,
    sets: list[list[tuple[str, ...]]],
    series_of: tuple[frozenset[str], set[int]],
) -> tuple[int, int, bool] | None:
    """The span (start, end) of the pattern the anchor opens, and whether it is a passive
    with no object before it ("was trained by a senior engineer": the candidate was its
    object, reversed roles); None when the pattern's words are not all there."""
    here = sentence[anchor]
    auxiliary = _passive_auxiliary(tokens, words, anchor)
    if auxiliary is not None:
        # "the churn model was deployed": the object is the passive's subject.
        before = [
            p
            for p in range(auxiliary - 1, max(-1, auxiliary - window - 1), -1)
            if sentence[p] == here
        ]
        objects = sets[1:]
        single = len(objects) == 1  # a three-part pattern has no passive form
        wanted = {phrase[0] for phrase in objects[0] if len(phrase) == 1}
        subject = _passive_subject(tokens, words, before, wanted) if single else None
        if subject is not None:
            return tokens.start[words[subject]], tokens.end[words[anchor]], False
    verbs, nouns = series_of
    series = _series_end(tokens, words, anchor, verbs) + (anchor in nouns)
    pronoun = series + 1
    if (
        len(sets[1:]) == 1  # one object set: a three-part pattern has no such form
        and pronoun < len(words)
        and sentence[pronoun] == here
        and tokens.lower[words[pronoun]] in OBJECT_PRONOUNS
    ):
        # "trained a ranking model and deployed it": the object was named before
        wanted = {phrase[0] for phrase in sets[1] if len(phrase) == 1}
        named = _antecedent(tokens, words, sentence, anchor, window, wanted)
        if named is not None:
            return tokens.start[words[named]], tokens.end[words[pronoun]], False
    span = _window(tokens, words, sentence, anchor, series, window)
    last = anchor
    for group in sets[1:]:
        hit = _first(tokens, words, span[1:], group)
        if hit is None:
            return None
        last = max(last, hit)
    return tokens.start[words[anchor]], tokens.end[words[last]], auxiliary is not None


def _opens_clause(tokens: Tokens, words: Sequence[int], position: int) -> bool:
    """Whether the word at ``position`` opens its line or follows "and"/"or": a verb
    there is the pattern's own ("Building data pipelines", "designed and building"),
    never the noun an ``unless`` word means ("designed building systems")."""
    if position == 0 or tokens.line[words[position - 1]] != tokens.line[words[position]]:
        return True
    return tokens.lower[words[position - 1]] in CONJUNCTIONS


def _blocking(tokens: Tokens, index: int, unless: frozenset[str]) -> str:
    """The unless word at ``index`` as the text writes it, with the lemma that matched."""
    word = tokens.lower[index]
    return f"'{word}'" if word in unless else f"'{word}' (lemma '{tokens.lemma[index]}')"

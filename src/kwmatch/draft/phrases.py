"""Key phrases of a text: runs of content words between stop words, symbols and known
terms, trimmed at their edges to a noun phrase that names a thing a candidate can know or
do ("the mentioned technologies", "possess strong" and "our Data Platform team" do not)."""

from __future__ import annotations

from kwmatch.draft.heads import (
    PERKS,
    POINTERS,
    ROLE_NOUNS,
    TITLE_WORDS,
    can_be_noun,
    clause_verb,
    describes,
    names_a_team,
    new_item,
    state_of_the_art,
    verb_after_subject,
)
from kwmatch.draft.tokens import PHRASE_JOINERS, hyphenated
from kwmatch.lexicon import (
    BREAK_WORDS,
    FURNITURE,
    GENERIC,
    KEEP_WORDS,
    PEOPLE,
    QUALIFIERS,
    VERB_CONTEXT,
    VERBS,
)
from kwmatch.nlp import Pipeline, Tokens

#: A word has at least this many letters.
_MIN_WORD = 2
#: Tokens from a word to the next across a hyphen ("high", "-", "level").
_HYPHEN_SPAN = 2
#: Two words: a modifier and a head.
_PAIR = 2
#: A noun phrase longer than this many words keeps its last _KEPT_PHRASE_WORDS.
_MAX_PHRASE_WORDS = 4
_KEPT_PHRASE_WORDS = 3
#: A phrase with this head may stand with one modifier ("communication skills").
_HEADS_KEPT = frozenset({"skill"})


def key_phrases(
    pipeline: Pipeline, tokens: Tokens, covered: set[int], starts: set[int], relaxed: bool
) -> list[tuple[int, str]]:
    """Key phrases: runs of content words between stop words, symbols and known terms."""
    out: list[tuple[int, str]] = []
    for chunk in _chunks(pipeline, tokens, covered):
        words = _trim(pipeline, tokens, chunk, starts)
        if not words or not _names_a_thing(pipeline, tokens, words, relaxed, covered):
            continue
        if not relaxed and names_a_team(tokens, words[-1]):
            continue  # "our Data Platform team": a team's name, not what it asks
        text = "".join(
            tokens.surface[i]
            + ("" if i + 1 < len(tokens) and tokens.end[i] == tokens.start[i + 1] else " ")
            for i in range(words[0], words[-1] + 1)
        ).strip()
        out.append((tokens.start[words[0]], text))
    if relaxed:
        out.sort(key=lambda pair: -len(pair[1]))
    return out


def _chunks(pipeline: Pipeline, tokens: Tokens, covered: set[int]) -> list[list[int]]:
    """Runs of content words on one line, cut by stop words, symbols, digits, known
    terms and people."""
    chunks: list[list[int]] = []
    current: list[int] = []
    for index in range(len(tokens)):
        lower = tokens.lower[index]
        if (
            tokens.surface[index] in PHRASE_JOINERS
            and current
            and index + 1 < len(tokens)
            and tokens.is_word[index + 1]
            and tokens.end[index - 1] == tokens.start[index] == tokens.end[index] - 1
            and tokens.end[index] == tokens.start[index + 1]
        ):
            continue  # "event-driven": the hyphen holds the phrase together
        if (
            not tokens.is_word[index]
            or index in covered
            or (pipeline.is_stop_word(lower) and lower not in KEEP_WORDS)
            or any(c.isdigit() for c in lower)
            or len(lower) < _MIN_WORD
            or lower in BREAK_WORDS
            or (tokens.lemma[index] in PEOPLE and not hyphenated(tokens, index))
            or clause_verb(pipeline, lower, tokens.lemma[index])
        ):
            if current:
                chunks.append(current)
            current = []
            continue
        if current and (
            tokens.line[current[-1]] != tokens.line[index] or new_item(pipeline, tokens, index)
        ):
            chunks.append(current)
            current = []
        current.append(index)
    if current:
        chunks.append(current)
    return chunks


def _names_a_thing(
    pipeline: Pipeline, tokens: Tokens, words: list[int], relaxed: bool, covered: set[int]
) -> bool:
    """Whether a trimmed phrase names something a candidate can know or do (relaxed:
    anything but generic words, for a responsibility that has no other concept)."""
    lowers = [tokens.lower[i] for i in words]
    lemmas = pipeline.lemmas(lowers)
    if any(
        lemma in FURNITURE or lower in FURNITURE or lower in PERKS or lemma in PERKS
        for lemma, lower in zip(lemmas, lowers, strict=True)
    ):
        return False  # "hiring process", "head office", "flexible hours"
    if any("'" in lower or "’" in lower for lower in lowers):
        return False  # "you'll", "we're": a piece of a sentence, not a thing
    if len(words) == 1:  # a lone word: a name would have been found as one
        return not relaxed and listed_discipline(pipeline, tokens, words[0], covered)
    if lowers[0] in TITLE_WORDS:
        return False  # "Senior Backend (Engineer)": the role's title
    if lemmas[-1] in ROLE_NOUNS:
        return False  # "product owners", "line manager": people, not what they know
    if relaxed:  # a duty that names nothing else: its phrase, not a lone word
        return not all(lemma in GENERIC for lemma in lemmas)
    if all(lemma in GENERIC or lemma in QUALIFIERS for lemma in lemmas):
        return False
    if len(words) == _PAIR and lemmas[-1] in GENERIC and lemmas[-1] not in _HEADS_KEPT:
        # "test frameworks (Selenium, Cypress)"; "different levels (...)" names no kind
        return examples_follow(tokens, words[-1]) and not describes(pipeline, lowers[0])
    # "equivalent practical": only words that describe
    return not all(describes(pipeline, lower) for lower in lowers)


#: Words that bring in examples of what a phrase names ("tools like", "such as", "e.g.").
_EXAMPLE_CUES = frozenset({"(", "like", "such", "e.g", "eg", "including", ":", "e"})


def examples_follow(tokens: Tokens, last: int) -> bool:
    """Whether examples follow the phrase that ends at token ``last`` ("cloud platforms
    such as AWS", "test frameworks (Selenium)", "UI frameworks like Angular"): the posting
    names a kind of tool and its members, and the kind is asked for too."""
    after = last + 1
    if after >= len(tokens) or tokens.line[after] != tokens.line[last]:
        return False
    return tokens.lower[after] in _EXAMPLE_CUES or tokens.surface[after] in _EXAMPLE_CUES


#: Words that open what follows a participle ("running on", "serving us", "feeding
#: into", "using the"): its complement, so the participle is no head of a noun.
_COMPLEMENT_OPENERS = frozenset(
    """
    on from to us you them it our your their the a an into by all its this these new any
    """.split()
)


def participle(tokens: Tokens, index: int) -> bool:
    """Whether the -ing word at ``index``, the last of a phrase, is a participle that
    opens a clause about the noun before it ("a platform running on bare metal", "jobs
    feeding into the ledger"), not the head of a noun phrase ("network troubleshooting", which
    ends its phrase)."""
    lower = tokens.lower[index]
    after = index + 1
    if not lower.endswith("ing") or after >= len(tokens):
        return False
    return tokens.line[after] == tokens.line[index] and tokens.lower[after] in _COMPLEMENT_OPENERS


#: Heads that say how a thing is known ("debugging experience", "tuning knowledge").
_KNOWN_AS = frozenset({"experience", "knowledge", "expertise", "background"})


def gerund_in_noun_list(pipeline: Pipeline, tokens: Tokens, index: int) -> bool:
    """Whether an -ing word stands as a noun in a list: joined by "and", "&", "or" or a
    comma to a noun before it ("audit trails & profiling", "queues and debugging"), not
    to another -ing word ("building and shipping" are duties)."""
    lower = tokens.lower[index]
    if not lower.endswith("ing") or index < _PAIR or tokens.lower[index - 1] not in _LIST_JOINERS:
        return False
    before = index - 2
    if tokens.line[before] != tokens.line[index] or not tokens.is_word[before]:
        return False
    after = index + 1
    if (
        after < len(tokens)
        and tokens.line[after] == tokens.line[index]
        and (tokens.lower[after] in _COMPLEMENT_OPENERS or tokens.lower[after] in ("in", "at"))
    ):
        return False  # "staying in a hotel": a verb with its complement
    other, lemma = tokens.lower[before], tokens.lemma[before]
    # an -ing word before counts when a noun leads it ("audit logging")
    led = (
        before > 0
        and tokens.is_word[before - 1]
        and not pipeline.is_stop_word(tokens.lower[before - 1])
    )
    return (
        (not other.endswith("ing") or led)
        and not pipeline.is_stop_word(other)
        and lemma not in GENERIC
        and can_be_noun(pipeline, other, lemma)
    )


#: Endings of a noun made from a verb or an adjective: the name of an activity or a
#: quality ("monitoring", "automation", "deployment", "scalability", "performance").
_NOMINAL_ENDINGS = ("ing", "tion", "sion", "ment", "ity", "ance", "ence", "ogy")
#: Tokens that join the items of a list ("testing and monitoring", "CI/CD, logging").
_LIST_JOINERS = frozenset({"and", "or", "&", ",", "/", "+"})
#: Nouns of those endings too broad to name a discipline alone ("technology and
#: education", "quality and variety", "equipment").
_BROAD = frozenset(
    """
    technology education management production equipment investment action identity
    transaction thinking shopping flexibility diversity inclusivity inclusion application
    community opportunity responsibility activity entity quality variety ability
    """.split()
)
#: Words after a noun made from a verb that bring in its object ("maintenance of").
_DUTY_OBJECT = frozenset({"of", "for", "to"})
#: A lone word needs this many letters.
_MIN_LONE_WORD = 5


def listed_discipline(pipeline: Pipeline, tokens: Tokens, index: int, covered: set[int]) -> bool:
    """Whether a lone word names a discipline as one item of a list: a noun made from a
    verb or an adjective ("testing", "automation", "scalability") joined to the next or
    the last item by "and", "or", a comma or a slash, or standing against a name found
    there ("Docker, monitoring and alerting"). A general word ("experience",
    "solutions") and a quality of people ("passion") are none."""
    lower, lemma = tokens.lower[index], tokens.lemma[index]
    if not (lower.isalpha() and len(lower) >= _MIN_LONE_WORD and lower.endswith(_NOMINAL_ENDINGS)):
        return False
    if lemma in GENERIC or lower in GENERIC or lower in QUALIFIERS or lemma in PEOPLE:
        return False
    if describes(pipeline, lower) or not can_be_noun(pipeline, lower, lemma):
        return False
    if lower in _BROAD or lemma in _BROAD or hyphenated(tokens, index):
        return False  # "technology", "on-boarding"
    line = tokens.line[index]
    lowers = [tokens.lower[i] if tokens.line[i] == line else "" for i in range(len(tokens))]
    after = lowers[index + 1 : index + 4]
    if after[:1] and after[0] in _DUTY_OBJECT:
        return False  # "maintenance of the app": a duty, named by its object
    if len(after) > _PAIR and after[0] in _LIST_JOINERS and after[2] in _DUTY_OBJECT:
        return False  # "extension and maintenance of the app": the same duty
    for other in (index - 1, index + 1):
        if not 0 <= other < len(tokens) or tokens.line[other] != line:
            continue
        if tokens.lower[other] in _LIST_JOINERS:
            return True
        # a name right after a gerund is its object ("exposing REST APIs")
        if other in covered and not (other > index and lower.endswith("ing")):
            return True
    return False


def _trim(pipeline: Pipeline, tokens: Tokens, chunk: list[int], starts: set[int]) -> list[int]:
    words = [i for i in chunk if tokens.is_word[i]]
    if len(words) == _PAIR and tokens.lemma[words[-1]] in _KNOWN_AS:
        words.pop()  # "debugging experience": what is known is the word before
    first = words[0] if words else 0
    opens = first in starts or (first > 0 and tokens.lower[first - 1] in VERB_CONTEXT)
    if len(words) == 1 and first not in starts and gerund_in_noun_list(pipeline, tokens, first):
        return words  # "Audit Trails & Profiling": a gerund listed among nouns
    while words:
        first = words[0]
        lower, lemma = tokens.lower[first], tokens.lemma[first]
        inflected = lower != lemma
        verb = lemma in VERBS and (opens or (inflected and lower.endswith(("s", "ing"))))
        adverb = lower.endswith("ly")
        before = tokens.lower[first - 1] if first > 0 else ""
        verb = verb or verb_after_subject(pipeline, before, lower, lemma)
        if (
            verb
            or adverb
            or lower in QUALIFIERS
            or lower in POINTERS
            or (opens and lower.endswith(("ing", "ed")))
            or state_of_the_art(tokens.lower, first)
        ):
            words.pop(0)
            # "high-level": the rest of a hyphenated word goes with its first part
            while words and hyphenated(tokens, words[0]) and words[0] - first == _HYPHEN_SPAN:
                first = words.pop(0)
            opens = opens and adverb
            continue
        break
    while words and (
        tokens.lower[words[-1]].endswith(("ly", "ed"))
        or tokens.lower[words[-1]] in ("etc", "eg")
        or not can_be_noun(pipeline, tokens.lower[words[-1]], tokens.lemma[words[-1]])
    ):
        words.pop()  # "possess strong", "role requires": a phrase ends on its noun
    if len(words) >= _PAIR and participle(tokens, words[-1]):
        words.pop()  # "an application running on Docker": the noun is the phrase
    if len(words) > _MAX_PHRASE_WORDS:
        words = words[-_KEPT_PHRASE_WORDS:]
    return words

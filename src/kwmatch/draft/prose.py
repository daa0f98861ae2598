"""Postings written as prose: placeholders out, one paragraph back into lines, and what
each sentence asks for.

Job boards and data sets export a posting as one paragraph, or as one sentence a line
with no bullets. Such a posting is read sentence by sentence: a sentence that *asks*
(a requirement cue such as "experience with", "knowledge of", "proficient in", "you
have", "must", "should", or a duty: "you will", "responsible for", a verb first) gives
all its key phrases; any other sentence (about the company, the team, the offer) gives
only the names it holds (technologies, known concepts), never its noun phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kwmatch.draft.posting import boilerplate
from kwmatch.lexicon import VERBS

#: De-identified stand-ins ("<ORGANIZATION>", "<LOCATION>") and template slots.
PLACEHOLDER = re.compile(r"<\s*[A-Z][A-Z_ ]{1,30}\s*>")
#: A line this long (in words) that holds most of a posting is a flattened paragraph,
#: to split into sentences.
PARAGRAPH_WORDS = 25
#: A line with this many bullets or summary fields written inline is cut at them.
_MIN_INLINE_MARKS = 2
#: Bullet glyphs written inside a line, where a posting was flattened.
_INLINE_BULLET = re.compile(r"\s+[•▪◦‣∙·]\s*")
#: Headings that open a list, written inside a flattened paragraph ("... Requirements: ...").
_INLINE_HEADING = re.compile(
    r"(?<=\S)(?<!job)\s+(?=(?:(?:key|main|core|minimum|basic|preferred|required|desired|additional|"
    r"technical)\s+)?(?:responsibilities|requirements|qualifications|duties|skills|"
    r"nice to have|what you(?:'ll| will) do|what you(?:'ll| will)? need|about you|"
    r"who you are|benefits|perks)\s*:)",
    re.I,
)
#: "Field: value" pairs of a job board's summary box, inline ("Job type: Full-time").
_INLINE_FIELD = re.compile(
    r"(?<=\S)\s+(?=(?:job type|employment type|experience level|seniority level|company size|"
    r"company type|industry|date posted|role|location|location options|salary|contract type|"
    r"likes|job description|job benefits|company description|visa sponsorship)\s*:)",
    re.I,
)
#: A job board's fields that close the posting's own text, wherever they stand: what the
#: company offers and what it says of itself.
_BOARD_FIELD = re.compile(
    r"(?<=\S)\s+(?=(?:job benefits|company description)\s*:)|"
    # "... with Celery Here's what we offer you", "... Rust Benefits What we offer: bonus"
    r"(?<=\S)\s+(?=(?:(?:here['’]s|here is|this is)\s+)?what we offer(?:\s+you)?"
    r"(?:\s*:|\s*$|\s+[A-Z]))|"
    r"(?<=\S)\s+(?=benefits\s+what we offer\b)",
    re.I,
)
#: A job board's header over the posting's own text, run into its first sentence.
_BOARD_HEADER = re.compile(r"^\s*Job description\s+(?=[A-Z])")
#: A job board's section names inside a flattened line, in their capitals: "Technologies"
#: before its lowercase tags, "Job description" before the posting's own text.
_INLINE_BOARD = re.compile(r"(?<=\S)\s+(?=Technologies\s+[a-z]|Job description\s+[A-Z])")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)%+#][.!?])\s+(?=[A-Z(\"“])")

#: Cues of a requirement: what a candidate must know, have or be.
_REQUIREMENT_CUE = re.compile(
    r"\b(?:experience (?:with|in|of|using|building|designing|developing|working)|"
    r"experienced (?:in|with)|knowledge (?:of|in)|understanding of|proficien(?:t|cy) (?:in|with)|"
    r"familiar(?:ity)? with|expertise (?:in|with)|background in|exposure to|skilled in|"
    r"skills? (?:in|with)|fluen(?:t|cy) in|comfortable (?:with|in)|able to|ability to|"
    r"you (?:have|bring|know|are|possess)|you(?:'ll| will) (?:need|have|bring)|"
    r"must|should|required|requirements?|minimum|at least|degree|certifi(?:ed|cation)|"
    r"years?(?: of)? (?:experience|professional)|track record|hands-on|"
    r"(?:strong|solid|excellent|good|deep|proven) (?:\w+ ){0,3}(?:skills|knowledge|experience|"
    r"understanding|background)|"
    r"preferred|nice to have|a plus|bonus|ideally|desirable|advantage(?:ous)?)\b",
    re.I,
)
#: Cues of a duty: what the role does.
_DUTY_CUE = re.compile(
    r"\b(?:you(?:'ll| will) (?!be joining|join|get|receive|enjoy|have access)|"
    r"responsible for|responsibilities|the role (?:involves|includes|will)|"
    r"your (?:role|day|job|work) (?:will|is|includes)|in this role)\b",
    re.I,
)
#: The company speaking of itself or of what it offers.
_ABOUT_US = re.compile(
    r"^(?:we|we're|we've|our|us|at|join|founded|this is|there is|there are|if you|is|are)\b|"
    r"\b(?:we offer|we provide|you(?:'ll| will) (?:get|receive|enjoy|join|be joining)|"
    r"our (?:clients|customers|mission|team|company|culture|office|offices|values)|"
    r"salary|pension|holiday|vacation|benefits|perks|bonus scheme|equity|hiring process|"
    r"interview)\b",
    re.I,
)
#: Words that are duty verbs by spelling but open no duty ("Process", "Model" as nouns
#: open sentences about the company as often as duties).
_NOT_VERBS = frozenset({"process", "model", "work", "support", "plan", "record", "report"})
#: A preferred cue inside a clause ("Scala or Java is a plus").
PREFERRED_CUE = re.compile(
    r"\(\s*(?:preferred|desired|optional|nice to have|a plus|bonus)\s*\)|"
    r"\b(?:is|are|would be|will be)?\s*an? (?:big |huge |strong |real )?(?:plus|bonus|advantage)\b|"
    r"^(?:preferred|nice to have|good to have|bonus)\s*:|\bpreferred\b|\bpreferably\b|"
    r"\bnice[- ]to[- ]have\b|\bgood to have\b|\bideally\b|\bdesirable\b|\badvantageous\b|"
    r"\bwould be (?:great|nice|helpful|beneficial)\b|\bbonus points?\b|\bnot required\b",
    re.I,
)
#: A required cue inside a clause ("Python is a must").
REQUIRED_CUE = re.compile(
    r"\(\s*(?:required|mandatory|must)\s*\)|\bmust\b|\brequired\b|\bmandatory\b|"
    r"\bminimum\b|\bessential\b",
    re.I,
)
#: Where a list item or sentence splits into clauses with cues of their own.
_CLAUSE = re.compile(r"\s*;\s*|,\s+(?:and|but|while)\s+|\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class Item:
    """A responsibility to draft: a list item, a sentence or a clause of one."""

    text: str
    """The words, as the posting writes them (markers such as "(preferred)" taken out)."""
    source: str
    """Where it stands: the heading and the item or line number."""
    must: bool = False
    """A duty that gets a concept even when it names nothing the rules recognize."""
    names_only: bool = False
    """A sentence that asks nothing (about the company, the team): only names count."""
    tags: bool = False
    """A line of tags ("python sql amazon-web-services"): each word one concept."""
    industries: bool = False
    """The value of a job board's "Industry:" field: each industry one concept."""


#: A tag is a lowercase word, maybe hyphenated or with a symbol ("node.js", "c#").
_TAG = re.compile(r"[a-z0-9][a-z0-9+#.]*(?:-[a-z0-9+#.]+)*")
#: A tag line holds at least this many tags.
_MIN_TAGS = 2


#: Function words that mark a lowercase line as a sentence, not a row of tags.
_SENTENCE_WORDS = frozenset(
    "a an the is are was were has have had its it this that these every our we you they "
    "which who with for of to in on at by from be been will can".split()
)


def is_tag_line(text: str) -> bool:
    """Whether a line is a list of lowercase tags, as job boards print a posting's stack
    (a lowercase sentence, with its function words, is none)."""
    words = text.replace(",", " ").split()
    return (
        len(words) >= _MIN_TAGS
        and all(_TAG.fullmatch(word) for word in words)
        and not any(word in _SENTENCE_WORDS for word in words)
    )


def tags(text: str) -> list[str]:
    """The tags of a tag line, hyphens read as spaces ("amazon-web-services")."""
    return [word.replace("-", " ") for word in text.replace(",", " ").split()]


def requirement_only(sentence: str) -> bool:
    """Whether a sentence asks for knowledge rather than states a duty."""
    return bool(_REQUIREMENT_CUE.search(sentence)) and not _DUTY_CUE.search(sentence)


def strip_placeholders(text: str) -> str:
    """The text with de-identification stand-ins and template slots blanked out."""
    return PLACEHOLDER.sub(" ", text)


def unflatten(text: str, is_english_word: Callable[[str], bool] = lambda _: False) -> str:
    """A flattened posting cut back into lines: at bullets written inline, before list
    headings and summary fields ("Requirements:", "Job type:") and, where one line holds
    most of the posting, between its sentences; a run-on part with no sentence marks at
    all (bullets exported without their marks) is cut before each capitalized dictionary
    word that follows a lowercase one ("... in Go and Rust Running our build farm")."""
    lines = text.split("\n")
    words = [len(line.split()) for line in lines]
    flat = max(words, default=0) * 2 > sum(words) and max(words, default=0) >= PARAGRAPH_WORDS
    out: list[str] = []
    parts = [part for whole in lines for part in _BOARD_FIELD.sub("\n", whole).split("\n")]
    for line in parts:
        marks = len(_INLINE_BULLET.findall(line)) + len(_INLINE_FIELD.findall(line))
        if not flat and marks < _MIN_INLINE_MARKS:
            if len(line.split()) > RUN_ON_WORDS and boilerplate(line):
                # A long line that holds boilerplate ("health insurance") is cut into its
                # sentences, so that the boilerplate does not take the rest with it.
                pieces = _SENTENCE_END.split(line)
                out.extend(p for piece in pieces for p in run_on_items(piece, is_english_word))
                continue
            out.append(line)
            continue
        line = _INLINE_BULLET.sub("\n• ", line)
        line = _INLINE_HEADING.sub("\n", line)
        line = _INLINE_FIELD.sub("\n", line)
        line = _INLINE_BOARD.sub("\n", line)
        line = re.sub(r"^Technologies\s+(?=[a-z])", "Technologies\n", line, flags=re.M)
        for part in line.split("\n"):
            for sentence in _SENTENCE_END.split(part) if flat else [part]:
                out.extend(run_on_items(sentence, is_english_word))
    # The board's header run into the posting's first sentence stands on its own line.
    return "\n".join(_BOARD_HEADER.sub("Job description\n", line) for line in out)


#: A part of a flattened posting longer than this many words, with no sentence marks, is
#: a run of list items that lost their bullets.
RUN_ON_WORDS = 40
#: An adverb that opens an item ("Ideally", "Preferably"): a cut before it too.
_OPENING_ADVERB = re.compile(r"[A-Z][a-z]{3,}ly")
_ITEM_START = re.compile(r"(?<=[a-z)])\s+(?=([A-Z][a-z]+(?:-[a-z]+)?)\b)")


#: A line holding this many semicolons is a list of items joined by them.
_MIN_SEMICOLONS = 2


def lost_bullets(part: str) -> bool:
    """Whether a long line is list items exported without bullets: it has no sentence
    marks, or its items are joined by semicolons."""
    if len(part.split()) <= RUN_ON_WORDS:
        return False
    return not re.search(r"[.!?;]\s", part) or part.count(";") >= _MIN_SEMICOLONS


def run_on_items(part: str, is_english_word: Callable[[str], bool]) -> list[str]:
    if len(part.split()) <= RUN_ON_WORDS or re.search(r"[.!?;]\s", part):
        return [part]
    cuts = [
        match.start()
        for match in _ITEM_START.finditer(part)
        if is_english_word(match.group(1).lower().split("-")[0])
        or _OPENING_ADVERB.fullmatch(match.group(1))
    ]
    pieces = [part[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(part)], strict=True)]
    return [piece for piece in pieces if piece]


def asks(sentence: str) -> bool:
    """Whether a sentence asks something of the candidate or states a duty of the role."""
    if _REQUIREMENT_CUE.search(sentence) or _DUTY_CUE.search(sentence):
        return True
    first = re.match(r"[A-Za-z]+", sentence.strip())
    return first is not None and opens_with_verb(first.group().lower())


def opens_with_verb(word: str) -> bool:
    """Whether a first word is a duty verb, bare or inflected ("Design", "Builds",
    "Leading"); "we", "our" and nouns are not."""
    forms = {word, word.removesuffix("s"), word.removesuffix("es")}
    if word.endswith("ing"):
        forms |= {word[:-3], word[:-3] + "e"}
        if len(word) > 5 and word[-4] == word[-5]:  # noqa: PLR2004
            forms.add(word[:-4])  # "running", "planning": the consonant doubled
    return bool(forms & VERBS) and word not in _NOT_VERBS


def about_us(sentence: str) -> bool:
    """Whether a sentence speaks of the company or its offer rather than of the role."""
    return bool(_ABOUT_US.search(sentence.strip()))


def clauses(text: str) -> list[str]:
    """A list item or sentence cut where its parts carry different cues ("Strong Python
    and SQL; Scala or Java is a plus"): the parts, or the text whole when they agree."""
    parts = [part.strip(" ,.") for part in _CLAUSE.split(text) if part.strip(" ,.")]
    if len(parts) < 2:  # noqa: PLR2004
        return [text]
    preferred = [bool(PREFERRED_CUE.search(part)) for part in parts]
    if all(preferred) or not any(preferred):
        return [text]
    return parts

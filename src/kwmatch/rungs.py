"""The tests of two rungs of the matching ladder, as pure functions: whether a short
or common form (R, Go, Spark) is corroborated as the technology where it stands (the
``guarded`` rung), and whether a word near a name is a typo of it (the ``fuzzy`` rung).
Each says why, in words, for ``kwmatch explain``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from kwmatch.context import list_item
from kwmatch.lexicon import DERIVED_SUFFIXES
from kwmatch.nlp import Tokens
from kwmatch.text import CleanText
from kwmatch.trace import Reason

#: Words that make a short ambiguous form (R, Go, C) a technology when they stand near it.
SHARED_CUES = frozenset(
    "programming programmer language languages scripting script scripts code coding "
    "developer developers framework frameworks library libraries stack sdk compiler "
    "proficient proficiency".split()
)
#: Section kinds whose lines are lists of skills.
SKILL_SECTIONS = frozenset({"skills", "competencies"})
#: Words on each side of a short ambiguous form where a cue word counts.
CUE_WINDOW = 3
#: The fuzzy rung allows one edit (OSA: a transposition is one) in a name of up to
#: ONE_EDIT_UP_TO letters, and MAX_EDITS in a longer one.
ONE_EDIT_UP_TO = 8
MAX_EDITS = 2


def corroborated(
    clean: CleanText,
    tokens: Tokens,
    words: Sequence[int],
    at: tuple[int, int],
    tech_lines: Collection[int],
    cues: frozenset[str],
    is_english_word: Callable[[str], bool],
) -> tuple[bool, str]:
    """Whether a short or common form stands as the concept here, and what says so
    (or what it lacks), for ``kwmatch explain``."""
    position, last = at
    index = words[position]
    line_of = tokens.line
    line = line_of[index]
    for near in words[max(0, position - CUE_WINDOW) : position + CUE_WINDOW + 1]:
        if (
            near != index
            and line_of[near] == line
            and (tokens.lemma[near] in cues or tokens.lower[near] in cues)
        ):
            return True, f"cue word '{tokens.surface[near]}' beside it"
    before, after, in_list = list_item(tokens, index, last)
    if not in_list:
        return False, f"no cue word within {CUE_WINDOW} words, and not an item of a list"
    if len(tokens.surface[index]) == 1:
        # A lone letter (R, C) is a language only where a word on its line says so
        # ("programming", "C++", "Python"): keyword lists hold stray letters too.
        for near in words:
            if (
                line_of[near] == line
                and near != index
                and (tokens.lemma[near] in cues or tokens.lower[near] in cues)
            ):
                return True, f"a list item, cue word '{tokens.surface[near]}' on its line"
        return False, "a lone letter in a list needs a cue word on its line"
    if line in tech_lines:
        return True, "an item of a list of technologies"  # "Python, R, SQL"
    section = clean.section_of(tokens.start[index])
    if section is None or section.kind not in SKILL_SECTIONS:
        return False, "a list item off a line of technologies and outside a skills section"
    # In a skills section: an item alone on its line, or a list item that is no
    # English word ("statistics" and "spark" in a keyword list prove nothing).
    if before is None and after is None:
        return True, "alone on its line in a skills section"
    if not is_english_word(tokens.lower[index]):
        return True, "an item of a skills-section list"
    return False, "an English word in a skills-section list, no technology beside it"


#: Why a fuzzy candidate within reach does not count, in words.
FUZZY_WHY: dict[Reason, str] = {
    "fuzzy_distance": "too far",
    "fuzzy_first_letter": "a typo keeps the first letter",
    "fuzzy_prefix": "one is the start of the other: another word, not a slip",
    "fuzzy_derived": "a derived word (-ive, -ing...) two edits away is another word",
}


def fuzzy_refusal(key: str, term: str, distance: int, allowed: int) -> Reason | None:
    """Why ``key`` is no typo of ``term`` (None when it is one)."""
    if distance == 0 or distance > allowed:
        return "fuzzy_distance"
    if key[0] != term[0]:
        return "fuzzy_first_letter"
    if key.startswith(term) or term.startswith(key):
        return "fuzzy_prefix"  # "angular" is not a typo of "angularjs"
    if distance > 1 and key.endswith(DERIVED_SUFFIXES):
        return "fuzzy_derived"  # "informative" is not "Informatica"
    return None

"""The candidate's name, when the first lines of a resume give one.

A resume opens with its owner's name far more often than not, but also with "Resume",
"Curriculum Vitae", a job title or a contact line. A line is taken as a name only when
it reads as one: two to four words, each capitalized (initials allowed), letters only,
no word a job title or a resume's furniture uses, and no taxonomy term matched in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kwmatch.lexicon import PEOPLE
from kwmatch.match import Match
from kwmatch.text import CleanText

#: How many non-blank lines at the top of a resume are searched.
FIRST_LINES = 3
#: A name's shortest and longest length in characters, and its words.
MIN_CHARS, MAX_CHARS = 4, 40
MIN_WORDS, MAX_WORDS = 2, 4
#: Lines split off the top of the text (blank lines included) to find the first ones.
_LINES_READ = 40
#: A word of a name: "Ana", "O'Neil", "Jean-Luc", "J.", "DE" (capitals allowed).
_NAME_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.-]*")
#: Words that open a resume or name a job, never a person.
_NOT_NAMES = PEOPLE | frozenset(
    """
    resume résumé curriculum vitae cv profile summary contact experience education skills
    objective portfolio page lead senior junior head intern consultant director officer
    machine learning data software research
    """.split()
)


def candidate_name(clean: CleanText, matches: Sequence[Match]) -> str | None:
    """The name on the first lines of the resume, or None when none reads as a name."""
    starts = sorted(m.start for m in matches)
    seen = 0
    offset = 0
    for line in clean.text.split("\n", _LINES_READ):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > FIRST_LINES:
            break
        if _reads_as_name(line) and not any(start <= s < offset for s in starts):
            return " ".join(line.split())
    return None


def _reads_as_name(line: str) -> bool:
    text = line.strip()
    words = text.split()
    if not MIN_CHARS <= len(text) <= MAX_CHARS or not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    return not any(w.lower().strip(".") in _NOT_NAMES for w in words)

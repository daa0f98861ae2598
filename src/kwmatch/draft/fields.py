"""Concepts a posting names outside its technologies: the spoken languages it asks for
and the industries of a job board's summary box ("Industry: Financial Services")."""

from __future__ import annotations

import re

#: Spoken languages postings ask for, as they are written (capitalized).
SPOKEN_LANGUAGES = frozenset(
    "English German French Spanish Dutch Italian Portuguese Polish Russian Ukrainian Czech "
    "Slovak Hungarian Romanian Bulgarian Greek Turkish Arabic Hebrew Hindi Mandarin "
    "Cantonese Chinese Japanese Korean Swedish Danish Norwegian Finnish Estonian Latvian "
    "Lithuanian Croatian Serbian Slovenian Vietnamese Thai Indonesian Malay Tagalog Flemish "
    "Catalan Basque Welsh Irish".split()
)
#: Words that say a language is asked for as a language: "fluent English", "German
#: (written and spoken)", "English language skills", "speaks Dutch".
_LANGUAGE_CUE = re.compile(
    r"\b(?:fluen(?:t|tly|cy)|spoken|written|verbal|oral|speak(?:s|ing)?|writes?|"
    r"languages?|proficien(?:t|cy)|native|mother tongue|bilingual|business[- ]level|"
    r"level|skills?|knowledge|command of|communication)\b",
    re.I,
)
_LANGUAGE_NAME = re.compile(r"\b(?:" + "|".join(sorted(SPOKEN_LANGUAGES)) + r")\b")


def spoken_languages(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each spoken language a text asks for: a language's name, in its
    capitals, in a text with a word of language skill ("fluent", "spoken", "language")."""
    if not _LANGUAGE_CUE.search(text):
        return []
    return [(match.start(), match.group()) for match in _LANGUAGE_NAME.finditer(text)]


#: The "Industry:" field of a job board's summary box, and its value.
INDUSTRY_FIELD = re.compile(r"^industry\s*:\s*(?P<value>.*)$", re.I)
#: Last words of an industry's name, which join the capitalized word before them
#: ("Financial Services", "Computer Software", "Video Streaming", "Life Sciences").
_INDUSTRY_HEADS = frozenset(
    "services technology technologies software development engineering electronics goods "
    "sciences science research health care marketing application applications "
    "intelligence streaming advertising commerce media management security hardware "
    "devices products learning design energy manufacturing tech analytics platform "
    "systems networking automation entertainment logistics estate".split()
)
#: Words that hold the parts of one name together ("Internet of Things", "Data & Analytics").
_INDUSTRY_JOINERS = frozenset({"of", "and", "&", "/", "for", "-"})


def industry_names(value: str) -> list[str]:
    """The industries of an "Industry:" value, which job boards write one after another
    with no separator ("Information Technology Internet of Things"): a capitalized word
    starts a new name unless it is a name's last word (Services, Software) or follows a
    joiner ("of", "&"); a lowercase word goes with the name before it."""
    names: list[list[str]] = []
    for word in value.split():
        named = any(c.isupper() for c in word)  # "eCommerce" too
        starts = named and word.lower() not in _INDUSTRY_HEADS
        after_joiner = bool(names) and names[-1][-1].lower() in _INDUSTRY_JOINERS
        if names and (word.lower() in _INDUSTRY_JOINERS or not named):
            names[-1].append(word)
            continue
        if not names or (starts and not after_joiner):
            names.append([word])
        else:
            names[-1].append(word)
    out = []
    for words in names:
        while words and words[-1].lower() in _INDUSTRY_JOINERS:
            words.pop()
        if words:
            out.append(" ".join(words))
    return out

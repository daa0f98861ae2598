"""Tokens and lemmas: the only module that imports spaCy.

The pipeline is ``spacy.blank("en")`` with the lookup lemmatizer from
spacy-lookups-data: no statistical model, nothing downloaded. Tokenization is our own
(a regular expression that keeps C++, C#, .NET, Node.js and CI/CD whole or in matchable
pieces, with exact offsets); the lowercased words are lemmatized by the lookup table of
spaCy's lemmatizer, so the resume and the taxonomy's phrases are lemmatized the same way.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

#: Words: letters and digits, with an apostrophe or a few known dotted suffixes inside
#: (Node.js, ASP.NET), a leading dot for .NET, and C++/C#/F#-style suffixes. Anything else
#: that is not a space is a one-character symbol token.
_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])\.(?=net\b|NET\b|Net\b)[A-Za-z]+"
    r"|[A-Za-z0-9](?:[A-Za-z0-9]|'(?=[A-Za-z])|\.(?=(?:js|JS|Js|net|NET|Net|io|IO)\b))*"
    r"(?:\+\+|#(?![A-Za-z0-9]))?"
    r"|[^\sA-Za-z0-9]"
)

_NEWLINE = re.compile("\n")
_VERSIONED = re.compile(r"([a-z]{4,})v?\d+(?:\.\d+)*")

#: Memoized lemmas kept at most (the cache starts over when full).
#: Words of this many letters or fewer are their own lemma: most are acronyms and tool
#: names, which the table reads as English plurals ("aws" would become "aw", "ops" "op").
_SHORTEST_LEMMATIZED = 3
_MAX_CACHED = 200_000

#: Where spaCy's lookup table is wrong for our purpose, on lowercased words.
LEMMA_FIXES = {
    "datum": "data",
    "develope": "develop",
    "medium": "media",
    "panda": "pandas",
}


@dataclass(frozen=True)
class Tokens:
    """The tokens of a text, as parallel tuples (cheap to build, cheap to scan)."""

    surface: tuple[str, ...]
    """Each token as written in the clean text."""
    lower: tuple[str, ...]
    """Lowercased (casefolded) form, the key for exact and alias matching."""
    lemma: tuple[str, ...]
    """Lemma of the lowercased form (spaCy lookup table with our fixes)."""
    start: tuple[int, ...]
    """Offset of each token's first character."""
    end: tuple[int, ...]
    """Offset just past each token."""
    is_word: tuple[bool, ...]
    """True for letter/digit tokens, False for one-character symbols."""
    line: tuple[int, ...]
    """0-based index of the line of the text each token stands on."""

    def __len__(self) -> int:
        return len(self.surface)


class Pipeline:
    """spaCy's vocabulary and lookup lemmatizer, built once per process."""

    def __init__(self) -> None:
        # A blank pipeline: the base Language rather than spacy.blank("en"), which would
        # also build English tokenizer exceptions that we never use (our tokenizer is the
        # regular expression above) and cost a fifth of a second at every start; the
        # lemmatizer gets the English lookup table of spacy-lookups-data explicitly. Nor
        # does it build spaCy's default tokenizer (its affix patterns take 50 ms to
        # compile): the pipeline is never run on text.
        from spacy.language import Language
        from spacy.lookups import load_lookups

        self._nlp: Any = Language(create_tokenizer=lambda nlp: _no_tokenizer)
        self._lemmatizer: Any = cast(
            Any, self._nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        )
        self._lemmatizer.initialize(lookups=load_lookups("en", ["lemma_lookup"]))
        table = self._lemmatizer.lookups.get_table("lemma_lookup")
        self._table = table
        self._known_lemmas = frozenset(table.values())
        self._cache: dict[str, str] = {}
        # Loaded with the pipeline (5 ms), so that forked workers share it: the fuzzy
        # step asks for every resume.
        from spacy.lang.en.stop_words import STOP_WORDS

        self._stop_words = frozenset(STOP_WORDS)
        self._word_classes: dict[str, frozenset[str]] | None = None

    def is_english_word(self, word: str) -> bool:
        """True when ``word`` (lowercase) is an ordinary English word or one of its forms."""
        return word in self._known_lemmas or word in self._table

    def is_stop_word(self, word: str) -> bool:
        """True when ``word`` (lowercase) is a function word of spaCy's English stop list
        (no typo of a tool name: "throughout" is not "throughput")."""
        return word in self._stop_words

    def word_classes(self, word: str) -> frozenset[str]:
        """The parts of speech (adj, adv, noun, verb) an English dictionary gives ``word``.

        From the WordNet word index of spacy-lookups-data, loaded on first use (only the
        taxonomy drafter needs it); empty for a word it does not list (most tool names).
        """
        if self._word_classes is None:
            from spacy.lookups import load_lookups

            table = load_lookups("en", ["lemma_index"]).get_table("lemma_index")
            classes: dict[str, set[str]] = {}
            for pos in ("adj", "adv", "noun", "verb"):
                for entry in table.get(pos, []):
                    classes.setdefault(entry, set()).add(pos)
            self._word_classes = {w: frozenset(c) for w, c in classes.items()}
        return self._word_classes.get(word, frozenset())

    def lemmas(self, words: list[str]) -> list[str]:
        """Lemmas of lowercased ``words`` by spaCy's lookup lemmatizer, memoized.

        In lookup mode, spaCy's ``Lemmatizer.lookup_lemmatize`` is ``table.get(text,
        text)`` on the lemmatizer's ``lemma_lookup`` table; the words are looked up in that
        same table here rather than through a ``Doc``. A ``Doc`` makes a vocabulary entry
        for every new word it sees (about 30 µs each, 1.5 ms a resume, and a vocabulary
        that grows without bound over a batch) that nothing here reads.
        tests/test_matching.py checks that both ways give the same lemmas.
        """
        cache = self._cache
        todo = [w for w in dict.fromkeys(words) if w not in cache]
        if len(cache) + len(todo) > _MAX_CACHED:
            cache.clear()  # a batch of millions of resumes must not grow without bound
            todo = list(dict.fromkeys(words))
        lookup = self._table.get
        for word in todo:
            versioned = _VERSIONED.fullmatch(word)
            if versioned:  # "tensorflow2", "python3.10": the name without its version
                lemma = versioned.group(1)
            elif word.isalpha() and len(word) > _SHORTEST_LEMMATIZED:
                lemma = lookup(word, word)
            else:
                lemma = word
            cache[word] = LEMMA_FIXES.get(lemma, lemma)
        return [cache[w] for w in words]

    def tokenize(self, text: str, *, lemmatize: bool = True) -> Tokens:
        """Split ``text`` into tokens with offsets, lowercase and lemmatize the words."""
        surface: list[str] = []
        start: list[int] = []
        end: list[int] = []
        for match in _TOKEN.finditer(text):
            surface.append(match.group())
            start.append(match.start())
            end.append(match.end())
        # fold's ASCII case inline (nearly every token): no call per token.
        lower = [s.casefold() if s.isascii() else fold(s) for s in surface]
        lemma = self.lemmas(lower) if lemmatize else lower
        is_word = [s[-1].isalnum() or (s[-1] in "+#" and len(s) > 1) for s in surface]
        newlines = [m.start() for m in _NEWLINE.finditer(text)]
        line = [bisect.bisect_right(newlines, s) for s in start]
        return Tokens(
            surface=tuple(surface),
            lower=tuple(lower),
            lemma=tuple(lemma),
            start=tuple(start),
            end=tuple(end),
            is_word=tuple(is_word),
            line=tuple(line),
        )


def _no_tokenizer(text: str) -> Any:
    raise NotImplementedError("kwmatch tokenizes with Pipeline.tokenize, not with spaCy's")


def fold(word: str) -> str:
    """The case- and accent-insensitive key of a token."""
    folded = word.casefold()
    if folded.isascii():
        return folded
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c)
    )
    return stripped or folded  # a lone combining mark stays itself


@lru_cache(maxsize=1)
def get_pipeline() -> Pipeline:
    """The process-wide pipeline (built on first use)."""
    return Pipeline()

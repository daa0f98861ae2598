"""The matching ladder: tokens in, :class:`Match` evidence out. The only rapidfuzz import.

Rungs, strongest first (each hit records its ``kind`` and ``confidence``):

1. ``exact``: the concept's label, case-insensitively, over unified dashes and slashes;
2. ``alias``: one of its aliases or acronyms;
3. ``lemma``: the same words in another inflection ("deployed models");
4. ``near``: the words of a co-occurrence pattern within a few words of each other, in one
   line ("mentored three junior analysts");
5. ``fuzzy``: a typo or a split of a long term ("Pyhton", "Tensor Flow"), never on an
   ordinary English word;
6. ``guarded``: a short or common form (R, Go, C, React, Spark) written in its exact case
   and corroborated by a tech context;
7. ``evidence``: a phrase of the concept's ``evidence`` list, a tool or a task that shows
   the concept without naming it ("Airflow" for data pipelines, "object detection" for
   computer vision), matched as an alias is but never with typos; a proxy, so weaker
   than any rung that finds the concept's own names. The hit records the ``phrase``.
   An evidence form that is also ``ambiguous`` goes through the guard of rung 6 first.

A hit inside one of the concept's ``not_in`` patterns (R&D, C-level, go-live, sales
pipeline, a 5 mL dose...) or next to one of its ``not_near`` words never counts
(:mod:`kwmatch.negatives`). A :class:`~kwmatch.trace.Trace` passed to :meth:`Matcher.match`
records every candidate that does not count and why (``kwmatch explain``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from kwmatch.context import coordinated, list_item
from kwmatch.hits import CONFIDENCE, Match, Rung
from kwmatch.lexicon import TECHNOLOGY_NAMES
from kwmatch.near import NearRule, expand_families, match_near, sentence_of_line
from kwmatch.negatives import Negatives
from kwmatch.nlp import Pipeline, Tokens, get_pipeline
from kwmatch.repeats import without_repeats
from kwmatch.rungs import (
    FUZZY_WHY,
    MAX_EDITS,
    ONE_EDIT_UP_TO,
    SHARED_CUES,
    SKILL_SECTIONS,
    corroborated,
    fuzzy_refusal,
)
from kwmatch.taxonomy import Concept, Taxonomy
from kwmatch.text import CleanText
from kwmatch.trace import Trace

#: The hit and its rungs live in :mod:`kwmatch.hits`; callers import them from here.
__all__ = ["CONFIDENCE", "FUZZY_MIN_LENGTH", "JOINERS", "Match", "Matcher", "Rung"]


class _Adder(Protocol):
    def __call__(
        self, concept: str, start: int, end: int, kind: Rung, phrase: str | None = None
    ) -> None: ...


#: Symbols that may join the words of a phrase ("scikit-learn", "CI/CD", "Node.js").
JOINERS = frozenset("-/_.&")
FUZZY_MIN_LENGTH = 6


@dataclass(frozen=True)
class _Phrase:
    concept: str
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    joined: tuple[bool, ...]
    """For each gap between words: True when the phrase writes a symbol there (CI/CD)."""
    is_label: bool
    evidence: str | None = None
    """The evidence phrase as the taxonomy writes it; None for the label and aliases."""
    proper: bool = False
    """A product named with ordinary capitalized words ("Data Factory", "Cloud Run"):
    written in lowercase, those are the words, unless on a line of technologies."""


class Matcher:
    """A taxonomy compiled for matching; build once per process, reuse for every resume."""

    def __init__(self, taxonomy: Taxonomy, pipeline: Pipeline | None = None) -> None:
        self.taxonomy = taxonomy
        self.pipeline = pipeline or get_pipeline()
        self._by_first: dict[str, list[_Phrase]] = defaultdict(list)
        self._ambiguous: dict[str, list[tuple[str, tuple[str, ...], str | None]]] = defaultdict(
            list
        )
        # The same forms by their lowercase, for the items of a list of technologies.
        self._ambiguous_folded: dict[str, list[tuple[str, tuple[str, ...], str | None]]] = (
            defaultdict(list)
        )
        self._near: list[NearRule] = []
        self._cues: dict[str, frozenset[str]] = {}
        self._fuzzy_terms: list[str] = []
        self._fuzzy_owner: list[str] = []
        self._fuzzy_owner_of: dict[str, str] = {}
        self._exact_vocabulary: set[str] = set()
        self._skill_concepts = {c.id for c in taxonomy.concepts.values() if c.kind == "skill"}
        self._negatives = Negatives(frozenset(self._skill_concepts))
        # A coordination splits activities' phrases only: "deep and active learning".
        self._coordinable = {c.id for c in taxonomy.concepts.values() if c.kind != "skill"}
        # Lemmatize every word of every phrase in one spaCy call, not one call a phrase.
        words = [
            word
            for concept in taxonomy.concepts.values()
            for phrase in (
                *concept.phrases,
                *concept.evidence,
                *(w for p in concept.near for s in p.all for w in expand_families(s)),
            )
            for word, is_word in zip(*self._split(phrase), strict=True)
            if is_word
        ]
        self.pipeline.lemmas(words)
        for concept in taxonomy.concepts.values():
            self._compile(concept)

    # -- compilation ------------------------------------------------------------------

    def _split(self, phrase: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        tokens = self.pipeline.tokenize(phrase, lemmatize=False)
        return tokens.lower, tokens.is_word

    def _phrase_tokens(self, phrase: str) -> tuple[list[str], list[str], list[bool]]:
        tokens = self.pipeline.tokenize(phrase)
        lower: list[str] = []
        joined: list[bool] = []
        pending_symbol = False
        for word, is_word in zip(tokens.lower, tokens.is_word, strict=True):
            if not is_word:
                pending_symbol = True
                continue
            if lower:
                joined.append(pending_symbol)
            lower.append(word)
            pending_symbol = False
        return lower, self.pipeline.lemmas(lower), joined

    def _compile(self, concept: Concept) -> None:
        guarded = {form.casefold() for form in concept.ambiguous}
        evidence = {form.casefold(): form for form in concept.evidence}
        names = [(phrase, None) for phrase in concept.phrases]
        for phrase, proxy in [*names, *((p, p) for p in concept.evidence)]:
            if phrase.casefold() in guarded:
                continue  # "R", "Go", "C": only through the ambiguity guard below
            lower, lemma, joined = self._phrase_tokens(phrase)
            if not lower:
                continue
            compiled = _Phrase(
                concept=concept.id,
                lower=tuple(lower),
                lemma=tuple(lemma),
                joined=tuple(joined),
                is_label=phrase == concept.label,
                evidence=proxy,
                proper=self._is_proper_name(phrase),
            )
            self._by_first[lower[0]].append(compiled)
            if lemma[0] != lower[0]:
                self._by_first[lemma[0]].append(compiled)
            self._exact_vocabulary.update(lower)
            if proxy is not None:
                continue  # a proxy is never matched with typos
            # Fuzzy matching only for one-word names of 6+ letters that are no English
            # word: "Pyhton", "Kubernets", "Tensor Flow"; never for phrases, whose
            # near-misses are ordinary English ("lab testing" is one edit from "abtesting").
            term = lower[0]
            if (
                concept.fuzzy
                and len(lower) == 1
                and len(term) >= FUZZY_MIN_LENGTH
                and term.isalpha()
            ):
                self._fuzzy_terms.append(term)
                self._fuzzy_owner.append(concept.id)
                self._fuzzy_owner_of.setdefault(term, concept.id)
        for form in concept.ambiguous:
            surface = self.pipeline.tokenize(form).surface
            entry = (concept.id, surface, evidence.get(form.casefold()))
            self._ambiguous[surface[0]].append(entry)
            if len(form) > 1:  # never a lone letter: "r" and "c" in lowercase prove nothing
                folded = tuple(t.casefold() for t in surface)
                self._ambiguous_folded[folded[0]].append((concept.id, folded, entry[2]))
        for pattern in concept.near:
            sets = [
                [tuple(self._phrase_tokens(p)[1]) for p in expand_families(words)]
                for words in pattern.all
            ]
            unless_words = [w.lower() for w in pattern.unless]
            # A pattern's own word is never its veto through a lemma: "building" (a
            # construction site) must not void "built a platform" or "build systems".
            own = {word for group in sets for phrase in group for word in phrase}
            lemmas = frozenset(self.pipeline.lemmas(unless_words)) - own
            unless = frozenset(unless_words) | lemmas
            self._near.append((concept.id, pattern.window, sets, unless))
        self._negatives.add(concept)
        self._cues[concept.id] = SHARED_CUES | frozenset(
            self.pipeline.lemmas([w.lower() for w in concept.cues])
        )

    def _is_proper_name(self, phrase: str) -> bool:
        """Whether ``phrase`` is two or more capitalized ordinary English words."""
        words = phrase.split()
        return len(words) > 1 and all(
            len(w) > 1
            and w[0].isupper()
            and w[1:].islower()
            and self.pipeline.is_english_word(w.lower())
            for w in words
        )

    def knows(self, word: str) -> bool:
        """Whether ``word`` (lowercase) is a word of one of the taxonomy's phrases."""
        return word in self._exact_vocabulary

    # -- matching ---------------------------------------------------------------------

    def match(
        self, clean: CleanText, tokens: Tokens | None = None, trace: Trace | None = None
    ) -> list[Match]:
        """Every piece of evidence in ``clean``, ordered by position then concept.

        A ``trace`` (``kwmatch explain``) records the candidates that do not count and
        why; the hits are the same with or without one."""
        view = without_repeats(clean)
        if view is not None:  # copies of a word or a line neither add nor change a hit
            since = len(trace.candidates) if trace is not None else 0
            inner = self.match(view.clean, trace=trace)
            if trace is not None:
                trace.remap(since, view.original_span)
            spans = [(m, view.original_span(m.start, m.end)) for m in inner]
            return [replace(m, start=a, end=b, text=clean.text[a:b]) for m, (a, b) in spans]
        return self.match_copies(clean, tokens, trace)

    def match_copies(
        self, clean: CleanText, tokens: Tokens | None = None, trace: Trace | None = None
    ) -> list[Match]:
        """The hits of ``clean`` read as it stands, immediate repeats included: what
        :meth:`match` does on the view without them (``kwmatch explain`` compares the
        two to tell a copy that does not count)."""
        tokens = tokens or self.pipeline.tokenize(clean.text)
        words = [i for i, w in enumerate(tokens.is_word) if w]
        opens = sentence_of_line(tokens)  # the line that opens each line's sentence
        found: dict[tuple[str, int, int], Match] = {}

        def add(concept: str, start: int, end: int, kind: Rung, phrase: str | None = None) -> None:
            key = (concept, start, end)
            previous = found.get(key)
            if previous is None or CONFIDENCE[kind] > previous.confidence:
                found[key] = Match(
                    concept=concept,
                    text=clean.text[start:end],
                    start=start,
                    end=end,
                    kind=kind,
                    confidence=CONFIDENCE[kind],
                    phrase=phrase,
                )

        covered: set[int] = set()
        lowercase_names: list[tuple[str, int, int, Rung, str | None]] = []
        for position, index in enumerate(words):
            candidates = self._by_first.get(tokens.lower[index], [])
            if tokens.lemma[index] != tokens.lower[index]:
                candidates = candidates + self._by_first.get(tokens.lemma[index], [])
            for phrase in candidates:
                result = self._phrase_or_pair(tokens, words, position, phrase, opens, trace)
                if result is None:
                    continue
                last, by_lemma = result
                kind: Rung = "lemma" if by_lemma else ("exact" if phrase.is_label else "alias")
                if phrase.evidence is not None:
                    kind = "evidence"
                start, end = tokens.start[index], tokens.end[last]
                if phrase.proper and not all(
                    tokens.surface[i][:1].isupper()
                    for i in range(index, last + 1)
                    if tokens.is_word[i]
                ):
                    lowercase_names.append((phrase.concept, start, end, kind, phrase.evidence))
                    continue
                add(phrase.concept, start, end, kind, phrase.evidence)
                covered.update(range(index, last + 1))
        match_near(tokens, words, self._near, add, trace, opens)
        # Lines that name a technology outright: context for the guarded forms and for
        # tool names split in two, which are added after and never count as context.
        tech_lines = {
            clean.line_index(m.start) for m in found.values() if m.concept in self._skill_concepts
        }
        for concept, start, end, kind, proxy in lowercase_names:
            if clean.line_index(start) in tech_lines:  # "aws glue, data factory, ..."
                add(concept, start, end, kind, proxy)
            elif trace is not None:
                trace.reject(concept, start, end, kind, "lowercase_name", clean.text[start:end])
        self._match_ambiguous(clean, tokens, words, tech_lines, add, trace)
        self._match_fuzzy(tokens, words, covered, add, clean, tech_lines, trace)
        kept = []
        for hit in found.values():
            refusal = self._negatives.refusal(hit, clean, tokens)
            if refusal is None:
                kept.append(hit)
            elif trace is not None:
                trace.reject(hit.concept, hit.start, hit.end, hit.kind, *refusal)
        return _drop_nested(sorted(kept, key=lambda m: (m.start, -m.end, m.concept)), trace)

    def _phrase_or_pair(
        self,
        tokens: Tokens,
        words: list[int],
        at: int,
        phrase: _Phrase,
        opens: Sequence[int],
        trace: Trace | None,
    ) -> tuple[int, bool] | None:
        """:meth:`_phrase_at`, or an activity's phrase held apart by "and" beside a word of
        the taxonomy's names (:func:`~kwmatch.context.coordinated`), which ``trace`` notes;
        never a skill's ("deep and active learning") nor an evidence phrase."""
        found = self._phrase_at(tokens, words, at, phrase, opens)
        if found is not None or phrase.evidence is not None:
            return found
        if phrase.concept not in self._coordinable:
            return None
        pair = (phrase.lower, phrase.lemma, phrase.joined)
        across = coordinated(tokens, words, at, pair, self._exact_vocabulary)
        if across is None:
            return None
        if trace is not None:
            kind: Rung = "lemma" if across.by_lemma else ("exact" if phrase.is_label else "alias")
            start, end = tokens.start[words[at]], tokens.end[across.last]
            why = f"read across '{across.conjunction}', beside '{across.sibling}'"
            trace.note(phrase.concept, start, end, kind, why)
        return across.last, across.by_lemma

    def _phrase_at(
        self, tokens: Tokens, words: list[int], at: int, phrase: _Phrase, opens: Sequence[int]
    ) -> tuple[int, bool] | None:
        """Last token index and whether lemmas were needed, if ``phrase`` starts here."""
        by_lemma = False
        if at + len(phrase.lower) > len(words):
            return None
        for offset, (lower, lemma) in enumerate(zip(phrase.lower, phrase.lemma, strict=True)):
            index = words[at + offset]
            if tokens.lower[index] == lower:
                pass
            elif tokens.lemma[index] == lemma:
                by_lemma = True
            else:
                return None
            if offset and not self._gap_ok(
                tokens, words[at + offset - 1], index, phrase.joined[offset - 1], opens
            ):
                return None
        return words[at + len(phrase.lower) - 1], by_lemma

    @staticmethod
    def _gap_ok(
        tokens: Tokens, left: int, right: int, needs_symbol: bool, opens: Sequence[int]
    ) -> bool:
        """Whether two words are adjacent in the sense of a phrase."""
        symbols, lines = right - left - 1, tokens.line[right] - tokens.line[left]
        # A blank line (a heading, a page) ends a phrase, unless the sentence runs on
        # over it in lowercase, as pdfminer leaves one inside a wrapped item.
        if symbols > 1 or (lines > 1 and opens[tokens.line[right]] != opens[tokens.line[left]]):
            return False
        if symbols == 1 and tokens.surface[left + 1] not in JOINERS:
            return False
        # "CI CD" is not "CI/CD"; but "scikit learn" is "scikit-learn".
        return not (symbols == 0 and needs_symbol)

    def _match_ambiguous(
        self,
        clean: CleanText,
        tokens: Tokens,
        words: list[int],
        tech_lines: set[int],
        add: _Adder,
        trace: Trace | None = None,
    ) -> None:
        if not self._ambiguous:
            return
        line_of = tokens.line
        for position, index in enumerate(words):
            for concept, surface, proxy in self._ambiguous.get(tokens.surface[index], []):
                last = index + len(surface) - 1
                if last >= len(tokens) or tokens.surface[index : last + 1] != surface:
                    continue
                kind: Rung = "guarded" if proxy is None else "evidence"
                start, end = tokens.start[index], tokens.end[last]
                ok, why = corroborated(
                    clean,
                    tokens,
                    words,
                    (position, last),
                    tech_lines,
                    self._cues.get(concept, SHARED_CUES),
                    self.pipeline.is_english_word,
                )
                if ok:
                    add(concept, start, end, kind, proxy)
                if trace is not None:
                    if ok:
                        trace.note(concept, start, end, kind, why)
                    else:
                        trace.reject(concept, start, end, kind, "no_cue", why)
            on_tech_line = line_of[index] in tech_lines
            if not on_tech_line and trace is None:
                continue
            # Another case ("torch", "SPARK") only as an item of a list of technologies.
            for concept, folded, proxy in self._ambiguous_folded.get(tokens.lower[index], []):
                last = index + len(folded) - 1
                if last >= len(tokens) or tokens.lower[index : last + 1] != folded:
                    continue
                kind = "guarded" if proxy is None else "evidence"
                if on_tech_line and list_item(tokens, index, last)[2]:
                    add(concept, tokens.start[index], tokens.end[last], kind, proxy)
                elif trace is not None and not self._exact_case(tokens, index, concept):
                    trace.reject(
                        concept,
                        tokens.start[index],
                        tokens.end[last],
                        kind,
                        "case",
                        "on a line of technologies, not a list item" if on_tech_line else "",
                    )

    def _exact_case(self, tokens: Tokens, index: int, concept: str) -> bool:
        """Whether one of ``concept``'s ambiguous forms stands at ``index`` as written."""
        return any(
            tokens.surface[index : index + len(surface)] == surface
            for owner, surface, _ in self._ambiguous.get(tokens.surface[index], [])
            if owner == concept
        )

    def _match_fuzzy(
        self,
        tokens: Tokens,
        words: list[int],
        covered: set[int],
        add: _Adder,
        clean: CleanText,
        tech_lines: set[int],
        trace: Trace | None = None,
    ) -> None:
        if not self._fuzzy_terms:
            return
        candidates: dict[str, int] = {}
        english = self.pipeline.is_english_word
        lower = tokens.lower
        for position, index in enumerate(words):
            word = lower[index]
            if (
                word not in candidates
                and index not in covered
                and len(word) >= FUZZY_MIN_LENGTH - 1
                and word.isalpha()
                and word not in self._exact_vocabulary
                and word not in TECHNOLOGY_NAMES
                and not english(word)
                and not self.pipeline.is_stop_word(word)
            ):
                candidates[word] = index
            # A name split in two ("Tensor Flow") must equal a term once joined.
            if position + 1 < len(words):
                nxt = words[position + 1]
                owner = self._fuzzy_owner_of.get(word + lower[nxt])
                if owner is not None:
                    self._split_pair(
                        owner, tokens, index, nxt, covered, add, clean, tech_lines, trace
                    )
        if not candidates:
            return
        from rapidfuzz.distance import OSA  # the one rapidfuzz import
        from rapidfuzz.process import cdist

        keys = list(candidates)
        distances = cdist(
            keys, self._fuzzy_terms, scorer=OSA.distance, score_cutoff=MAX_EDITS, workers=1
        )
        rows, columns = (distances <= MAX_EDITS).nonzero()
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            key, term = keys[row], self._fuzzy_terms[column]
            distance = int(distances[row][column])
            allowed = 1 if len(term) <= ONE_EDIT_UP_TO else MAX_EDITS
            refusal = fuzzy_refusal(key, term, distance, allowed)
            index = candidates[key]
            span: tuple[str, int, int, Rung] = (
                self._fuzzy_owner[column],
                tokens.start[index],
                tokens.end[index],
                "fuzzy",
            )
            if refusal is None:
                add(*span)
            if trace is not None and distance:
                edits = f"{distance} edit{'s' if distance > 1 else ''} from '{term}'"
                limit = f"{allowed} allowed in a name of {len(term)} letters"
                if refusal is None:
                    trace.note(*span, f"{edits} ({limit})")
                else:
                    trace.reject(*span, refusal, f"{edits} ({limit}): {FUZZY_WHY[refusal]}")

    def _split_pair(
        self,
        owner: str,
        tokens: Tokens,
        index: int,
        nxt: int,
        covered: set[int],
        add: _Adder,
        clean: CleanText,
        tech_lines: set[int],
        trace: Trace | None,
    ) -> None:
        """A name split in two ("Tensor Flow") added as a fuzzy hit where it counts."""
        word, second = tokens.lower[index], tokens.lower[nxt]
        if not (
            len(word) > 1
            and len(second) > 1
            and nxt == index + 1
            and tokens.start[nxt] - tokens.end[index] == 1
            and tokens.line[nxt] == tokens.line[index]
            and not (index in covered and nxt in covered)
            and not self.pipeline.is_stop_word(word)
            and not self.pipeline.is_stop_word(second)
        ):
            return
        span: tuple[str, int, int, Rung] = (owner, tokens.start[index], tokens.end[nxt], "fuzzy")
        if self._ordinary_pair(tokens, index, nxt):
            if trace is not None:
                trace.reject(
                    *span, "split_ordinary", f"two lowercase English words, not '{word}{second}'"
                )
        elif self._split_in_context(owner, index, tokens, clean, tech_lines):
            add(*span)
            if trace is not None:
                trace.note(*span, f"'{word}{second}' written in two words")
        elif trace is not None:
            trace.reject(
                *span,
                "split_context",
                f"'{word}{second}' in two words, off a line of technologies, outside skills",
            )

    def _ordinary_pair(self, tokens: Tokens, index: int, nxt: int) -> bool:
        """Two lowercase English words ("data flow") are those words, not a name split
        in two; "Data Flow" and "Tensor Flow" may be the name."""
        return all(
            tokens.surface[i][:1].islower() and self.pipeline.is_english_word(tokens.lower[i])
            for i in (index, nxt)
        )

    def _split_in_context(
        self,
        owner: str,
        index: int,
        tokens: Tokens,
        clean: CleanText,
        tech_lines: set[int],
    ) -> bool:
        """A tool name split in two ("Tensor Flow", "Sea Born") counts only on a line with
        other technologies or in a skills section; an activity's ("stake holders") always.
        ``tech_lines`` are the lines of skills found before the fuzzy rung."""
        if owner not in self._skill_concepts:
            return True
        if clean.line_index(tokens.start[index]) in tech_lines:
            return True
        section = clean.section_of(tokens.start[index])
        return section is not None and section.kind in SKILL_SECTIONS


def _drop_nested(matches: list[Match], trace: Trace | None = None) -> list[Match]:
    """Drop a hit that lies inside a longer hit of the same concept ("scikit" in "scikit learn")."""
    kept: list[Match] = []
    reach: dict[str, tuple[int, float]] = {}
    for match in matches:  # sorted by start, longest first
        end, confidence = reach.get(match.concept, (-1, 0.0))
        if end >= match.end and confidence >= match.confidence:
            if trace is not None:  # an exact hit inside a weaker fuzzy one stays
                trace.reject(match.concept, match.start, match.end, match.kind, "nested", "")
            continue
        kept.append(match)
        if match.end >= end:
            reach[match.concept] = (match.end, match.confidence)
    return sorted(kept, key=lambda m: (m.start, m.end, m.concept))

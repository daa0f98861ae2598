"""Key phrases of a responsibility: known concepts first, then technology names and
acronyms, then noun phrases."""

from __future__ import annotations

import copy
import re
from typing import Any

from kwmatch.draft.fields import industry_names, spoken_languages
from kwmatch.draft.heads import (
    names_a_team,
    names_people,
    possessive,
    shouted,
    team_after,
    without_company_blurb,
)
from kwmatch.draft.known import in_posting_words, raw_concepts
from kwmatch.draft.newconcept import NewConcept
from kwmatch.draft.phrases import key_phrases
from kwmatch.draft.posting import MAX_CONCEPTS, SKILL_YEARS, slug
from kwmatch.draft.prose import tags
from kwmatch.draft.technologies import TECHNOLOGY_NAMES
from kwmatch.draft.tokens import (
    in_name_list,
    sentence_starts,
    token_span,
)
from kwmatch.draft.tools import EvidenceNames
from kwmatch.draft.variants import number_variant
from kwmatch.lexicon import (
    GENERIC,
    NOT_TECH,
    PEOPLE,
    QUALIFIERS,
    VERBS,
)
from kwmatch.match import Matcher
from kwmatch.nlp import Pipeline, Tokens
from kwmatch.taxonomy import (
    Taxonomy,
)
from kwmatch.text import clean

#: An acronym has at least this many capitals (and a word this many letters).
_MIN_ACRONYM = 2
#: A capitalized name that is no English word has at least this many letters.
_MIN_NAME = 3
#: Tokens from a word to the next across a hyphen ("k", "-", "NN").
_HYPHEN_SPAN = 2
#: An acronym this short that is also an English word ("SAP") is ambiguous.
_SHORT_ACRONYM = 4

#: A text with this many lowercase words or more is checked for its language; English
#: when at least _ENGLISH_SHARE of them are English words.
_MIN_WORDS_FOR_LANGUAGE = 4
_ENGLISH_SHARE = 0.5


class ConceptFinder:
    """Finds the concepts of responsibility texts: known ones first, then new ones."""

    def __init__(self, known: Taxonomy, pipeline: Pipeline, document_text: str) -> None:
        self.known = known
        self.pipeline = pipeline
        self.matcher = Matcher(known, pipeline)
        self.raw = raw_concepts(known)
        self.evidence_names = EvidenceNames(known, pipeline.is_english_word)
        self.tool_names = EvidenceNames(TECHNOLOGY_NAMES, pipeline.is_english_word)
        self.index: dict[str, str] = {}
        self.ambiguous: dict[str, str] = {}
        for concept in known.concepts.values():
            for phrase in concept.phrases:
                for key in self._keys(phrase):
                    self.index.setdefault(key, concept.id)
            for form in concept.ambiguous:
                self.ambiguous.setdefault(form, concept.id)
                for key in self._keys(form):  # no new concept may claim a guarded form
                    self.index.setdefault(key, concept.id)
        self.new: dict[str, NewConcept] = {}
        self.ids = set(known.concepts)
        self.used: dict[str, None] = {}
        self.surface: dict[str, str] = {}
        """The posting's own words for each known concept, where it first names one."""
        self.expansion_of: dict[str, str] = {}
        self.acronym_of: dict[str, str] = {}
        self._learn_acronyms(document_text)

    # -- keys ------------------------------------------------------------------------------

    def _keys(self, phrase: str) -> tuple[str, str]:
        tokens = self.pipeline.tokenize(phrase)
        lower = [w for w, is_word in zip(tokens.lower, tokens.is_word, strict=True) if is_word]
        return " ".join(lower), " ".join(self.pipeline.lemmas(lower))

    def _known(self, phrase: str) -> str | None:
        for key in self._keys(phrase):
            if key in self.index:
                return self.index[key]
        return None

    def _learn_acronyms(self, text: str) -> None:
        """ "Long form (ACRONYM)" pairs whose initials match."""
        for match in re.finditer(r"((?:[A-Za-z][\w-]*\s+){1,6})\(([A-Z][A-Za-z]{1,7})\)", text):
            acronym = match.group(2)
            capitals = [c for c in acronym if c.isupper()]
            words = match.group(1).split()
            if len(capitals) < _MIN_ACRONYM or len(capitals) > len(words):
                continue
            expansion = words[-len(capitals) :]
            if [w[0].lower() for w in expansion] != [c.lower() for c in capitals]:
                continue
            long_form = " ".join(expansion)
            self.expansion_of.setdefault(acronym, long_form)
            self.acronym_of.setdefault(self._keys(long_form)[1], acronym)

    # -- finding ---------------------------------------------------------------------------

    def find_tags(self, text: str) -> list[str]:
        """Ids of the concepts of a tag line ("python amazon-web-services"), one a tag."""
        ids = []
        for tag in tags(text):
            found = self.find(tag, False, names_first=True)
            ids.extend(found or [self._concept_for(tag, kind="skill")])
        ids = list(dict.fromkeys(ids))
        for cid in ids:
            self.used.setdefault(cid, None)
        return ids

    def find_industries(self, value: str) -> list[str]:
        """Ids of the industries of an "Industry:" value, one concept each."""
        ids = []
        for name in industry_names(value):
            cid = self._concept_for(name, kind="skill")
            self.surface.setdefault(cid, name)
            ids.append(cid)
        ids = list(dict.fromkeys(ids))
        for cid in ids:
            self.used.setdefault(cid, None)
        return ids

    def find(
        self, text: str, must: bool, *, names_first: bool = False, names_only: bool = False
    ) -> list[str]:
        """Ids of the concepts ``text`` names, in order; a ``must`` text that names none gets
        its longest key phrase (a lone word is none: "Lend a hand").

        ``names_first``: the text opens with a name ("Flask APIs: 2 years"), so a
        capitalized first word may be a technology. ``names_only``: a sentence about the
        company; known concepts count, other technology names only beside a known one
        (its brands and places are capitalized too), noun phrases not at all.
        """
        skill_line = SKILL_YEARS.match(text)
        if skill_line and not names_first:
            skill = skill_line.group("skill").strip()
            ids = self.find(skill, False, names_first=True)
            lemmas = self._keys(skill)[1].split()
            if not ids and lemmas and not all(w in GENERIC or w in QUALIFIERS for w in lemmas):
                ids = [self._concept_for(skill, kind="skill")]
            for cid in ids:
                self.used.setdefault(cid, None)
            return ids
        text = without_company_blurb(text)
        clean_text = clean([text], self.pipeline.is_english_word)
        tokens = self.pipeline.tokenize(clean_text.text)
        found: list[tuple[int, str]] = []
        covered: set[int] = set()
        if not self._english(tokens):
            return []  # a sentence in another language: its capitalized nouns are no names
        for match in self.matcher.match(clean_text, tokens):
            if match.kind == "evidence" or (match.kind == "near" and names_only):
                continue  # the posting does not name it: "Airflow" is a tool of its own
            if names_only and self.known.concepts[match.concept].kind != "skill":
                continue  # "our hiring process": a sentence about the company names no duty
            span = token_span(tokens, match.start, match.end)
            covered.update(span)
            if (
                names_people(tokens, span)
                or (span and team_after(tokens, span[-1]))
                or (
                    self.known.concepts[match.concept].kind == "activity"
                    and span
                    and not tokens.lower[span[0]].endswith("ing")  # "mentoring junior engineers"
                    and names_a_team(tokens, span[-1])
                )
            ):
                continue  # "work with stakeholders", "our Simulation Software Engineers"
            found.append((match.start, match.concept))
            if match.kind != "fuzzy":  # a typo is no label
                self.surface.setdefault(match.concept, " ".join(match.text.split()))
        self._find_names(clean_text.text, tokens, covered, found)
        self._find_long_forms(clean_text.text, tokens, covered, found)
        starts = sentence_starts(tokens)
        self._find_ambiguous(clean_text.text, tokens, covered, starts, found)
        known_skill = any(
            cid in self.known.concepts and self.known.concepts[cid].kind == "skill"
            for _, cid in found
        )
        if not names_only or known_skill:
            self._find_tools(clean_text.text, tokens, covered, starts, found)
            self._find_tech(
                clean_text.text, tokens, covered, set() if names_first else starts, found
            )
        phrases = [] if names_only else key_phrases(self.pipeline, tokens, covered, starts, False)
        if must and not found and not phrases:
            phrases = key_phrases(self.pipeline, tokens, covered, starts, True)[:1]
        for start, phrase in phrases:
            found.append((start, self._concept_for(phrase, kind="activity")))
        ordered = [cid for _, cid in sorted(found, key=lambda pair: pair[0])]
        ids = list(dict.fromkeys(ordered))[:MAX_CONCEPTS]
        for cid in ids:
            self.used.setdefault(cid, None)
        return ids

    def _find_names(
        self, text: str, tokens: Tokens, covered: set[int], found: list[tuple[int, str]]
    ) -> None:
        """Spoken languages ("fluent German") and the tools and methods the known taxonomy
        lists as evidence ("Airflow", "dbt"), each a concept under its own name."""
        languages = ((start, start + len(name), name) for start, name in spoken_languages(text))
        for start, end, name in (*languages, *self.evidence_names.find(text)):
            span = token_span(tokens, start, end)
            if not any(index in covered for index in span):
                found.append((start, self._concept_for(name, kind="skill")))
                covered.update(span)

    def _find_tools(
        self,
        text: str,
        tokens: Tokens,
        covered: set[int],
        starts: set[int],
        found: list[tuple[int, str]],
    ) -> None:
        """Names of widely used tools (``TECHNOLOGY_NAMES``), in lower case too where the
        name is no English word ("gradle"); one that is an English word ("Storm") counts
        in its capitals, and not where it opens a sentence ("Spring is here") unless a list
        of names goes on from it ("React & Redux", "Storm, Flink")."""
        for start, end, name in self.tool_names.find(text):
            span = token_span(tokens, start, end)
            if not span or any(index in covered for index in span):
                continue
            after = span[-1] + 1
            listed = after >= len(tokens) or tokens.line[after] != tokens.line[span[-1]]
            listed = listed or tokens.lower[after] in ("&", ",", "/", "and", "or")
            if team_after(tokens, span[-1]):
                covered.update(span)
                continue  # "the SRE team"
            if (
                span[0] in starts
                and not listed
                and " " not in name
                and self.pipeline.is_english_word(name.lower())
            ):
                continue
            found.append((start, self._concept_for(name, kind="skill")))
            covered.update(span)

    def _find_long_forms(
        self, text: str, tokens: Tokens, covered: set[int], found: list[tuple[int, str]]
    ) -> None:
        """The long form of an acronym the posting spells out ("Simultaneous Localization
        and Mapping (SLAM)") is one concept, stop words inside it included."""
        for acronym, long_form in self.expansion_of.items():
            pattern = r"(?<![\w-])" + r"\s+".join(map(re.escape, long_form.split())) + r"(?![\w-])"
            for match in re.finditer(pattern, text, re.I):
                span = token_span(tokens, match.start(), match.end())
                if any(index in covered for index in span):
                    continue
                found.append((match.start(), self._concept_for(acronym, kind="skill")))
                covered.update(span)

    def _find_ambiguous(
        self,
        text: str,
        tokens: Tokens,
        covered: set[int],
        starts: set[int],
        found: list[tuple[int, str]],
    ) -> None:
        """A guarded form (Spark, Angular, Django) written in its case counts in a posting."""
        for index, surface in enumerate(tokens.surface):
            cid = self.ambiguous.get(surface)
            if cid is None or index in covered or len(surface) < _MIN_NAME:
                continue
            if index in starts and self.pipeline.is_english_word(tokens.lower[index]):
                continue  # "Spark" opening a sentence is as likely the verb
            concept = self.known.concepts[cid]
            if surface in concept.evidence:
                continue  # a tool that shows the concept: drafted under its own name
            if any(
                m.start() <= tokens.start[index] < m.end()
                for pattern in concept.not_in
                for m in re.finditer(pattern, text, re.I)
            ):
                continue
            found.append((tokens.start[index], cid))
            covered.add(index)

    def _find_tech(
        self,
        text: str,
        tokens: Tokens,
        covered: set[int],
        starts: set[int],
        found: list[tuple[int, str]],
    ) -> None:
        """Technology names and acronyms: camel case, capitals, digits, C++, Laravel."""
        skills = {c.id for c in self.known.concepts.values() if c.kind == "skill"}
        context = any(cid in skills for _, cid in found) or any(
            self._techy(tokens, i, True, False) for i in range(len(tokens)) if i not in covered
        )

        def is_name(other: int) -> bool:  # a known technology or a name by its form
            return other in covered or self._techy(tokens, other, False, True)

        index = 0
        while index < len(tokens):
            if index in covered or not (
                self._techy(tokens, index, index in starts, context)
                or (
                    context and self._listed(tokens, index) and in_name_list(tokens, index, is_name)
                )
            ):
                index += 1
                continue
            first = last = index
            # "k-NN": a word joined by a hyphen belongs to the name.
            if (
                first >= _HYPHEN_SPAN
                and tokens.surface[first - 1] == "-"
                and tokens.end[first - 2] == tokens.start[first - 1]
                and tokens.end[first - 1] == tokens.start[first]
                and tokens.is_word[first - 2]
                and first - 2 not in covered
            ):
                first -= 2
            # "Naive Bayes", "Code Igniter": a capitalized word right before the name.
            elif (
                first >= 1
                and first - 1 not in covered
                and first - 1 not in starts
                and tokens.is_word[first - 1]
                and tokens.surface[first - 1][:1].isupper()
                and not tokens.surface[first].isupper()
                and tokens.line[first - 1] == tokens.line[first]
                and tokens.start[first] - tokens.end[first - 1] == 1
                and self._may_name(tokens, first - 1)
            ):
                first -= 1
            surface = text[tokens.start[first] : tokens.end[last]]
            surface = re.sub(r"(?<=[A-Z])(?:'s|s)$", "", surface)  # "API's", "APIs"
            if not team_after(tokens, last):  # "our QA team", "the IT teams on site"
                found.append((tokens.start[first], self._concept_for(surface, kind="skill")))
            covered.update(range(first, last + 1))
            index = last + 1

    def _english(self, tokens: Tokens) -> bool:
        """Whether most of the lowercase words of a text are English ones."""
        words = [
            lower
            for lower, surface, is_word in zip(
                tokens.lower, tokens.surface, tokens.is_word, strict=True
            )
            if is_word and surface.isalpha() and surface.islower()
        ]
        if len(words) < _MIN_WORDS_FOR_LANGUAGE:
            return True
        english = sum(
            1 for w in words if self.pipeline.is_english_word(w) or self.pipeline.is_stop_word(w)
        )
        return english / len(words) >= _ENGLISH_SHARE

    def _listed(self, tokens: Tokens, index: int) -> bool:
        """Whether a dictionary word may be a name in a list of them ("Redux", "Oracle"):
        no stop word, qualifier, generic word or person ("An", "Advanced", "Engineer")."""
        lower, lemma = tokens.lower[index], tokens.lemma[index]
        return not (
            self.pipeline.is_stop_word(lower)
            or lower in QUALIFIERS
            or lemma in GENERIC
            or lemma in PEOPLE
        )

    def _may_name(self, tokens: Tokens, index: int) -> bool:
        """Whether a capitalized word may be the first part of a name ("Naive Bayes")."""
        lower, lemma = tokens.lower[index], tokens.lemma[index]
        return not (
            self.pipeline.is_stop_word(lower)
            or lemma in VERBS
            or lower in QUALIFIERS
            or lower.endswith(("ing", "ed"))
        )

    def _techy(self, tokens: Tokens, index: int, opens: bool, context: bool) -> bool:
        """Whether a token looks like a technology's name.

        ``opens``: it starts a sentence (where any word is capitalized); ``context``: the
        text names other technologies, which a dictionary noun needs to count ("R, Weka,
        NumPy" but not "Photos, Sound and Film files").
        """
        if not tokens.is_word[index] or possessive(tokens, index):
            return False  # "Acme's platform": the company (its known tools were found)
        surface = tokens.surface[index]
        bare = re.sub(r"(?:'s|s)$", "", surface) if surface[-1:] == "s" else surface
        lower = tokens.lower[index]
        letters = sum(c.isalpha() for c in surface)
        if letters == 0 or lower in NOT_TECH or bare.lower() in NOT_TECH:
            return False
        if surface.endswith(("++", "#")) or surface.startswith(".") or ".js" in lower:
            return True
        if any(c.isdigit() for c in surface):
            return letters >= 1 and not re.fullmatch(
                r"\d+(?:st|nd|rd|th|s|k|m|x|yrs?|years?|\+)?", lower
            )
        if letters >= _MIN_ACRONYM and any(c.isupper() for c in bare[1:]):
            # "WHAT YOU WILL DO", a lone "WE": a heading in capitals, not acronyms
            return not (surface.isupper() and shouted(self.pipeline, tokens, index))
        # "Laravel", "Weka": a capitalized word that is no common English word, off a
        # sentence's start (where "Architecting" is capitalized for being first).
        classes = self.pipeline.word_classes(lower)
        return (
            not opens
            and surface[0].isupper()
            and len(surface) >= _MIN_NAME
            and not self.pipeline.is_english_word(lower)
            and not self.pipeline.is_stop_word(lower)
            and not classes & {"adj", "adv", "verb"}
            and (context or not classes)
        )

    def _concept_for(self, phrase: str, kind: str) -> str:
        """The id of the concept a phrase names: a known one, or a new one made for it."""
        known = self._known(phrase)
        if known is not None:
            return known
        long_form = self.expansion_of.get(phrase)
        if long_form is not None:  # "AI" stands for "artificial intelligence"
            known = self._known(long_form)
            if known is not None:
                return known
        lemma_key = self._keys(phrase)[1]
        key = lemma_key
        acronym = self.acronym_of.get(lemma_key)
        if long_form is not None:
            key = self._keys(long_form)[1]
            acronym = phrase
        elif acronym is not None and self._known(acronym) is not None:
            return self._known(acronym) or ""
        if key in self.new:
            return self.new[key].id
        if long_form is not None:
            label = long_form[:1].upper() + long_form[1:]
        elif kind == "skill":
            label = phrase  # a name as the posting writes it: "k-NN", "WebSockets"
        else:
            label = phrase[:1].upper() + phrase[1:].lower()
        new = NewConcept(id=self._new_id(label), label=label, kind=kind)
        if acronym is not None and acronym.lower() != label.lower():
            if (
                acronym.isupper()
                and len(acronym) <= _SHORT_ACRONYM
                and self.pipeline.is_english_word(acronym.lower())
            ):
                new.ambiguous.append(acronym)
            else:
                new.aliases.append(acronym)
        short = label.isupper() and len(label) <= _SHORT_ACRONYM
        if short and self.pipeline.is_english_word(label.lower()):
            new.ambiguous.append(label)  # "SAP", "ELK": exact case only, in a tech context
        if kind == "activity" or long_form is not None:
            new.aliases.extend(v for v in [number_variant(label)] if v and v not in new.aliases)
        self.new[key] = new
        return new.id

    def _new_id(self, label: str) -> str:
        base = slug(label)[:50].strip("-") or "concept"
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    def concepts(self) -> list[dict[str, Any]]:
        """Every concept used, in order of first use: known ones as the base writes them."""
        by_id = {c.id: c for c in self.new.values()}
        out: list[dict[str, Any]] = []
        taken = {
            " ".join(phrase.lower().split())
            for cid in self.used
            if cid not in by_id
            for phrase in (*self.raw[cid].get("aliases", ()), *self.raw[cid].get("ambiguous", ()))
        }
        for cid in self.used:
            if cid in by_id:
                new = by_id[cid]
                # A draft must validate: no alias may belong to two concepts.
                new.aliases = [a for a in new.aliases if " ".join(a.lower().split()) not in taken]
                new.ambiguous = [a for a in new.ambiguous if a.lower() not in taken]
                taken.update(a.lower() for a in (*new.aliases, *new.ambiguous))
                out.append(new.as_data())
            else:
                known = copy.deepcopy(self.raw[cid])
                out.append(in_posting_words(known, self.surface.get(cid, ""), taken))
        return out

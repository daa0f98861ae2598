"""The edges of a key phrase: a phrase names a thing when its last word can be a noun,
and a verb right after its subject ("you possess", "should feel") is no part of it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kwmatch.nlp import Pipeline, Tokens

#: What a workplace offers or checks, beyond the shared furniture words: a key phrase
#: holding one, as written or as its lemma ("flat hierarchies", "subsidised restaurants",
#: "criminal record check", "proven track record", "gym membership", "bike storage",
#: "referral scheme", "application button") names nothing a candidate knows or does.
PERKS = frozenset(
    """
    hierarchy hierarchies restaurant restaurants cafe cafes cafeteria campus fitness
    terrace rooftop furniture dress tennis foosball fruit fruits drink drinks coffee
    atmosphere colleague colleagues nationality nationalities probation probationary
    record reference references discount discounts subsidised subsidized
    yoga gym membership wellness wellbeing bike bicycle referral pension insurance
    retreat hackathon quiz bureaucracy vacation holiday lunch snack massage esop
    relocation allowance fee eye button faq classes
    """.split()
)

#: Words after which the next word is the verb of a clause ("you feel", "to start").
SUBJECTS = frozenset(
    "to will can must should may might could would you we they everyone anyone i".split()
)


def can_be_noun(pipeline: Pipeline, lower: str, lemma: str) -> bool:
    """Whether a word may head a noun phrase: the dictionary lists it (or its lemma) as a
    noun, it is a verb's gerund, or the dictionary does not know it (a name: "Kafka")."""
    classes = pipeline.word_classes(lower) | pipeline.word_classes(lemma)
    if lower.endswith("ing") and "verb" in classes:
        return True  # a gerund: "network troubleshooting", "server-side rendering"
    if classes:
        return "noun" in classes
    return not pipeline.is_english_word(lower) and not pipeline.is_english_word(lemma)


def verb_after_subject(pipeline: Pipeline, before: str, lower: str, lemma: str) -> bool:
    """Whether a word is the verb of its clause: it follows a subject or a modal and the
    dictionary knows it as a verb ("you possess strong skills", "feel free")."""
    if before not in SUBJECTS:
        return False
    return "verb" in (pipeline.word_classes(lower) | pipeline.word_classes(lemma))


#: Conjunctions the stop-word list lacks: they join clauses, not the words of a name
#: ("code quality whilst overseeing releases").
CONJUNCTIONS = frozenset("whilst alongside unlike versus".split())


def clause_verb(pipeline: Pipeline, lower: str, lemma: str) -> bool:
    """Whether a word is an inflected verb and nothing else ("requires", "unites") or a
    conjunction: it ends a phrase, as a stop word does ("this role requires sound
    judgement")."""
    if lower in CONJUNCTIONS:
        return True
    own = pipeline.word_classes(lower)
    if lower == lemma or lower.endswith("ing"):
        return False  # a bare form or a gerund may be a noun ("test", "troubleshooting")
    return own <= {"verb"} and pipeline.word_classes(lemma) == {"verb"}


#: A company describing itself inside a requirement line ("... is a global leader in
#: payments", "as one of the leading providers of cloud services"): the company's name is often a
#: placeholder the posting lost, so the blurb is known by its verb and its head.
_COMPANY_BLURB = re.compile(
    r"\b(?:is|are|as|being)\s+(?:a|an|the|one of the)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:leaders?|providers?|suppliers?|makers?|manufacturers?)\b[^.!?]*[.!?]?",
    re.I,
)


def without_company_blurb(text: str) -> str:
    """``text`` without the company's description of itself, up to that sentence's end
    ("Strong SQL skills. The firm is a global leader in payments serving banks")."""
    return _COMPANY_BLURB.sub(" ", text).strip() or text


def in_capitals(pipeline: Pipeline, tokens: Tokens, index: int) -> bool:
    """An English word (a stop word too: "WHAT WE OFFER") in capitals beside another word
    in capitals: a heading, not a row of acronyms."""
    lower = tokens.lower[index]
    if not (pipeline.is_english_word(lower) or pipeline.is_stop_word(lower)):
        return False
    return any(
        0 <= other < len(tokens)
        and tokens.is_word[other]
        and tokens.surface[other].isupper()
        and len(tokens.surface[other]) > 1
        and tokens.line[other] == tokens.line[index]
        for other in (index - 1, index + 1)
    )


def new_item(pipeline: Pipeline, tokens: Tokens, index: int) -> bool:
    """Whether a word opens a new item of a list that lost its bullets and full stops
    ("a fast-paced setting Curiosity about data"): a capitalized dictionary word
    right after a lowercase one."""
    surface, before = tokens.surface[index], tokens.surface[index - 1]
    return (
        surface[:1].isupper()
        and surface[1:].islower()
        and before.isalpha()
        and before.islower()
        and pipeline.is_english_word(tokens.lower[index])
    )


#: A phrase opening with one of these is a job title ("Senior Backend", "Junior Data").
TITLE_WORDS = frozenset("senior junior principal".split())
#: Modifiers that point elsewhere or praise, and name no kind of thing ("the mentioned
#: technologies", "exciting new tools", "evolving needs").
POINTERS = frozenset(
    "mentioned aforementioned exciting evolving required comparable equivalent related".split()
)


def state_of_the_art(lowers: Sequence[str], index: int) -> bool:
    """Whether the word at ``index`` is the "art" of "state of the art" (an idiom for
    new, whose last word is no part of the phrase after it)."""
    words = [w for w in lowers[max(0, index - 6) : index + 1] if w.isalpha()]
    return words[-4:] == ["state", "of", "the", "art"]


#: Pronouns, articles and question words: in capitals they are shouted, never an
#: acronym ("WE OFFER", "YOUR PROFILE"); "IT" and "IS" may be acronyms and are not here.
SHOUTED = frozenset("we you your our us they their what who why how the to and or of for".split())


def shouted(pipeline: Pipeline, tokens: Tokens, index: int) -> bool:
    """Whether a word in capitals is English written loud rather than an acronym: a
    pronoun or article wherever it stands, or a word of a heading in capitals."""
    return tokens.lower[index] in SHOUTED or in_capitals(pipeline, tokens, index)


def names_a_team(tokens: Tokens, last: int) -> bool:
    """Whether a phrase ending at token ``last`` is the name of a team ("work with the
    Payments Platform team") or of a role ("our Billing Systems Engineers", "a
    Simulation Software Engineer"): the word right after it is "team" or names people."""
    if last + 1 >= len(tokens) or tokens.line[last + 1] != tokens.line[last]:
        return False
    following = [tokens.lemma[i] for i in range(last + 1, min(last + 3, len(tokens)))]
    if following[0] == "team" or following[0] in ROLE_NOUNS:
        return True
    # "Simulation Software Engineers": a field before the role's own name
    return (
        len(following) > 1 and following[0] in ("software", "data") and (following[1] in ROLE_NOUNS)
    )


#: Words that name people or a role, as lemmas: a known concept matched by one ("work
#: with stakeholders", "the tech lead", "as a Software Engineer") names who the role
#: works with or the role itself, not what it asks.
ROLE_NOUNS = frozenset(
    """
    engineer developer scientist specialist analyst architect manager stakeholder lead
    leader owner recruiter freelancer founder designer consultant administrator
    programmer tester
    """.split()
)


def names_people(tokens: Tokens, span: range) -> bool:
    """Whether the words at ``span`` end on a word that names people or a role
    ("Stakeholders", "Tech lead", "Software Engineer"), and do not open on the activity
    done to them ("mentoring junior engineers")."""
    if not span or tokens.lemma[span[-1]] not in ROLE_NOUNS:
        return False
    return len(span) == 1 or not tokens.lower[span[0]].endswith("ing")


def describes(pipeline: Pipeline, lower: str) -> bool:
    """A word an English dictionary knows only as an adjective or adverb."""
    classes = pipeline.word_classes(lower)
    return bool(classes) and classes <= {"adj", "adv"}


def possessive(tokens: Tokens, index: int) -> bool:
    """Whether a word is in the possessive ("Acme's", "Acme’s"): in a posting a name so
    written owns something, a company or a person; a tool's name was found before. An
    acronym's "'s" is its plural ("API's", "SoC's")."""
    bare = tokens.surface[index].removesuffix("'s").removesuffix("’s")
    if sum(c.isupper() for c in bare) > 1:
        return False
    if tokens.surface[index].endswith(("'s", "’s")):
        return True
    after = index + 2
    return (
        after < len(tokens)
        and tokens.surface[index + 1] in ("'", "’")
        and tokens.lower[after] == "s"
        and tokens.end[index] == tokens.start[index + 1]
        and tokens.end[index + 1] == tokens.start[after]
    )


def team_after(tokens: Tokens, last: int) -> bool:
    """Whether the word after token ``last``, on its line, is "team" ("the SRE team", "our
    QA teams"): a name before it names the team, not a tool the role uses."""
    after = last + 1
    return (
        after < len(tokens)
        and tokens.line[after] == tokens.line[last]
        and (tokens.lemma[after] == "team")
    )

"""The edges of a key phrase: a phrase names a thing when its last word can be a noun,
and a verb right after its subject ("you possess", "should feel") is no part of it."""

from __future__ import annotations

from kwmatch.nlp import Pipeline

#: What a workplace offers or checks, beyond the shared furniture words: a key phrase
#: holding one ("flat hierarchies", "subsidised restaurants", "criminal record check",
#: "proven track record") names nothing a candidate knows or does.
PERKS = frozenset(
    """
    hierarchy hierarchies restaurant restaurants cafe cafes cafeteria campus fitness
    terrace rooftop furniture dress tennis foosball fruit fruits drink drinks coffee
    atmosphere colleague colleagues nationality nationalities probation probationary
    record reference references discount discounts subsidised subsidized
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

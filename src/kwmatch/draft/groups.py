"""Sections into the groups of a taxonomy: core, levels, specializations, required and
preferred, with each responsibility's text, source and how its concepts are drafted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kwmatch.draft.posting import (
    LEVEL_LABELS,
    PROSE_WORDS,
    Line,
    Section,
    sentences,
    slug,
)
from kwmatch.draft.prose import (
    PREFERRED_CUE,
    REQUIRED_CUE,
    Item,
    about_us,
    asks,
    clauses,
    is_tag_line,
    lost_bullets,
    requirement_only,
    run_on_items,
)
from kwmatch.lexicon import QUALIFIERS, VERBS
from kwmatch.nlp import Pipeline, get_pipeline

#: A list is a list of duties when this share of its items opens with a verb.
_DUTY_SHARE = 0.5
#: A section under an unknown heading becomes a group from this many items on, with an
#: id of at most _GROUP_ID_CHARS characters.
_MIN_ITEMS = 2
_GROUP_ID_CHARS = 40
#: A heading over a list of tags ("Technologies", "Tech stack", "Tags").
_TAG_HEADING = re.compile(r"\b(?:technologies|tech stack|tags|stack|keywords)\b", re.I)
_REQUIRED_ITEM = re.compile(r"\(\s*(?:required|mandatory|must)\s*\)", re.I)
_ITEM_MARKERS = re.compile(r"\s*\(\s*(?:preferred|required|desired|optional|mandatory)\s*\)", re.I)
#: Sentences that praise a role rather than say what it does.
_FRAMING = re.compile(
    r"\b(?:critical|crucial|essential|vital|pivotal|instrumental) (?:for|to|in)\b|"
    r"\bare the (?:architects|backbone|heart)\b|\bsought after\b|\bbridge the gap\b|"
    r"^their (?:role|work|expertise) is\b",
    re.I,
)


@dataclass
class Group:
    kind: str
    id: str
    label: str
    source: list[str] = field(default_factory=list)
    summary: str = ""
    items: list[Item] = field(default_factory=list)
    """The responsibilities, in order."""


def _looks_like_duties(items: list[Line], pipeline: Pipeline) -> bool:
    """Whether an unheaded list reads as duties (verbs first) rather than qualifications."""
    firsts = [line.text.split()[0].lower().strip(",:;") for line in items if line.text.split()]
    lemmas = pipeline.lemmas(firsts)
    duties = sum(1 for lemma in lemmas if lemma in VERBS and lemma not in QUALIFIERS)
    return bool(items) and duties / len(items) >= _DUTY_SHARE


def posting_groups(sections: list[Section]) -> dict[str, Group]:
    """Groups by key (``core``, ``level:entry``, ``specialization:x``, ``group:required``)."""
    builder = _GroupBuilder()
    for section in sections:
        items = section.items()
        kind = section.kind
        if kind == "intro" and items:
            kind = "core" if _looks_like_duties(items, builder.pipeline) else "required"
        if kind == "specialization":
            builder.add_specialization(section, items)
        elif kind == "other" and len(items) >= _MIN_ITEMS:
            builder.add_other(section, items)
        elif kind in ("core", "level", "required", "preferred") and (
            items or any(lost_bullets(line.text) for line in section.paragraphs())
        ):  # a section of prose paragraphs only is no list; one that lost its bullets is
            builder.add_list(section, kind, items)
    if not builder.groups:
        builder.add_prose(sections)
    return builder.groups


class _GroupBuilder:
    """The groups drafted so far, by key, and how each kind of section adds to them."""

    def __init__(self) -> None:
        self.pipeline = get_pipeline()
        self.groups: dict[str, Group] = {}

    def group(self, kind: str, group_id: str, label: str, heading: str) -> Group:
        """The group of that kind and id, made on first use; ``heading`` is a source."""
        key = f"{kind}:{group_id}"
        if key not in self.groups:
            self.groups[key] = Group(kind, group_id, label)
        if heading and heading not in self.groups[key].source:
            self.groups[key].source.append(heading)
        return self.groups[key]

    def add_specialization(self, section: Section, items: list[Line]) -> None:
        """A specialization's paragraphs and items: a responsibility per sentence that
        says what the role does."""
        target = self.group("specialization", section.group, section.heading, section.heading)
        prose = section.prose()
        if prose and not target.summary:
            target.summary = sentences(prose[0].text)[0]
        for line in [*prose, *items]:
            for position, sentence in enumerate(sentences(line.text), start=1):
                if _describes_work(sentence, self.pipeline):
                    where = f"{section.heading}, sentence {position}"
                    target.items.append(Item(sentence, where))

    def add_other(self, section: Section, items: list[Line]) -> None:
        """A list under a heading of no known kind: a free group named after it."""
        group_id = slug(section.heading)[:_GROUP_ID_CHARS].strip("-") or "other"
        if group_id in ("core", "required", "preferred"):
            group_id += "-list"
        target = self.group("group", group_id, section.heading, section.heading)
        for number, line in enumerate(items, start=1):
            where = f"{section.heading}, item {number}"
            is_sentence = not line.bullet and len(line.text.split()) >= PROSE_WORDS
            names_only = is_sentence and (not asks(line.text) or about_us(line.text))
            target.items.append(Item(line.text, where, names_only=names_only))

    def add_list(self, section: Section, kind: str, items: list[Line]) -> None:
        """A list of duties (core, a level) or of requirements (required, preferred).

        Each item (each sentence of a prose line) is cut into clauses where their cues
        differ; a clause marked "(required)" or "... is a plus" goes to that group wherever
        it stands, and a sentence that asks nothing gives only the names it holds.
        """
        heading = section.heading or "Unheaded list"
        if kind == "core":
            target = self.group("core", "core", "Core", heading)
        elif kind == "level":
            target = self.group("level", section.group, LEVEL_LABELS[section.group], heading)
        else:
            target = self.group("group", kind, kind.capitalize(), heading)
        prose = [line for line in section.prose() if line not in items]
        if prose and not target.summary:
            target.summary = sentences(prose[0].text)[0]
        must = kind in ("core", "level")
        tags = _TAG_HEADING.search(heading) is not None
        paragraphs = section.paragraphs()
        lines = [line for line in section.lines if line in items or line in paragraphs]
        for number, line in enumerate(lines, start=1):
            where = f"{heading}, item {number}"
            if tags and is_tag_line(line.text):
                target.items.append(Item(line.text, where, tags=True))
                continue
            is_sentence = not line.bullet and len(line.text.split()) >= PROSE_WORDS
            parts = sentences(line.text) if is_sentence else [line.text]
            if line in paragraphs:
                english = self.pipeline.is_english_word
                parts = [piece for part in parts for piece in run_on_items(part, english)]
            for part in parts:
                # Under a requirements heading every item asks; elsewhere (and in a
                # paragraph, which may speak of the company) a sentence must say so itself.
                listed = kind in ("required", "preferred") and not tags and line in items
                asked = listed or asks(part)
                names_only = is_sentence and (not asked or about_us(part))
                for clause in clauses(part):
                    text, item_group = clause, target
                    if kind != "level":
                        item_group = self._route(clause, kind, target, is_sentence)
                        text = _ITEM_MARKERS.sub("", clause).strip()
                    keep = must and item_group is target and not names_only
                    keep = keep and line not in paragraphs  # a paragraph's piece may be none
                    item_group.items.append(Item(text, where, keep, names_only))

    def _route(self, clause: str, kind: str, target: Group, is_sentence: bool) -> Group:
        """The group a clause of a ``kind`` list belongs to, by its cues."""
        if _REQUIRED_ITEM.search(clause):
            return self.group("group", "required", "Required", "")
        if PREFERRED_CUE.search(clause) and (kind != "core" or is_sentence):
            return self.group("group", "preferred", "Preferred", "")
        if kind == "core" and is_sentence and requirement_only(clause):
            return self.group("group", "required", "Required", "")
        if kind == "preferred" and is_sentence and REQUIRED_CUE.search(clause):
            return self.group("group", "required", "Required", "")
        return target

    def add_prose(self, sections: list[Section]) -> None:
        """A posting with no list at all: every sentence, as one required group."""
        target = self.group("group", "required", "Required", "")
        for section in sections:
            if section.kind == "drop":
                continue
            for number, line in enumerate(section.lines, start=1):
                where = f"{section.heading or 'Text'}, line {number}"
                for part in sentences(line.text):
                    names_only = not asks(part) or about_us(part)
                    for clause in clauses(part):
                        group = target
                        if PREFERRED_CUE.search(clause):
                            group = self.group("group", "preferred", "Preferred", "")
                        text = _ITEM_MARKERS.sub("", clause).strip()
                        group.items.append(Item(text, where, False, names_only))


def _describes_work(sentence: str, pipeline: Pipeline) -> bool:
    """A sentence that says what a role does, not how much it matters."""
    if _FRAMING.search(sentence):
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", sentence)]
    return any(lemma in VERBS for lemma in pipeline.lemmas(words))


def prose_groups(sections: list[Section]) -> dict[str, Group]:
    """Every sentence of the posting as one required group (and the preferred ones): for
    a posting whose lists name no concept."""
    builder = _GroupBuilder()
    builder.add_prose(sections)
    return builder.groups

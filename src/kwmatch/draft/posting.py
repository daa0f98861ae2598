"""Reading a posting: boilerplate out, lines into headings, bullets and prose, headings
into sections, sections into the groups of a taxonomy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kwmatch.draft.prose import (
    PREFERRED_CUE,
    REQUIRED_CUE,
    Item,
    about_us,
    asks,
    clauses,
    is_tag_line,
    requirement_only,
)
from kwmatch.lexicon import ABBREVIATIONS, QUALIFIERS, VERBS
from kwmatch.nlp import Pipeline, get_pipeline

LEVELS = ("entry", "mid", "senior")
LEVEL_LABELS = {"entry": "Entry level", "mid": "Mid level", "senior": "Senior level"}
#: Words of a heading that name a level, by level id.
LEVEL_WORDS = {
    "entry": "entry|junior|jr|associate|graduate|intern|internship|trainee|apprentice",
    "mid": "mid|middle|intermediate",
    "senior": "senior|sr|lead|staff|principal",
}
#: The longest item (in words) read as one responsibility in a list without bullet marks.
MAX_ITEM_WORDS = 40
#: The most concepts drafted for one responsibility.
MAX_CONCEPTS = 10

#: Line lengths, in words: a line of PROSE_WORDS or more is prose (a heading that ends in
#: a colon has fewer); a short heading has at most SHORT_HEADING_WORDS; a title-case line
#: at most TITLE_WORDS (and one under it is that long or longer); no heading is longer
#: than _MAX_HEADING_WORDS.
PROSE_WORDS = 8
SHORT_HEADING_WORDS = 6
TITLE_WORDS = 12
_MAX_HEADING_WORDS = 14
#: A posting needs this many level headings for a ladder of levels.
_MIN_LEVELS = 2
#: A list is a list of duties when this share of its items opens with a verb.
_DUTY_SHARE = 0.5
#: A section under an unknown heading becomes a group from this many items on, with an
#: id of at most _GROUP_ID_CHARS characters.
_MIN_ITEMS = 2
_GROUP_ID_CHARS = 40
_ROLE_NOUNS = (
    "engineer|developer|scientist|analyst|specialist|architect|manager|designer|"
    "administrator|consultant|researcher|programmer|technician|officer|professional|"
    "practitioner|lead|associate|intern|expert"
)
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_NOUNS})s?\b", re.I)
_LEVEL = {
    level: re.compile(rf"\b(?:{words})\b(?:[\s-]*level\b|(?=.*\b(?:{_ROLE_NOUNS})s?\b))", re.I)
    for level, words in LEVEL_WORDS.items()
}

# --- boilerplate ---------------------------------------------------------------------------

_DROP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "call to action",
        re.compile(
            r"^(?:join (?:us|our|the team|now|today|\w+ (?:for free|today|now))\b|"
            r"sign (?:up|in)\b|log ?in\b|subscribe\b|register (?:now|today|for)\b|"
            r"apply (?:now|today|here|online|for this)\b|click (?:here|to)\b|"
            r"download (?:the|our|now)\b|get started\b|start your\b|"
            r"learn (?:what|how|more|about)\b|read more\b|see (?:more|all)\b|"
            r"view (?:more|all)\b|find out (?:more|how)\b|how to become\b|"
            r"create (?:a|your) (?:free )?account\b|try (?:it )?(?:for )?free\b)|"
            r"\bfor free\b|\bjoin (?:immediately|now)\b|\bimmediate joiners?\b|"
            r"\bcan join immediately\b",
            re.I,
        ),
    ),
    (
        "placeholder",
        re.compile(
            r"\bXYZ\b|\blorem ipsum\b|\bABC (?:Company|Corp)\b|\bCompany Name\b|"
            r"\[(?:name|company|title|job title|location)\]|\{\{|\bTBD\b",
            re.I,
        ),
    ),
    (
        "salary",
        re.compile(
            r"^(?:salary|pay|pay range|compensation|wages?|ctc|stipend)\s*:|"
            r"[₹$€£¥]\s?\d[\d,.]*\s*[kKmM]?\b.{0,40}?"
            r"\b(?:per|a|an|/)\s*(?:year|yr|annum|month|mo|hour|hr|week|day)\b|"
            r"\bcompetitive (?:salary|pay|compensation)\b",
            re.I,
        ),
    ),
    (
        "job details",
        re.compile(
            r"^(?:job types?|employment type|schedule|shifts?|work remotely|remote work|"
            r"work location|location|contract length|application deadline|"
            r"expected start date|start date|job id|req(?:uisition)? id|reference|"
            r"posted(?: on)?|benefits|perks|number of openings|date posted|company size|"
            r"company type|industry|experience level|location options|remote options|"
            r"seniority level|likes|job title|"
            r"reports to|role|department|team size|visa sponsorship|relocation)\s*:",
            re.I,
        ),
    ),
    (
        "equal opportunity",
        re.compile(
            r"equal (?:employment )?opportunit|affirmative action|without regard to|"
            r"regardless of (?:race|gender|age|sex|religion)|protected veteran|"
            r"reasonable accommodation|e-verify|\bEEO\b",
            re.I,
        ),
    ),
    (
        "benefits",
        re.compile(
            r"\b(?:health|dental|vision|life|medical) (?:insurance|coverage)\b|"
            r"\b401\s?\(?k\)?|paid time off|\bPTO\b|(?:parental|maternity|paternity) leave|"
            r"stock options|gym membership|free (?:lunch|snacks|meals)|"
            r"wellness (?:program|stipend)|commuter benefits|tuition reimbursement",
            re.I,
        ),
    ),
    (
        "navigation",
        re.compile(
            r"^(?:home|menu|next|previous|back to top|print|see also|"
            r"share(?: this)?(?: job| article| post| page)?|skip to (?:main )?content|"
            r"privacy policy|terms of (?:use|service)|cookie (?:policy|settings))$|"
            r"^(?:©|copyright\b)|^\w[\w ]{0,25}(?:\s[>›»]\s[\w ]{1,30}){2,}$",
            re.I,
        ),
    ),
)
#: A line that starts a page footer: it and everything after it are left out.
_FOOTER = re.compile(
    r"^(?:up next|read next|related (?:articles|posts|jobs|roles|careers|reading)|"
    r"you (?:may|might) also like|more (?:articles|resources|jobs)|recommended for you)\s*:?$",
    re.I,
)
_QUOTE = re.compile(r'^["“”„«].{10,}["“”»](?:\s*[-–—]\s*\S.*)?$')

# --- headings ----------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[•▪◦‣∙·*+]|[-–—](?=\s)|\(?\d{1,2}[.)](?=\s)|\(?[a-z][.)](?=\s))\s*")
_HEADING_END = re.compile(r"\s*[:\-–—]+\s*$")
_HEADING_PHRASE = re.compile(
    r"(?:(?:key|main|core|primary|essential|basic|minimum|preferred|required|additional|"
    r"desired|technical|job|role|daily|your|the|our|general|position)\s+)*"
    r"(?:responsibilities|responsibility|duties|requirements|qualifications|skills|"
    r"skill set|experience|education|benefits|perks|tasks|accountabilities|competencies|"
    r"expectations|overview|summary|description|compensation|tech stack|technologies)"
    r"(?:\s+(?:and|&)\s+(?:\w+\s+)?(?:responsibilities|duties|requirements|qualifications|"
    r"skills|experience|education|benefits|perks|tasks|competencies))?"
    r"(?:\s+(?:required|preferred|needed|desired))?"
    r"|about (?:the|this|our) (?:job|role|position|company|team|opportunity)|about (?:us|you)"
    r"|what you(?:'ll| will) (?:do|need|bring|get)|what we(?:'re| are) looking for"
    r"|what we offer|who you are|why join us|how to apply|the opportunity"
    r"|(?:nice|good) to haves?|must haves?|bonus(?: points)?|pluses|(?:the|your) role"
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "drop",
        re.compile(
            r"\b(?:benefits|perks|what we offer|why join|compensation|salary|"
            r"equal (?:employment )?opportunity|eeo|about (?:us|the company|our company)|"
            r"who we are|our (?:company|story|culture|values|mission)|how to apply|"
            r"job type|work remotely|location|faqs?|frequently asked)\b"
        ),
    ),
    ("types", re.compile(r"\b(?:types|kinds|specializations|specialisations|specialties)\b")),
    (
        "preferred",
        re.compile(
            r"\b(?:preferred|nice to haves?|good to haves?|bonus|pluses|a plus|desired|"
            r"desirable|additional|optional)\b"
        ),
    ),
    (
        "required",
        re.compile(
            r"\b(?:requirements?|required|qualifications?|must haves?|"
            r"what you(?:'ll| will)? need|looking for|who you are|you bring|skills|"
            r"skill set|experience|education|competenc(?:y|ies)|expertise|knowledge|"
            r"tech stack|technologies)\b"
        ),
    ),
    (
        "core",
        re.compile(
            r"\b(?:responsibilit(?:y|ies)|duties|what you(?:'ll| will) do|day to day|tasks|"
            r"accountabilit(?:y|ies)|the role|your role|role overview|job description|"
            r"activities)\b"
        ),
    ),
)
#: A heading over a list of tags ("Technologies", "Tech stack", "Tags").
_TAG_HEADING = re.compile(r"\b(?:technologies|tech stack|tags|stack|keywords)\b", re.I)
_REQUIRED_ITEM = re.compile(r"\(\s*(?:required|mandatory|must)\s*\)", re.I)
_ITEM_MARKERS = re.compile(r"\s*\(\s*(?:preferred|required|desired|optional|mandatory)\s*\)", re.I)
#: "Django Development: 1 year (Preferred)": a skill with a length of experience.
SKILL_YEARS = re.compile(r"^(?P<skill>[^:]{1,40}):\s*\d+\+?\s*(?:years?|yrs?|months?)\b", re.I)
#: Sentences that praise a role rather than say what it does.
_FRAMING = re.compile(
    r"\b(?:critical|crucial|essential|vital|pivotal|instrumental) (?:for|to|in)\b|"
    r"\bare the (?:architects|backbone|heart)\b|\bsought after\b|\bbridge the gap\b|"
    r"^their (?:role|work|expertise) is\b",
    re.I,
)


@dataclass(frozen=True)
class Dropped:
    """A line of the posting left out as boilerplate."""

    line: int
    """1-based line number in the normalized text."""
    reason: str
    """What it was taken for (call to action, testimonial, salary...)."""
    text: str
    """The line as written."""


@dataclass
class Line:
    number: int
    text: str
    bullet: bool = False
    heading: bool = False


@dataclass
class Section:
    kind: str
    """intro, core, required, preferred, level, specialization, types, drop or other."""
    heading: str
    group: str = ""
    lines: list[Line] = field(default_factory=list)

    def items(self) -> list[Line]:
        bullets = [line for line in self.lines if line.bullet]
        if bullets or self.kind not in ("core", "required", "preferred", "level"):
            return bullets
        return [line for line in self.lines if len(line.text.split()) <= MAX_ITEM_WORDS]

    def prose(self) -> list[Line]:
        return [
            line for line in self.lines if not line.bullet and len(line.text.split()) >= PROSE_WORDS
        ]


@dataclass
class Group:
    kind: str
    id: str
    label: str
    source: list[str] = field(default_factory=list)
    summary: str = ""
    items: list[Item] = field(default_factory=list)
    """The responsibilities, in order."""


# --- reading lines -------------------------------------------------------------------------


def read_lines(text: str) -> tuple[list[Line], list[Dropped]]:
    """The posting's meaningful lines (no blanks), each marked bullet or heading."""
    raw = text.split("\n")
    keep: list[Line | None] = []  # None stands for a blank line
    dropped: list[Dropped] = []
    value_next = False
    for index, line in enumerate(raw):
        number = index + 1
        stripped = line.strip()
        if not stripped:
            keep.append(None)
            continue
        if _FOOTER.match(stripped):
            dropped.extend(
                Dropped(number + offset, "page footer", rest.strip())
                for offset, rest in enumerate(raw[index:])
                if rest.strip()
            )
            break
        if _QUOTE.match(stripped):
            # A testimonial: the quote, and the name and company lines just above it.
            for back in range(len(keep) - 1, max(-1, len(keep) - 3), -1):
                above = keep[back]
                if above is None or above.number < 0 or above.bullet:
                    break
                if len(above.text.split()) > SHORT_HEADING_WORDS:
                    break
                if above.text.rstrip().endswith((".", ":", "?")):
                    break
                dropped.append(Dropped(above.number, "testimonial", above.text))
                keep[back] = Line(-1, "")
            dropped.append(Dropped(number, "testimonial", stripped))
            continue
        reason = _boilerplate(stripped)
        if reason:
            dropped.append(Dropped(number, reason, stripped))
            value_next = reason == "job details" and stripped.endswith(":")
            continue
        if value_next:  # "Job type:" alone on its line: its value is the next line
            value_next = False
            dropped.append(Dropped(number, "job details", stripped))
            continue
        marker = _BULLET.match(stripped)
        body = stripped[marker.end() :].strip() if marker else stripped
        if not re.search(r"[A-Za-z]", body):
            continue
        keep.append(Line(number, body, bullet=bool(marker)))
    keep = [line for line in keep if line is None or line.number > 0]
    _join_wrapped(keep)
    lines: list[Line] = []
    for position, kept in enumerate(keep):
        if kept is None:
            continue
        following = keep[position + 1] if position + 1 < len(keep) else None
        after = next((x for x in keep[position + 1 :] if x is not None), None)
        kept.heading = _is_heading(kept, following is None, after)
        lines.append(kept)
    dropped.sort(key=lambda d: d.line)
    return lines, dropped


def _boilerplate(line: str) -> str | None:
    for reason, pattern in _DROP_PATTERNS:
        if pattern.search(line):
            return reason
    return None


_CONTINUES = re.compile(
    r"(?:,|\b(?:and|or|of|the|a|an|with|to|for|in|on|including|such as|as|by|from))$",
    re.I,
)


def _join_wrapped(lines: list[Line | None]) -> None:
    """Join a line broken in two inside one list item (Word postings wrap by hand)."""
    for position in range(len(lines) - 1, 0, -1):
        line, before = lines[position], lines[position - 1]
        if line is None or before is None or line.bullet:
            continue
        if _HEADING_PHRASE.fullmatch(_heading_key(before.text)):
            continue  # "Technologies" over a line of lowercase tags
        wraps = bool(_CONTINUES.search(before.text)) or (
            line.text[:1].islower() and before.text[-1:].isalnum()
        )
        if wraps:
            before.text = f"{before.text} {line.text}"
            del lines[position]


def _heading_key(text: str) -> str:
    key = text.lower().replace("’", "'")
    key = re.sub(r"\([^)]*\)", " ", key)
    key = re.sub(r"[^a-z0-9&' ]+", " ", key)
    return " ".join(key.split())


def _title_case(text: str, share: float = 0.75) -> bool:
    """Whether at least ``share`` of the words (small words aside) are capitalized."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) >= share


SMALL_WORDS = frozenset(
    "a an and the of for to in on at by with from or as is are be it its vs via into".split()
)


def _is_heading(line: Line, blank_after: bool, after: Line | None) -> bool:
    text = line.text
    words = text.split()
    if len(words) > _MAX_HEADING_WORDS or text.endswith((".", ",", ";", "!")):
        return False
    if line.bullet:
        # A list item, unless it is in Title Case and stands alone above a paragraph
        # (web pages style some headings as list items).
        return (
            blank_after
            and after is not None
            and not after.bullet
            and len(after.text.split()) >= TITLE_WORDS
            and _title_case(text, share=1.0)
            and not _HEADING_END.search(text)
        )
    if _HEADING_END.search(text) and len(words) <= PROSE_WORDS:
        return True
    if text.endswith("?"):
        return True
    if len(words) <= SHORT_HEADING_WORDS and _HEADING_PHRASE.fullmatch(_heading_key(text)):
        return True
    if len(words) > TITLE_WORDS or not _title_case(text):
        return False
    return blank_after or (after is not None and after.bullet and not line.bullet)


# --- sections and groups -------------------------------------------------------------------


def posting_heading_kind(text: str, levels: bool = True) -> tuple[str, str]:
    """What a heading opens: (kind, level id or ""); ``levels=False`` ignores levels."""
    key = _heading_key(text)
    question = text.rstrip().endswith("?")
    if levels and not question:
        for level in LEVELS:
            if _LEVEL[level].search(text):
                return "level", level
    for kind, pattern in _KINDS:
        if pattern.search(key):
            return kind, ""
    return "other", ""


def _is_role_heading(text: str) -> bool:
    """A heading that names a kind of role ("Deep Learning Specialist")."""
    last = re.findall(r"[A-Za-z]+", text)
    return bool(last) and not text.rstrip().endswith("?") and bool(_ROLE_NOUN.fullmatch(last[-1]))


def posting_sections(lines: list[Line]) -> list[Section]:
    sections = [Section("intro", "")]
    in_types = False
    for line in lines:
        if not line.heading:
            sections[-1].lines.append(line)
            continue
        heading = _HEADING_END.sub("", line.text).strip() or line.text
        if in_types and _is_role_heading(heading):
            sections.append(Section("specialization", heading, _specialization_id(heading)))
            continue
        kind, level = posting_heading_kind(heading)
        in_types = kind == "types"
        sections.append(Section(kind, heading, level))
    # One level alone ("About the Senior Engineer role") is no ladder of levels.
    if len({s.group for s in sections if s.kind == "level"}) < _MIN_LEVELS:
        for section in sections:
            if section.kind == "level":
                section.kind, section.group = posting_heading_kind(section.heading, levels=False)
    return sections


def _specialization_id(heading: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9+#]+", heading) if w.lower() not in SMALL_WORDS]
    if len(words) > 1 and _ROLE_NOUN.fullmatch(words[-1]):
        words = words[:-1]
    return slug(" ".join(words)) or "specialization"


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
        elif kind in ("core", "level", "required", "preferred") and items:
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
        for number, line in enumerate(items, start=1):
            where = f"{heading}, item {number}"
            if tags and is_tag_line(line.text):
                target.items.append(Item(line.text, where, tags=True))
                continue
            is_sentence = not line.bullet and len(line.text.split()) >= PROSE_WORDS
            parts = sentences(line.text) if is_sentence else [line.text]
            for part in parts:
                # Under a requirements heading every item asks; elsewhere a sentence
                # must say so itself.
                asked = kind in ("required", "preferred") or asks(part)
                names_only = is_sentence and (not asked or about_us(part))
                for clause in clauses(part):
                    text, item_group = clause, target
                    if kind != "level":
                        item_group = self._route(clause, kind, target, is_sentence)
                        text = _ITEM_MARKERS.sub("", clause).strip()
                    keep = must and item_group is target and not names_only
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


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (abbreviations such as "e.g." do not end one)."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?]+[\"”)]?\s+(?=[A-Z\"“(])", text):
        words = text[start : match.start()].split()
        last = words[-1].lower().rstrip(".").lstrip("(") if words else ""
        if last in ABBREVIATIONS or len(last) == 1:
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out or [text]


def slug(text: str) -> str:
    text = text.lower().replace("c++", "cpp").replace("c#", "csharp").replace("f#", "fsharp")
    text = re.sub(r"(?<![a-z0-9])\.net\b", "dotnet", text).replace("++", "pp").replace("#", "sharp")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

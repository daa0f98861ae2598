"""Reading a posting: boilerplate out, lines into headings, bullets and prose, headings
into sections, sections into the groups of a taxonomy."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kwmatch.lexicon import ABBREVIATIONS

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
#: A section is a bulleted list when at least one line in this many is a bullet.
_BULLET_SHARE = 4
#: The most concepts drafted for one responsibility (a line may list a whole stack).
MAX_CONCEPTS = 20

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
    r"expectations|overview|summary|description|compensation|tech stack|technologies|profile)"
    r"(?:\s+(?:and|&)\s+(?:\w+\s+)?(?:responsibilities|duties|requirements|qualifications|"
    r"skills|experience|education|benefits|perks|tasks|competencies))?"
    r"(?:\s+(?:required|preferred|needed|desired))?"
    r"|about (?:the|this|our) (?:job|role|position|company|team|opportunity)|about (?:us|you)"
    r"|what you(?:'ll| will) (?:do|need|bring|get)|what we(?:'re| are) looking for"
    r"|(?:(?:here's|here is|this is) )?what we offer(?: you)?|who you are|why join us"
    r"|how to apply|the opportunity"
    r"|(?:nice|good) to haves?|must haves?|bonus(?: points)?|pluses|(?:the|your) role"
)
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "drop",
        re.compile(
            r"\b(?:benefits|perks|rewards|what we offer|why join|compensation|salary|"
            r"what's in it for you|"
            r"equal (?:employment )?opportunity|eeo|about (?:us|the company|our company)|"
            r"(?:company|employer) (?:description|profile|overview)|"
            r"who we are|our (?:company|story|culture|values|mission)|how to apply|"
            r"job type|work remotely|location|faqs?|frequently asked)\b|^about$"
        ),
    ),
    ("types", re.compile(r"\b(?:types|kinds|specializations|specialisations|specialties)\b")),
    (
        "preferred",
        re.compile(
            r"\b(?:preferred|nice to haves?|good to haves?|bonus|pluses|a plus|desired|"
            r"desirable|additional|optional|advantage|advantageous|"
            r"increase your chances)\b"
        ),
    ),
    (
        "required",
        re.compile(
            r"\b(?:requirements?|required|qualifications?|must haves?|"
            r"what you(?:'ll| will)? need|looking for|who you are|you bring|skills|"
            r"skill set|experience|education|competenc(?:y|ies)|expertise|knowledge|"
            r"tech stack|technologies|(?:your|candidate|ideal) profile|"
            r"what you(?:'ll| will)? bring|what we expect|ideal candidate|"
            r"candidates? (?:will|should|must) (?:have|bring|be)|you(?:'ll| will) need|"
            r"^you (?:should|have|need|must|bring|are|will have|will need|will bring|"
            r"should have|should be|ideally have)$)\b"
        ),
    ),
    (
        "core",
        re.compile(
            r"\b(?:responsibilit(?:y|ies)|duties|what you(?:'ll| will) do|day to day|tasks|"
            r"accountabilit(?:y|ies)|the role|your role|role overview|job description|"
            r"activities|^(?:in this role |as an? [\w ]{1,40} )?you will(?: be)?$|"
            r"^you(?:'ll| will) (?:do|be doing|work on))\b"
        ),
    ),
)
#: "Flask APIs: 2 years (Preferred)": a skill with a length of experience.
SKILL_YEARS = re.compile(r"^(?P<skill>[^:]{1,40}):\s*\d+\+?\s*(?:years?|yrs?|months?)\b", re.I)


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

    def bulleted(self) -> bool:
        """Whether the section is a bulleted list: one stray bullet among many lines of
        prose (a question marked as a bullet) makes none."""
        bullets = sum(1 for line in self.lines if line.bullet)
        return bullets > 0 and bullets * _BULLET_SHARE >= len(self.lines)

    def items(self) -> list[Line]:
        if self.bulleted() or self.kind not in ("core", "required", "preferred", "level"):
            return [line for line in self.lines if line.bullet]
        return [line for line in self.lines if len(line.text.split()) <= MAX_ITEM_WORDS]

    def paragraphs(self) -> list[Line]:
        """The lines too long to be items of a list without bullet marks: paragraphs, whose
        sentences are read one by one."""
        if self.bulleted():
            return []
        return [line for line in self.lines if len(line.text.split()) > MAX_ITEM_WORDS]

    def prose(self) -> list[Line]:
        return [
            line for line in self.lines if not line.bullet and len(line.text.split()) >= PROSE_WORDS
        ]


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
        inline = _INLINE_HEADING.match(stripped) or _RUN_IN_HEADING.match(stripped)
        if inline and _opens_section(inline.group("field"), stripped):
            # "Company description: We are ...", "Job benefits: Pension ...": a heading
            # with its text on the same line (the text judged as boilerplate on its own)
            keep.append(Line(number, inline.group("field")))
            stripped = inline.group("text")
        reason = boilerplate(stripped)
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


#: A list's heading run into its first item, as board exports write them ("Tasks Leading
#: the developer team", "Requirements Completed studies in ...").
_RUN_IN_HEADING = re.compile(
    r"^(?P<field>(?:your )?(?:tasks|responsibilities|requirements|qualifications|profile))"
    r"\s+(?P<text>[A-Z][a-z].*)$",
    re.I,
)
#: A short heading with its text on the same line ("About you: You have ...").
_INLINE_HEADING = re.compile(r"^(?P<field>[A-Z][\w'’&/ ]{2,40}:)\s+(?P<text>\S.*)$")


def _opens_section(field: str, line: str) -> bool:
    """Whether a heading written inline with its text opens a section ("About you:",
    "About us:", "Company description:"); a summary field ("Experience level: Senior") or
    a salary ("Salary: 40k. Here at ...") is a line of boilerplate, not a section that would
    take the lines after it along."""
    kind = posting_heading_kind(field)[0]
    return kind != "other" and boilerplate(line) not in ("job details", "salary")


def boilerplate(line: str) -> str | None:
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


#: A sentence that leads into a list and lost its colon ("The technologies we need
#: are", "The ideal candidate will have", "What you will need").
_LEAD_IN = re.compile(
    r"^(?:the |our |what )?(?:[\w'’]+ ){0,4}?(?:"
    r"(?:skills|requirements|qualifications|technologies|experience) (?:we(?:'re|’re| are) "
    r"looking for|we need|we expect|needed|required) (?:are|include|is)|"
    r"(?:ideal )?candidates? (?:will|should|must) (?:have|bring|be)|"
    r"you(?:'ll|’ll| will) need to (?:have|bring)|you will need"
    r")$",
    re.I,
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
    if text.endswith("?") or _LEAD_IN.search(text):
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


#: Kinds of section whose heading, standing right over a heading of no known kind, passes
#: its kind on ("Requirements" over "You will need:", "Benefits" over "You get:").
_PARENT_KINDS = ("core", "required", "preferred", "drop")
_LIST_KINDS = ("core", "required", "preferred")


def posting_sections(lines: list[Line]) -> list[Section]:
    sections = [Section("intro", "")]
    in_types = False
    for position, line in enumerate(lines):
        if not line.heading:
            sections[-1].lines.append(line)
            continue
        heading = _HEADING_END.sub("", line.text).strip() or line.text
        if in_types and _is_role_heading(heading):
            sections.append(Section("specialization", heading, _specialization_id(heading)))
            continue
        kind, level = posting_heading_kind(heading)
        above = sections[-1]
        following = lines[position + 1] if position + 1 < len(lines) else None
        if (
            kind == "other"
            and above.kind in _LIST_KINDS
            and above.bulleted()
            and above.lines[-1].number == line.number - 1
            and following is not None
            and following.bullet
            and following.number == line.number + 1
            and not _HEADING_END.search(line.text)
        ):
            # A Title Case line inside a bulleted list of requirements or duties, with no
            # blank line around it ("Event Sourcing"), is an item that lost its mark.
            above.lines.append(Line(line.number, line.text, bullet=True))
            continue
        if kind == "other" and above.kind in _PARENT_KINDS and not above.lines:
            kind = above.kind  # "Requirements" over "You need:": a sub-heading
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

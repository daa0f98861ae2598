"""Draft a taxonomy from a role description or a job posting.

A posting (PDF, DOCX, TXT or Markdown, read by :func:`kwmatch.ingest.read_document`) in,
a taxonomy in the file format of ``schemas/taxonomy.schema.json`` out, checked by
:func:`kwmatch.taxonomy.parse_taxonomy` before it is returned. Pure library: nothing is
printed or written here.

How a posting is read:

* **Boilerplate goes first**: calls to action, testimonials and placeholder text,
  navigation and page footers, equal-opportunity and benefits paragraphs, salary and
  job-detail lines ("Job Type: Full-time"). Every line left out is listed in
  :attr:`Draft.dropped` with the reason.
* **Lines** are headings, bullets or prose. A heading is a short line that ends with a
  colon or a dash, names a known section ("Responsibilities", "Nice to have"), asks a
  question, or stands in title case on its own (bullet-marked headings included).
* **Headings decide groups**: one that names a level (entry/junior/associate, mid,
  senior/lead/staff/principal) opens that level; the role names under a "Types of ..."
  heading open specializations; "Responsibilities" opens ``core``; "Requirements",
  "Minimum qualifications", "Skills required" open the free group ``required`` and
  "Preferred qualifications", "Nice to have", "Good to have" the group ``preferred``
  (a "(Preferred)" or "... is a plus" line moves to ``preferred`` wherever it stands).
* **Bullets become responsibilities** (a Word posting's list lines carry no bullet mark:
  there every short line under such a heading is an item); a specialization's
  paragraphs give one responsibility per sentence that says what the role does.
* **Concepts** come from the known taxonomy first (its matcher, so known concepts keep
  their aliases, lemmas and guards), then from technology names and acronyms (camel
  case, capitals, digits, ``C++``, names that are no English word), then from noun
  phrases: the words between stop words, stripped of the verbs and vague adjectives at
  their edges. spaCy's blank pipeline has no tagger, so the chunking is our own.
  "Long form (ACRONYM)" pairs in the posting make one concept with an alias.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from kwmatch.errors import InputError
from kwmatch.ingest import DEFAULT_PDF_ENGINE, Document, PdfEngine, read_document
from kwmatch.match import Matcher
from kwmatch.nlp import Pipeline, Tokens, get_pipeline
from kwmatch.taxonomy import (
    FORMAT_VERSION,
    Taxonomy,
    dump_yaml,
    load_taxonomy,
    parse_taxonomy,
    read_yaml,
)
from kwmatch.text import clean

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
            r"posted(?: on)?|benefits|perks|number of openings)\s*:",
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
_PREFERRED_ITEM = re.compile(
    r"\(\s*(?:preferred|desired|optional|nice to have|a plus|bonus)\s*\)|"
    r"\b(?:is|are|would be|will be)?\s*an? (?:big |huge |strong )?(?:plus|bonus|advantage)\b"
    r"|^(?:preferred|nice to have|good to have|bonus)\s*:|\bpreferred\b",
    re.I,
)
_REQUIRED_ITEM = re.compile(r"\(\s*(?:required|mandatory|must)\s*\)", re.I)
_ITEM_MARKERS = re.compile(r"\s*\(\s*(?:preferred|required|desired|optional|mandatory)\s*\)", re.I)
#: "Django Development: 1 year (Preferred)": a skill with a length of experience.
_SKILL_YEARS = re.compile(r"^(?P<skill>[^:]{1,40}):\s*\d+\+?\s*(?:years?|yrs?|months?)\b", re.I)
#: Sentences that praise a role rather than say what it does.
_FRAMING = re.compile(
    r"\b(?:critical|crucial|essential|vital|pivotal|instrumental) (?:for|to|in)\b|"
    r"\bare the (?:architects|backbone|heart)\b|\bsought after\b|\bbridge the gap\b|"
    r"^their (?:role|work|expertise) is\b",
    re.I,
)
_ABBREVIATIONS = frozenset("e.g i.e etc vs inc ltd dr mr ms mrs jr sr co approx no".split())

# --- words -------------------------------------------------------------------------------

#: Verbs that open a duty ("Design ...", "Collaborating with ..."), by lemma.
VERBS = frozenset(
    """
    achieve adapt advance align analyze analyse apply architect assist automate be build
    champion coach collaborate communicate conduct configure construct contribute
    coordinate create decompose define deliver deploy design develop discover document drive
    educate enable engage enhance ensure establish evaluate execute explain explore
    facilitate focus gather generate guide handle help identify implement improve install
    integrate interpret investigate lead learn leverage liaise maintain manage mentor monitor
    optimize optimise own participate partner perform plan prepare present prioritize
    produce provide reconcile record refine report review run scale select serve ship solve
    specialize stay streamline study supervise support take test train translate
    troubleshoot tune understand update use utilize validate work write require involve
    include seek push bring process adhere meet carry join grow model
    """.split()
)
#: Vague qualifiers stripped from the start of a key phrase.
MODIFIERS = frozenset(
    """
    able ability familiar familiarity proficient proficiency knowledge understanding
    experience experienced expertise exposure working hands-on strong solid good great
    excellent exceptional exemplary distinctive deep proven demonstrable demonstrated
    relevant basic advanced fundamental various multiple complex new existing high large
    appropriate effective latest current key overall critical specific common
    outstanding superb sound thorough broad wide typical standard minimal flawless
    timely highest clear consistent creative quick smart significant vast actual best total
    technical organizational organisational competitive cutting-edge state-of-the-art actionable
    real-world innovative varying diverse potential growing overall general additional
    equivalent practical external internal tight successful challenging fast-paced fast
    cutting edge real limited meaningful
    """.split()
)
#: Words that make no concept on their own, nor as the head of a two-word phrase.
GENERIC = frozenset(
    """
    ability abilities knowledge understanding experience skills skill team teams tasks task
    work things thing way ways time years year level levels environment deadlines detail
    details company companies organization organisation business clients client users
    people etc problems problem solutions solution others use cases case part range variety
    lot lots number field industry industries areas area aspects aspect needs need role
    roles job jobs position candidate candidates opportunity opportunities purpose plan
    plans degree sense practices practice techniques technique methods method tools tool
    results result insights insight goals goal approaches approach edge step steps
    objectives objective challenges challenge initiatives initiative nuances boundaries
    advancements efforts effort project projects completion
    """.split()
)
#: Capitalized or short forms that are no technology.
NOT_TECH = frozenset(
    """
    i a us usa uk eu ok etc eg ie ceo cto cfo coo vp hr faq faqs covid asap tbd fyi job xyz
    inc ltd llc pvt am pm ist pst est utc ctc lpa gmt id na yrs cv resume
    """.split()
)
#: People: they end a key phrase ("data engineers and software developers" names no skill).
PEOPLE = frozenset(
    """
    engineer developer scientist specialist analyst professional expert architect manager
    stakeholder team member people user client customer partner colleague candidate
    """.split()
)
#: Words after which a verb, not a noun, comes ("... that require", "to deploy").
_VERB_CONTEXT = frozenset(
    "to and or & , that which who will can must should may they we you also often then".split()
)
#: Words that end a key phrase besides stop words: qualifiers ("SQL experience") and
#: words that open an example list ("tools like ...").
_BREAK_WORDS = frozenset(
    """
    experience knowledge understanding ability abilities familiarity proficiency expertise
    exposure including like especially
    """.split()
)
#: A phrase with this head may stand with one modifier ("communication skills").
_HEADS_KEPT = frozenset({"skill"})
#: Stop words that can stand inside a technology's name ("back end", "full stack").
_KEEP_WORDS = frozenset("back front full top side bottom".split())
_PHRASE_JOINERS = frozenset("-")


@dataclass(frozen=True)
class Dropped:
    """A line of the posting left out as boilerplate."""

    line: int
    """1-based line number in the normalized text."""
    reason: str
    """What it was taken for (call to action, testimonial, salary...)."""
    text: str
    """The line as written."""


@dataclass(frozen=True)
class Draft:
    """A taxonomy drafted from a posting, with what was left out of it."""

    data: dict[str, Any]
    """The taxonomy in its file format (the shape of ``schemas/taxonomy.schema.json``)."""
    taxonomy: Taxonomy
    """The same, parsed and validated."""
    dropped: tuple[Dropped, ...]
    """Boilerplate lines left out."""
    source: str
    """The posting's path."""
    new_concepts: tuple[str, ...] = ()
    """Ids of the concepts made from the posting (the others come from the known taxonomy)."""

    def to_yaml(self) -> str:
        """The draft as a YAML file, with a header that says where it comes from."""
        return to_yaml(self.data, self.source)

    def summary(self) -> str:
        """One line on what was drafted: groups, responsibilities, concepts, boilerplate."""
        taxonomy = self.taxonomy
        parts = []
        if taxonomy.groups_of("core"):
            parts.append("core")
        for kind, name in (("level", "levels"), ("specialization", "specializations")):
            found = taxonomy.groups_of(kind)
            if found:
                parts.append(f"{len(found)} {name} ({', '.join(g.id for g in found)})")
        free = taxonomy.groups_of("group")
        if free:
            parts.append(f"groups {', '.join(g.id for g in free)}")
        responsibilities = sum(len(g.responsibilities) for g in taxonomy.groups)
        known = len(taxonomy.concepts) - len(self.new_concepts)
        return (
            f"drafted {taxonomy.id!r}: {'; '.join(parts)}; {responsibilities} responsibilities, "
            f"{len(taxonomy.concepts)} concepts ({known} known, {len(self.new_concepts)} new); "
            f"{len(self.dropped)} boilerplate lines left out"
        )


@dataclass
class _Line:
    number: int
    text: str
    bullet: bool = False
    heading: bool = False


@dataclass
class _Section:
    kind: str
    """intro, core, required, preferred, level, specialization, types, drop or other."""
    heading: str
    group: str = ""
    lines: list[_Line] = field(default_factory=list)

    def items(self) -> list[_Line]:
        bullets = [line for line in self.lines if line.bullet]
        if bullets or self.kind not in ("core", "required", "preferred", "level"):
            return bullets
        return [line for line in self.lines if len(line.text.split()) <= MAX_ITEM_WORDS]

    def prose(self) -> list[_Line]:
        return [line for line in self.lines if not line.bullet and len(line.text.split()) >= 8]


@dataclass
class _Group:
    kind: str
    id: str
    label: str
    source: list[str] = field(default_factory=list)
    summary: str = ""
    items: list[tuple[str, str, bool]] = field(default_factory=list)
    """(text, source, must_keep) of each responsibility."""


# --- public API -----------------------------------------------------------------------------


def extract(
    path: str | Path,
    *,
    base: Taxonomy | str | Path | None = None,
    pdf_engine: PdfEngine = DEFAULT_PDF_ENGINE,
) -> Draft:
    """Draft a taxonomy from the posting at ``path`` (PDF, DOCX, TXT or Markdown).

    ``base`` is the taxonomy whose concepts and aliases are reused (default: the shipped
    one). Raises :class:`InputError` when the posting cannot be read or holds no list of
    responsibilities or requirements.
    """
    document = read_document(path, pdf_engine=pdf_engine)
    return extract_document(document, base=base)


def extract_text(
    text: str, name: str = "<text>", *, base: Taxonomy | str | Path | None = None
) -> Draft:
    """Draft a taxonomy from the text of a posting given as a string."""
    document = Document(path=name, format="txt", sha256="", pages=(text,))
    return extract_document(document, base=base)


def job_taxonomy(path: str | Path, *, base: Taxonomy | str | Path | None = None) -> Taxonomy:
    """The taxonomy drafted from a job posting, ready for a :class:`~kwmatch.api.Scorer`."""
    return extract(path, base=base).taxonomy


def to_yaml(data: dict[str, Any], source: str = "") -> str:
    """A taxonomy's data as YAML (safe dumper, file order kept, short lists inline)."""
    header = (
        f"# A draft taxonomy, made by `kwmatch taxonomy extract` from {Path(source).name}.\n"
        "# Review it before use: check the groups, merge or rename concepts, add aliases;\n"
        "# then check it with `kwmatch taxonomy validate`.\n"
        if source
        else ""
    )
    # The header fields in block style; concepts and groups with their short lists inline
    # (aliases: [a, b]), as the shipped taxonomy writes them. Each part is a top-level
    # mapping of its own, so their concatenation is one YAML mapping.
    parts = []
    for key, value in data.items():
        inline = key in ("concepts", "core", "levels", "specializations", "groups")
        parts.append(dump_yaml({key: value}, inline_lists=inline))
        if inline:
            parts.append("\n")
    return header + "".join(parts)


def extract_document(document: Document, *, base: Taxonomy | str | Path | None = None) -> Draft:
    """Draft a taxonomy from a document that is already read."""
    pipeline = get_pipeline()
    known = base if isinstance(base, Taxonomy) else load_taxonomy(base)
    text = clean(document.pages, pipeline.is_english_word).text
    lines, dropped = _read_lines(text)
    if not lines:
        raise InputError(document.path, "no text left once boilerplate is set aside")
    first = lines[0]
    is_title = (
        not first.bullet
        and len(first.text.split()) <= 12
        and not first.text.endswith(".")
        and _heading_kind(first.text)[0] in ("other", "level")
    )
    title_line = first.text if is_title else ""
    title = _role_title(title_line) or Path(document.path).stem or "Drafted role"
    sections = _sections(lines[1:] if title_line else lines)
    groups = _groups(sections)
    finder = _ConceptFinder(known, pipeline, text)
    data = _assemble(document, title, title_line, sections, groups, finder)
    if not any(data.get(key) for key in ("core", "levels", "specializations", "groups")):
        raise InputError(
            document.path,
            "no responsibilities or requirements found (no bullet list or list under a "
            "heading such as Responsibilities or Requirements)",
        )
    yaml_text = to_yaml(data, document.path)
    taxonomy = parse_taxonomy(yaml_text.encode("utf-8"), f"draft:{document.path}")
    return Draft(
        data=data,
        taxonomy=taxonomy,
        dropped=tuple(dropped),
        source=document.path,
        new_concepts=tuple(c.id for c in finder.new.values() if c.id in taxonomy.concepts),
    )


# --- reading lines -------------------------------------------------------------------------


def _read_lines(text: str) -> tuple[list[_Line], list[Dropped]]:
    """The posting's meaningful lines (no blanks), each marked bullet or heading."""
    raw = text.split("\n")
    keep: list[_Line | None] = []  # None stands for a blank line
    dropped: list[Dropped] = []
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
                if len(above.text.split()) > 6:
                    break
                if above.text.rstrip().endswith((".", ":", "?")):
                    break
                dropped.append(Dropped(above.number, "testimonial", above.text))
                keep[back] = _Line(-1, "")
            dropped.append(Dropped(number, "testimonial", stripped))
            continue
        reason = _boilerplate(stripped)
        if reason:
            dropped.append(Dropped(number, reason, stripped))
            continue
        marker = _BULLET.match(stripped)
        body = stripped[marker.end() :].strip() if marker else stripped
        if not re.search(r"[A-Za-z]", body):
            continue
        keep.append(_Line(number, body, bullet=bool(marker)))
    keep = [line for line in keep if line is None or line.number > 0]
    _join_wrapped(keep)
    lines: list[_Line] = []
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


def _join_wrapped(lines: list[_Line | None]) -> None:
    """Join a line broken in two inside one list item (Word postings wrap by hand)."""
    for position in range(len(lines) - 1, 0, -1):
        line, before = lines[position], lines[position - 1]
        if line is None or before is None or line.bullet:
            continue
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
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL_WORDS]
    if not words:
        return False
    capitalized = sum(1 for w in words if w[0].isupper())
    return capitalized / len(words) >= share


_SMALL_WORDS = frozenset(
    "a an and the of for to in on at by with from or as is are be it its vs via into".split()
)


def _is_heading(line: _Line, blank_after: bool, after: _Line | None) -> bool:
    text = line.text
    words = text.split()
    if len(words) > 14 or text.endswith((".", ",", ";", "!")):
        return False
    if line.bullet:
        # A list item, unless it is in Title Case and stands alone above a paragraph
        # (web pages style some headings as list items).
        return (
            blank_after
            and after is not None
            and not after.bullet
            and len(after.text.split()) >= 12
            and _title_case(text, share=1.0)
            and not _HEADING_END.search(text)
        )
    if _HEADING_END.search(text) and len(words) <= 8:
        return True
    if text.endswith("?"):
        return True
    if len(words) <= 6 and _HEADING_PHRASE.fullmatch(_heading_key(text)):
        return True
    if len(words) > 12 or not _title_case(text):
        return False
    return blank_after or (after is not None and after.bullet and not line.bullet)


# --- sections and groups -------------------------------------------------------------------


def _heading_kind(text: str, levels: bool = True) -> tuple[str, str]:
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


def _sections(lines: list[_Line]) -> list[_Section]:
    sections = [_Section("intro", "")]
    in_types = False
    for line in lines:
        if not line.heading:
            sections[-1].lines.append(line)
            continue
        heading = _HEADING_END.sub("", line.text).strip() or line.text
        if in_types and _is_role_heading(heading):
            sections.append(_Section("specialization", heading, _specialization_id(heading)))
            continue
        kind, level = _heading_kind(heading)
        in_types = kind == "types"
        sections.append(_Section(kind, heading, level))
    # One level alone ("About the Senior Engineer role") is no ladder of levels.
    if len({s.group for s in sections if s.kind == "level"}) < 2:
        for section in sections:
            if section.kind == "level":
                section.kind, section.group = _heading_kind(section.heading, levels=False)
    return sections


def _specialization_id(heading: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z0-9+#]+", heading) if w.lower() not in _SMALL_WORDS]
    if len(words) > 1 and _ROLE_NOUN.fullmatch(words[-1]):
        words = words[:-1]
    return _slug(" ".join(words)) or "specialization"


def _looks_like_duties(items: list[_Line], pipeline: Pipeline) -> bool:
    """Whether an unheaded list reads as duties (verbs first) rather than qualifications."""
    firsts = [line.text.split()[0].lower().strip(",:;") for line in items if line.text.split()]
    lemmas = pipeline.lemmas(firsts)
    duties = sum(1 for lemma in lemmas if lemma in VERBS and lemma not in MODIFIERS)
    return bool(items) and duties / len(items) >= 0.5


def _groups(sections: list[_Section]) -> dict[str, _Group]:
    """Groups by key (``core``, ``level:entry``, ``specialization:x``, ``group:required``)."""
    pipeline = get_pipeline()
    groups: dict[str, _Group] = {}

    def group(kind: str, group_id: str, label: str, heading: str) -> _Group:
        key = f"{kind}:{group_id}"
        if key not in groups:
            groups[key] = _Group(kind, group_id, label)
        if heading and heading not in groups[key].source:
            groups[key].source.append(heading)
        return groups[key]

    for section in sections:
        items = section.items()
        kind = section.kind
        if kind == "intro" and items:
            kind = "core" if _looks_like_duties(items, pipeline) else "required"
        if kind == "specialization":
            target = group("specialization", section.group, section.heading, section.heading)
            prose = section.prose()
            if prose and not target.summary:
                target.summary = _sentences(prose[0].text)[0]
            for line in [*prose, *items]:
                for position, sentence in enumerate(_sentences(line.text), start=1):
                    if _describes_work(sentence, pipeline):
                        where = f"{section.heading}, sentence {position}"
                        target.items.append((sentence, where, False))
            continue
        if kind == "other" and len(items) >= 2:
            group_id = _slug(section.heading)[:40].strip("-") or "other"
            if group_id in ("core", "required", "preferred"):
                group_id += "-list"
            target = group("group", group_id, section.heading, section.heading)
            for number, line in enumerate(items, start=1):
                target.items.append((line.text, f"{section.heading}, item {number}", False))
            continue
        if kind not in ("core", "level", "required", "preferred") or not items:
            continue
        heading = section.heading or "Unheaded list"
        if kind == "core":
            target = group("core", "core", "Core", heading)
        elif kind == "level":
            target = group("level", section.group, LEVEL_LABELS[section.group], heading)
        else:
            target = group("group", kind, kind.capitalize(), heading)
        prose = [line for line in section.prose() if line not in items]
        if prose and items and not target.summary:
            target.summary = _sentences(prose[0].text)[0]
        must = kind in ("core", "level")
        for number, line in enumerate(items, start=1):
            where = f"{heading}, item {number}"
            text = line.text
            if kind != "level":
                if _REQUIRED_ITEM.search(text):
                    item_group = group("group", "required", "Required", "")
                elif _PREFERRED_ITEM.search(text) and kind != "core":
                    item_group = group("group", "preferred", "Preferred", "")
                else:
                    item_group = target
                text = _ITEM_MARKERS.sub("", text).strip()
            else:
                item_group = target
            item_group.items.append((text, where, must))
    return groups


def _describes_work(sentence: str, pipeline: Pipeline) -> bool:
    """A sentence that says what a role does, not how much it matters."""
    if _FRAMING.search(sentence):
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", sentence)]
    return any(lemma in VERBS for lemma in pipeline.lemmas(words))


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph (abbreviations such as "e.g." do not end one)."""
    out: list[str] = []
    start = 0
    for match in re.finditer(r"[.!?]+[\"”)]?\s+(?=[A-Z\"“(])", text):
        words = text[start : match.start()].split()
        last = words[-1].lower().rstrip(".") if words else ""
        if last in _ABBREVIATIONS or len(last) == 1:
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out or [text]


# --- concepts ------------------------------------------------------------------------------


def _slug(text: str) -> str:
    text = text.lower().replace("c++", "cpp").replace("c#", "csharp").replace("f#", "fsharp")
    text = re.sub(r"(?<![a-z0-9])\.net\b", "dotnet", text).replace("++", "pp").replace("#", "sharp")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class _NewConcept:
    id: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label, "kind": self.kind}
        if self.aliases:
            data["aliases"] = list(self.aliases)
        if self.ambiguous:
            data["ambiguous"] = list(self.ambiguous)
        return data


class _ConceptFinder:
    """Finds the concepts of responsibility texts: known ones first, then new ones."""

    def __init__(self, known: Taxonomy, pipeline: Pipeline, document_text: str) -> None:
        self.known = known
        self.pipeline = pipeline
        self.matcher = Matcher(known, pipeline)
        self.raw = _raw_concepts(known)
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
        self.new: dict[str, _NewConcept] = {}
        self.ids = set(known.concepts)
        self.used: dict[str, None] = {}
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
            if len(capitals) < 2 or len(capitals) > len(words):
                continue
            expansion = words[-len(capitals) :]
            if [w[0].lower() for w in expansion] != [c.lower() for c in capitals]:
                continue
            long_form = " ".join(expansion)
            self.expansion_of.setdefault(acronym, long_form)
            self.acronym_of.setdefault(self._keys(long_form)[1], acronym)

    # -- finding ---------------------------------------------------------------------------

    def find(self, text: str, must: bool, *, names_first: bool = False) -> list[str]:
        """Ids of the concepts ``text`` names, in order; a ``must`` text always gets one.

        ``names_first``: the text opens with a name ("Django Development: 1 year"), so a
        capitalized first word may be a technology.
        """
        skill_line = _SKILL_YEARS.match(text)
        if skill_line and not names_first:
            skill = skill_line.group("skill").strip()
            ids = self.find(skill, False, names_first=True)
            lemmas = self._keys(skill)[1].split()
            if not ids and lemmas and not all(w in GENERIC or w in MODIFIERS for w in lemmas):
                ids = [self._concept_for(skill, kind="skill")]
            for cid in ids:
                self.used.setdefault(cid, None)
            return ids
        clean_text = clean([text], self.pipeline.is_english_word)
        tokens = self.pipeline.tokenize(clean_text.text)
        found: list[tuple[int, str]] = []
        covered: set[int] = set()
        for match in self.matcher.match(clean_text, tokens):
            found.append((match.start, match.concept))
            covered.update(_token_span(tokens, match.start, match.end))
        starts = _sentence_starts(tokens)
        self._find_ambiguous(clean_text.text, tokens, covered, starts, found)
        self._find_tech(clean_text.text, tokens, covered, set() if names_first else starts, found)
        phrases = self._phrases(tokens, covered, starts, relaxed=False)
        if must and not found and not phrases:
            phrases = self._phrases(tokens, covered, starts, relaxed=True)[:1]
        for start, phrase in phrases:
            found.append((start, self._concept_for(phrase, kind="activity")))
        ordered = [cid for _, cid in sorted(found, key=lambda pair: pair[0])]
        ids = list(dict.fromkeys(ordered))[:MAX_CONCEPTS]
        for cid in ids:
            self.used.setdefault(cid, None)
        return ids

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
            if cid is None or index in covered or len(surface) < 3:
                continue
            if index in starts and self.pipeline.is_english_word(tokens.lower[index]):
                continue  # "Spark" opening a sentence is as likely the verb
            concept = self.known.concepts[cid]
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
        index = 0
        while index < len(tokens):
            if index in covered or not self._techy(tokens, index, index in starts, context):
                index += 1
                continue
            first = last = index
            # "k-NN": a word joined by a hyphen belongs to the name.
            if (
                first >= 2
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
            found.append((tokens.start[first], self._concept_for(surface, kind="skill")))
            covered.update(range(first, last + 1))
            index = last + 1

    def _describes(self, lower: str) -> bool:
        """A word an English dictionary knows only as an adjective or adverb."""
        classes = self.pipeline.word_classes(lower)
        return bool(classes) and classes <= {"adj", "adv"}

    def _may_name(self, tokens: Tokens, index: int) -> bool:
        """Whether a capitalized word may be the first part of a name ("Naive Bayes")."""
        lower, lemma = tokens.lower[index], tokens.lemma[index]
        return not (
            self.pipeline.is_stop_word(lower)
            or lemma in VERBS
            or lower in MODIFIERS
            or lower.endswith(("ing", "ed"))
        )

    def _techy(self, tokens: Tokens, index: int, opens: bool, context: bool) -> bool:
        """Whether a token looks like a technology's name.

        ``opens``: it starts a sentence (where any word is capitalized); ``context``: the
        text names other technologies, which a dictionary noun needs to count ("R, Weka,
        NumPy" but not "Text, Audio and Video data").
        """
        if not tokens.is_word[index]:
            return False
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
        if letters >= 2 and any(c.isupper() for c in bare[1:]):
            return True
        # "Laravel", "Weka": a capitalized word that is no common English word, off a
        # sentence's start (where "Architecting" is capitalized for being first).
        classes = self.pipeline.word_classes(lower)
        return (
            not opens
            and surface[0].isupper()
            and len(surface) >= 3
            and not self.pipeline.is_english_word(lower)
            and not self.pipeline.is_stop_word(lower)
            and not classes & {"adj", "adv", "verb"}
            and (context or not classes)
        )

    def _phrases(
        self, tokens: Tokens, covered: set[int], starts: set[int], relaxed: bool
    ) -> list[tuple[int, str]]:
        """Key phrases: runs of content words between stop words, symbols and known terms."""
        chunks: list[list[int]] = []
        current: list[int] = []
        for index in range(len(tokens)):
            lower = tokens.lower[index]
            if (
                tokens.surface[index] in _PHRASE_JOINERS
                and current
                and index + 1 < len(tokens)
                and tokens.is_word[index + 1]
                and tokens.end[index - 1] == tokens.start[index] == tokens.end[index] - 1
                and tokens.end[index] == tokens.start[index + 1]
            ):
                continue  # "event-driven": the hyphen holds the phrase together
            if (
                not tokens.is_word[index]
                or index in covered
                or (self.pipeline.is_stop_word(lower) and lower not in _KEEP_WORDS)
                or any(c.isdigit() for c in lower)
                or len(lower) < 2
                or lower in _BREAK_WORDS
                or (tokens.lemma[index] in PEOPLE and not _hyphenated(tokens, index))
            ):
                if current:
                    chunks.append(current)
                current = []
                continue
            if current and tokens.line[current[-1]] != tokens.line[index]:
                chunks.append(current)
                current = []
            current.append(index)
        if current:
            chunks.append(current)
        out: list[tuple[int, str]] = []
        for chunk in chunks:
            words = self._trim(tokens, chunk, starts)
            if not words:
                continue
            lowers = [tokens.lower[i] for i in words]
            lemmas = self.pipeline.lemmas(lowers)
            single = len(words) == 1
            if not relaxed:
                if single:
                    continue  # a lone word: a name would have been found as one
                if all(lemma in GENERIC or lemma in MODIFIERS for lemma in lemmas):
                    continue
                if len(words) == 2 and lemmas[-1] in GENERIC and lemmas[-1] not in _HEADS_KEPT:
                    continue
                if all(self._describes(lower) for lower in lowers):
                    continue  # "equivalent practical": qualities, no thing
            elif all(lemma in GENERIC for lemma in lemmas):
                continue
            text = "".join(
                tokens.surface[i]
                + ("" if i + 1 < len(tokens) and tokens.end[i] == tokens.start[i + 1] else " ")
                for i in range(words[0], words[-1] + 1)
            ).strip()
            out.append((tokens.start[words[0]], text))
        if relaxed:
            out.sort(key=lambda pair: -len(pair[1]))
        return out

    def _trim(self, tokens: Tokens, chunk: list[int], starts: set[int]) -> list[int]:
        words = [i for i in chunk if tokens.is_word[i]]
        first = words[0] if words else 0
        opens = first in starts or (first > 0 and tokens.lower[first - 1] in _VERB_CONTEXT)
        while words:
            first = words[0]
            lower, lemma = tokens.lower[first], tokens.lemma[first]
            inflected = lower != lemma
            verb = lemma in VERBS and (opens or (inflected and lower.endswith(("s", "ing"))))
            adverb = lower.endswith("ly")
            if verb or adverb or lower in MODIFIERS or (opens and lower.endswith(("ing", "ed"))):
                words.pop(0)
                # "high-level": the rest of a hyphenated word goes with its first part
                while words and _hyphenated(tokens, words[0]) and words[0] - first == 2:
                    first = words.pop(0)
                opens = opens and adverb
                continue
            break
        while words and (
            tokens.lower[words[-1]].endswith(("ly", "ed"))
            or tokens.lower[words[-1]] in ("etc", "eg")
        ):
            words.pop()
        if len(words) > 4:
            words = words[-3:]
        return words

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
        new = _NewConcept(id=self._new_id(label), label=label, kind=kind)
        if acronym is not None and acronym.lower() != label.lower():
            if (
                acronym.isupper()
                and len(acronym) <= 4
                and self.pipeline.is_english_word(acronym.lower())
            ):
                new.ambiguous.append(acronym)
            else:
                new.aliases.append(acronym)
        if label.isupper() and len(label) <= 4 and self.pipeline.is_english_word(label.lower()):
            new.ambiguous.append(label)  # "SAP", "ELK": exact case only, in a tech context
        self.new[key] = new
        return new.id

    def _new_id(self, label: str) -> str:
        base = _slug(label)[:50].strip("-") or "concept"
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
                out.append(copy.deepcopy(self.raw[cid]))
        return out


def _hyphenated(tokens: Tokens, index: int) -> bool:
    """Whether a word is joined to the word before or after it by a hyphen ("user-facing")."""
    for joiner, other in ((index - 1, index - 2), (index + 1, index + 2)):
        left, right = min(index, other), max(index, other)
        if (
            0 <= other < len(tokens)
            and tokens.surface[joiner] in _PHRASE_JOINERS
            and tokens.is_word[other]
            and tokens.end[left] == tokens.start[joiner]
            and tokens.end[joiner] == tokens.start[right]
        ):
            return True
    return False


def _token_span(tokens: Tokens, start: int, end: int) -> range:
    first = next((i for i, s in enumerate(tokens.start) if s >= start), len(tokens))
    last = first
    while last < len(tokens) and tokens.end[last] <= end:
        last += 1
    return range(first, last)


def _sentence_starts(tokens: Tokens) -> set[int]:
    """Indexes of the first word of every sentence or clause."""
    starts: set[int] = set()
    expect = True
    for index, surface in enumerate(tokens.surface):
        if tokens.is_word[index]:
            if expect:
                starts.add(index)
            expect = False
        elif surface in ".!?:;•(":
            expect = True
    return starts


def _raw_concepts(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """The known taxonomy's concepts as its file writes them (every field kept)."""
    source = taxonomy.source
    try:
        if source.startswith("package:"):
            name = source.removeprefix("package:")
            raw = resources.files("kwmatch.taxonomies").joinpath(f"{name}.yaml").read_bytes()
        else:
            raw = Path(source).read_bytes()
        data = read_yaml(raw, source)
        concepts = {item["id"]: item for item in data["concepts"]}
        if set(concepts) == set(taxonomy.concepts):
            return concepts
    except (OSError, KeyError, TypeError, ValueError):
        pass
    return {c.id: _concept_data(c) for c in taxonomy.concepts.values()}


def _concept_data(concept: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": concept.id, "label": concept.label, "kind": concept.kind}
    for name in ("aliases", "evidence", "ambiguous", "cues", "not_in", "not_near"):
        value = getattr(concept, name)
        if value:
            data[name] = list(value)
    if concept.near:
        data["near"] = [
            {"all": [list(words) for words in p.all], "window": p.window}
            | ({"unless": list(p.unless)} if p.unless else {})
            for p in concept.near
        ]
    if not concept.fuzzy:
        data["fuzzy"] = False
    return data


# --- assembling the draft --------------------------------------------------------------------


def _role_title(line: str) -> str:
    title = re.sub(
        r"^(?:what|who)\s+(?:is|does|are)\s+(?:an?|the)\s+", "", line.strip(), flags=re.I
    )
    return title.rstrip("?:. ").strip()


def _assemble(
    document: Document,
    title: str,
    title_line: str,
    sections: list[_Section],
    groups: dict[str, _Group],
    finder: _ConceptFinder,
) -> dict[str, Any]:
    role_id = _slug(re.split(r"\s+[-–—|]\s+|,", title)[0])[:60].strip("-") or "drafted-role"
    data: dict[str, Any] = {
        "kind": "kwmatch-taxonomy",
        "version": FORMAT_VERSION,
        "id": role_id,
        "title": title,
        "revision": "draft",
    }
    description = next(
        (line.text for s in sections if s.kind in ("intro", "other") for line in s.prose()),
        "",
    )
    if description:
        data["description"] = " ".join(_sentences(description)[:2])
    data["source"] = {
        "file": Path(document.path).name,
        "title": title_line or title,
        "note": "Drafted by kwmatch taxonomy extract; boilerplate left out. Review before use.",
    }
    data["concepts"] = []
    used_ids: set[str] = set()
    blocks: dict[str, dict[str, Any]] = {}
    order = sorted(groups.values(), key=_group_order)
    for draft in order:
        responsibilities = []
        seen_texts: set[str] = set()
        for text, where, must in draft.items:
            key = " ".join(text.lower().split())
            if key in seen_texts:
                continue
            concepts = finder.find(text, must)
            if not concepts:
                continue
            seen_texts.add(key)
            rid = _responsibility_id(draft.id, text, used_ids)
            responsibilities.append(
                {"id": rid, "text": text, "source": where, "concepts": concepts}
            )
        if not responsibilities:
            continue
        block: dict[str, Any] = {"label": draft.label}
        if draft.summary:
            block["summary"] = draft.summary
        block["source"] = "; ".join(draft.source) or draft.label
        block["responsibilities"] = responsibilities
        if draft.kind == "core":
            data["core"] = block
        else:
            plural = {"level": "levels", "specialization": "specializations", "group": "groups"}
            blocks.setdefault(plural[draft.kind], {})[draft.id] = block
    data.update(blocks)
    data["concepts"] = finder.concepts()
    # Keep the file order of the format: concepts, core, levels, specializations, groups.
    ordered = {k: v for k, v in data.items() if k not in ("core", *blocks)}
    for key in ("core", "levels", "specializations", "groups"):
        if key in data:
            ordered[key] = data[key]
    return ordered


def _group_order(draft: _Group) -> tuple[int, int]:
    """Core, levels from entry up, specializations, then required, preferred, the rest."""
    kinds = {"core": 0, "level": 1, "specialization": 2, "group": 3}
    rank = LEVELS.index(draft.id) if draft.kind == "level" else 0
    if draft.kind == "group":
        rank = {"required": 0, "preferred": 1}.get(draft.id, 2)
    return kinds[draft.kind], rank


def _responsibility_id(group_id: str, text: str, used: set[str]) -> str:
    words = [
        w
        for w in re.findall(r"[a-z0-9+#]+", text.lower())
        if len(w) > 2 and w not in _SMALL_WORDS and not get_pipeline().is_stop_word(w)
    ][:3]
    base = _slug(f"{group_id} {' '.join(words)}")[:60].strip("-") or group_id
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def responsibility_texts(data: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(group path, text) of every responsibility of taxonomy data, in file order."""
    if "core" in data:
        for item in data["core"]["responsibilities"]:
            yield "core", item["text"]
    for key in ("levels", "specializations", "groups"):
        for group_id, block in (data.get(key) or {}).items():
            for item in block["responsibilities"]:
                yield f"{key}/{group_id}", item["text"]

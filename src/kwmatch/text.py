"""Text normalization: raw extracted pages in, :class:`CleanText` out.

Pure functions, no heavy imports (ftfy only when the text shows mojibake). The clean
text is what every later stage sees: match offsets, the ``text`` of every match and the
page/line of every piece of evidence refer to it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

PAGE_SEPARATOR = "\n\n"

#: Characters that carry no text: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)
#: Hyphen look-alikes that mean a plain hyphen inside a word; en and em dashes stay as
#: they are (they separate, they do not join).
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2043\u2212"), "-")
_SLASHES = dict.fromkeys(map(ord, "\u2044\u2215\u29f8"), "/")
_TRANSLATE = {**_INVISIBLE, **_HYPHENS, **_SLASHES}
#: Any character of _TRANSLATE: a search for one is much faster than str.translate, which
#: looks every character up in the table.
_TRANSLATABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _TRANSLATE) + "]")

_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
#: Lone surrogates (from a broken PDF font map or decoding with surrogateescape) cannot
#: be encoded as UTF-8: spaCy and every output would fail on them.
_SURROGATES = re.compile("[\ud800-\udfff]")
_BULLET_LEADS = re.compile(
    r"^[ \t]*[●▪■◦‣∙·\u2022\u25cf\u25aa\u25a0\u2023\u2219\u27a2\u2713\u2714➤►▸][ \t]*(?=\S)", re.M
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2][\u0080-\u00bf\u2018-\u203a\u20ac\u0152-\u0178]")
#: A word broken at a line end by a hyphen ("Kuber-" / "netes"), or by PDFium's U+FFFE
#: marker that stands for such a hyphen (it also drops the line break). The lookbehind
#: makes a try start only at a word's first letter: without it, a long run of letters
#: ("a" * 10**6) is rescanned from every position, in quadratic time.
_BROKEN_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,})(?:-[ \t]*\n[ \t]*|\ufffe\s*)([a-z]{2,})")
_BLANK_RUNS = re.compile(r"\n{3,}")

WordTest = Callable[[str], bool]
SectionKind = Literal[
    "skills",
    "experience",
    "education",
    "projects",
    "summary",
    "certifications",
    "publications",
    "competencies",
    "other",
]


@dataclass(frozen=True)
class Section:
    """A run of lines under one heading of the resume."""

    start: int
    """Offset in the clean text where the section's first line starts."""
    end: int
    """Offset just past the section's last character."""
    heading: str
    """The heading line as written ("TECHNICAL SKILLS")."""
    kind: SectionKind
    """What the heading announces: skills, experience, education, summary... or other."""


@dataclass(frozen=True)
class CleanText:
    """Normalized text of a whole document, with its page and line map."""

    text: str
    """The normalized text; pages are joined by a blank line."""
    page_starts: tuple[int, ...]
    """Offset where each page starts, in page order."""
    line_starts: tuple[int, ...]
    """Offset where each line of ``text`` starts."""
    sections: tuple[Section, ...]
    """Headed sections in document order; text before the first heading belongs to none."""

    def page_of(self, offset: int) -> int:
        """1-based page number of ``offset``."""
        return bisect.bisect_right(self.page_starts, offset)

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset`` within its page."""
        line = bisect.bisect_right(self.line_starts, offset)
        page_start = self.page_starts[self.page_of(offset) - 1]
        first_line_of_page = bisect.bisect_right(self.line_starts, page_start)
        return line - first_line_of_page + 1

    def line_index(self, offset: int) -> int:
        """0-based index of the line holding ``offset`` in the whole text."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_span(self, offset: int) -> tuple[int, int]:
        """Start and end offsets of the line holding ``offset`` (end excludes the newline)."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[index]
        # The next line's start, not str.find: a find per hit rescans a long line each time.
        if index + 1 < len(self.line_starts):
            return start, self.line_starts[index + 1] - 1
        return start, len(self.text)

    @functools.cached_property
    def _section_starts(self) -> tuple[int, ...]:
        return tuple(s.start for s in self.sections)

    def section_of(self, offset: int) -> Section | None:
        """The section holding ``offset``, if it stands under a heading."""
        index = bisect.bisect_right(self._section_starts, offset) - 1
        if index >= 0 and offset < self.sections[index].end:
            return self.sections[index]
        return None


_STRAY_A = re.compile("\u00c2(?:\xa0|(?= ))")


def _fix_mojibake(text: str) -> str:
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy  # only when needed: most text has no mojibake

    # A non-breaking space read as Latin-1 leaves "Â" before it; and ftfy leaves a
    # sequence alone when NBSPs stand beside it. Plain spaces first, then the repair.
    text = _STRAY_A.sub(" ", text).replace("\xa0", " ")
    return str(ftfy.fix_encoding(text))


#: Prefixes written with a hyphen ("non-technical", "co-founded"): kept at a line end.
_COMPOUND_PREFIXES = frozenset("non pre post co re multi self cross inter sub semi anti".split())
#: Short words the English test may not know, that form hyphenated compounds
#: ("on-call", "end-to-end", "in-house").
_SHORT_WORDS = frozenset("to on in of by up out off at end".split())


def _join_broken_words(text: str, is_word: WordTest | None) -> str:
    """Rejoin words split at a line end.

    "Kuber-"/"netes" becomes "Kubernetes"; "data-"/"driven" stays "data-driven": the
    hyphen is kept when both halves are words on their own (a real compound), dropped
    otherwise. The rest of the word moves up to the first line.
    """

    def known(word: str) -> bool:
        return word in _SHORT_WORDS or (is_word is not None and is_word(word))

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        keep_hyphen = left.lower() in _COMPOUND_PREFIXES or (
            is_word is not None
            and known(left.lower())
            and known(right.lower())
            and not is_word((left + right).lower())
        )
        return f"{left}-{right}" if keep_hyphen else left + right

    return _BROKEN_WORD.sub(join, text)


#: A word broken after a ligature: a PDF that draws "fi" or "fl" as one glyph sometimes
#: leaves a space after it ("classifi cation", "fi ndings", "confl icts").
_LIGATURE_GAP = re.compile(r"(?<![A-Za-z])([A-Za-z]*(?:ffi|ffl|ff|fi|fl)) ([a-z]{2,})(?![A-Za-z])")


def _join_ligature_gaps(text: str, is_word: WordTest | None) -> str:
    """Close the space a ligature left inside a word: the two parts join when together
    they make a word and are not both words of their own ("off line" stays)."""
    if is_word is None:
        return text

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        joined = (left + right).lower()
        if is_word(joined) and not (is_word(left.lower()) and is_word(right)):
            return left + right
        return match.group(0)

    return _LIGATURE_GAP.sub(join, text)


def _translate(text: str) -> str:
    return text.translate(_TRANSLATE) if _TRANSLATABLE.search(text) else text


def normalize_page(raw: str, is_word: WordTest | None = None) -> str:
    """Normalize the text of one page (see module doc for what is handled)."""
    text = _fix_mojibake(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _SURROGATES.sub("\ufffd", text)
    text = _translate(text)
    # NFKC first (ligatures, fullwidth forms), so that glyph codes written in fullwidth
    # parentheses are caught too; it can bring back look-alikes: translate again.
    text = unicodedata.normalize("NFKC", text)
    text = _CID.sub("", text)
    text = _PRIVATE_USE.sub("", text)
    text = _translate(text)
    text = _CONTROL.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    for _ in range(3):  # a word broken over three lines needs two joins
        joined = _join_broken_words(text, is_word)
        if joined == text:
            break
        text = joined
    text = _join_ligature_gaps(text, is_word)
    text = _BULLET_LEADS.sub("• ", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n ")


_HEADING_WORDS: dict[SectionKind, tuple[str, ...]] = {
    "skills": (
        "skill",
        "skills",
        "technical skills",
        "technologies",
        "technology",
        "tools",
        "languages",
        "programming languages",
        "tech stack",
        "stack",
        "expertise",
        "technical expertise",
        "proficiencies",
        "technical proficiencies",
        "toolbox",
        "software",
        "computer skills",
        "it skills",
        "technical summary",
        "core skills",
        "skills & tools",
        "skills and tools",
        "frameworks",
        "libraries",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "relevant experience",
    ),
    "education": ("education", "academic background", "education and training", "degrees"),
    "projects": (
        "projects",
        "project",
        "personal projects",
        "selected projects",
        "research projects",
    ),
    "summary": (
        "summary",
        "professional summary",
        "profile",
        "objective",
        "about",
        "about me",
        "career overview",
        "executive summary",
        "overview",
        "career objective",
    ),
    "certifications": ("certifications", "certificates", "licenses", "certification"),
    "publications": ("publications", "papers", "patents", "talks"),
    "competencies": (
        "core competencies",
        "competencies",
        "qualifications",
        "highlights",
        "strengths",
        "areas of expertise",
        "key skills",
        "core qualifications",
        "skill highlights",
    ),
    "other": (
        "awards",
        "honors",
        "interests",
        "activities",
        "languages spoken",
        "references",
        "volunteer",
        "volunteering",
        "accomplishments",
        "achievements",
        "contact",
        "additional information",
        "affiliations",
        "leadership",
        "coursework",
    ),
}
#: A heading has at most this many characters and words.
_HEADING_CHARS = 40
_HEADING_WORDS_MAX = 5
_HEADING_KIND = {phrase: kind for kind, phrases in _HEADING_WORDS.items() for phrase in phrases}
_HEADING_CLEAN = re.compile(r"[^a-z&+ ]+")
#: Words of a heading written again right after themselves.
_HEADING_REPEATED = re.compile(rf"(?<!\S)(\S(?:.{{0,{_HEADING_CHARS}}}?\S)?)(?: \1)+(?!\S)")


def heading_kind(line: str) -> SectionKind | None:
    """The kind of section ``line`` announces, or None when it is no heading."""
    stripped = line.strip().rstrip(":").strip()
    if not stripped:
        return None
    key = " ".join(_HEADING_CLEAN.sub(" ", stripped.lower()).split())
    words = key.split()
    if len(set(words)) < len(words) and len(set(words)) <= _HEADING_WORDS_MAX:
        once = _HEADING_REPEATED.sub(r"\1", key)
        if once != key:  # "EXPERIENCE EXPERIENCE" is still the heading
            stripped = key = once
    if len(stripped) > _HEADING_CHARS or len(stripped.split()) > _HEADING_WORDS_MAX:
        return None
    if key in _HEADING_KIND:
        return _HEADING_KIND[key]
    for word in key.split():
        if word in ("skills", "skill", "technologies"):
            return "skills"
    return None


def sections(text: str, line_starts: Sequence[int]) -> tuple[Section, ...]:
    """The headed sections of ``text``, whose lines start at ``line_starts``."""
    found: list[tuple[int, str, SectionKind]] = []
    for index, start in enumerate(line_starts):
        end = line_starts[index + 1] - 1 if index + 1 < len(line_starts) else len(text)
        line = text[start:end]
        kind = heading_kind(line)
        if kind is not None:
            found.append((start, line.strip(), kind))
    sections = []
    for index, (start, heading, kind) in enumerate(found):
        end = found[index + 1][0] if index + 1 < len(found) else len(text)
        sections.append(Section(start=start, end=end, heading=heading, kind=kind))
    return tuple(sections)


def clean(pages: Sequence[str], is_word: WordTest | None = None) -> CleanText:
    """Normalize every page and build the page, line and section maps."""
    normalized = [normalize_page(page, is_word) for page in pages] or [""]
    page_starts = []
    offset = 0
    for page in normalized:
        page_starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(normalized)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return CleanText(
        text=text,
        page_starts=tuple(page_starts),
        line_starts=tuple(line_starts),
        sections=sections(text, line_starts),
    )

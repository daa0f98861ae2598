"""The words and lines of work history: job nouns, degrees, kinds of roles, title ranks,
and :class:`LineReader`, which reads a clean text line by line for :mod:`kwmatch.history`.

Depends on :mod:`kwmatch.text` and :mod:`kwmatch.dates` only. The vocabulary tells a title
line from a degree line and an internship from a full-time role; :func:`title_rank`
orders titles by seniority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kwmatch.dates import DateRange, find_ranges
from kwmatch.text import CleanText

EntryKind = Literal[
    "full-time", "internship", "part-time", "assistantship", "volunteer", "education"
]
DegreeLevel = Literal["phd", "masters", "bachelors", "associate", "other"]

#: A line starting with one of these is a bullet of a description (or a dash).
BULLET = re.compile(r"^[•·▪◦*➤►\-–—]")
JOB_NOUN = re.compile(
    r"\b(?:engineers?|scientists?|analysts?|developers?|programmers?|managers?|interns?"
    r"|internship|assistants?|directors?|consultants?|specialists?|researchers?|lead"
    r"|architects?|administrators?|technicians?|coordinators?|officers?|associates?"
    r"|fellows?|designers?|representatives?|supervisors?|president|vp|head|founder"
    r"|co-?founder|cto|ceo|cfo|coo|owner|partner|auditor|planner|operator|electrician"
    r"|mechanic|contractor|tutor|instructor|teacher|professor|lecturer|postdoc"
    r"|postdoctoral|volunteer|clerk|secretary|receptionist|accountant|advis[eo]r|mentor"
    r"|mentee|trainee|apprentice|executive|editor|writer|recruiter|generalist|strategist"
    r"|scrum master|concierge|cook|landscaper|processor|sde|sdet|sre|devops|member"
    r"|student researcher|agent|nurse|buyer|chief|principal|contributor|workers?|laborer"
    r"|painter|cashier|counsel+or|teller|banker|chemist|attendant|driver|bartender|waiter"
    r"|waitress|physician|pharmacist|therapist|paralegal|attorney|lawyer|inspector|foreman"
    r"|superintendent|carpenter|welder|machinist|dispatcher|housekeeper|janitor|custodian"
    r"|caregiver|aide|tester|estimator|surveyor|trainer|statistician|economist|physicist"
    r"|mathematician|biologist|geologist|pilot|photographer|coach|chef)\b",
    re.IGNORECASE,
)
DEGREE_LEVELS: tuple[tuple[DegreeLevel, re.Pattern[str]], ...] = (
    ("phd", re.compile(r"\bPh\.?\s?D\b|\bD\.?Phil\b|\bDoctor(?:ate| of)\b", re.I)),
    (
        "masters",
        re.compile(
            r"(?<!scrum )\bMaster'?s?\b|\bM\.?B\.?A\b|\bM\.?Sc\b|\bM\.S\.|\bM\.?Tech\b|\bM\.?Eng\b"
            r"|\bM\.?Phil\b|\bM\.?Pharm\b|\bM\.E\.|\bM\.A\.|\bM\.[SA](?=\s*[:,(]|\s+(?:in|of)\b)"
            r"|\bMCA\b|(?-i:\bM[SAE]\b(?=,? (?:in|of)"
            r"\b|, [A-Z][a-z]|\s*\())",
            re.I,
        ),
    ),
    (
        "bachelors",
        re.compile(
            r"\bBachelor'?s?\b|\bB\.?Sc\b|\bB\.S\.|\bB\.?Tech\b|\bB\.?Eng\b|\bB\.E\.|\bB\.A\."
            r"|\bB\.[SA](?=\s*[:,(]|\s+(?:in|of)\b)"
            r"|\bBBA\b|\bBCA\b|\bBSE\b|(?-i:\bB[SAE]\b(?=,? (?:in|of)\b|, [A-Z][a-z]|\s*\())",
            re.I,
        ),
    ),
    ("associate", re.compile(r"\bAssociate'?s?\s+(?:of|in|degree)\b|\bA\.[AS]\.", re.I)),
    ("other", re.compile(r"\bDiploma\b|\bHigh School\b|\bGED\b", re.I)),
)
INSTITUTION = re.compile(
    r"\b(?:University|College|Institute|School|Academy|Polytechnic|Universit[éäy]|IIT)\b", re.I
)
NOT_EMPLOYMENT = re.compile(
    r"\b(?:born|birth|d\.o\.b|dob|certifi\w*|licen[cs]ed?|issued|patent\w*|published"
    r"|award\w*|honou?rs?|scholarship|proceedings)\b",
    re.I,
)
#: The placeholders of exported resume templates: "Company Name – City , State".
PLACEHOLDER = re.compile(
    r"(?:(?:Company|Employer|Organi[sz]ation) Name|City|State)"
    r"(?:\s+(?:(?:Company|Employer|Organi[sz]ation) Name|City|State))*",
    re.I,
)
#: "Company Name City , State Night Pharmacist" (an example of ours): the title right after
#: the template's "State" placeholder, in the same part once the line is cut at its commas.
_AFTER_STATE = re.compile(r"^State\s+(?=\S)")
EMPLOYER_PLACEHOLDER = re.compile(r"\b(?:Company|Employer|Organi[sz]ation) Name\b", re.I)
#: A title that names machine-learning work: "Machine Learning Engineer", "Senior Data
#: Scientist", "MLOps Engineer", "AI Engineer", "NLP Researcher", "Applied Scientist".
ML_TITLE = re.compile(
    r"\b(?:machine[- ]learning|deep[- ]learning|artificial intelligence|data scien\w*"
    r"|computer vision|natural language processing|applied scientist|mlops)\b"
    r"|(?-i:\b(?:ML|AI|NLP|MLE)\b)",
    re.I,
)
#: A line that names a study or side project, not a job: "Capstone Project | Jun 2020 -
#: Sep 2020", "Course project: ...", "Personal Project (2021)". Dated under an experience
#: heading it is a project all the same (a job noun on the line keeps it a role).
PROJECT_LINE = re.compile(
    r"\bcapstone\b|\b(?:course|class|academic|personal|side|school|university|semester"
    r"|student|hackathon|kaggle|final[- ]year|term|thesis|bootcamp)\s+projects?\b",
    re.I,
)
STUDY = re.compile(r"\b(?:expected|anticipated|graduat(?:ed|ion|ing)|class of)\b", re.I)
KIND_WORDS: tuple[tuple[EntryKind, re.Pattern[str]], ...] = (
    ("volunteer", re.compile(r"\b(?:volunteer\w*|unpaid|pro bono|open[- ]source)\b", re.I)),
    ("internship", re.compile(r"\b(?:interns?|internships?|co-?op|trainee|apprentice\w*)\b", re.I)),
    (
        "education",
        re.compile(
            r"\b(?:ph\.?\s?d\.?|doctoral)\s+(?:candidate|student|researcher|research|fellow)\b"
            r"(?!\s+assistant)",
            re.I,
        ),
    ),
    (
        "assistantship",
        re.compile(
            r"\b(?:(?:research|teaching|graduate|student|lab|laboratory) assistant|assistantship"
            r"|(?:undergraduate|student) (?:student )?research(?:er)?)\b|(?-i:\b(?:G?RA|G?TA)\b)",
            re.I,
        ),
    ),
    ("part-time", re.compile(r"\bpart[- ]?time\b", re.I)),
)
#: A subheading inside an experience section has at most this many words.
SUBHEADING_MAX_WORDS = 3
#: A short line that announces a group of roles of one kind ("Internships").
SUBHEADING = re.compile(
    r"(?:internships?|volunteer(?:ing)?(?: work| experience)?|part[- ]time(?: work| jobs)?"
    r"|research(?: experience)?|teaching(?: experience)?|open source|industry(?: experience)?)",
    re.I,
)


def degree_level(line: str) -> tuple[DegreeLevel, re.Match[str]] | None:
    """The level of the degree ``line`` names, with the words that name it."""
    for level, pattern in DEGREE_LEVELS:
        match = pattern.search(line)
        if match:
            return level, match
    return None


def kind_of(text: str) -> EntryKind | None:
    """The kind of role ``text`` announces ("intern", "part-time"...), None for plain work."""
    for kind, pattern in KIND_WORDS:
        if pattern.search(text):
            return kind
    return None


RANK_INTERN = 0
RANK_JUNIOR = 1
RANK_PLAIN = 2
RANK_SENIOR = 3
RANK_LEAD = 4
RANK_MANAGEMENT = 5

_RANK_INTERN = re.compile(r"\b(?:interns?|internship|trainee|apprentice|co-?op)\b", re.I)
_RANK_MANAGEMENT = re.compile(
    r"\b(?:managers?|head|directors?|chief|vp|vice[- ]president|president|cto|ceo|cfo|coo|cio)\b",
    re.I,
)
#: "Assistant Director", "Associate Manager", "Deputy Head": a step below management.
_RANK_DEPUTY = re.compile(
    r"\b(?:assistant|associate|deputy)\s+(?:\w+\s+){0,3}?(?:managers?|head|directors?)\b", re.I
)
_RANK_LEAD = re.compile(r"\b(?:staff|lead|principal|distinguished)\b", re.I)
_RANK_SENIOR = re.compile(r"\b(?:senior|sr)\b\.?", re.I)
_RANK_JUNIOR = re.compile(
    r"\b(?:junior|jr|entry[- ]level|assistant|associate)\b|(?-i:\bI\b)(?=\s*(?:$|[,(/|-]))",
    re.I,
)


def title_rank(title: str) -> int:
    """How senior a title reads, from 0 (intern) to 5 (manager, head, director, chief, VP).

    intern 0 < junior, associate, assistant (or a level "I") 1 < plain 2 < senior 3 <
    staff, lead, principal 4 < manager, head, director, chief, VP 5. An assistant or
    associate of a manager or director ("Assistant IT Director") ranks as senior (3).
    """
    if _RANK_INTERN.search(title):
        return RANK_INTERN
    if _RANK_MANAGEMENT.search(title):
        return RANK_SENIOR if _RANK_DEPUTY.search(title) else RANK_MANAGEMENT
    if _RANK_LEAD.search(title):
        return RANK_LEAD
    if _RANK_SENIOR.search(title):
        return RANK_SENIOR
    if _RANK_JUNIOR.search(title):
        return RANK_JUNIOR
    return RANK_PLAIN


# --- the lines of a resume ----------------------------------------------------------------

#: A line with more words than this is prose, not the header of a role.
HEADER_MAX_WORDS = 14
#: A line starting with a bullet is a description once it has more words than this.
BULLET_HEADER_MAX_WORDS = 8
#: A line ending with a full stop is a sentence once it has more words than this.
SENTENCE_MIN_WORDS = 5
TITLE_MAX_CHARS = 120
#: The header before the dates of a run-on line has at most this many words.
LEAD_MAX_WORDS = 10
#: A heading the text module does not know has at most this many words and characters.
HEADING_MAX_WORDS = 4
HEADING_MAX_CHARS = 48

#: Heading words of a part that lists unpaid roles ("Volunteer Experience", "Campus
#: Involvement"): its dated roles are roles of kind ``volunteer`` (they add no years).
VOLUNTEER_NOUNS = ("volunteer", "volunteering", "involvement")
#: "Community Service", "Civic Service": a heading of unpaid roles all the same.
_VOLUNTEER_HEADING = re.compile(r"(?:community|civic|public) service", re.I)
_SEGMENT_SPLIT = re.compile(r"\s*(?:\||•|·|\t| [–—-] |ï1/4| , |: )\s*")
_EDGE_JUNK = re.compile(r"^[\W_]+|[\s,;:|/–—(-]+$")
#: "Data Analyst at Harbor Foods", "Data Analyst @ Harbor Foods": the title, then the
#: employer.
_AT_EMPLOYER = re.compile(r"\s+(?:@|at)\s+(?=[A-Z0-9])")
_COMMA = re.compile(r",\s+")
#: Headings of parts that hold no employment, or that do, beyond those of kwmatch.text.
_HEADING_NOUNS = {
    **dict.fromkeys(
        "award awards honors honours activity activities extracurricular extra-curricular"
        " leadership publications publication presentations talks"
        " writing interests hobbies references certifications certificates patents"
        " memberships affiliations achievements hackathons responsibility responsibilities"
        " service societies organizations".split(),
        "other",
    ),
    **dict.fromkeys("internships employment career".split(), "experience"),
    **dict.fromkeys(VOLUNTEER_NOUNS, "volunteer"),
    **dict.fromkeys("projects project".split(), "projects"),
}
_HEADING_FILLERS = frozenset(
    "and & of the other additional selected relevant professional academic key notable"
    " personal community research teaching industry experience work university course"
    " side open source campus on civic".split()
)
#: A "heading" that starts in lower case or ends with a full stop is the tail of a wrapped
#: sentence ("activities.", "Good communication skills."), not a heading.
_WRAPPED_LINE = re.compile(r"^[a-z]|\.$")
_WORD = re.compile(r"\w")
#: The kinds of heading that may be a label inside a role when they end with a colon.
_LABEL_KINDS = ("projects", "other")
#: "Relevant Professional Experience", "Additional Experience", "Prior Work History",
#: "Military Experience": an experience heading with qualifiers before it; "Military
#: Service" too.
_HEADING_EXPERIENCE = re.compile(
    r"(?:(?:research|teaching|industry|relevant|additional|related|other|professional|prior"
    r"|previous|selected|work|military)\s+)+(?:experience|employment|work history)"
    r"|military service",
    re.I,
)


def tidy(segment: str) -> str:
    """``segment`` without the bullets, dashes and commas at its ends."""
    return _EDGE_JUNK.sub("", segment.strip())[:TITLE_MAX_CHARS].strip()


def segments(line: str) -> list[str]:
    """The parts of a header line: split at bars, bullets, spaced dashes and the like.

    A part that runs on from a template's "City , State" placeholder into the title
    ("State Night Pharmacist") loses the placeholder word.
    """
    parts = [s for s in (tidy(part) for part in _SEGMENT_SPLIT.split(line)) if s]
    for at in range(1, len(parts)):
        if parts[at - 1].endswith("City") and _AFTER_STATE.match(parts[at]):
            parts[at] = _AFTER_STATE.sub("", parts[at])
    return parts


def trim_title(segment: str) -> tuple[str, str]:
    """Split "Developer, Acme Inc., Springfield" into the title and what follows it.

    The title keeps each comma-separated part up to the last one naming a job or a kind of
    role ("Data Scientist, Part-Time"); the rest is returned as the employer's part. A
    title "at" or "@" an employer ("Data Analyst at Harbor Foods") is split there.
    """
    at = _AT_EMPLOYER.search(segment)
    if at is not None and JOB_NOUN.search(segment[: at.start()]):
        return segment[: at.start()], segment[at.end() :]
    parts = _COMMA.split(segment)
    keep = max((i for i, p in enumerate(parts) if JOB_NOUN.search(p) or kind_of(p)), default=0)
    return ", ".join(parts[: keep + 1]), ", ".join(parts[keep + 1 :])


def _extra_heading(line: str) -> str | None:
    """The kind of a heading kwmatch.text does not know ("Honors & Awards"), if it is one."""
    words = line.strip().rstrip(":").lower().split()
    if not words or len(words) > HEADING_MAX_WORDS or any(c.isdigit() for c in line):
        return None
    if _HEADING_EXPERIENCE.fullmatch(" ".join(words)):
        return "experience"
    kinds = [_HEADING_NOUNS[w] for w in words if w in _HEADING_NOUNS]
    if kinds and all(w in _HEADING_NOUNS or w in _HEADING_FILLERS for w in words):
        return kinds[0]
    return None


_FIELD = re.compile(
    r"[\s.'s]*(?:degree\s+)?(?:of\s+(?:applied\s+)?(?:science|arts|engineering|technology"
    r"|philosophy|business administration)\s+)?(?:in|of|,|:|-|–)?\s*([^,|(;]+)",
    re.I,
)


def field_after(after_degree: str) -> str:
    """The subject named after a degree ("in Computer Science", ", Physics")."""
    match = _FIELD.match(after_degree)
    if match is None:
        return ""
    subject = tidy(match.group(1))
    return "" if INSTITUTION.search(subject) else subject


@dataclass(frozen=True)
class Region:
    """A run of lines under one heading (of kwmatch.text, or one it does not know)."""

    first: int
    """Index of the heading line (-1 before the first heading)."""
    last: int
    """Index of the region's last line."""
    kind: str | None
    """What the heading announces (None before the first heading)."""

    @property
    def body(self) -> range:
        """The lines under the heading."""
        return range(self.first + 1, self.last + 1)


class LineReader:
    """The lines of a clean text, their regions, and the dates found on each."""

    def __init__(self, clean: CleanText) -> None:
        self.clean = clean
        self.text = clean.text
        self.starts = clean.line_starts
        self.ranges: dict[int, list[DateRange]] = {}
        self.date_lines: set[int] = set()
        self._cuts: dict[int, list[tuple[int, int]]] = {}
        for found in find_ranges(clean.text):
            first = clean.line_index(found.start_offset)
            self.ranges.setdefault(first, []).append(found)
            for start, end in found.spans:
                at = clean.line_index(start)
                self._cuts.setdefault(at, []).append((start, end))
                self.date_lines.add(at)
        self._lines: dict[int, str] = {}
        self._titles: dict[int, str | None] = {}
        self.regions, self._region_of = self._regions()
        self.heading_lines = {r.first for r in self.regions if r.first >= 0}

    def _regions(self) -> tuple[list[Region], list[int]]:
        count = len(self.starts)
        heads: dict[int, str] = {
            self.clean.line_index(s.start): s.kind
            for s in self.clean.sections
            if not _WRAPPED_LINE.search(s.heading)
        }
        for index in range(count):
            short = self.starts[index + 1] - self.starts[index] if index + 1 < count else 0
            if short <= HEADING_MAX_CHARS and index not in heads and index not in self.date_lines:
                kind = _extra_heading(self.line(index))
                if kind is not None:
                    heads[index] = kind
        for label in self._role_labels(heads):
            del heads[label]
        for at in list(heads):  # kwmatch.text files "Volunteer Experience" among other parts
            words = self.line(at).lower().split()
            if any(w in VOLUNTEER_NOUNS for w in words) or _VOLUNTEER_HEADING.fullmatch(
                " ".join(words).rstrip(":")
            ):
                heads[at] = "volunteer"
                if len(words) == 1 and at - 1 in self.date_lines:
                    del heads[at]  # "Volunteer" alone under a date line: that role's title
        firsts = sorted(heads)
        regions = [Region(-1, (firsts[0] if firsts else count) - 1, None)]
        for at, first in enumerate(firsts):
            last = (firsts[at + 1] if at + 1 < len(firsts) else count) - 1
            regions.append(Region(first, last, heads[first]))
        region_of = [0] * count
        for number, region in enumerate(regions):
            for index in range(max(0, region.first), region.last + 1):
                region_of[index] = number
        return regions, region_of

    def _role_labels(self, heads: dict[int, str]) -> list[int]:
        """Headings that are labels inside a role ("Responsibilities:", "Projects:"): they
        end with a colon, follow an experience heading, and a dated job title comes under
        them before the next heading."""
        labels: list[int] = []
        kind, firsts = None, sorted(heads)

        def label_like(at: int) -> bool:
            return heads[at] in _LABEL_KINDS and self.line(at).strip().endswith(":")

        for first in firsts:
            if kind == "experience" and label_like(first):
                end = next((f for f in firsts if f > first and not label_like(f)), len(self.starts))
                if any(self._dated_job(n) for n in range(first + 1, end)):
                    labels.append(first)
                    continue
            kind = heads[first]
        return labels

    def _dated_job(self, index: int) -> bool:
        """A date line with a job title on it or on the next line (before regions exist)."""
        if index not in self.date_lines:
            return False
        return any(
            JOB_NOUN.search(self.line(n)) and self.header_like(n) for n in (index, index + 1)
        )

    def line(self, index: int) -> str:
        """The text of line ``index`` ("" outside the text)."""
        if index < 0 or index >= len(self.starts):
            return ""
        if index not in self._lines:
            start = self.starts[index]
            end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
            self._lines[index] = self.text[start:end]
        return self._lines[index]

    def undated(self, index: int) -> str:
        """Line ``index`` with its date words cut out (each replaced by a segment break)."""
        line = self.line(index)
        base = self.starts[index]
        pieces, at = [], 0
        for start, end in sorted(self._cuts.get(index, ())):
            pieces.append(line[at : max(at, start - base)])
            at = max(at, min(len(line), end - base))
        pieces.append(line[at:])
        return " | ".join(pieces)

    def region(self, index: int) -> Region:
        """The region holding line ``index``."""
        return self.regions[self._region_of[index]]

    def same_region(self, index: int, other: int) -> bool:
        """Whether line ``other`` exists, is no heading, and shares ``index``'s region."""
        inside = 0 <= other < len(self.starts) and other not in self.heading_lines
        return inside and self._region_of[index] == self._region_of[other]

    def header_like(self, index: int, text: str | None = None) -> bool:
        """Short enough to be a role's header line, not a bullet or a sentence."""
        line = (self.line(index) if text is None else text).strip()
        words = sum(1 for word in line.split() if _WORD.search(word))
        if not words or words > HEADER_MAX_WORDS:
            return False
        if line.endswith(".") and words >= SENTENCE_MIN_WORDS:
            return False
        return not (BULLET.match(line) and words > BULLET_HEADER_MAX_WORDS)

    def lead(self, index: int) -> str | None:
        """The header before the dates of a line whose description runs on after them:
        "Acme Foods, Springfield Data Analyst 03/2015 to 06/2019 Built the weekly ...".

        The part before the first range must be short, start with a capital and end on
        a capitalized word, and the text after the range must start a sentence; a point
        date inside prose ("joined in 2015 and ...") is never such a header.
        """
        found = self.ranges.get(index)
        if not found or found[0].is_point or index in self.heading_lines:
            return None
        base = self.starts[index]
        line = self.line(index)
        before = line[: found[0].start_offset - base].strip(" ,|–—-")
        after = line[found[0].end_offset - base :].strip()
        words = [w for w in before.split() if _WORD.search(w)]
        if not words or len(words) > LEAD_MAX_WORDS or not after[:1].isupper():
            return None
        if not before[0].isupper() or not words[-1][0].isupper() or BULLET.match(before):
            return None
        return before

    def title_segment(self, index: int) -> str | None:
        """The part of line ``index`` that names a job, when it is a header line."""
        if index not in self._titles:
            self._titles[index] = self._title_segment(index)
        return self._titles[index]

    def _title_segment(self, index: int) -> str | None:
        text = self.undated(index)
        if index in self.heading_lines:
            return None
        if not self.header_like(index, text):
            # "Title Company Name – City , State" and the description run on after it
            parts = EMPLOYER_PLACEHOLDER.split(text, maxsplit=1)
            if len(parts) > 1 and self.header_like(index, parts[0]):
                text = parts[0]
            else:
                lead = self.lead(index)
                if lead is None:
                    return None
                text = lead
        for segment in segments(text):
            for part in EMPLOYER_PLACEHOLDER.split(segment):
                if JOB_NOUN.search(part) and degree_level(part) is None:
                    return tidy(part)
        return None

    def closer_date(self, index: int, near: int) -> bool:
        """Whether line ``near`` is, or stands closer to, another date line than ``index``."""
        reach = abs(near - index)
        return any(
            m in self.date_lines for m in range(near - reach + 1, near + reach) if m != index
        )

    def title_line(self, index: int, anchor: int) -> str | None:
        """The title on a neighbour ``index`` of the date line ``anchor``, if it holds one."""
        if index in self.date_lines or not self.same_region(anchor, index):
            return None
        return self.title_segment(index)

"""The structured requirements of a posting: years of experience, degrees, and the
seniority its title states, as the ``requirements`` of a drafted taxonomy (format 3).

* **Years**: "5+ years", "3-5 years of Python", "at least two years of experience",
  "minimum of 4 years' experience in data engineering"; a number of years counts only
  next to "experience" or followed by what they are of ("years of Python"), never in
  "founded 10 years ago".
* **Degrees**: "BS/MS in Computer Science or a related field" asks for a bachelor's (the
  lowest degree named meets it), "PhD preferred" for a doctorate as a plus; a "degree in"
  a field with no level is a bachelor's.
* **Seniority**: the title's rank (:func:`kwmatch.roles.title_rank`) when the title
  states one (Junior, Senior, Lead, Principal, Head of...); a plain title states none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from kwmatch.draft.prose import PREFERRED_CUE
from kwmatch.roles import RANK_PLAIN, title_rank
from kwmatch.taxonomy.model import DEGREES, SENIORITIES

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
}
_NUMBER = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = re.compile(
    rf"(?:(?P<least>at least|a minimum of|minimum of|minimum|min\.?|over|more than)\s+)?"
    rf"(?P<low>{_NUMBER})\s*(?:\+|plus)?\s*(?:(?:-|–|—|to)\s*(?P<high>{_NUMBER})\s*\+?\s*)?"
    r"(?:years?|yrs?)(?:['’]s?)?(?P<rest>[^.;:!?]{0,80})",
    re.I,
)
#: "years ago", "years old": no length of experience.
_NOT_EXPERIENCE = re.compile(
    r"^\s*(?:ago|old|of age|in business|of history|running|in a row|warranty)\b", re.I
)
_EXPERIENCE = re.compile(r"\b(?:experience|exp)\b", re.I)
#: What years are of: "of Python", "experience in data engineering", "with Spark".
_SUBJECT = re.compile(
    r"^\s*(?:(?:of\s+)?(?:\w+\s+){0,2}?(?:experience|exp)\s+(?:in|with|of|as|using|building)\s+|"
    r"(?:of|in|with|using)\s+(?!experience\b|professional\b|relevant\b|industry\b|work\b))"
    r"(?P<subject>[^,.;()]{2,60}?)(?=\s*(?:,|\.|;|\(|\bor\b|\band\b|\bexperience\b|$))",
    re.I,
)
#: Degrees, lowest that meets them: (level, pattern). Abbreviations in their case.
_DEGREE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phd", re.compile(r"\bPh\.?\s?D\b|\bdoctor(?:ate|al)\b|\bD\.?Phil\b", re.I)),
    (
        "masters",
        re.compile(r"\b(?:M\.?Sc?|MBA|M\.?Eng|M\.?Tech|MA)\b|(?i:\bmaster['’]?s?\b)"),
    ),
    (
        "bachelors",
        re.compile(
            r"\b(?:B\.?Sc?|BA|B\.?Eng|B\.?Tech|BE)\b|(?i:\bbachelor['’]?s?\b|\bundergraduate\b)"
        ),
    ),
    ("associate", re.compile(r"\bassociate['’]?s?\s+degree\b", re.I)),
)
_DEGREE = re.compile(r"\bdegree\b|\bdiploma\b|\bgraduate\b", re.I)
_FIELD = re.compile(
    r"\b(?:in|of)\s+(?P<field>(?:[A-Z][\w&/+-]*|and|or|a|related|technical|quantitative|"
    r"field|fields|discipline|computer|science|engineering|mathematics|statistics|"
    r"physics|[a-z]+)(?:[\s,]+(?:[A-Z][\w&/+-]*|and|or|a|related|technical|quantitative|"
    r"field|fields|discipline|similar|equivalent|[a-z]+)){0,9})",
)
_FIELD_END = re.compile(
    r"\s*(?:,|\bor equivalent\b|\bpreferred\b|\brequired\b|\bis\b|\bwith\b).*$", re.I
)


def _number(text: str) -> float:
    return float(_NUMBER_WORDS.get(text.lower(), 0) or float(text))


def find_years(text: str, preferred: bool) -> list[dict[str, Any]]:
    """Years-of-experience requirements in one item or sentence."""
    out: list[dict[str, Any]] = []
    for match in _YEARS.finditer(text):
        rest = match.group("rest")
        if _NOT_EXPERIENCE.match(rest):
            continue
        if not _EXPERIENCE.search(text) and not re.match(r"\s*(?:of|in|with)\s+\w", rest):
            continue
        item: dict[str, Any] = {
            "kind": "years",
            "text": text.strip(),
            "min_years": _number(match.group("low")),
        }
        if match.group("high"):
            high = _number(match.group("high"))
            if high >= item["min_years"]:
                item["max_years"] = high
        subject = _SUBJECT.match(rest)
        if subject:
            item["subject"] = subject.group("subject").strip()
        if preferred or PREFERRED_CUE.search(text):
            item["preferred"] = True
        out.append(item)
    return out


def find_degree(text: str, preferred: bool) -> dict[str, Any] | None:
    """The degree requirement of one item or sentence, if it asks for one."""
    levels = [level for level, pattern in _DEGREE_WORDS if pattern.search(text)]
    if not levels:
        if not _DEGREE.search(text) or not re.search(r"\bdegree\s+(?:in|of)\b", text, re.I):
            return None
        levels = ["bachelors"]  # "a degree in Computer Science"
    item: dict[str, Any] = {
        "kind": "degree",
        "text": text.strip(),
        "degree": min(levels, key=DEGREES.index),
    }
    found = _FIELD.search(text)
    if found:
        field = _FIELD_END.sub("", found.group("field")).strip(" ,")
        if field:
            item["field"] = field
    if preferred or PREFERRED_CUE.search(text):
        item["preferred"] = True
    return item


def find_seniority(title: str) -> dict[str, Any] | None:
    """The seniority a posting's title states, if it states one."""
    if not title.strip():
        return None
    rank = title_rank(title)
    if rank == RANK_PLAIN:
        return None
    return {"kind": "seniority", "text": title.strip(), "seniority": SENIORITIES[rank]}


def find_requirements(title: str, items: Iterable[tuple[str, bool]]) -> list[dict[str, Any]]:
    """Every structured requirement: the title's seniority, then the years and degrees of
    the ``(text, preferred)`` items in order, each once."""
    out: list[dict[str, Any]] = []
    seniority = find_seniority(title)
    if seniority:
        out.append(seniority)
    seen: set[tuple[Any, ...]] = set()
    for text, preferred in items:
        found = find_years(text, preferred)
        degree = find_degree(text, preferred)
        if degree:
            found.append(degree)
        for item in found:
            key = tuple(sorted((k, str(v)) for k, v in item.items() if k != "text"))
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out

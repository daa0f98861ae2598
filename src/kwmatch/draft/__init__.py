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
  their aliases, lemmas and guards), then from the names of widely used tools
  (``draft/technologies.py``: "gradle" in lower case, "Storm" in its capitals), then
  from technology names and acronyms (camel case, capitals, digits, ``C++``, names that
  are no English word), then from noun phrases (``draft/phrases.py``): the words between
  stop words, stripped of the verbs and vague adjectives at their edges; one word only
  where it names a discipline in a list ("testing and monitoring"), a kind of tool only
  with its members after it ("deployment tools like Spinnaker"). People ("stakeholders",
  "the tech lead"), teams ("the SRE team") and companies ("Acme's platform") are none.
  spaCy's blank pipeline has no tagger, so the chunking is our own.
  "Long form (ACRONYM)" pairs in the posting make one concept with an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kwmatch.draft.concepts import ConceptFinder
from kwmatch.draft.fields import INDUSTRY_FIELD
from kwmatch.draft.groups import Group, posting_groups, prose_groups
from kwmatch.draft.posting import (
    LEVELS,
    SMALL_WORDS,
    TITLE_WORDS,
    Dropped,
    Section,
    posting_heading_kind,
    posting_sections,
    read_lines,
    sentences,
    slug,
)
from kwmatch.draft.prose import Item, strip_placeholders, unflatten
from kwmatch.draft.requirements import find_requirements
from kwmatch.errors import InputError
from kwmatch.ingest import DEFAULT_PDF_ENGINE, Document, PdfEngine, read_document
from kwmatch.nlp import get_pipeline
from kwmatch.taxonomy import (
    FORMAT_VERSION,
    GroupKind,
    Taxonomy,
    dump_yaml,
    load_taxonomy,
    parse_taxonomy,
)
from kwmatch.text import clean

#: Words of this many letters or fewer do not go into a responsibility's id.
_SHORT_WORD = 2


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
        kinds: tuple[tuple[GroupKind, str], ...] = (
            ("level", "levels"),
            ("specialization", "specializations"),
        )
        for kind, name in kinds:
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
        inline = key in ("requirements", "concepts", "core", "levels", "specializations", "groups")
        parts.append(dump_yaml({key: value}, inline_lists=inline))
        if inline:
            parts.append("\n")
    return header + "".join(parts)


def extract_document(document: Document, *, base: Taxonomy | str | Path | None = None) -> Draft:
    """Draft a taxonomy from a document that is already read."""
    pipeline = get_pipeline()
    known = base if isinstance(base, Taxonomy) else load_taxonomy(base)
    text = clean(document.pages, pipeline.is_english_word).text
    text = unflatten(strip_placeholders(text), pipeline.is_english_word)
    lines, dropped = read_lines(text)
    if not lines:
        raise InputError(document.path, "no text left once boilerplate is set aside")
    first = lines[0]
    is_title = (
        not first.bullet
        and len(first.text.split()) <= TITLE_WORDS
        and not first.text.endswith(".")
        and posting_heading_kind(first.text)[0] in ("other", "level")
    )
    title_line = first.text if is_title else ""
    title = _role_title(title_line) or Path(document.path).stem or "Drafted role"
    sections = posting_sections(lines[1:] if title_line else lines)
    groups = posting_groups(sections)
    industry = _industry_group(dropped)
    finder = ConceptFinder(known, pipeline, text)
    data = _assemble(document, title, title_line, sections, groups | industry, finder)
    if not _asks_anything(data):
        groups = prose_groups(sections)  # its lists named nothing: read it as prose
        data = _assemble(document, title, title_line, sections, groups | industry, finder)
    asked = [
        (item.text, group.id == "preferred") for group in groups.values() for item in group.items
    ]
    requirements = find_requirements(title_line or title, asked)
    if requirements:
        at = list(data).index("concepts")
        entries = list(data.items())
        data = dict([*entries[:at], ("requirements", requirements), *entries[at:]])
    if not _asks_anything(data) and not data.get("groups"):
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


# --- assembling the draft --------------------------------------------------------------------


def _asks_anything(data: dict[str, Any]) -> bool:
    """Whether a draft holds a group of what the role asks (the industry aside)."""
    groups = set(data.get("groups") or {}) - {"industry"}
    return bool(groups) or any(data.get(key) for key in ("core", "levels", "specializations"))


def _industry_group(dropped: list[Dropped]) -> dict[str, Group]:
    """The industries of a job board's "Industry:" field (left out with the job details,
    yet a domain a candidate may know): a group of their own, away from what is required."""
    for position, line in enumerate(dropped):
        match = INDUSTRY_FIELD.match(line.text)
        if match is None or line.reason != "job details":
            continue
        value, number = match.group("value").strip(), line.line
        if not value and position + 1 < len(dropped):  # "Industry:" over its value
            value, number = dropped[position + 1].text, dropped[position + 1].line
        if value:
            item = Item(value, f"Industry, line {number}", industries=True)
            return {
                "group:industry": Group("group", "industry", "Industry", ["Industry"], "", [item])
            }
    return {}


def _role_title(line: str) -> str:
    title = re.sub(
        r"^(?:what|who)\s+(?:is|does|are)\s+(?:an?|the)\s+", "", line.strip(), flags=re.I
    )
    return title.rstrip("?:. ").strip()


def _assemble(
    document: Document,
    title: str,
    title_line: str,
    sections: list[Section],
    groups: dict[str, Group],
    finder: ConceptFinder,
) -> dict[str, Any]:
    role_id = slug(re.split(r"\s+[-–—|]\s+|,", title)[0])[:60].strip("-") or "drafted-role"
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
        data["description"] = " ".join(sentences(description)[:2])
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
        for item in draft.items:
            text, where = item.text, item.source
            key = " ".join(text.lower().split())
            if key in seen_texts:
                continue
            if item.industries:
                concepts = finder.find_industries(text)
            elif item.tags:
                concepts = finder.find_tags(text)
            else:
                concepts = finder.find(text, item.must, names_only=item.names_only)
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


def _group_order(draft: Group) -> tuple[int, int]:
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
        if len(w) > _SHORT_WORD and w not in SMALL_WORDS and not get_pipeline().is_stop_word(w)
    ][:3]
    base = slug(f"{group_id} {' '.join(words)}")[:60].strip("-") or group_id
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

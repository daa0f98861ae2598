"""Validation of a taxonomy's data: the JSON Schema, then the checks a schema cannot
express (unique ids, known concepts, finite positive weights, sets, safe patterns),
each problem naming its field and line."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from kwmatch.lexicon import FAMILY_MARK, WORD_FAMILIES
from kwmatch.taxonomy.model import FORMAT_VERSION, GroupKind
from kwmatch.taxonomy.regexes import regex_problem
from kwmatch.taxonomy.yamlio import FieldPath


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = resources.files("kwmatch").joinpath("schemas/taxonomy.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_data(
    data: Any,
    source: str,
    *,
    schema: bool = True,
    lines: dict[FieldPath, int] | None = None,
) -> list[str]:
    """Every problem of a parsed taxonomy, each naming the path of its field.

    ``schema=False`` skips the JSON Schema pass (the cross-reference checks still run):
    for the shipped taxonomies, which the test suite validates in full, so that start-up
    does not pay for importing jsonschema. ``lines`` (from :func:`field_lines`) adds the
    line of each field to its problem.
    """
    return [describe_problem(path, message, lines) for path, message in problems_of(data, schema)]


def describe_problem(path: FieldPath, message: str, lines: dict[FieldPath, int] | None) -> str:
    where = "/".join(path) or "top level"
    line = next(
        (lines[path[:end]] for end in range(len(path), 0, -1) if lines and path[:end] in lines),
        None,
    )
    return f"{where}: {message}" + (f" (line {line})" if line else "")


_EXPECTED = "a mapping with kind, version, id, title and concepts"
Problems = list[tuple[FieldPath, str]]


def problems_of(data: Any, schema: bool) -> Problems:
    if not isinstance(data, dict):
        if data is None:
            return [((), f"the file is empty (expected {_EXPECTED})")]
        if isinstance(data, str):
            return [((), f"not a taxonomy: the file is plain text, not YAML ({_EXPECTED})")]
        names = {list: "a list", int: "a number", float: "a number", bool: "true or false"}
        return [((), f"expected {_EXPECTED}, got {names.get(type(data), type(data).__name__)}")]
    if "kind" not in data and "concepts" not in data:
        return [((), "not a kwmatch taxonomy (no 'kind: kwmatch-taxonomy' and no concepts)")]
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return [
            (
                ("version",),
                f"format {version} is newer than this kwmatch reads ({FORMAT_VERSION}); "
                "upgrade kwmatch",
            )
        ]
    problems: Problems = []
    if schema:
        from kwmatch.validation import schema_errors

        problems.extend(schema_errors(data, _schema()))
    if problems:
        return problems
    problems.extend(_version_problems(data))
    concept_ids = _concept_problems(data["concepts"], problems)
    set_members = _set_problems(data.get("sets") or [], concept_ids, problems)
    _responsibility_problems(data, concept_ids, set_members, problems)
    for field_name in ("essential", "production", "adjacent"):
        for position, entry in enumerate((data.get("fit") or {}).get(field_name, ())):
            if entry not in concept_ids and entry not in set_members:
                problems.append(
                    (("fit", field_name, str(position)), f"unknown concept or set {entry!r}")
                )
    _requirement_problems(data.get("requirements") or [], problems)
    return problems


#: The field each kind of requirement cannot do without.
_REQUIREMENT_FIELDS = {"years": "min_years", "degree": "degree", "seniority": "seniority"}


def _requirement_problems(requirements: list[dict[str, Any]], problems: Problems) -> None:
    """A requirement holds the field of its kind; a range of years runs upwards."""
    for index, item in enumerate(requirements):
        path = ("requirements", str(index))
        needed = _REQUIREMENT_FIELDS[item["kind"]]
        if needed not in item:
            problems.append((path, f"a {item['kind']} requirement needs '{needed}'"))
        low, high = item.get("min_years"), item.get("max_years")
        if low is not None and high is not None and high < low:
            problems.append(((*path, "max_years"), f"max_years {high} is below min_years {low}"))


#: The format that brought sets and evidence.
_SETS_FORMAT = 2
#: The format that brought requirements.
_REQUIREMENTS_FORMAT = 3
#: A set offers a choice: two members at least.
_MIN_MEMBERS = 2


def _version_problems(data: dict[str, Any]) -> Problems:
    """Fields newer than the format the file says it is written in: a kwmatch that reads
    only an older format would refuse them, so a file that uses them must say so."""
    version = data.get("version")
    if not isinstance(version, int):
        return []
    problems: Problems = []
    if "requirements" in data and version < _REQUIREMENTS_FORMAT:
        problems.append((("requirements",), _needs_version_3()))
    if version >= _SETS_FORMAT:
        return problems
    for name in ("sets", "fit"):
        if name in data:
            problems.append(((name,), _needs_version_2(name)))
    for index, concept in enumerate(data["concepts"]):
        if "evidence" in concept:
            problems.append((("concepts", str(index), "evidence"), _needs_version_2("evidence")))
    return problems


def _needs_version_3() -> str:
    return "'requirements' needs format version 3: write 'version: 3'"


def _needs_version_2(field: str) -> str:
    return f"'{field}' needs format version 2 (the file says version 1): write 'version: 2'"


def _weight_problem(value: Any) -> str | None:
    """Why ``value`` is no weight: weights are finite numbers above 0 (not .nan or .inf)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"weight must be a number, got {value!r}"
    if not math.isfinite(value) or value <= 0:
        return f"weight must be a finite number above 0, got {value!r}"
    return None


def _concept_problems(concepts: list[dict[str, Any]], problems: Problems) -> dict[str, int]:
    """Check every concept; return the index of each concept id."""
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, str] = {}
    for index, concept in enumerate(concepts):
        where: FieldPath = ("concepts", str(index))
        cid = concept["id"]
        if cid in seen_ids:
            problems.append(
                (
                    (*where, "id"),
                    f"duplicate concept id {cid!r} (first at concepts/{seen_ids[cid]})",
                )
            )
        seen_ids.setdefault(cid, index)
        for name in ("aliases", "ambiguous"):
            for position, alias in enumerate(concept.get(name, [])):
                key = _fold(alias) if name == "aliases" else alias
                owner = alias_owner.get(key)
                if owner is not None and owner != cid:
                    problems.append(
                        (
                            (*where, name, str(position)),
                            f"{alias!r} is also an alias of {owner!r}",
                        )
                    )
                alias_owner.setdefault(key, cid)
        own = {_fold(phrase) for phrase in (concept["label"], *concept.get("aliases", []))}
        for position, phrase in enumerate(concept.get("evidence", [])):
            if _fold(phrase) in own:
                problems.append(
                    (
                        (*where, "evidence", str(position)),
                        f"{phrase!r} is the concept's own name or alias: evidence lists "
                        "what shows the concept without naming it",
                    )
                )
        if "weight" in concept and (problem := _weight_problem(concept["weight"])):
            problems.append(((*where, "weight"), problem))
        for position, pattern in enumerate(concept.get("not_in", [])):
            if problem := regex_problem(pattern):
                problems.append(((*where, "not_in", str(position)), problem))
        _family_problems(concept.get("near", []), where, problems)
    return seen_ids


def _family_problems(near: list[dict[str, Any]], where: FieldPath, problems: Problems) -> None:
    """A near pattern's ``"@name"`` entry must name a known word family."""
    for index, pattern in enumerate(near):
        for group, words in enumerate(pattern.get("all", [])):
            for position, word in enumerate(words):
                name = word[len(FAMILY_MARK) :]
                if word.startswith(FAMILY_MARK) and name not in WORD_FAMILIES:
                    known = ", ".join(FAMILY_MARK + f for f in sorted(WORD_FAMILIES))
                    problems.append(
                        (
                            (*where, "near", str(index), "all", str(group), str(position)),
                            f"unknown word family {word!r} (known: {known})",
                        )
                    )


def _fold(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _set_problems(
    sets: list[dict[str, Any]], concept_ids: dict[str, int], problems: Problems
) -> dict[str, tuple[str, ...]]:
    """Check every set ("one of"); return the members of each set id."""
    members_of: dict[str, tuple[str, ...]] = {}
    set_ids = {item["id"] for item in sets}
    for index, item in enumerate(sets):
        where: FieldPath = ("sets", str(index))
        sid = item["id"]
        if sid in concept_ids:
            problems.append(((*where, "id"), f"{sid!r} is already a concept id"))
        elif sid in members_of:
            problems.append(((*where, "id"), f"duplicate set id {sid!r}"))
        members = item["one_of"]
        if len(set(members)) < _MIN_MEMBERS:
            alone = f" ({members[0]!r} alone: list that concept itself)" if members else ""
            what = "empty set" if not members else "a set of one"
            problems.append(
                ((*where, "one_of"), f"{what}{alone}; a set needs two or more concepts")
            )
        for position, member in enumerate(members):
            at = (*where, "one_of", str(position))
            if member in set_ids:
                problems.append((at, f"{member!r} is a set: sets hold concepts, not sets"))
            elif member not in concept_ids:
                problems.append((at, f"unknown concept {member!r}"))
            elif member in members[:position]:
                problems.append((at, f"{member!r} is listed twice"))
        if "weight" in item and (problem := _weight_problem(item["weight"])):
            problems.append(((*where, "weight"), problem))
        members_of.setdefault(sid, tuple(members))
    return members_of


def _responsibility_problems(
    data: dict[str, Any],
    concept_ids: dict[str, int],
    set_members: dict[str, tuple[str, ...]],
    problems: Problems,
) -> None:
    responsibility_ids: dict[str, str] = {}
    for _kind, _group_id, group, path in iter_groups(data):
        for index, item in enumerate(group["responsibilities"]):
            where = (*path.split("/", 1), "responsibilities", str(index))
            rid = item["id"]
            if rid in responsibility_ids:
                problems.append(
                    (
                        (*where, "id"),
                        f"duplicate responsibility id {rid!r} (also at {responsibility_ids[rid]})",
                    )
                )
            responsibility_ids.setdefault(rid, "/".join(where))
            if "weight" in item and (problem := _weight_problem(item["weight"])):
                problems.append(((*where, "weight"), problem))
            in_sets = {m: sid for sid in item["concepts"] for m in set_members.get(sid, ())}
            for position, cid in enumerate(item["concepts"]):
                at = (*where, "concepts", str(position))
                if cid not in concept_ids and cid not in set_members:
                    what = "concept or set" if set_members else "concept"
                    problems.append((at, f"unknown {what} {cid!r}"))
                elif cid in in_sets:
                    problems.append(
                        (at, f"{cid!r} is a member of the set {in_sets[cid]!r} listed here too")
                    )
    if not responsibility_ids:
        problems.append(((), "no responsibilities (add core, levels, specializations or groups)"))


# --- regular expressions --------------------------------------------------------------------

#: A repeat with at most this many rounds may hold a variable repeat ("(?:\w+\s+){0,2}"):
#: the work stays polynomial of a small degree.


def iter_groups(data: dict[str, Any]) -> list[tuple[GroupKind, str, dict[str, Any], str]]:
    out: list[tuple[GroupKind, str, dict[str, Any], str]] = []
    if "core" in data:
        out.append(("core", "core", data["core"], "core"))
    kinds: tuple[tuple[str, GroupKind], ...] = (
        ("levels", "level"),
        ("specializations", "specialization"),
        ("groups", "group"),
    )
    for key, kind in kinds:
        for group_id, group in (data.get(key) or {}).items():
            out.append((kind, group_id, group, f"{key}/{group_id}"))
    return out

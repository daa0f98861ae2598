"""``--fail-under`` thresholds and ``--fail-on-missing`` concepts: parsing, and the
verdict of each rule on a report, as pure functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from kwmatch.errors import UsageError
from kwmatch.ingest.hidden_text import warns_of_hidden_text
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy


@dataclass(frozen=True)
class Threshold:
    """A minimum coverage for one score."""

    name: str
    """``overall``, ``core``, a level, a specialization or a group id."""
    minimum: float
    """The least coverage that passes, 0 to 1."""


@dataclass(frozen=True)
class Verdict:
    """Whether a report passes one rule (a threshold or a must-have concept), and why."""

    kind: Literal["threshold", "required", "hidden-text"]
    """``threshold`` for ``--fail-under``, ``required`` for ``--fail-on-missing``,
    ``hidden-text`` for ``--fail-on-hidden-text``."""
    name: str
    """The score name (``overall``, ``senior``...), the concept or set id, or
    ``hidden-text``."""
    passed: bool
    """True when the report meets the rule."""
    message: str
    """One line a person reads: the value against the rule."""
    rule: str
    """The rule as a command line spells it: ``--fail-under senior=0.40``."""


def parse_threshold(spec: str) -> Threshold:
    """``0.6`` (overall) or ``NAME=0.5``; a percentage such as ``60%`` is accepted too."""
    name, _, value = spec.rpartition("=")
    name = name.strip() or "overall"
    text = value.strip()
    try:
        minimum = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise UsageError(
            f"--fail-under {spec!r}: expected NUMBER or NAME=NUMBER, e.g. senior=0.5"
        ) from None
    if not 0.0 <= minimum <= 1.0:
        raise UsageError(f"--fail-under {spec!r}: the value must be between 0 and 1")
    return Threshold(name=name, minimum=minimum)


def resolve_required(
    specs: Sequence[str], taxonomy: Taxonomy, option: str = "--fail-on-missing"
) -> list[str]:
    """The concept or set id each ``--fail-on-missing`` value names: an id, or a label as
    ``kwmatch taxonomy show`` prints it, either in any case. (``kwmatch explain`` names
    its concepts the same way; ``option`` is what its messages call the value.)

    Raises :class:`UsageError` for a value that names nothing (with the closest ids), or
    a label that two entries share.
    """
    labels: dict[str, list[str]] = {}
    ids: dict[str, str] = {}
    for entry_id, label in [
        *((c.id, c.label) for c in taxonomy.concepts.values()),
        *((s.id, s.label) for s in taxonomy.sets.values()),
    ]:
        ids[entry_id.casefold()] = entry_id
        labels.setdefault(label.casefold(), []).append(entry_id)
    resolved, unknown = [], []
    for spec in specs:
        key = spec.strip().casefold()
        if key in ids:
            resolved.append(ids[key])
        elif len(labels.get(key, ())) == 1:
            resolved.append(labels[key][0])
        elif key in labels:
            raise UsageError(
                f"{option} {spec!r}: the label of {', '.join(labels[key])}; give the id"
            )
        else:
            unknown.append(spec)
    if unknown:
        raise UsageError(
            f"{option}: unknown concept {', '.join(map(repr, unknown))}"
            + _closest(unknown, taxonomy)
            + "; give an id or a label from `kwmatch taxonomy show --format ids`"
        )
    return list(dict.fromkeys(resolved))


#: How many close ids an unknown concept's error suggests.
_SUGGESTED = 3


def _closest(unknown: Sequence[str], taxonomy: Taxonomy) -> str:
    """ " (closest: python, pytorch)": the ids whose alias a name is, then the ids
    nearest to it in spelling."""
    import difflib

    aliases = {
        alias.casefold(): concept.id
        for concept in taxonomy.concepts.values()
        for alias in (*concept.aliases, *concept.ambiguous)
    }
    ids = [*taxonomy.concepts, *taxonomy.sets]
    close: dict[str, None] = {}
    for name in unknown:
        key = name.strip().casefold()
        if key in aliases:
            close[aliases[key]] = None
        close.update(
            dict.fromkeys(difflib.get_close_matches(key.replace(" ", "-"), ids, n=_SUGGESTED))
        )
    return f" (closest: {', '.join(close)})" if close else ""


def judge_required(report: Report, required: Sequence[str], taxonomy: Taxonomy) -> list[Verdict]:
    """A verdict for every must-have concept or set (by id, see :func:`resolve_required`):
    a set passes when any of its members has evidence."""
    found = {m["concept"] for m in report.data["matched"]}
    verdicts = []
    for entry in required:
        members = taxonomy.sets[entry].members if entry in taxonomy.sets else (entry,)
        hits = [m for m in members if m in found]
        if hits:
            via = f" (through {', '.join(hits)})" if entry in taxonomy.sets else ""
            message = f"required concept {entry!r} is present{via}"
        else:
            message = f"required concept {entry!r} is missing"
        verdicts.append(
            Verdict("required", entry, bool(hits), message, f"--fail-on-missing {entry}")
        )
    return verdicts


def judge_thresholds(report: Report, thresholds: Sequence[Threshold]) -> list[Verdict]:
    """A verdict for every threshold.

    Raises :class:`UsageError` for a name the report has no score for.
    """
    names = report.score_names()
    verdicts = []
    for threshold in thresholds:
        if threshold.name not in names:
            raise UsageError(
                f"--fail-under: no score named {threshold.name!r}; choose from {', '.join(names)}"
            )
        value = report.coverage(threshold.name)
        passed = value >= threshold.minimum
        relation = "reaches" if passed else "is below"
        message = f"{threshold.name} coverage {value:.2f} {relation} the threshold"
        message += f" {threshold.minimum:.2f}"
        rule = f"--fail-under {threshold.name}={threshold.minimum:.2f}"
        verdicts.append(Verdict("threshold", threshold.name, passed, message, rule))
    return verdicts


#: What ``--fail-on-hidden-text`` says of a resume that holds hidden text.
HIDDEN_TEXT_FAILURE = "hidden text: the resume holds text a reader cannot see (see its warnings)"


def judge_hidden_text(report: Report) -> Verdict:
    """The verdict of ``--fail-on-hidden-text``: a resume passes when it hides nothing."""
    hidden = warns_of_hidden_text(report.data["input"]["warnings"])
    message = HIDDEN_TEXT_FAILURE if hidden else "no hidden text"
    return Verdict("hidden-text", "hidden-text", not hidden, message, "--fail-on-hidden-text")


Judge = Callable[[Report, Taxonomy], list[Verdict]]


def judge(
    fail_under: Sequence[str], fail_on_missing: Sequence[str], fail_on_hidden_text: bool = False
) -> Judge:
    """The check of ``--fail-under``, ``--fail-on-missing`` and ``--fail-on-hidden-text``,
    parsed now (a bad threshold fails before any work): call it with a report and its
    taxonomy for a verdict per rule, thresholds first."""
    thresholds = [parse_threshold(spec) for spec in fail_under]

    def verdicts(report: Report, taxonomy: Taxonomy) -> list[Verdict]:
        required = resolve_required(fail_on_missing, taxonomy)
        found = judge_thresholds(report, thresholds) + judge_required(report, required, taxonomy)
        return [*found, judge_hidden_text(report)] if fail_on_hidden_text else found

    return verdicts


def failures(verdicts: Sequence[Verdict]) -> list[str]:
    """The messages of the rules that failed (empty when everything passes)."""
    return [v.message for v in verdicts if not v.passed]

"""The report as JUnit XML, which CI systems (Jenkins, GitLab, GitHub test reporters)
show natively.

The document keeps to the JUnit format those systems read (``tests/junit.xsd`` states it,
and a test validates every document against it): a ``testsuites`` root, one
``testsuite`` per group with its ``tests``, ``failures``, ``errors``, ``skipped`` and
``time`` counts, one ``testcase`` per responsibility. The rules of the command line
(``--fail-under``, ``--fail-on-missing``, ``--fail-on-hidden-text``) come first, as a
``verdict`` suite with a case per rule; the warnings of the reading (hidden text among
them) follow, in an ``input`` suite of no cases. A ``timestamp`` is written only when
asked for, so that by default the same report gives the same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from kwmatch.render.common import JUNIT_PASS_MARK, pct
from kwmatch.report import Report
from kwmatch.thresholds import Verdict

#: A responsibility is a passing JUnit test case from this coverage on.
JUNIT_COVERED = JUNIT_PASS_MARK
#: The counts every suite carries, in the order they are written.
_COUNTS = ("tests", "failures", "errors", "skipped")
#: The time of a case and a suite: the cases are judgements on one finished report, not
#: timed runs, and a measured time would make two runs on the same resume differ.
_NO_TIME = "0"


def render_junit(
    report: Report,
    *,
    covered: float = JUNIT_COVERED,
    verdicts: Sequence[Verdict] = (),
    timestamp: str | None = None,
) -> str:
    """JUnit XML: a ``verdict`` suite with one test case per rule in ``verdicts`` (failing
    where the rule fails, its message either way), then one suite per group (core, each
    level and specialization) with one test case per responsibility, failing below
    ``covered`` with the missing concepts as its message. ``timestamp`` (ISO 8601, e.g.
    ``2026-01-31T09:30:00``) is set on every suite when given."""
    data = report.data
    root = ET.Element("testsuites", name=f"kwmatch: {data['input']['path']}")
    suites: list[tuple[ET.Element, list[bool]]] = []
    if verdicts:
        suite = _suite(root, "verdict", timestamp)
        suites.append((suite, [_verdict_case(suite, verdict) for verdict in verdicts]))
    if data["input"]["warnings"]:
        suites.append((_warnings_suite(root, data["input"]["warnings"], timestamp), []))
    labels = {m["concept"]: m["label"] for m in data["missing"]}
    by_group: dict[str, tuple[ET.Element, list[bool]]] = {}
    for item in data["responsibilities"]:
        group = item["group"]
        if group not in by_group:
            name = group if item["group_kind"] == "core" else f"{item['group_kind']}: {group}"
            by_group[group] = (_suite(root, name, timestamp), [])
            suites.append(by_group[group])
        suite, outcomes = by_group[group]
        outcomes.append(_responsibility_case(suite, item, labels, covered))
    totals = dict.fromkeys(_COUNTS, 0)
    for suite, outcomes in suites:
        counts = {"tests": len(outcomes), "failures": outcomes.count(False)}
        for name in _COUNTS:
            suite.set(name, str(counts.get(name, 0)))
            totals[name] += counts.get(name, 0)
    for name in _COUNTS:
        root.set(name, str(totals[name]))
    root.set("time", _NO_TIME)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, name: str, timestamp: str | None) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=name)
    for count in _COUNTS:
        suite.set(count, "0")  # filled in once the cases are known; set now for the order
    suite.set("time", _NO_TIME)
    if timestamp is not None:
        suite.set("timestamp", timestamp)
    return suite


def _warnings_suite(root: ET.Element, warnings: Sequence[str], timestamp: str | None) -> ET.Element:
    """A suite of no test cases that carries the reading's warnings (hidden text, a cut
    text, a truncated file): a property each, and all of them as its ``system-err``,
    which CI systems show beside the suite. A failing case for hidden text is the
    verdict suite's, with ``--fail-on-hidden-text``."""
    suite = _suite(root, "input", timestamp)
    properties = ET.SubElement(suite, "properties")
    for warning in warnings:
        ET.SubElement(properties, "property", name="warning", value=warning)
    ET.SubElement(suite, "system-err").text = "\n".join(warnings)
    return suite


def _verdict_case(suite: ET.Element, verdict: Verdict) -> bool:
    """A test case for one rule; True when it passes."""
    case = ET.SubElement(
        suite, "testcase", classname=f"kwmatch.verdict.{verdict.kind}", name=verdict.rule
    )
    case.set("time", _NO_TIME)
    if not verdict.passed:
        failure = ET.SubElement(case, "failure", message=verdict.message, type=verdict.kind)
        failure.text = verdict.message
    ET.SubElement(case, "system-out").text = verdict.message
    return verdict.passed


def _responsibility_case(
    suite: ET.Element, item: dict[str, Any], labels: dict[str, str], covered: float
) -> bool:
    """A test case for one responsibility; True when its coverage reaches ``covered``."""
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"kwmatch.{item['group_kind']}.{item['group']}",
        name=f"{item['id']}: {item['text']}",
    )
    case.set("time", _NO_TIME)
    if item["coverage"] >= covered:
        return True
    missing = ", ".join(labels.get(c, c) for c in item["missing"])
    failure = ET.SubElement(
        case,
        "failure",
        message=f"coverage {pct(item['coverage'])} < {pct(covered)}; missing: {missing}",
        type="coverage",
    )
    failure.text = f"matched: {', '.join(item['matched']) or 'none'}\nmissing: {missing}"
    return False

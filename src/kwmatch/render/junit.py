"""The report as JUnit XML, which CI systems (Jenkins, GitLab, GitHub test reporters)
show natively."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kwmatch.render.common import pct
from kwmatch.report import Report

#: A responsibility is a passing JUnit test case from this coverage on.
JUNIT_COVERED = 0.5


def render_junit(report: Report, *, covered: float = JUNIT_COVERED) -> str:
    """JUnit XML: one test suite per group (core, each level and specialization), one test
    case per responsibility, failing below ``covered`` with the missing concepts as its
    message. CI systems (Jenkins, GitLab, GitHub test reporters) show it natively."""
    data = report.data
    labels = {m["concept"]: m["label"] for m in data["missing"]}
    root = ET.Element("testsuites", name=f"kwmatch: {data['input']['path']}")
    suites: dict[str, ET.Element] = {}
    totals = {"tests": 0, "failures": 0}
    for item in data["responsibilities"]:
        group = item["group"]
        suite = suites.get(group)
        if suite is None:
            name = group if item["group_kind"] == "core" else f"{item['group_kind']}: {group}"
            suite = suites[group] = ET.SubElement(root, "testsuite", name=name)
            suite.set("tests", "0")
            suite.set("failures", "0")
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"kwmatch.{item['group_kind']}.{group}",
            name=f"{item['id']}: {item['text']}",
        )
        case.set("time", "0")
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
        totals["tests"] += 1
        if item["coverage"] < covered:
            missing = ", ".join(labels.get(c, c) for c in item["missing"])
            failure = ET.SubElement(
                case,
                "failure",
                message=f"coverage {pct(item['coverage'])} < {pct(covered)}; missing: {missing}",
                type="coverage",
            )
            failure.text = f"matched: {', '.join(item['matched']) or 'none'}\nmissing: {missing}"
            suite.set("failures", str(int(suite.get("failures", "0")) + 1))
            totals["failures"] += 1
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

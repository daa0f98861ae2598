"""Variants of a drafted concept's label that a resume may write instead."""

from __future__ import annotations

#: A last word this long or longer gets its other number as an alias.
_MIN_VARIANT_WORD = 4


def number_variant(label: str) -> str | None:
    """The label with its last word in the other number ("Message brokers" and "Message
    broker", "Data quality check" and "Data quality checks"); None for a name."""
    words = label.split()
    last = words[-1] if words else ""
    if not last.isalpha() or not last.islower() or len(last) < _MIN_VARIANT_WORD:
        return None
    if last.endswith("ies"):
        other = last[:-3] + "y"
    elif last.endswith(("ss", "us", "is", "sis")):
        return None  # "access", "status", "analysis": no plural to take off
    elif last.endswith("s"):
        other = last[:-2] if last.endswith(("ches", "shes", "xes")) else last[:-1]
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        other = last[:-1] + "ies"
    elif last.endswith(("ch", "sh", "x")):
        other = last + "es"
    elif last.endswith(("ing", "ment", "ance", "ence", "ion", "ity", "ism")):
        return None  # "testing", "management", "compliance": mass nouns, no plural
    else:
        other = last + "s"
    return " ".join([*words[:-1], other])

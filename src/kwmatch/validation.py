"""JSON Schema checks, for reports and taxonomies: the only module that imports jsonschema."""

from __future__ import annotations

from typing import Any


def schema_errors(instance: Any, schema: dict[str, Any]) -> list[tuple[tuple[str, ...], str]]:
    """Every problem of ``instance`` against a draft 2020-12 ``schema``, as (path, message),
    sorted by path."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    return [(tuple(str(p) for p in error.absolute_path), error.message) for error in errors]

"""The package's layout holds: dependencies flow one way, each heavy library is imported
in one module, modules and functions stay a size a reader can take in."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "src" / "kwmatch"
#: Each heavy library and the one module (or, for Typer, the one package) that imports it.
OWNERS = {
    "rich": "kwmatch.render.table",
    "typer": "kwmatch.cli",
    "spacy": "kwmatch.nlp",
    "rapidfuzz": "kwmatch.match",
    "pdfminer": "kwmatch.ingest.pdfminer_engine",
    "pypdfium2": "kwmatch.ingest.pdfium_engine",
    "docx": "kwmatch.ingest.docx",
    "dask": "kwmatch.batch.engines",
    "jinja2": "kwmatch.render.html",
}
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(), str(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _imports(name: str, tree: ast.Module, known: set[str]) -> Iterator[tuple[str, int]]:
    """Every module ``name`` imports (kwmatch's own resolved to modules), with the line."""
    package = name if (PACKAGE / Path(*name.split(".")[1:]) / "__init__.py").exists() else None
    base = package or name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = base.rsplit(".", node.level - 1)[0] if node.level > 1 else base
                module = f"{parent}.{node.module}" if node.module else parent
            else:
                module = node.module or ""
            submodules = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in known]
            # "from kwmatch.ingest import pdf" imports the module pdf, not the facade's names.
            if len(submodules) < len(node.names):
                yield module, node.lineno
            for submodule in submodules:
                yield submodule, node.lineno


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {
        name: {m for m, _ in _imports(name, tree, known) if m in known and m != name}
        for name, tree in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports, or None. A package's facade importing its own submodules is
    no cycle (a submodule imports its siblings, never its package's facade)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle_between_modules() -> None:
    assert _cycle(_graph()) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_each_heavy_library_is_imported_in_its_one_module(library: str) -> None:
    owner = OWNERS[library]
    modules = _modules()
    offenders = [
        f"{name}:{line}"
        for name, tree in modules.items()
        for module, line in _imports(name, tree, set(modules))
        if module.split(".")[0] == library and not (name == owner or name.startswith(owner + "."))
    ]
    assert not offenders, f"{library} imported outside {owner}: {offenders}"


def test_nothing_in_the_library_imports_the_cli() -> None:
    graph = _graph()
    # The command's entry points: the console script's kwmatch.cli and python -m kwmatch.
    entry = ("kwmatch.cli", "kwmatch.__main__")
    users = [name for name in graph if not name.startswith(entry)]
    offenders = [u for u in users if any(t.startswith("kwmatch.cli") for t in graph[u])]
    assert not offenders
    assert not any(t.startswith("kwmatch.render") for t in graph["kwmatch.report"])


def test_importing_kwmatch_loads_no_cli_and_no_heavy_library() -> None:
    code = (
        "import sys, kwmatch; "
        "print(sorted(m for m in sys.modules if m.startswith(('kwmatch.cli', 'typer', 'rich',"
        " 'pypdfium2', 'pdfminer', 'docx', 'dask'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_kwmatch_leaves_the_host_logging_alone() -> None:
    code = (
        "import logging, kwmatch.ingest.pdfminer_engine; print(logging.getLogger('pdfminer').level)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_modules_and_functions_stay_readable() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text()
        if len(text.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{path.name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                # A Typer command's option declarations are its signature: count the body.
                first = node.body[0].lineno
                length = (node.end_lineno or first) - first + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.name}:{node.lineno} {node.name}: {length} lines")
    assert not too_long

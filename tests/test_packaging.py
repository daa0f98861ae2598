"""The shipped taxonomy is valid, and it loads from a real wheel installed outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kwmatch.taxonomy import read_yaml, shipped_taxonomies, validate_data

from .conftest import REPO


@pytest.mark.parametrize("name", shipped_taxonomies())
def test_shipped_taxonomy_passes_the_full_schema(name: str) -> None:
    # Loading skips the JSON Schema pass for shipped files to start fast: this is where
    # they get it.
    raw = (REPO / "taxonomy" / f"{name}.yaml").read_bytes()
    assert validate_data(read_yaml(raw, name), name, schema=True) == []


def test_ml_engineer_taxonomy_shape() -> None:
    from kwmatch import load_taxonomy

    taxonomy = load_taxonomy()
    assert [g.id for g in taxonomy.groups_of("level")] == ["entry", "mid", "senior"]
    assert [g.id for g in taxonomy.groups_of("specialization")] == [
        "algorithm-development",
        "data-engineering",
        "ml-infrastructure",
        "applied-ml",
        "deep-learning",
    ]
    for group in taxonomy.groups:
        assert group.source, group.id
        for item in group.responsibilities:
            assert item.source, item.id
    referenced = {c for g in taxonomy.groups for r in g.responsibilities for c in r.concepts}
    assert referenced == set(taxonomy.concepts), "every concept serves a responsibility"


def test_wheel_contains_and_loads_the_taxonomy(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel offline here: {build.stderr.strip()[-300:]}")
    (wheel,) = wheels.glob("kwmatch-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kwmatch/taxonomies/ml-engineer.yaml" in names
    assert "kwmatch/schemas/report.schema.json" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "import kwmatch, pathlib; t = kwmatch.load_taxonomy(); "
        "print(pathlib.Path(kwmatch.__file__).resolve()); print(t.id, len(t.concepts))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    location, summary = run.stdout.splitlines()
    assert Path(location).is_relative_to(target), "imported the checkout, not the wheel"
    assert summary.startswith("ml-engineer ")

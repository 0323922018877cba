"""Packaging rules: the whoosh distribution, headless core, who may import whoosh, package data."""

from __future__ import annotations

import ast
import importlib.metadata
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from index.locations import bundled_corpus

REPO = Path(__file__).resolve().parent.parent
WHOOSH_MODULES = {"store.py", "search.py"}


def test_whoosh_comes_from_whoosh3() -> None:
    providers = importlib.metadata.packages_distributions().get("whoosh", [])
    assert providers == ["whoosh3"], f"the whoosh package is provided by {providers}"
    assert importlib.metadata.version("whoosh3") == "3.54.0"


def test_only_store_and_search_import_whoosh() -> None:
    offenders = []
    for path in sorted((REPO / "index").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "whoosh" or n.startswith("whoosh.") for n in names) and path.name not in WHOOSH_MODULES:
                offenders.append(path.name)
    assert offenders == []


def test_index_package_is_headless() -> None:
    code = (
        "import sys, index.pipeline, index.search, index.export, index.store, index.clean\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert proc.stdout.strip() == ""


def test_bundled_corpus_has_the_five_articles_with_front_matter() -> None:
    files = sorted(bundled_corpus().glob("*.md"))
    assert len(files) == 5
    for f in files:
        assert f.read_text().startswith("---\n")


@pytest.mark.slow
def test_wheel_ships_the_demo_corpus(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(proc.stderr)
    (wheel,) = tmp_path.glob("broadsheet-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert sum(n.startswith("index/demo_corpus/") and n.endswith(".md") for n in names) == 5
    assert "tui/cli.py" in names and "index/store.py" in names

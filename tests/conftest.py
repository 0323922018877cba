"""Shared fixtures: an isolated cache folder, copies of the hand-made corpora, the export schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
SCHEMA = HERE / "contracts" / "export.schema.json"
REPO = HERE.parent


@pytest.fixture(scope="session")
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One config folder (signing key, corrections of the demo corpus) for the whole run, never ~/.config."""
    return tmp_path_factory.mktemp("config")


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, config_dir: Path) -> Path:
    """Every test gets its own cache folder, so no index leaks between tests or from the machine."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BROADSHEET_CACHE_DIR", str(cache))
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(config_dir))
    return cache


@pytest.fixture
def mini_corpus(tmp_path: Path) -> Path:
    """A writable copy of the hand-made mini corpus."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture(scope="session")
def export_schema() -> dict:
    return json.loads(SCHEMA.read_text())

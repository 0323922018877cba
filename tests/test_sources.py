"""Finding and decoding corpus files; every bad file is reported, none stops the scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import sources
from index.settings import Settings


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_scan_is_recursive_sorted_and_skips_hidden_and_unsupported(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.htm", ".hidden.txt", ".git/x.txt", "notes.csv", "e.MD"):
        write(tmp_path, name, b"text")
    entries, problems = sources.scan(tmp_path)
    assert [e.path for e in entries] == ["a.md", "b.txt", "e.MD", "sub/c.html", "sub/d.htm"]
    assert problems == []


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"PK\x03\x04\x00\x00\x00zip", "binary content"),
        (b"\x01\x02\x03\x04\x05\x06" * 50, "binary content"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    write(tmp_path, "bad.txt", data)
    entries, _ = sources.scan(tmp_path)
    doc, problems = sources.read(entries[0])
    assert doc is None
    assert problems[0].path == "bad.txt" and problems[0].skipped
    assert reason in problems[0].reason


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "big.txt", b"word " * 300)
    entries, _ = sources.scan(tmp_path)
    doc, problems = sources.read(entries[0], Settings(max_file_bytes=1000))
    assert doc is None and "too large" in problems[0].reason


@pytest.mark.parametrize(
    ("data", "text", "encoding", "warned"),
    [
        ("Kata’ib".encode(), "Kata’ib", "utf-8", False),
        (b"\xef\xbb\xbfKata\xe2\x80\x99ib", "Kata’ib", "utf-8-sig", False),
        ("Kata’ib café".encode("utf-16"), "Kata’ib café", "utf-16", False),
        ("Le café de la gare est fermé depuis lundi matin.".encode("latin-1"), "café", None, True),
    ],
)
def test_decoding(tmp_path: Path, data: bytes, text: str, encoding: str | None, warned: bool) -> None:
    write(tmp_path, "doc.txt", data)
    entries, _ = sources.scan(tmp_path)
    doc, problems = sources.read(entries[0])
    assert doc is not None and text in doc.content
    if encoding:
        assert doc.encoding == encoding
    assert bool(problems) is warned
    if warned:
        assert "not valid UTF-8" in problems[0].reason and not problems[0].skipped


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.txt", b"some text here")
    path.chmod(0)
    try:
        entries, _ = sources.scan(tmp_path)
        doc, problems = sources.read(entries[0])
        if doc is not None:  # running as root: permissions do not apply
            pytest.skip("file permissions are not enforced for this user")
        assert "cannot read" in problems[0].reason
    finally:
        path.chmod(0o644)

"""Build the hostile corpus: the static files under ``files/`` plus files that cannot live in git
(FIFOs, sockets, device and outside links, very deep folders, large files, undecodable names).

    python tests/hostile/make_corpus.py TARGET [--no-heavy]

``--no-heavy`` leaves out the multi-megabyte files (for the quick test run).
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import sys
from pathlib import Path

HERE = Path(__file__).parent
PROSE = (
    "The harbour council in Valmora met on Tuesday to discuss the grain backlog, officials said. "
    "Anna Brennan, who chairs the council, told reporters the port would reopen next week."
)
#: folders nested this deep (each level a short name): far past Python's recursion limit
DEEP_LEVELS = 1500
#: the kinds the generator adds, by file name (for the report table)
GENERATED: dict[str, str] = {}


def _add(kind: str, rel: str) -> None:
    GENERATED[rel] = kind


def prose(tag: str) -> str:
    """The shared paragraph with a sentence of its own (so no two files are duplicates)."""
    return f"{PROSE} The {tag} desk filed this item."


def special_files(root: Path, outside: Path, toml_folder: bool) -> None:
    """FIFO, socket, links to devices, to outside files and folders, link loops, odd folders."""
    (root / "special").mkdir()
    os.mkfifo(root / "special/fifo.md")
    _add("FIFO", "special/fifo.md")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "special/socket.txt"))
    sock.close()
    _add("socket", "special/socket.txt")
    for name, target in [("dev-zero.txt", "/dev/zero"), ("dev-urandom.md", "/dev/urandom"),
                         ("passwd.txt", "/etc/passwd"), ("outside.md", str(outside / "secret.md")),
                         ("broken-link.md", str(root / "special/nowhere.md"))]:  # fmt: skip
        os.symlink(target, root / "special" / name)
        _add(f"symlink to {target}", f"special/{name}")
    os.symlink("../plain/normal.md", root / "special/inside-link.md")
    _add("symlink inside the corpus", "special/inside-link.md")
    os.symlink(".", root / "special/loop")
    os.symlink(str(outside), root / "special/outside-folder")
    _add("symlink loop and link to an outside folder", "special/loop")
    if toml_folder:
        (root / "broadsheet.toml").mkdir()
    _add("broadsheet.toml that is a folder", "broadsheet.toml")
    (root / "folder.md").mkdir()
    (root / "folder.md/inner.md").write_text(f"# Inside a folder named like a file\n\n{prose('folder')}\n")
    _add("folder named like a file", "folder.md/inner.md")
    name = os.fsdecode(b"undecodable-\xff\xfe-name.md")
    (root / name).write_text(f"# Undecodable name\n\n{prose('undecodable')}\n")
    _add("undecodable file name", "undecodable-\\xff\\xfe-name.md")


def encodings(root: Path) -> None:
    """Latin-1, cp1252, UTF-8 with one stray byte and binary junk (bytes that are not UTF-8 cannot
    be kept as static files: linters read every file of the repository as UTF-8)."""
    enc = root / "encoding"
    enc.mkdir()
    latin = "Le conseil du port de Valmora s'est réuni mardi. Le café de la gare est fermé depuis lundi, a déclaré "
    (enc / "latin1.txt").write_bytes(
        (latin + "Anna Brennan. Les élus ont décidé de reporter la séance.\n").encode("latin-1")
    )
    quotes = (
        "\u201cWe will reopen,\u201d said Anna Brennan \u2013 the council\u2019s chair \u2013 on Tuesday in Valmora."
    )
    (enc / "cp1252-quotes.txt").write_bytes((quotes + "\n" + prose("cp1252") + "\n").encode("cp1252"))
    stray = "# Stray byte\n\nAnna Brennan\u2019s council met in Valmora on Tuesday \u2014 the port would reopen."
    (enc / "utf8-one-stray.md").write_bytes(stray.encode() + b" A stray \xff byte here. " + prose("stray").encode())
    (enc / "binary-junk.txt").write_bytes(bytes(range(256)) * 40)
    (enc / "png-named.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (enc / "gzip-named.html").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(1, 200)))
    for name in ("latin1.txt", "cp1252-quotes.txt", "utf8-one-stray.md", "binary-junk.txt", "png-named.md"):
        _add("encoding", f"encoding/{name}")


def deep_folders(root: Path) -> None:
    """A file DEEP_LEVELS folders down."""
    path = str(root / "deep")
    os.mkdir(path)
    for _ in range(DEEP_LEVELS):  # a loop: pathlib's and os.makedirs's recursion would overflow
        path = os.path.join(path, "d")
        os.mkdir(path)
    Path(path, "bottom.md").write_text(f"# At the bottom\n\n{prose('deep')}\n")
    _add("very deep folders", "deep/" + "d/" * DEEP_LEVELS + "bottom.md")


def remove_deep(root: Path) -> None:
    """Delete the deep folders bottom-up in a loop (shutil.rmtree recurses and would overflow)."""
    path = str(root / "deep")
    if not os.path.isdir(path):
        return
    levels = [path]
    while os.path.isdir(os.path.join(levels[-1], "d")):
        levels.append(os.path.join(levels[-1], "d"))
    for folder in reversed(levels):
        for name in os.listdir(folder):
            if name != "d":
                os.unlink(os.path.join(folder, name))
        os.rmdir(folder)


def yaml_bombs(root: Path) -> None:
    """A billion-laughs alias bomb and front matter nested thousands deep."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    (root / "frontmatter").mkdir(exist_ok=True)
    bomb = "---\ntitle: Alias bomb\n" + "\n".join(lines) + "\n---\n\n" + prose("bomb") + "\n"
    (root / "frontmatter/alias-bomb.md").write_text(bomb)
    _add("YAML alias bomb", "frontmatter/alias-bomb.md")
    depth = 5000
    (root / "frontmatter/nested-deep.md").write_text(
        "---\ntitle: Deep\nx: " + "[" * depth + "]" * depth + "\ny: " + "{a: " * depth + "1" + "}" * depth
        + "\n---\n\n" + prose("nested") + "\n"
    )  # fmt: skip
    _add("front matter nested thousands deep", "frontmatter/nested-deep.md")


def heavy_files(root: Path, limit: int = 5_000_000) -> None:
    """Over the size ``limit``, just under it on one line, and a one-line price table of names."""
    big = root / "big"
    big.mkdir()
    (big / "six-mb.txt").write_text("word " * (limit * 6 // 25))  # 1.2 x the limit
    _add("6 MB file (over the limit)", "big/six-mb.txt")
    rng = random.Random(5)
    words = "grain port council valmora harbour traders week price reopen".split()
    line = " ".join(rng.choice(words) for _ in range(limit * 9 // 50))[: limit - 10_000]
    (big / "one-line.txt").write_text(f"One line of almost five megabytes\n\n{line}.\n")
    _add("4.99 MB one-line file", "big/one-line.txt")
    names = "Albrecht Brennan Castillo Dorsey Eriksen Fontaine Galloway Hartmann Iversen Kowalski".split()
    places = "Valmora Ostrava Kessling Dunmore Tarvik Bellhaven Corvino Marisk".split()
    cells, size = [], 0
    while size < limit * 7 // 10:
        cell = f"| {rng.choice(places)} {rng.choice(names)} Trading | {rng.randint(1, 999)}.{rng.randint(0, 99):02d} "
        cells.append(cell)
        size += len(cell)
    (big / "price-table.md").write_text("# Prices\n\n" + "".join(cells) + "|\n")
    _add("3.5 MB price table on one line", "big/price-table.md")


def make(target: Path, heavy: bool = True, toml_folder: bool = True) -> Path:
    """Create the corpus at ``target/corpus`` (and an outside folder next to it); return the corpus."""
    GENERATED.clear()
    root, outside = target / "corpus", target / "outside"
    shutil.copytree(HERE / "files", root)
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret outside the corpus\n\nThis must never be indexed.\n")
    special_files(root, outside, toml_folder)
    encodings(root)
    deep_folders(root)
    yaml_bombs(root)
    if heavy:
        heavy_files(root)
    return root


if __name__ == "__main__":
    made = make(Path(sys.argv[1]), heavy="--no-heavy" not in sys.argv)
    print(made)

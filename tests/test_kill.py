"""Kill tests: ``broadsheet index`` stopped by SIGINT or SIGKILL at random points never leaves a
corrupt index, the next build always succeeds with the articles of a clean build, and no pool
worker outlives a killed build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from index import store
from index.export import export
from index.store import IndexStore

REPO = Path(__file__).parent.parent
TOWNS = "Valmera Riverton Eastbridge Northam Kelso Brantwood".split()
#: more than ``Settings.parallel_min_files``, so builds use the pool of worker processes
FILES = 220
#: how long workers may take to notice their parent died (a worker still importing on a loaded
#: machine arms its death signal only when its start-up code runs)
GRACE_SECONDS = 15.0


def write_corpus(folder: Path, count: int = FILES) -> Path:
    """Small invented articles: a build of a few hundred takes a few seconds."""
    r = random.Random(11)
    folder.mkdir(parents=True)
    for n in range(count):
        town = r.choice(TOWNS)
        body = (
            f"The council of {town} met on Monday to discuss the harbour budget for item {n}. "
            f"Officials said the repairs would take {n % 9 + 2} weeks and cost more than planned. "
            "Residents asked for a public meeting before any decision was taken."
        )
        month = n % 9 + 1
        text = f"---\ntitle: {town} council meets on item {n}\ndate: 2023-0{month}-1{month}\n---\n{body}\n"
        (folder / f"a{n:04d}.md").write_text(text)
    return folder


def start_index(corpus: Path, root: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "index", str(corpus), "--index", str(root), "-q", *extra],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def tagged_processes(tag: str) -> list[int]:
    """Pids of live processes whose environment holds ``tag`` (a build and its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if tag.encode() in environ and state != "Z":
            pids.append(int(entry.name))
    return pids


def wait_gone(tag: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := tagged_processes(tag)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def articles(root: Path, corpus: Path) -> list[Any]:
    return export(IndexStore(root), corpus)["articles"]


def corrupt(root: Path) -> str | None:
    """Why the index folder is corrupt after a kill, or None: whatever ``CURRENT`` names must
    verify (a missing CURRENT is fine: nothing was published yet)."""
    store._CHECKED.clear()
    s = IndexStore(root)
    if (damage := s.damage()) is not None:
        return damage
    gen = s.current()
    if gen is not None and gen.problem() is not None:
        return gen.problem()
    return None


def run_kills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kills: int, seed: int) -> dict[str, int]:
    config = tmp_path / "config"
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(config))
    tag = f"BROADSHEET_KILLTEST={uuid.uuid4().hex}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROADSHEET_CONFIG_DIR": str(config), tag.split("=")[0]: tag}
    corpus = write_corpus(tmp_path / "corpus")
    clean_root = tmp_path / "clean"
    started = time.monotonic()
    assert start_index(corpus, clean_root, env).wait(timeout=120) == 0
    build_seconds = time.monotonic() - started
    expected = articles(clean_root, corpus)
    assert len(expected) == FILES

    r = random.Random(seed)
    root = tmp_path / "ix"
    counts = {"kills": 0, "sigint": 0, "sigkill": 0, "corruptions": 0, "failed_next_builds": 0, "orphans": 0}
    for n in range(kills):
        sig = signal.SIGINT if n % 2 == 0 else signal.SIGKILL
        proc = start_index(corpus, root, env, "--force")
        time.sleep(r.uniform(0.2, build_seconds * 1.1))
        if proc.poll() is None:
            proc.send_signal(sig)
        proc.wait(timeout=60)
        counts["kills"] += 1
        counts["sigint" if sig == signal.SIGINT else "sigkill"] += 1
        if wait_gone(tag, GRACE_SECONDS):
            counts["orphans"] += 1
        if corrupt(root) is not None:
            counts["corruptions"] += 1
        follow = start_index(corpus, root, env)
        if follow.wait(timeout=120) != 0 or articles(root, corpus) != expected:
            counts["failed_next_builds"] += 1
    print(f"kill test: {counts}", file=sys.stderr)
    return counts


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find live workers")


def test_a_few_kills_never_corrupt_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = run_kills(tmp_path, monkeypatch, kills=2, seed=5)  # the 20-kill version is marked stress
    assert counts == {"kills": 2, "sigint": 1, "sigkill": 1, "corruptions": 0, "failed_next_builds": 0, "orphans": 0}


@pytest.mark.stress
def test_twenty_kills_never_corrupt_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counts = run_kills(tmp_path, monkeypatch, kills=20, seed=9)
    assert counts == {"kills": 20, "sigint": 10, "sigkill": 10, "corruptions": 0, "failed_next_builds": 0, "orphans": 0}


def test_pool_workers_die_with_a_killed_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("BROADSHEET_CONFIG_DIR", str(config))
    tag = f"BROADSHEET_KILLTEST={uuid.uuid4().hex}"
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROADSHEET_CONFIG_DIR": str(config), tag.split("=")[0]: tag}
    corpus = write_corpus(tmp_path / "corpus")
    proc = start_index(corpus, tmp_path / "ix", env)
    deadline = time.monotonic() + 60
    while len(tagged_processes(tag)) < 3 and time.monotonic() < deadline:  # the build, its tracker, workers
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before its workers were seen"
    proc.kill()
    proc.wait()
    assert wait_gone(tag, GRACE_SECONDS) == []

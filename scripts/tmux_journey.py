"""Drive the real `broadsheet` program in tmux through the main journey; fail if a step does not
show what it should.

    python scripts/tmux_journey.py [--corpus DIR] [--show]

Steps: launch -> search "Sudani" -> open the best hit -> entity sidebar -> entity page ->
linked entity -> back -> help -> quit. With --show, prints the main screen and the entity page.
Needs tmux; uses a fresh cache folder so the first-run build (with its progress bar) is exercised.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SESSION = f"broadsheet-journey-{os.getpid()}"  # parallel runs never share a session


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def keys(*keys: str) -> None:
    tmux("send-keys", "-t", SESSION, *keys)


def wait_for(text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"the screen never showed {text!r}; it shows:\n{screen()}")


def journey(corpus: Path | None, show: bool) -> None:
    cache = tempfile.mkdtemp(prefix="broadsheet-tmux-")
    command = f"{shlex.quote(sys.executable)} -m tui" + (f" {shlex.quote(str(corpus))}" if corpus else "")
    env = f"BROADSHEET_CACHE_DIR={shlex.quote(cache)}"
    tmux("kill-session", "-t", SESSION)
    root = Path(__file__).resolve().parent.parent
    tmux(
        "new-session",
        "-d",
        "-s",
        SESSION,
        "-x",
        "120",
        "-y",
        "40",
        "-c",
        str(root),
        f"sleep 0.5; env {env} {command}; sleep 5",
    )
    tmux("set-option", "-t", SESSION, "window-size", "manual")  # a running server may impose its own size
    tmux("resize-window", "-t", SESSION, "-x", "120", "-y", "40")
    try:
        wait_for("5 articles", 60)
        keys(*"Sudani")
        wait_for("3 match")
        keys("Enter")
        keys("Enter")
        main = wait_for("People")
        assert "Intense efforts" in main and "Mohammed Shia al-Sudani" in main, main
        keys("Tab")
        keys("Down")
        keys("Enter")
        entity = wait_for("Aliases:")
        assert "PERSON" in entity and "mentions in" in entity, entity
        first = entity.splitlines()[1].strip()
        keys("l")
        wait_for("weight")
        keys("Enter")
        deadline = time.monotonic() + 10
        while screen().splitlines()[1].strip() == first and time.monotonic() < deadline:
            time.sleep(0.1)
        assert screen().splitlines()[1].strip() != first, "Enter on a linked entity did not open its page"
        keys("[")
        wait_for(first.split("  ")[0])
        keys("?")
        wait_for("Keys")
        keys("Escape")
        keys("q")
        deadline = time.monotonic() + 10
        while "Aliases:" in screen() and time.monotonic() < deadline:
            time.sleep(0.1)
        if show:
            print("=== main screen ===\n" + main + "\n=== entity page ===\n" + entity)
        print("tmux journey: every step showed what it should")
    finally:
        tmux("kill-session", "-t", SESSION)
        shutil.rmtree(cache, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--show", action="store_true", help="print the captured main screen and entity page")
    ns = ap.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    os.environ.pop("TMUX", None)
    try:
        journey(ns.corpus, ns.show)
    except AssertionError as err:
        print(f"tmux journey failed: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

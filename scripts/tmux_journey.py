"""Drive the real `broadsheet` program in tmux through the main journey; fail if a step does not
show what it should.

    python scripts/tmux_journey.py [--corpus DIR] [--show]

Steps: launch -> search "Sudani" -> open the best hit -> entity sidebar -> entity page ->
linked entity -> back -> help; then three journeys:

- corrections: on the entity page, merge another entity into it with the pick modal (the page
  shows the aliases of both), then undo it with Ctrl+Z (the page is as before);
- bookmarks: bookmark a passage with a note and tags, list the bookmarks (B), jump to it; quit
  (Ctrl+Q), launch again and see it still listed;
- filters: a source and a date range (f), the chips and fewer results, remove a chip, clear them;
  and the unread-only view (u).

With --show, prints the main screen, the entity page, the entity page after the merge, the
bookmarks list and the filtered result list. Needs tmux; uses fresh cache, data and config
folders (so the first-run build, with its progress bar, is exercised) and a copy of the corpus
(the demo corpus by default), so a correction is written to the copy's ``broadsheet.toml``.
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
from collections.abc import Callable
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


def wait_until(check: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
    """The screen once ``check`` holds for it (``what`` it should show, for the failure message)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shown = screen()
        if check(shown):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"the screen never showed {what}; it shows:\n{screen()}")


def results(shown: str) -> str:
    """The results column of the reader: each line up to the list's right border (its width
    changes: an open article takes room from it)."""
    return "\n".join(line.split("▎", 1)[0] for line in shown.splitlines())


def head(shown: str, lines: int = 5) -> str:
    """The top lines of a capture (an entity page's name, aliases and counts)."""
    return "\n".join(shown.splitlines()[:lines])


def type_text(text: str) -> None:
    """Type literally (no key names), then let the program catch up before the next key."""
    tmux("send-keys", "-t", SESSION, "-l", text)
    time.sleep(0.3)


def type_into_field(text: str, attempts: int = 3) -> None:
    """Type into the focused field and see it there: a key sent while a dialog is still taking focus
    is lost under load, so the field is cleared (Ctrl+U) and typed again until the text shows."""
    for _ in range(attempts):
        type_text(text)
        try:
            wait_for(text, timeout=5.0)
            return
        except AssertionError:
            keys("End", "C-u")
            time.sleep(0.5)
    wait_for(text)


def step(*names: str) -> None:
    """Keys that move focus or open a dialog, with a pause so the next keys reach the new widget."""
    keys(*names)
    time.sleep(0.4)


def launch(root: Path, env: str, command: str) -> None:
    tmux("kill-session", "-t", SESSION)
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


def quit_program(still_there: str) -> None:
    """Ctrl+Q, then wait until the program's screen is gone."""
    keys("C-q")
    wait_until(lambda shown: still_there not in shown, f"the program gone (no {still_there!r})", 10)


def journey(corpus: Path | None, show: bool) -> None:
    root = Path(__file__).resolve().parent.parent
    work = Path(tempfile.mkdtemp(prefix="broadsheet-tmux-"))
    folders = {name: work / name for name in ("cache", "data", "config")}
    for folder in folders.values():
        folder.mkdir()
    copy = work / "corpus"  # corrections go to the copy's broadsheet.toml, never to the repository
    shutil.copytree(corpus or root / "corpus", copy)
    command = f"{shlex.quote(sys.executable)} -m tui {shlex.quote(str(copy))}"
    env = " ".join(f"BROADSHEET_{name.upper()}_DIR={shlex.quote(str(path))}" for name, path in folders.items())
    launch(root, env, command)
    try:
        wait_for("5 articles", 60)
        main = open_first_hit("Sudani", "3 match")
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
        merged = corrections_journey(copy)
        listed = bookmarks_journey()
        filtered = filters_journey()
        quit_program("Search:")
        launch(root, env, command)  # the same folders: the bookmark must still be there
        wait_for("5 articles", 60)
        step("Escape")
        keys("B")
        again = wait_for("1 bookmark")
        assert NOTE in again and "#ceasefire" in again, again
        step("Escape")
        quit_program("Search:")
        if show:
            print("=== main screen ===\n" + main + "\n=== entity page ===\n" + entity)
            print("=== entity page after the merge ===\n" + merged)
            print("=== bookmarks list ===\n" + listed)
            print("=== filtered result list ===\n" + filtered)
        print("tmux journey: every step showed what it should")
    finally:
        tmux("kill-session", "-t", SESSION)
        shutil.rmtree(work, ignore_errors=True)


OTHER = "Farhad Alaadin"  # merged into the entity page shown (Mohammed Shia al-Sudani), then undone
NOTE = "Alaadin on the pause"


def corrections_journey(corpus: Path) -> str:
    """On the entity page: merge another entity into it (m, pick by name), see the aliases of both,
    undo (Ctrl+Z) and see the page as it was. Returns the page after the merge."""
    before = wait_for("Aliases:")
    assert "Sudani" in head(before) and OTHER not in head(before), before
    step("m")
    wait_for("Merge into this entity")
    type_text("Farh")
    wait_for("farhad-alaadin")
    keys("Enter")
    merged = wait_until(lambda shown: f"{OTHER} ×" in head(shown), f"{OTHER!r} among the aliases", 30)
    assert "Sudani ×" in head(merged), merged
    toml = corpus / "broadsheet.toml"
    assert toml.is_file() and "farhad-alaadin" in toml.read_text(encoding="utf-8"), "the merge was not saved"
    keys("C-z")
    undone = wait_until(lambda shown: f"{OTHER} ×" not in head(shown) and "Aliases:" in shown, "the merge undone", 30)
    assert head(undone, 4) == head(before, 4), f"the page after undo differs:\n{undone}\nfrom before:\n{before}"
    assert not toml.exists() or "farhad-alaadin" not in toml.read_text(encoding="utf-8"), "undo left the merge"
    return merged


def bookmarks_journey() -> str:
    """Back to the article, bookmark the passage of a hit (b) with a note and tags, list the
    bookmarks (B), jump to it (Enter). Returns the bookmarks list."""
    keys("Escape")  # the entity page steps back to the article it was opened from
    wait_for("Entities")
    for _ in range(3):  # the article is drawn again on the way back: a key pressed meanwhile is lost
        time.sleep(1)
        step("n")  # the cursor on a hit of "Sudani": its sentence is the passage bookmarked
        keys("b")
        dialog = wait_for("Bookmark this passage")
        quote = next(line for line in dialog.splitlines() if "“" in line)
        if "Sudani" in quote:
            break
        step("Escape")
    type_into_field(NOTE)
    step("Tab")
    type_into_field("iraq, ceasefire")
    keys("Enter")
    wait_for("Bookmarked")
    keys("B")
    wait_for("1 bookmark")
    listed = wait_for("Copy all (Markdown)")  # the footer drawn too
    assert f"Note: {NOTE}" in listed and "#iraq #ceasefire" in listed, listed
    assert "Mohammed Shia al-Sudani" in quote and "Mohammed Shia al-Sudani" in listed, (quote, listed)
    keys("Enter")
    back = wait_until(lambda shown: "Enter opens" not in shown and "Entities" in shown, "the article again")
    assert "al-Sudani" in back, back
    return listed


def open_first_hit(query: str, count: str, attempts: int = 3) -> str:
    """Search for ``query`` (its results say ``count``) and open the first hit (Enter, Enter); the
    search is typed again when the box lost it (the first build's refresh, or keys sent while the
    reader was laying out) and Enter pressed again when the article did not open."""
    for _ in range(attempts):
        shown = screen()
        if query not in shown.splitlines()[1] or count not in shown:
            clear_query()
            type_text(query)
            try:
                wait_for(count, timeout=10)
            except AssertionError:
                continue
        step("Enter")
        keys("Enter")
        try:
            return wait_until(lambda shown: "People" in shown and query in shown.splitlines()[1], "the article", 10)
        except AssertionError:
            continue
    return wait_for("People")


def clear_query() -> None:
    """Empty the search box (from wherever the focus is) and wait for the unfiltered list; the
    keys are sent again if the reader was still laying out when they arrived."""
    for _ in range(3):
        step("Escape")
        step("/")
        keys("End", "C-u")
        try:
            wait_until(lambda shown: "5 articles · newest first" in shown and "Sudani" not in shown.splitlines()[1],
                       "an empty search box and the newest-first list", timeout=8)  # fmt: skip
            return
        except AssertionError:
            continue
    wait_for("5 articles · newest first")


def filters_journey() -> str:
    """Clear the query, filter by a source and a date range (f), see the chips and fewer results,
    remove the source chip, clear the rest; then the unread-only view (u). Returns the filtered list."""
    clear_query()
    step("Escape")
    step("f")
    dialog = wait_for("Filter the results")
    assert "suggestion)" in dialog, dialog  # the whole heading, not cut at the edge
    type_text("The N")
    wait_for("▊  The New York Times  ")  # the suggestion in the source input
    step("Right")  # take the suggestion
    step("Tab")
    type_text("2024-01-29")
    step("Tab")
    type_text("2024-01-31")
    keys("Enter")
    filtered = wait_for("source: The New York Times ✕")
    assert "from: 2024-01-29 ✕" in filtered and "to: 2024-01-31 ✕" in filtered, filtered
    filtered = wait_for("1 article (filtered)")
    assert "ESTA" not in results(filtered) and "The Cradle" not in results(filtered), filtered
    for _ in range(3):  # from the results back to the first chip
        step("BTab")
    keys("Enter")
    wider = wait_until(
        lambda shown: "source: The New York Times" not in shown and "articles (filtered)" in shown,
        "the source chip removed and more articles",
    )
    assert "from: 2024-01-29 ✕" in wider and "ESTA" not in results(wider), wider
    keys("BSpace")  # on the chip row: every filter removed
    wait_until(lambda shown: "Filters:" not in shown, "the chips gone")
    cleared = wait_for("5 articles · newest first")
    assert "ESTA" in results(cleared), cleared
    keys("u")  # one article was read: the list and the status say so
    unread = wait_for("unread of 5 articles")
    assert "4 unread of" in unread and "unread only" in unread, unread
    keys("u")
    wait_until(lambda shown: "unread only" not in shown, "every article again")
    return filtered + "\n=== unread only (status line) ===\n" + head(unread, 3)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--show", action="store_true", help="print the captured screens")
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

"""Hostile file names, titles, front matter and entity names are shown as text by every command
and widget: no escape sequence or bidi control reaches the terminal, no markup is interpreted."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.widgets._toast import Toast

from index import timeline
from index.models import ArticleMeta, Event
from tui import cli
from tui.app import BroadsheetApp
from tui.navigation import Location
from tui.screens.entity import EntityScreen
from tui.widgets.results import ResultsList
from tui.widgets.sidebar import EntitySidebar

from .conftest import REPO
from .tui_helpers import settle

BODY = (
    "Dock workers at the port of Valmera extended their strike on 9 May 2023, the union leader Marta Okafor "
    "said on Tuesday, leaving ships waiting offshore.\n\n"
    "The harbour authority said it remained open to talks with Marta Okafor and the union.\n"
)
PLACES = ["Valmera", "Ostrava", "Lindqvist", "Kessel", "Mariven", "Porto Alto"]
CLICK_NAME = "[@click=app.screenshot('x')]evil.md"
OSC_NAME = "\x1b]0;pwned\x07.md"
BIDI_NAME = "\u202eevil.md"
YAML_NAME = "[b]yaml\x1b[31m.md"
BAD_TITLE = "[/] and [link=broken and [@click=app.quit]Quit[/]"
FILES = {
    CLICK_NAME: BODY,  # no title: the file name is shown instead
    "[/]bad.md": (  # a folder "[" holding "]bad.md": the relative path is "[/]bad.md"
        f'---\ntitle: "{BAD_TITLE}"\nsource: "Herald \\e[31m\\u202e"\n'
        'author: "\\e]0;pwned\\a Ana"\nnote: "\\e[2J[@click=app.quit]x"\n---\n' + BODY
    ),
    OSC_NAME: BODY,
    BIDI_NAME: BODY,
    "title.md": '---\ntitle: "\\e]0;pwned\\a[bold]Bold[/bold] \\e[31mred \\u202eevil\\u200b"\n---\n' + BODY,
    YAML_NAME: "---\ntitle: [unclosed\n  bad: : :\n---\n" + BODY,  # a YAML error that quotes the file
}
RENAMED = "\x1b]0;pwned\x07[@click=app.quit]Marta[/] \u202eO"
TOML = '[entities.rename]\n"marta-okafor" = "\\u001b]0;pwned\\u0007[@click=app.quit]Marta[/] \\u202eO"\n'
# what must never be written: C0 controls but \t \n \r, ESC, DEL, C1 (UTF-8: \xc2\x80-\xc2\x9f), bidi and format chars
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]"
)


def make_hostile_corpus(folder: Path) -> Path:
    """Six articles with hostile names and metadata, and a rename to a hostile entity name."""
    folder.mkdir()
    (folder / "[").mkdir()
    for i, (name, text) in enumerate(FILES.items()):
        (folder / name).write_text(text.replace("Valmera", PLACES[i]).replace("9 May", f"{i + 1} May"))
    (folder / "broadsheet.toml").write_text(TOML)
    return folder


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    return make_hostile_corpus(tmp_path / "hostile")


def assert_clean(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"{found.group()!r} written at {found.start()}: {text[max(0, found.start() - 40) :][:80]!r}"


# ---- the CLI, as a subprocess: the bytes it writes


def run_cli(*args: str, cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROADSHEET_CACHE_DIR": str(cache)}
    env.pop("BROADSHEET_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "tui", *args], env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The hostile corpus, indexed once for the CLI tests (corpus, cache)."""
    corpus = make_hostile_corpus(tmp_path_factory.mktemp("cli") / "hostile")
    cache = tmp_path_factory.mktemp("cli-cache")
    assert run_cli("index", str(corpus), cache=cache).returncode == 0
    return corpus, cache


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["index", "{corpus}"], ["[b]yaml\\x1b[31m.md:3: warning: bad YAML front matter"]),
        (
            ["search", "strike", "--corpus", "{corpus}"],
            [CLICK_NAME, "\\x1b]0;pwned\\x07.md", "\\u202eevil.md", BAD_TITLE],
        ),
        (["search", "strike", "--json", "--corpus", "{corpus}"], ["\\u202e"]),
        (["show", "bad", "--corpus", "{corpus}"], [BAD_TITLE, "note: [@click=app.quit]x", "Herald", "[bad] [/]bad.md"]),
        (["show", "0-pwned", "--corpus", "{corpus}"], ["[0-pwned] \\x1b]0;pwned\\x07.md"]),
        (["show", "bad", "--json", "--corpus", "{corpus}"], ["\\u001b[2J[@click=app.quit]x"]),
        (["entities", "list", "--corpus", "{corpus}"], ["[@click=app.quit]Marta[/] O  (Marta Okafor)"]),
        (
            ["entities", "list", "--json", "--corpus", "{corpus}"],
            ["\\u001b]0;pwned\\u0007[@click=app.quit]Marta[/] \\u202eO"],
        ),
        (["entities", "show", "marta-okafor", "--corpus", "{corpus}"], ["[@click=app.quit]Marta[/] O  [marta-okafor]"]),
        (["timeline", "--corpus", "{corpus}"], ["Herald"]),
        (["timeline", "--format", "csv", "--corpus", "{corpus}"], [BAD_TITLE]),
        (["timeline", "--format", "timelinejs", "--corpus", "{corpus}"], ["[/] and [link=broken"]),
        (["export", "{corpus}"], ["\\u202e"]),
    ],
)
def test_cli_writes_no_escape_sequence(built: tuple[Path, Path], args: list[str], shown: list[str]) -> None:
    corpus, cache = built
    done = run_cli(*[a.replace("{corpus}", str(corpus)) for a in args], cache=cache)
    assert done.returncode == 0, done.stderr
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert_clean(out)
    assert_clean(err)
    assert "Traceback" not in err
    for literal in shown:
        assert literal in out + err


def test_json_output_stays_exact(built: tuple[Path, Path]) -> None:
    corpus, cache = built
    names = {
        e["name"]
        for e in json.loads(run_cli("entities", "list", "--json", "--corpus", str(corpus), cache=cache).stdout)
    }
    assert RENAMED in names
    hits = json.loads(run_cli("search", "strike", "--json", "--corpus", str(corpus), cache=cache).stdout)
    assert {h["path"] for h in hits} >= {CLICK_NAME, OSC_NAME, BIDI_NAME, "[/]bad.md", YAML_NAME}


@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "2023-00", "0000"])
def test_impossible_timeline_dates_are_usage_errors(built: tuple[Path, Path], value: str) -> None:
    corpus, cache = built
    done = run_cli("timeline", "--corpus", str(corpus), "--from", value, cache=cache)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "Traceback" not in err and f"'{value}' is not a date" in err
    assert len(err.strip().splitlines()) == 1


def test_a_closed_pipe_ends_quietly(built: tuple[Path, Path]) -> None:
    """``broadsheet search x | head -1``: the reader of stdout is gone before anything is written."""
    corpus, cache = built
    env = {**os.environ, "PYTHONPATH": str(REPO), "BROADSHEET_CACHE_DIR": str(cache)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "show", "bad", "--corpus", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == cli.EXIT_BROKEN_PIPE
    assert err == ""


def test_an_unexpected_error_is_one_line_unless_debugging(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(ns: Any) -> int:
        raise RuntimeError("disk \x1b[31mon fire")

    monkeypatch.setitem(cli.HANDLERS, "search", boom)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    assert cli.main(["search", "x"]) == cli.EXIT_BUG
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: disk on fire" in err and "bug" in err and "\x1b" not in err
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(RuntimeError):
        cli.main(["search", "x"])


# ---- the TimelineJS export: HTML-escaped


def test_timelinejs_escapes_article_html() -> None:
    attack = "<img src=x onerror=alert(1)>"
    event = Event("e1", "2024-01-02", "day", "a", 0, 9, f"Said {attack} today.", (), "c", "today", sources=2)
    article = ArticleMeta("a", "a.md", f"Title {attack}", f"Src {attack}", None)
    doc = timeline.to_timelinejs([event], {"a": article}, f"Corpus {attack}")
    (item,) = doc["events"]
    assert item["text"]["headline"] == "Title &lt;img src=x onerror=alert(1)&gt;"
    assert item["text"]["text"].startswith("Said &lt;img src=x onerror=alert(1)&gt; today.<p><em>")
    assert doc["title"]["text"]["headline"] == "Corpus &lt;img src=x onerror=alert(1)&gt;"
    assert "<img" not in json.dumps(doc)


def test_csv_cells_are_neither_escapes_nor_formulas() -> None:
    event = Event("e1", "2024-01-02", "day", "a", 0, 9, '=HYPERLINK("x")', (), "c", "today")
    article = ArticleMeta("a", "a.md", "\x1b]0;t\x07Title", "@cmd", None)
    out = timeline.to_csv([event], {"a": article})
    assert "\x1b" not in out and ',\'@cmd,Title,"\'=HYPERLINK(""x"")",' in out


# ---- the reader, driven with Pilot: what is drawn


def screen_lines(app: App[Any]) -> list[str]:
    """The text of every line the current screen draws; fails on any action link in outside text."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            assert "screenshot" not in str(meta.get("@click", "")), meta
            assert "app.quit" not in str(meta.get("@click", "")), meta
        lines.append(strip.text)
    return lines


def drawn(app: App[Any]) -> str:
    text = "\n".join(screen_lines(app))
    assert_clean(text)
    return text


async def test_reader_shows_hostile_names_literally(hostile: Path, tmp_path: Path) -> None:
    app = BroadsheetApp(hostile, tmp_path / "index")
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await settle(pilot)
        # the results: titles and file names as text
        prompts = [str(o.prompt) for o in app.reader.query_one(ResultsList).options]
        joined = "\n".join(prompts)
        assert_clean(joined)
        for literal in (CLICK_NAME, "\\x1b]0;pwned\\x07.md", "\\u202eevil.md", BAD_TITLE, "[b]yaml\\x1b[31m.md"):
            assert literal in joined
        screen = drawn(app)
        assert "[@click=app.screenshot('x')]" in screen and "[link=broken" in screen

        # the toast of the YAML problem quotes the file name: literal, no markup
        toasts = [str(t.render()) for t in app.screen.query(Toast)]
        assert any("[b]yaml\\x1b[31m.md" in t for t in toasts), toasts
        app.notify(f"bad file {YAML_NAME} [/] [@click=app.screenshot('pwn')]click[/]", title="[/]")
        await pilot.pause()
        toasts = [str(t.render()) for t in app.screen.query(Toast)]
        assert any("[@click=app.screenshot('pwn')]click[/]" in t for t in toasts)
        drawn(app)

        # an article whose title, source, author and front matter are hostile
        await app.go(Location("article", "bad"))
        await settle(pilot)
        head = str(app.reader.query_one("#article-head").render())
        assert_clean(head)
        assert BAD_TITLE in head and "Herald" in head and "Ana" in head
        sidebar = "\n".join(str(o.prompt) for o in app.reader.query_one(EntitySidebar).options)
        assert "[@click=app.quit]Marta[/] O" in sidebar
        assert_clean(sidebar)
        drawn(app)

        # a file-name fallback in the article header
        await app.go(Location("article", "0-pwned"))
        await settle(pilot)
        assert "\\x1b]0;pwned\\x07.md" in str(app.reader.query_one("#article-head").render())
        drawn(app)

        # the renamed entity's page: name, passages with hostile titles
        await app.go(Location("entity", "marta-okafor"))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        page = drawn(app)
        assert "[@click=app.quit]Marta[/] O" in page and "pwned\x07" not in page
        passages = "\n".join(str(o.prompt) for o in app.screen.query_one("#passage-list").options)  # type: ignore[attr-defined]
        assert CLICK_NAME in passages and BAD_TITLE in passages
        assert_clean(passages)

        # side by side, by source and by entity
        await app.go(Location("synoptic", "bad,0-pwned,evil"))
        await settle(pilot)
        drawn(app)
        await pilot.press("m")
        await pilot.pause()
        drawn(app)


@pytest.mark.parametrize(("query", "expected"), [("click", CLICK_NAME), ("link", BAD_TITLE), ("marta", "Marta[/] O")])
async def test_palette_never_parses_markup(hostile: Path, tmp_path: Path, query: str, expected: str) -> None:
    app = BroadsheetApp(hostile, tmp_path / "index")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.action_command_palette()
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        app.screen.query_one(Input).value = query
        for _ in range(20):
            await pilot.pause(0.1)
            options = app.screen.query_one(CommandList).options
            if any(expected in str(o.prompt) for o in options):
                break
        shown = "\n".join(str(o.prompt) for o in app.screen.query_one(CommandList).options)
        assert expected in shown, shown
        assert_clean(shown)
        assert expected in drawn(app)
        await pilot.press("down", "enter")  # choosing the hit navigates; no action hidden in the text runs
        await settle(pilot)
        assert app.is_running
    assert not list(Path.cwd().glob("x*.svg")) and not list(tmp_path.glob("*.svg"))

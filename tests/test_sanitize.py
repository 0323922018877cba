"""The terminal sanitiser: escape sequences go whole, controls and bidi go, ordinary Unicode stays."""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.sanitize import INVISIBLE, for_terminal, json_for_terminal, path_for_display

EXAMPLES = int(os.environ.get("BROADSHEET_HYPOTHESIS_EXAMPLES", "300"))  # 2000 in a thorough run
FORBIDDEN_SINGLE = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}\u2028\u2029\ud800-\udfff]")
FORBIDDEN_MULTI = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}\u2028\u2029\ud800-\udfff]")

# text biased towards the dangerous parts: escape introducers, terminators, controls, bidi
DANGEROUS = "\x1b|\x1b[|\x1b]|\x1bP|\x07|\x1b\\|\x9b|\x9d|\x9c|\x90|[|]|;|0|31m|\u202e|\u2066|\u200b|\ufeff"
pieces = st.sampled_from([*DANGEROUS.split("|"), "\r", "\n", "\t", "\x00", "\x7f", "\udcff", "é", "中", "😀", "a", " "])
hostile = st.lists(st.one_of(pieces, st.text(max_size=5)), max_size=30).map("".join)
anything = st.one_of(st.text(), hostile)


@settings(max_examples=EXAMPLES)
@given(anything)
def test_single_line_output_has_no_control_escape_or_bidi(text: str) -> None:
    out = for_terminal(text)
    assert not FORBIDDEN_SINGLE.search(out)
    assert for_terminal(out) == out
    out.encode("utf-8")  # never a lone surrogate


@settings(max_examples=EXAMPLES)
@given(anything)
def test_multiline_keeps_only_newline_and_tab(text: str) -> None:
    out = for_terminal(text, multiline=True)
    assert not FORBIDDEN_MULTI.search(out)
    assert for_terminal(out, multiline=True) == out
    out.encode("utf-8")


@settings(max_examples=EXAMPLES)
@given(anything)
def test_path_display_is_safe_and_idempotent(text: str) -> None:
    out = path_for_display(text)
    assert not FORBIDDEN_SINGLE.search(out)
    assert path_for_display(out) == out
    out.encode("utf-8")


@settings(max_examples=EXAMPLES)
@given(st.recursive(st.one_of(st.none(), st.integers(), anything), lambda c: st.lists(c, max_size=4), max_leaves=8))
def test_json_stays_exact_and_safe(value: object) -> None:
    text = json_for_terminal({"v": value})
    assert json.loads(text) == {"v": value}
    assert not FORBIDDEN_MULTI.search(text)
    text.encode("utf-8")


@settings(max_examples=EXAMPLES)
@given(st.text(alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters=INVISIBLE)))
def test_ordinary_text_is_unchanged(text: str) -> None:
    ordinary = "".join(c for c in text if not ("\x80" <= c <= "\x9f" or "\u2066" <= c <= "\u206f"))
    assert for_terminal(ordinary) == ordinary
    assert path_for_display(ordinary) == ordinary


@pytest.mark.parametrize(
    ("raw", "single", "multi"),
    [
        ("\x1b]0;pwned\x07title", "title", "title"),  # OSC set-title, BEL-terminated: gone whole
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link", "link"),  # OSC 8 hyperlink, ST-terminated
        ("\x1b[31mred\x1b[0m", "red", "red"),  # SGR colour
        ("\x1b[2J\x1b[1;1Hx", "x", "x"),  # clear screen, cursor home
        ("\x9b31mred", "red", "red"),  # 8-bit CSI
        ("\x9d0;t\x9cok", "ok", "ok"),  # 8-bit OSC and ST
        ("\x1bPq#0\x1b\\dcs", "dcs", "dcs"),  # DCS (sixel)
        ("\x1b(Bx\x1bcy", "xy", "xy"),  # charset designation, full reset
        ("\x1b]0;unterminated", "0;unterminated", "0;unterminated"),  # no terminator: only the introducer goes
        ("a\u202eevil\u202c.md", "aevil.md", "aevil.md"),  # right-to-left override
        ("\u2066x\u2069 zero\u200bwidth\ufeff", "x zerowidth", "x zerowidth"),
        ("one\ntwo\tthree\r\nfour\rfive", "one two three  four five", "one\ntwo\tthree\nfour\nfive"),
        ("bell\x07back\x08space\x00nul\x7f", "bellbackspacenul", "bellbackspacenul"),
        ("Caf\u00e9 \u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \U0001f600", None, None),
    ],
)
def test_known_sequences(raw: str, single: str | None, multi: str | None) -> None:
    assert for_terminal(raw) == (raw if single is None else single)
    assert for_terminal(raw, multiline=True) == (raw if multi is None else multi)


def test_path_shows_hidden_characters_as_escapes() -> None:
    assert path_for_display("\x1b]0;pwned\x07.md") == "\\x1b]0;pwned\\x07.md"
    assert path_for_display("\u202eevil.md") == "\\u202eevil.md"
    assert path_for_display("bad\udcff\udcfe.md") == "bad\\xff\\xfe.md"  # os.fsdecode of b"bad\xff\xfe.md"
    assert path_for_display("world/Caf\u00e9.md") == "world/Café.md"
    assert for_terminal("bad\udcff.md") == "bad\\xff.md"


def test_json_escapes_what_a_terminal_would_act_on() -> None:
    text = json_for_terminal({"t": "\x9b31m\u202e\x1b\udcff"}, indent=None)
    assert text == '{"t": "\\u009b31m\\u202e\\u001b\\udcff"}'


def test_linear_time_on_many_unterminated_introducers() -> None:
    import time

    text = "\x1b]" * 200_000 + "\x9b" * 200_000
    t0 = time.perf_counter()
    assert not FORBIDDEN_SINGLE.search(for_terminal(text))
    assert time.perf_counter() - t0 < 2

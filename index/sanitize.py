"""Text from outside (file names, front matter, article text, corrections) made safe to show.

One sanitiser for everything written to a terminal, by the CLI and by the reader:

- :func:`for_terminal` removes escape sequences whole (CSI ``ESC [ ... m``, OSC ``ESC ] ... BEL``,
  DCS/SOS/PM/APC strings, two- and three-byte ``ESC x`` sequences, and their 8-bit C1 forms), then
  every remaining C0/C1 control character, and neutralises bidi overrides/isolates and invisible
  format characters that can make text read as something it is not. Ordinary Unicode stays.
- :func:`path_for_display` shows a file name so the user can still find the file: controls and
  invisible characters become visible ``\\xNN`` / ``\\uNNNN`` escapes, and undecodable bytes (which
  ``os.fsdecode`` turns into lone surrogates) become ``\\xNN`` instead of crashing an encoder.
- :func:`json_for_terminal` dumps JSON exactly (the decoded value is unchanged) but writes C1
  controls, bidi and format characters and lone surrogates as ``\\uXXXX`` escapes.

Markup (Rich/Textual ``[...]``, Markdown, HTML) is not this module's business: callers show text
as plain ``Text``/``Content`` objects, with ``markup=False``, or escape for their format.

The escape-sequence grammar is ECMA-48; it is matched with regular expressions whose character
classes exclude the terminators, so the work is linear in the length of the text.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .models import Problem

# Bidi embeddings/overrides/isolates and marks, and invisible format characters (soft hyphen, zero-width
# space/joiners, word joiner, invisible operators, deprecated format controls, BOM, interlinear
# annotation, Mongolian vowel separator, tag characters used to smuggle hidden ASCII).
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
LINE_SEPARATORS = "\u2028\u2029"

# ESC or an 8-bit introducer, then the body of the sequence.
_STRING_SEQ = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, SOS, PM, APC
_CSI_SEQ = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
_ESC_SEQ = r"\x1b[\x20-\x2f]*[\x30-\x7e]"  # ESC c, ESC 7, ESC ( B, ...
_SEQUENCES = re.compile(f"{_STRING_SEQ}|{_CSI_SEQ}|{_ESC_SEQ}")
_CONTROLS_SINGLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_MULTI = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # keeps \t and \n
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_WHITESPACE_CONTROLS = re.compile(f"[\t\n\r\x0b\x0c\x85{LINE_SEPARATORS}]")


def _surrogate(match: re.Match[str]) -> str:
    """A lone surrogate: an undecodable byte (surrogateescape) as ``\\xNN``, anything else as U+FFFD."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def without_escape_sequences(text: str) -> str:
    """``text`` with every terminal escape sequence removed whole (not just its ESC byte)."""
    return _SEQUENCES.sub("", text)


def for_terminal(text: str, *, multiline: bool = False) -> str:
    """``text`` with no escape sequence, control or bidi/format character left.

    Single-line (the default): tabs, newlines and other line breaks become spaces.
    ``multiline=True`` keeps ``\\n`` and ``\\t`` (CR LF and lone CR become ``\\n``).
    Idempotent; never raises on any ``str``.
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _SEQUENCES.sub("", text)
    if not multiline:
        text = _WHITESPACE_CONTROLS.sub(" ", text)
    text = (_CONTROLS_MULTI if multiline else _CONTROLS_SINGLE).sub("", text)
    text = _INVISIBLE.sub("", text)
    return _SURROGATES.sub(_surrogate, text)


_PATH_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}{LINE_SEPARATORS}\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte kept by os.fsdecode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def path_for_display(path: str) -> str:
    """A file name safe to print, every hidden character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return _PATH_UNSAFE.sub(_visible, path)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{INVISIBLE}{LINE_SEPARATORS}\ud800-\udfff]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP: a UTF-16 surrogate pair, as JSON spells it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_for_terminal(value: Any, indent: int | None = 1) -> str:
    """``json.dumps`` (UTF-8, not ASCII-only) whose text is safe on a terminal and always encodable.

    json already escapes C0 controls; this also escapes DEL, C1, bidi/format characters and lone
    surrogates. Those characters only occur inside JSON strings, so ``json.loads`` gives back
    exactly ``value``.
    """
    return _JSON_UNSAFE.sub(_json_escape, json.dumps(value, ensure_ascii=False, indent=indent))


def problem_for_display(problem: Problem) -> str:
    """A problem as one safe line: the file name with visible escapes, the reason sanitised."""
    where = path_for_display(problem.path) + (f":{problem.line}" if problem.line else "")
    verb = "skipped" if problem.skipped else "warning"
    return f"{where}: {verb}: {for_terminal(problem.reason)}"

"""YAML front matter read by meaning: split it from the body, load it safely, report errors with their line.

Keys are matched case-insensitively and by meaning (see :data:`KEYS`); dates are parsed by
:mod:`index.pubdate`, never by YAML, so an impossible date is a warning and not a crash.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from .models import Problem
from .pubdate import DateCandidate, Role, choose, parse_date

OPENING_FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
#: Hugo and Zola write TOML front matter between +++ fences
TOML_OPENING = re.compile(r"\A(?:\ufeff)?\+\+\+[ \t]*\r?\n")
TOML_CLOSING = re.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.M)
MAX_FRONT_MATTER = 64 * 1024  # characters; a real front matter block is a few hundred
MAX_DEPTH = 50  # nesting of YAML collections
MAX_VALUE = 1000  # characters kept of one value in ``extra``

# One table of front-matter keys by meaning. Keys are compared after lower-casing and dropping
# everything but letters and digits ("pubDate", "pub_date" and "Pub-Date" are all "pubdate").
# Date keys also match with a "date" prefix or a "date"/"time"/"at"/"on" suffix removed, so
# "date_published", "published_time", "updated_at" and "posted_on" need no entries of their own.
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    # in order of preference when a file has several
    "title": ("title", "headline", "posttitle", "name"),
    "source": ("source", "publisher", "publication", "site", "sitename", "outlet", "ogsitename", "website"),
    "url": (
        "url", "link", "originallink", "canonicalurl", "canonical", "permalink", "sourceurl", "originalurl",
        "articleurl", "weburl", "href", "ogurl",
    ),
    "author": ("author", "authors", "byline", "creator", "creators", "writer", "writers", "by"),
}  # fmt: skip
DATE_ROLES: dict[str, Role] = {
    # the publication date, by name
    **dict.fromkeys(
        ("published", "publish", "pub", "publication", "post", "posted", "issued", "firstpublished", "released"),
        "published",
    ),
    # a bare date or creation time: the publication date in CMS exports, the clip date in clippers
    **dict.fromkeys(("date", "created", "creation", "createdat"), "unknown"),
    **dict.fromkeys(
        ("modified", "updated", "lastmod", "lastmodified", "lastupdated", "edited", "revised", "modification"),
        "modified",
    ),
    # when a clipper, crawler or reader saved the page
    **dict.fromkeys(
        (
            "clipped", "clip", "captured", "capture", "saved", "accessed", "access", "retrieved", "archived",
            "fetched", "scraped", "crawled", "downloaded", "imported", "added", "bookmarked",
        ),
        "captured",
    ),
}  # fmt: skip
# Date keys whose value must be a date: anything else there is reported (other date keys, like
# "saved: true", simply keep their value in ``extra``).
STRICT_DATE_ROLES = ("published",)
STRICT_DATE_KEYS = ("date",)
_DATE_AFFIXES = ("date", "time", "at", "on")
URL_VALUE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


def key_name(key: object) -> str:
    """A key as compared against the tables: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", str(key).lower())


def date_role(key: object) -> Role | None:
    """The role of a date-valued key ("published", "modified", "captured", "unknown"), None if not a date key."""
    name = key_name(key)
    forms = [name]
    for affix in _DATE_AFFIXES:
        if name.startswith(affix) and len(name) > len(affix):
            forms.append(name[len(affix) :])
        if name.endswith(affix) and len(name) > len(affix):
            forms.append(name[: -len(affix)])
    return next((DATE_ROLES[f] for f in forms if f in DATE_ROLES), None)


def field_of(key: object) -> str | None:
    """The field ("title", "source", "url" or "author") a key means, else None."""
    name = key_name(key)
    return next((f for f, names in FIELD_KEYS.items() if name in names), None)


@dataclass
class FrontMatter:
    """Metadata from a front matter block, and where the body starts."""

    body: str = ""
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None
    dates: list[DateCandidate] = field(default_factory=list)
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    #: keys the reader does not interpret, as (key, one-line value), in file order
    extra: tuple[tuple[str, str], ...] = ()
    body_line: int = 1  # 1-based line of the file where ``body`` starts

    @property
    def published(self) -> tuple[str | None, str | None]:
        """The best front-matter date and its provenance, by :func:`index.pubdate.choose`."""
        return choose(self.dates)

    @property
    def fields(self) -> dict[str, str]:
        """A flat summary (title, published, source, url, author) of what was read, for messages and tests."""
        values = {
            "title": self.title,
            "published": self.published[0],
            "source": self.source,
            "url": self.url,
            "author": ", ".join(self.authors) or None,
        }
        return {k: v for k, v in values.items() if v}


class _Refused(yaml.YAMLError):
    """YAML the reader will not expand (aliases, deep nesting)."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings, refuses aliases and bounds nesting."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    # an explicit "!!timestamp" stays a string too
    yaml_constructors = {
        **yaml.SafeLoader.yaml_constructors,
        "tag:yaml.org,2002:timestamp": yaml.SafeLoader.construct_yaml_str,
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):  # an alias can expand exponentially ("billion laughs")
            raise _Refused("YAML aliases are not read", self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested deeper than {MAX_DEPTH} levels", self.peek_event().start_mark)
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1


def split(path: str, content: str) -> FrontMatter:
    """Separate front matter from the body and read its keys. Never raises: bad input is a Problem."""
    toml_fence = _fence(content, TOML_OPENING, TOML_CLOSING)
    if toml_fence is not None:
        return _split_toml(path, content, *toml_fence)
    fence = _fence(content)
    if fence is None:
        return FrontMatter(body=content)
    text, body_start = fence
    body = content[body_start:]
    body_line = content.count("\n", 0, body_start) + 1
    fm = FrontMatter(body=body, body_line=body_line)
    if len(text) > MAX_FRONT_MATTER:
        reason = f"front matter longer than {MAX_FRONT_MATTER // 1024} KB not read; metadata inferred from the text"
        fm.problems.append(Problem(path, reason, line=1, skipped=False))
        return fm
    try:
        _read(path, text, fm)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the fence, +1 for 1-based
        detail = getattr(err, "problem", None) or err
        reason = f"bad YAML front matter ({detail}); metadata inferred from the text"
        fm = FrontMatter(body=body, body_line=body_line, problems=[Problem(path, reason, line=line, skipped=False)])
    except (RecursionError, MemoryError, Exception) as err:  # anything else in the YAML stack: report, go on
        reason = f"front matter could not be read ({type(err).__name__}); metadata inferred from the text"
        fm = FrontMatter(body=body, body_line=body_line, problems=[Problem(path, reason, line=1, skipped=False)])
    return fm


def _split_toml(path: str, content: str, text: str, body_start: int) -> FrontMatter:
    """TOML front matter (between +++ fences), read with the standard library's tomllib."""
    import tomllib

    body_line = content.count("\n", 0, body_start) + 1
    fm = FrontMatter(body=content[body_start:], body_line=body_line)
    if len(text) > MAX_FRONT_MATTER:
        reason = f"front matter longer than {MAX_FRONT_MATTER // 1024} KB not read; metadata inferred from the text"
        fm.problems.append(Problem(path, reason, line=1, skipped=False))
        return fm
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError) as err:
        reason = f"bad TOML front matter ({err}); metadata inferred from the text"
        fm.problems.append(Problem(path, reason, line=_toml_error_line(err), skipped=False))
        return fm
    lines = text.split("\n")
    found: dict[str, tuple[int, str]] = {}
    authors: tuple[str, ...] | None = None
    extra: list[tuple[str, str]] = []
    for key, raw in data.items():
        value = raw.isoformat() if isinstance(raw, (dt.date, dt.datetime, dt.time)) else raw
        if isinstance(value, dict) or value in (None, "", []):
            continue
        line = next((i + 2 for i, ln in enumerate(lines) if re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", ln)), 1)
        if not _read_key(path, str(key), value, line, fm, found, extra) and field_of(key) == "author":
            authors = authors or _authors(value)
    fm.title, fm.source, fm.url = (found[f][1] if f in found else None for f in ("title", "source", "url"))
    fm.authors = authors or ()
    fm.extra = tuple(extra)
    return fm


def _toml_error_line(err: Exception) -> int:
    """The file line of a tomllib error ("... (at line 3, column 7)"), counting the opening fence."""
    m = re.search(r"line (\d+)", str(err))
    return int(m.group(1)) + 1 if m else 1


def _fence(
    content: str, opening_fence: re.Pattern[str] = OPENING_FENCE, closing_fence: re.Pattern[str] = CLOSING_FENCE
) -> tuple[str, int] | None:
    """The text between the fences and the offset where the body starts; None without front matter."""
    opening = opening_fence.match(content)
    if not opening:
        return None
    closing = closing_fence.search(content, opening.end())  # one regex scan: linear in the file size
    if not closing:
        return None
    text = content[opening.end() : closing.start()]
    return text.removesuffix("\n").removesuffix("\r"), closing.end()


def _read(path: str, text: str, fm: FrontMatter) -> None:
    """Load the YAML node by node (to know each key's line) and fill ``fm`` by meaning."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            reason = "front matter is not a mapping of keys to values; metadata inferred from the text"
            fm.problems.append(Problem(path, reason, line=root.start_mark.line + 2, skipped=False))
            return
        found: dict[str, tuple[int, str]] = {}  # field -> (preference, value)
        authors: tuple[str, ...] | None = None
        extra: list[tuple[str, str]] = []
        for key_node, value_node in root.value:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            line = key_node.start_mark.line + 2
            if isinstance(key, (dict, list)) or value is None or value == "" or value == [] or value == {}:
                continue
            if not _read_key(path, str(key), value, line, fm, found, extra) and field_of(key) == "author":
                authors = authors or _authors(value)
        fm.title, fm.source, fm.url = (found[f][1] if f in found else None for f in ("title", "source", "url"))
        fm.authors = authors or ()
        fm.extra = tuple(extra)
    finally:
        loader.dispose()


def _read_key(
    path: str,
    key: str,
    value: Any,
    line: int,
    fm: FrontMatter,
    found: dict[str, tuple[int, str]],
    extra: list[tuple[str, str]],
) -> bool:
    """Read one key into ``fm``/``found``/``extra``; False only for author keys, read by the caller."""
    role = date_role(key)
    if role is not None:
        _read_date(path, key, value, line, role, fm, extra)
        return True
    name = field_of(key)
    if name == "author":
        return False
    if name is None:
        extra.append((key, one_line(value)))
        return True
    text = _text_of(value)
    if name == "source" and isinstance(value, dict):  # source: {name: Outlet, url: https://...}
        link = _text_of(_get(value, "url") or _get(value, "link"))
        if link and URL_VALUE.match(link):
            _offer(found, "url", key, link)
        text = _text_of(_get(value, "name") or _get(value, "title"))
    if text and URL_VALUE.match(text) and name != "title":
        _offer(found, "url", key, text)  # a URL under "source" or "site" is the article's URL
    elif text and name != "url":
        _offer(found, name, key, text)
    else:
        extra.append((key, one_line(value)))  # e.g. a Jekyll permalink pattern: not a URL
    return True


def _read_date(
    path: str, key: str, value: Any, line: int, role: Role, fm: FrontMatter, extra: list[tuple[str, str]]
) -> None:
    parsed = parse_date(value)
    if parsed.value:
        fm.dates.append(DateCandidate(parsed.value, f"front matter {key}", role))
        return
    if isinstance(value, bool):  # "published: false" is a draft flag
        extra.append((key, one_line(value)))
        return
    strict = role in STRICT_DATE_ROLES or key_name(key) in STRICT_DATE_KEYS
    if parsed.impossible or (strict and isinstance(value, (str, int))):
        what = "an impossible date" if parsed.impossible else "not a date"
        reason = f"front matter {key!r} is {what} ({one_line(value)[:60]!r}); date inferred from the text"
        fm.problems.append(Problem(path, reason, line=line, skipped=False))
    extra.append((key, one_line(value)))


def _offer(found: dict[str, tuple[int, str]], name: str, key: str, value: str) -> None:
    """Keep the value of the most preferred key for ``name`` (the first in the file among equals)."""
    names = FIELD_KEYS[name]
    preference = names.index(key_name(key)) if key_name(key) in names else len(names)
    if name not in found or preference < found[name][0]:
        found[name] = (preference, value)


def _authors(value: Any) -> tuple[str, ...]:
    """Author names from a string, a list of strings, or mappings with a ``name``."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text_of(_get(item, "name") if isinstance(item, dict) else item)
        name = unwikilink(name) if name else name
        if name and name not in names:
            names.append(name)
    return tuple(names)


#: a note-taking app's wiki link ("[[Jane Doe]]", "[[people/Jane Doe|Jane]]"): the page name is the value
WIKILINK = re.compile(r"^\s*\[\[(?P<target>[^\[\]|]+)(?:\|(?P<label>[^\[\]]+))?\]\]\s*$")


def unwikilink(text: str) -> str:
    """ "[[Jane Doe]]" -> "Jane Doe" (the label when one is given, else the page name without its folder)."""
    m = WIKILINK.match(text)
    if not m:
        return text
    return (m["label"] or m["target"].rsplit("/", 1)[-1]).strip()


def _get(mapping: dict[Any, Any], wanted: str) -> Any:
    return next((v for k, v in mapping.items() if key_name(k) == wanted), None)


def _text_of(value: Any) -> str | None:
    """A scalar as one stripped line; None for collections, booleans and empty values."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    return " ".join(str(value).split())[:MAX_VALUE] or None


def one_line(value: Any) -> str:
    """Any YAML value as one line: lists joined with ", ", mappings as "key: value; ...", bounded."""
    return _flatten(value, MAX_VALUE)[:MAX_VALUE]


def _flatten(value: Any, budget: int) -> str:
    """Depth-first text of a value that stops once ``budget`` characters are written."""
    parts: list[str] = []
    used = 0
    render: Callable[[Any], str]
    if isinstance(value, dict):
        items: list[Any] = list(value.items())
        render = lambda kv: f"{kv[0]}: {_flatten(kv[1], budget)}"  # noqa: E731
        joiner = "; "
    elif isinstance(value, list):
        items, render, joiner = list(value), (lambda v: _flatten(v, budget)), ", "
    else:
        text = str(value).lower() if isinstance(value, bool) else str(value)
        return " ".join(text.split())[:budget]
    for item in items:
        if used >= budget:
            break
        part = render(item)
        parts.append(part)
        used += len(part) + len(joiner)
    return joiner.join(parts)

"""YAML front matter: split it from the body, load it safely, report errors with their line."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .models import Problem

FENCE = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KNOWN_KEYS = {"title", "published", "date", "source", "url", "author"}


@dataclass
class FrontMatter:
    """Metadata from a front matter block, and where the body starts."""

    fields: dict[str, str] = field(default_factory=dict)
    body: str = ""
    problems: list[Problem] = field(default_factory=list)


def split(path: str, content: str) -> FrontMatter:
    """Separate front matter from the body. Bad YAML is reported and the body is kept."""
    match = FENCE.match(content)
    if not match:
        return FrontMatter(body=content)
    body = content[match.end() :]
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the fence, +1 for 1-based
        reason = f"bad YAML front matter ({getattr(err, 'problem', None) or err}); metadata inferred from the text"
        return FrontMatter(body=body, problems=[Problem(path, reason, line=line, skipped=False)])
    if data is None:
        return FrontMatter(body=body)
    if not isinstance(data, dict):
        reason = "front matter is not a mapping of keys to values; metadata inferred from the text"
        return FrontMatter(body=body, problems=[Problem(path, reason, line=2, skipped=False)])
    fields, problems = _fields(path, data)
    return FrontMatter(fields=fields, body=body, problems=problems)


def _fields(path: str, data: dict[Any, Any]) -> tuple[dict[str, str], list[Problem]]:
    fields: dict[str, str] = {}
    problems: list[Problem] = []
    for key in KNOWN_KEYS & {str(k).lower() for k in data}:
        value = next(v for k, v in data.items() if str(k).lower() == key)
        if value is None or value == "":
            continue
        name = "published" if key == "date" else key
        if name == "published":
            text = _date_text(value)
            if text is None:
                problems.append(
                    Problem(
                        path,
                        f"front matter {key!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}",
                        line=2,
                        skipped=False,
                    )
                )
                continue
            fields.setdefault(name, text)
        elif isinstance(value, list):
            fields[name] = ", ".join(str(v) for v in value)
        else:
            fields[name] = str(value).strip()
    return fields, problems


def _date_text(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 9999:
        return str(value)
    text = str(value).strip()[:10]
    return text if ISO_DATE.match(text) else None

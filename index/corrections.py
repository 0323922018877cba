"""User corrections of entities, kept in ``broadsheet.toml`` in the corpus folder.

    [entities]
    hide = ["jihad"]                                  # drop an entity everywhere
    merge = [["kataib-hezbollah", "Kateb Hezbollah"]]  # one entity (the first keeps its id)
    split = [["mohammed-mohi", "Mohi"]]               # this alias becomes an entity of its own

    [entities.rename]
    "tower-22" = "Tower 22 (Jordan)"

    [entities.retype]
    "trump" = "PERSON"

An entity may be named by its id, its display name or any of its aliases. Corrections are applied
at index time, after automatic resolution; ``broadsheet entities ...`` edits the same file (with
tomlkit, so a user's comments and layout survive).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILENAME = "broadsheet.toml"
TYPES = ("PERSON", "ORG", "PLACE", "OTHER")


class CorrectionsError(ValueError):
    """The corrections file cannot be read or has a bad value (the message names file and key)."""


@dataclass
class Corrections:
    """What the user asked for."""

    hide: list[str] = field(default_factory=list)
    merge: list[list[str]] = field(default_factory=list)
    split: list[list[str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    retype: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.hide or self.merge or self.split or self.rename or self.retype)


def path_for(corpus: Path) -> Path:
    return corpus / FILENAME


def fingerprint(corpus: Path) -> str | None:
    """Hash of the corrections file, or None when there is none."""
    try:
        return hashlib.sha256(path_for(corpus).read_bytes()).hexdigest()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise CorrectionsError(f"{path_for(corpus)}: cannot read: {err.strerror or err}") from err


def load(corpus: Path) -> Corrections:
    """The corrections of a corpus (empty when there is no file)."""
    import tomlkit

    path = path_for(corpus)
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Corrections()
    except (OSError, UnicodeDecodeError) as err:
        raise CorrectionsError(f"{path}: cannot read: {err}") from err
    except Exception as err:  # tomlkit's parse errors carry line and column in their message
        raise CorrectionsError(f"{path}: not valid TOML: {err}") from err
    ents = doc.get("entities", {})
    try:
        out = Corrections(
            hide=[str(x) for x in ents.get("hide", [])],
            merge=[[str(y) for y in x] for x in ents.get("merge", [])],
            split=[[str(y) for y in x] for x in ents.get("split", [])],
            rename={str(k): str(v) for k, v in ents.get("rename", {}).items()},
            retype={str(k): str(v).upper() for k, v in ents.get("retype", {}).items()},
        )
    except (TypeError, AttributeError) as err:
        raise CorrectionsError(f"{path}: [entities] has a value of the wrong kind: {err}") from err
    for name, typ in out.retype.items():
        if typ not in TYPES:
            raise CorrectionsError(f"{path}: entities.retype.{name} = {typ!r}: use one of {', '.join(TYPES)}")
    for group in out.merge + out.split:
        if len(group) < 2:
            raise CorrectionsError(f"{path}: each merge/split entry needs two names, got {group!r}")
    return out


def update(corpus: Path, action: str, value: Any) -> Path:
    """Add one correction to the file (created if missing) and return its path."""
    import tomlkit

    path = path_for(corpus)
    try:
        doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    except Exception as err:
        raise CorrectionsError(f"{path}: not valid TOML: {err}") from err
    ents = doc.setdefault("entities", tomlkit.table())
    if action in ("hide", "merge", "split"):
        items = ents.setdefault(action, tomlkit.array())
        if value not in items:
            items.append(value)
    elif action in ("rename", "retype"):
        table = ents.setdefault(action, tomlkit.table())
        table[value[0]] = value[1]
    else:
        raise ValueError(action)
    try:
        path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    except OSError as err:
        raise CorrectionsError(
            f"{path}: cannot write ({err.strerror or err}); is the corpus folder read-only?"
        ) from err
    return path

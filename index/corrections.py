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
at index time, after automatic resolution; ``broadsheet entities ...`` and the reader edit the same
file through :func:`save` (with tomlkit, so a user's comments and layout survive), which first checks
the names against the current index and refuses what matches nothing.

The corrections of the bundled demo corpus, and of any corpus folder that is not writable, are kept
in the user's config folder instead (:func:`path_for`), never in the installed package.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from .models import Entity

FILENAME = "broadsheet.toml"
TYPES = ("PERSON", "ORG", "PLACE", "OTHER")
ACTIONS = ("hide", "merge", "split", "rename", "retype")
#: the folder, in the config folder, of corrections of corpora that cannot hold their own
CONFIG_FOLDER = "corrections"


class CorrectionsError(ValueError):
    """The corrections file cannot be read or has a bad value (the message names file and key)."""


class NotInIndex(CorrectionsError):
    """A correction names an entity (or alias) the current index does not have; nothing was written."""


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
    """The corrections file of a corpus: ``broadsheet.toml`` in its folder, or (for the bundled demo
    corpus and folders that are not writable) a file named after the folder in the config folder."""
    if _is_bundled(corpus) or not _writable(corpus):
        return config_path_for(corpus)
    return corpus / FILENAME


def config_path_for(corpus: Path) -> Path:
    """Where the corrections of ``corpus`` go in the user's config folder."""
    from .locations import config_root

    if _is_bundled(corpus):
        return config_root() / CONFIG_FOLDER / "demo-corpus.toml"
    resolved = corpus.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    name = re.sub(r"[^\w.-]+", "-", resolved.name).strip("-") or "corpus"
    return config_root() / CONFIG_FOLDER / f"{name}-{digest}.toml"


def _is_bundled(corpus: Path) -> bool:
    from .locations import bundled_corpus

    return corpus.resolve() == bundled_corpus().resolve()


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


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
    path = path_for(corpus)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Corrections()
    except (OSError, UnicodeDecodeError) as err:
        raise CorrectionsError(f"{path}: cannot read: {err}") from err
    return load_text(path, text)


def load_text(path: Path, text: str) -> Corrections:
    """The corrections in the text of a corrections file (``path`` names it in errors)."""
    import tomlkit

    try:
        doc = tomlkit.parse(text)
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
    """Add one correction to the file (created if missing) and return its path (no index check:
    see :func:`save`)."""
    path = path_for(corpus)
    text = _read_text(path)
    new = _with_correction(path, text, action, value)
    if new != text:
        _write_text(path, new)
    return path


@dataclass(frozen=True)
class Correction:
    """One edit of the corrections file: ``value`` is a name (hide), a list of names (merge), or
    a pair (split: entity and alias; rename: entity and new name; retype: entity and type)."""

    action: str
    value: str | list[str]

    @property
    def names(self) -> list[str]:
        return [self.value] if isinstance(self.value, str) else list(self.value)


@dataclass(frozen=True)
class Saved:
    """What :func:`save` did: the file, its text before (None: there was no file), and whether
    the file changed (a correction already there is not written twice)."""

    path: Path
    previous: str | None
    changed: bool


class EntityLookup(Protocol):
    """What :func:`check` needs of an index: an entity by id, display name or alias."""

    def entity(self, name: str) -> Entity | None: ...


def save(corpus: Path, correction: Correction, index: EntityLookup) -> Saved:
    """Check ``correction`` against the current index and add it to the corpus's corrections file.

    One correction already in the file is left as it is (``changed`` is False) without checking,
    since the index shows its effect; anything else that names what the index does not have raises
    :class:`NotInIndex` and writes nothing."""
    path = path_for(corpus)
    previous = _read_text(path)
    if _already_there(path, previous, correction) or _split_in_effect(path, previous, correction, index):
        return Saved(path, previous, changed=False)
    check(correction, index)
    new = _with_correction(path, previous, correction.action, correction.value)
    _write_text(path, new)
    return Saved(path, previous, changed=True)


def restore(saved: Saved) -> Path:
    """Put the corrections file back exactly as it was before ``saved`` (removed if there was none)."""
    if saved.previous is None:
        try:
            saved.path.unlink(missing_ok=True)
        except OSError as err:
            raise CorrectionsError(f"{saved.path}: cannot remove: {err.strerror or err}") from err
    else:
        _write_text(saved.path, saved.previous)
    return saved.path


def check(correction: Correction, index: EntityLookup) -> None:
    """Raise :class:`NotInIndex` unless every name of ``correction`` is an entity of ``index`` (by
    id, display name or alias, as :func:`index.amend.apply_corrections` matches them)."""
    from . import lexicon as lx

    action, names = correction.action, correction.names
    if action not in ACTIONS:
        raise ValueError(action)
    if action == "merge" and len(names) < 2:
        raise NotInIndex("merge needs two or more entities")
    if action == "retype" and names[1].upper() not in TYPES:
        raise NotInIndex(f"{names[1]!r} is not a type: use one of {', '.join(TYPES)}")
    targets = names if action == "merge" else names[:1]
    found = {name: index.entity(name) for name in targets}
    missing = [name for name, entity in found.items() if entity is None]
    if missing:
        listed = ", ".join(repr(n) for n in missing)
        raise NotInIndex(f"no entity named {listed} in the index; nothing was saved")
    entities = [e for e in found.values() if e is not None]
    if action == "merge" and len({e.id for e in entities}) < 2:
        listed = ", ".join(repr(n) for n in names)
        raise NotInIndex(f"{listed} are already one entity ({entities[0].id}); nothing was saved")
    if action == "split":
        owner, alias = entities[0], names[1]
        spellings = [a for a in owner.alias_names if lx.key(a) == lx.key(alias)]
        if not spellings:
            raise NotInIndex(f"{alias!r} is not an alias of {owner.id!r}; nothing was saved")
        if len(owner.alias_names) < 2:
            raise NotInIndex(f"{alias!r} is the only spelling of {owner.id!r}: nothing to split off")


def _already_there(path: Path, text: str | None, correction: Correction) -> bool:
    return text is not None and _with_correction(path, text, correction.action, correction.value) == text


def _split_in_effect(path: Path, text: str | None, correction: Correction, index: EntityLookup) -> bool:
    """A split of an alias the file already splits off, which the index shows as an entity of its own
    (named as the owner by another spelling)."""
    from . import lexicon as lx

    if correction.action != "split" or text is None:
        return False
    alias = lx.key(correction.names[1])
    standing = index.entity(correction.names[1])
    try:
        splits = load_text(path, text).split
    except CorrectionsError:
        return False
    return standing is not None and lx.key(standing.name) == alias and any(lx.key(a) == alias for _, a in splits)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise CorrectionsError(f"{path}: cannot read: {err}") from err


def _with_correction(path: Path, text: str | None, action: str, value: Any) -> str:
    """The file's text with one correction added (comments and layout kept)."""
    import tomlkit

    try:
        doc = tomlkit.parse(text) if text is not None else tomlkit.document()
    except Exception as err:
        raise CorrectionsError(f"{path}: not valid TOML: {err}") from err
    ents = doc.setdefault("entities", tomlkit.table())
    if action in ("hide", "merge", "split"):
        items = ents.setdefault(action, tomlkit.array())
        if value not in items:
            items.append(value)
    elif action in ("rename", "retype"):
        table = ents.setdefault(action, tomlkit.table())
        if table.get(value[0]) != value[1]:
            table[value[0]] = value[1]
    else:
        raise ValueError(action)
    return tomlkit.dumps(doc)


def _write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise CorrectionsError(
            f"{path}: cannot write ({err.strerror or err}); is the corpus folder read-only?"
        ) from err

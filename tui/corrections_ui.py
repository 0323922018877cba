"""Correcting entities from the reader: merge, split, rename, retype, hide, and undo.

The change is written with the CLI's code (:func:`index.corrections.save`, which refuses names
the index does not know), then the app brings the index up to date through its loading worker and
the open screens refresh on the new library (:meth:`Corrector.library_changed`). The text of the
corrections file before each change is kept in memory, so undo puts it back exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from index import corrections
from index.corrections import Correction, CorrectionsError, Saved
from index.sanitize import path_for_display

if TYPE_CHECKING:
    from textual.screen import Screen

    from index.models import Entity

    from .app import BroadsheetApp
    from .library import Library

#: keys of the entity page and the entity sidebar (the screen or widget defines ``action_correct``)
CORRECTION_BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("m", "correct('merge')", "Merge"),
    Binding("x", "correct('split')", "Split", show=False),
    Binding("r", "correct('rename')", "Rename", show=False),
    Binding("T", "correct('retype')", "Retype", key_display="T", show=False),
    Binding("h", "correct('hide')", "Hide", show=False),
    Binding("ctrl+z", "undo_correction", "Undo correction", show=False),
]

#: what each kind of correction is called in messages
VERBS = {"merge": "Merged", "split": "Split off", "rename": "Renamed", "retype": "Retyped", "hide": "Hidden"}


@dataclass(frozen=True)
class Done:
    """A correction written to the file, with what undo needs and when it was asked for."""

    correction: Correction
    saved: Saved
    asked_at: float


class Corrector:
    """The app's corrections: asks with modals, saves, re-indexes, and undoes the last one."""

    def __init__(self, app: BroadsheetApp) -> None:
        self.app = app
        self.done: list[Done] = []
        #: seconds from the last correction's keypress to the refreshed screens (for the status line and tests)
        self.last_refresh: float | None = None
        self._pending: float | None = None

    # ---- asking
    def ask(self, action: str, entity_id: str | None) -> None:
        """Open the modal of ``action`` for an entity (by id), then save what the user chose."""
        library = self.app.library
        if library is None or entity_id is None:
            self.app.notify("Pick an entity first.", severity="information", timeout=3)
            return
        self._in_thread(self._ask, "correct-ask", action, library, entity_id)

    def _in_thread(self, fn: Callable[..., None], group: str, *args: object) -> None:
        """Run ``fn(*args)`` in a thread worker of the app (a newer one of its group replaces it)."""
        from functools import partial

        self.app.run_worker(partial(fn, *args), thread=True, exclusive=True, group=group, exit_on_error=False)

    def _ask(self, action: str, library: Library, entity_id: str) -> None:
        entity = library.entity_by_id(entity_id)
        if entity is None:
            self.app.call_from_thread(self.app.notify, f"No entity {entity_id!r}.", severity="warning")
            return
        self.app.call_from_thread(self._open_modal, action, library, entity)

    def _open_modal(self, action: str, library: Library, entity: Entity) -> None:
        from .screens.confirm import ConfirmScreen
        from .screens.correct import PickAliasScreen, PickEntityScreen, PickTypeScreen, RenameScreen

        def chosen(answer: str | bool | None) -> None:
            if answer is None or answer is False:
                return
            value: str | list[str] = entity.id if action == "hide" else [entity.id, str(answer)]
            self.apply(Correction(action, value), asked_at=time.perf_counter())

        modals: dict[str, Callable[[], Screen[Any]]] = {
            "merge": lambda: PickEntityScreen(library, entity),
            "split": lambda: PickAliasScreen(entity),
            "rename": lambda: RenameScreen(entity),
            "retype": lambda: PickTypeScreen(entity),
            "hide": lambda: ConfirmScreen(f"Hide {entity.name} ({entity.id}) everywhere? (Ctrl+Z undoes it.)"),
        }
        self.app.push_screen(modals[action](), chosen)

    # ---- saving and undoing
    def apply(self, correction: Correction, asked_at: float | None = None) -> None:
        """Save a correction (checked against the open index), then re-index."""
        library = self.app.library
        if library is None:
            self.app.notify("The corpus is still loading.", severity="information")
            return
        asked = time.perf_counter() if asked_at is None else asked_at
        self._in_thread(self._save, "correct-save", correction, library, asked)

    def _save(self, correction: Correction, library: Library, asked_at: float) -> None:
        try:
            saved = corrections.save(library.corpus, correction, library)
        except CorrectionsError as err:
            self.app.call_from_thread(self.app.notify, str(err), title="Not saved", severity="warning", timeout=8)
            return
        self.app.call_from_thread(self._saved, Done(correction, saved, asked_at))

    def _saved(self, done: Done) -> None:
        where = path_for_display(str(done.saved.path))
        if not done.saved.changed:
            self.app.notify(f"Already in {where}; nothing changed.", severity="information", timeout=4)
            return
        self.done.append(done)
        self.app.notify(f"{describe(done.correction, self._name_of)}. Saved in {where}.", title="Corrected", timeout=5)
        self._reindex(done.asked_at, VERBS[done.correction.action].lower())

    def _name_of(self, name: str) -> str:
        """An entity's display name for an id of the open index (other names as given)."""
        library = self.app.library
        entity = library.entity_by_id(name) if library is not None else None
        return entity.name if entity is not None else name

    def undo(self) -> None:
        """Put the corrections file back as it was before the last correction, then re-index."""
        if not self.done:
            self.app.notify("No correction to undo.", severity="information", timeout=3)
            return
        done = self.done.pop()
        try:
            path = corrections.restore(done.saved)
        except CorrectionsError as err:
            self.done.append(done)
            self.app.notify(str(err), title="Not undone", severity="error", timeout=8)
            return
        self.app.notify(f"Undone: {describe(done.correction, self._name_of)} ({path_for_display(str(path))}).",
                        timeout=5)  # fmt: skip
        self._reindex(time.perf_counter(), "undoing a correction")

    def _reindex(self, asked_at: float, reason: str) -> None:
        self._pending = asked_at
        self.app.reindex(f"applying the correction ({reason})")

    # ---- refreshing
    def library_changed(self, library: Library) -> None:
        """A new library is open: entity pages follow their entity (or the one it was merged into)."""
        from .screens.entity import EntityScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, EntityScreen):
                screen.use_library(library)

    def refreshed(self) -> None:
        """An entity page has shown the new library: note how long the correction took."""
        if self._pending is not None:
            self.last_refresh = time.perf_counter() - self._pending
            self._pending = None


def describe(correction: Correction, name_of: Callable[[str], str] = lambda name: name) -> str:
    """A correction in words, entities by their display names (the names are data: callers never
    read this as markup)."""
    names = [name_of(n) for n in correction.names]
    if correction.action == "merge":
        return f"Merged {names[1]!r} into {names[0]!r}"
    if correction.action == "split":
        return f"Split {correction.names[1]!r} off {names[0]!r}"
    if correction.action == "rename":
        return f"Renamed {names[0]!r} to {correction.names[1]!r}"
    if correction.action == "retype":
        return f"Retyped {names[0]!r} as {correction.names[1]}"
    return f"Hid {names[0]!r}"


#: palette labels of the corrections of the entity shown
COMMAND_LABELS = {
    "merge": "Merge this entity with another…",
    "split": "Split an alias off this entity…",
    "rename": "Rename this entity…",
    "retype": "Change this entity's type…",
    "hide": "Hide this entity everywhere…",
}


def correction_commands(app: BroadsheetApp) -> list[tuple[str, Callable[[], None]]]:
    """Palette commands: the corrections of the entity page shown, and undo."""
    from functools import partial

    from .screens.entity import EntityScreen

    commands: list[tuple[str, Callable[[], None]]] = []
    page = next((s for s in reversed(app.screen_stack) if isinstance(s, EntityScreen)), None)
    if page is not None:
        commands += [
            (label, partial(app.corrector.ask, action, page.entity_id)) for action, label in COMMAND_LABELS.items()
        ]
    if app.corrector.done:
        commands.append(("Undo the last correction", app.corrector.undo))
    return commands

"""A live corpus: the reader's folder is watched (watchfiles) and every burst of changes (files
added, changed or removed, 1 s of quiet) asks for the same incremental update as Ctrl+R.

The watcher is a daemon thread, not a Textual worker: it runs for the whole session and must not
hold up anything that waits for the workers to finish.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

#: milliseconds of quiet after a change before the update starts, and the longest wait in a burst
QUIET_MS = 1000
LONGEST_MS = 5000


class CorpusWatcher:
    """Calls ``changed`` (from the watcher's thread) after each burst of changes under ``folder``;
    nothing under ``ignore`` (an index kept inside the corpus) counts."""

    def __init__(self, folder: Path, changed: Callable[[], None], ignore: Path | None = None) -> None:
        self.folder = folder
        self.changed = changed
        self.ignore = ignore
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start watching; False when the folder is missing or watchfiles is not installed."""
        try:
            import watchfiles  # noqa: F401
        except ImportError:
            log.info("watchfiles is not installed: the corpus is re-read only on Ctrl+R")
            return False
        if not self.folder.is_dir():
            return False
        self._thread = threading.Thread(target=self._watch, name="corpus-watcher", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        import watchfiles

        ignored = [self.ignore] if self.ignore is not None else []
        changes = watchfiles.watch(
            self.folder,
            watch_filter=watchfiles.DefaultFilter(ignore_paths=ignored),
            debounce=LONGEST_MS,
            step=QUIET_MS,
            stop_event=self._stop,
            raise_interrupt=False,
        )
        try:
            for _ in changes:
                if self._stop.is_set():
                    return
                self.changed()
        except Exception as err:  # a folder removed or unreadable while watched: Ctrl+R still works
            log.warning("stopped watching %s: %s", self.folder, err)

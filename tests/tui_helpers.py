"""Helpers for driving the reader in tests."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot) -> None:
    """Wait for every worker (index build, searches, look-ups) and the messages they post; a
    worker replaced by a newer one of its group (a search typed over) is cancelled, not awaited."""
    for _ in range(6):
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until_still(pilot: Pilot, *, rounds: int = 3, limit: int = 100) -> None:
    """Wait until the screen renders the same for ``rounds`` pauses in a row (a Markdown document
    parses in a thread and lays out its tables after it mounts, sooner or later by the machine's
    load, so a snapshot taken at a fixed pause can catch it half laid out)."""
    last, same = "", 0
    for _ in range(limit):
        await pilot.pause(0.05)
        shot = pilot.app.export_screenshot()
        same = same + 1 if shot == last else 0
        if same >= rounds:
            return
        last = shot
    raise AssertionError(f"the screen was still changing after {limit} pauses")

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

"""Helpers for driving the reader in tests."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot) -> None:
    """Wait for every worker (index build, searches) and the messages they post."""
    for _ in range(6):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

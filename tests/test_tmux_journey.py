"""The real program in a real terminal (tmux): the main journey, step by step, then correcting an
entity (merge, undo), bookmarks (kept across a relaunch) and filters (chips, removal)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "tmux_journey.py"
#: keys reach a real terminal program asynchronously: on a loaded machine a key can arrive while a
#: screen is still being laid out, so a failed journey is run once more; a real fault fails both
ATTEMPTS = 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_main_journey_in_tmux() -> None:
    failures = []
    for _ in range(ATTEMPTS):
        proc = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=240)
        if proc.returncode == 0 and "every step showed what it should" in proc.stdout:
            return
        failures.append(proc.stdout + proc.stderr)
    pytest.fail("\n\n---- next attempt ----\n\n".join(failures))

"""The real program in a real terminal (tmux): the main journey, step by step, then correcting an
entity (merge, undo), bookmarks (kept across a relaunch) and filters (chips, removal)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "tmux_journey.py"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_main_journey_in_tmux() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "every step showed what it should" in proc.stdout

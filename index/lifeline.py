"""Pool workers that die with the build process.

Kept in a module of its own that imports nothing heavy: a spawned worker unpickles (imports) its
initializer before anything else, so the death signal is armed within milliseconds of start-up
rather than after the whole extraction package has loaded.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

#: seconds between a worker's checks that the process that started it is still alive
PARENT_CHECK_SECONDS = 0.5
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Pool worker start-up: end this worker when the build process dies, even by SIGKILL (which
    runs no clean-up, and the pool's pipes stay open in the sibling workers). On Linux the kernel
    delivers SIGKILL (prctl PR_SET_PDEATHSIG); everywhere a daemon thread also polls the parent pid."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="broadsheet-parent-watch").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)

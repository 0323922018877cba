"""Wall time of a build's stages, for reports and benchmarks."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

#: stage name -> seconds spent in it (summed over repeats)
Timings = dict[str, float]


@contextlib.contextmanager
def timed(timings: Timings, stage: str) -> Iterator[None]:
    """Add the time the block takes to ``timings[stage]`` (also when it raises)."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start

"""What the benchmarks share: timing both sides fairly against each other."""

from __future__ import annotations

import time
from collections.abc import Callable

Step = Callable[[int], None]  # runs the i-th transaction of one side


def timed(step: Step, first: int, count: int) -> float:
    start = time.perf_counter()
    for i in range(first, first + count):
        step(i)
    return time.perf_counter() - start


def race(service: Step, raw: Step, n: int, warmup: int, rounds: int) -> tuple[float, float]:
    """Seconds for n transactions on each side. The sides alternate in rounds (and alternate who goes first),
    so a disk or CPU that gets busier or quieter during the run weighs on both equally."""
    timed(service, 0, warmup)
    timed(raw, 0, warmup)
    spent = {"service": 0.0, "raw": 0.0}
    done = 0
    for r in range(rounds):
        count = (n - done) // (rounds - r)
        sides = [("service", service), ("raw", raw)]
        for name, step in sides if r % 2 == 0 else reversed(sides):
            spent[name] += timed(step, warmup + done, count)
        done += count
    return spent["service"], spent["raw"]

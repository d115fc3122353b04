"""Figures with their spread: every timed step runs several times; the median, p95 and min–max are printed
with the machine's load average beside them (a figure taken on a busy machine says so)."""

import os
import statistics
import time
from collections.abc import Callable


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.2f}/{five:.2f}"


def spread(timings: list[float], unit: str = "s") -> str:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    scale = 1000 if unit == "ms" else 1
    figures = [value * scale for value in (statistics.median(ordered), p95, ordered[0], ordered[-1])]
    return "median {:7.2f} {u}  p95 {:7.2f} {u}  min–max {:.2f}–{:.2f} {u}".format(*figures, u=unit)


def repeat(label: str, step: Callable[[], object], *, times: int = 3, unit: str = "s") -> list[float]:
    """Run `step` `times` times and print the figures; `step` must leave the data as it found it."""
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        step()
        timings.append(time.perf_counter() - started)
    print(f"  {label:<44} {spread(timings, unit)}  (n={times}, {load()})")
    return timings


class Figures:
    """Timed steps collected over repetitions, printed together with their spread."""

    def __init__(self) -> None:
        self.timings: dict[str, list[float]] = {}

    def timed(self, label: str, step: Callable[[], object]):
        started = time.perf_counter()
        outcome = step()
        self.timings.setdefault(label, []).append(time.perf_counter() - started)
        return outcome

    def print(self) -> None:
        for label, timings in self.timings.items():
            unit = "ms" if max(timings) < 1 else "s"
            print(f"  {label:<48} {spread(timings, unit)}  (n={len(timings)}, {load()})")

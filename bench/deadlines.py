"""The daily deadline scan over every contract (target ≤ 1 s at 100,000 contracts, ≤ 3 s at 1,000,000): the
first scan of a day (notices created) and the same day's rerun (nothing new)."""

import time
from datetime import date

from bench.stats import load, spread


def run(repeats: int = 3) -> None:
    from personnel.models import DeadlineNotice, LaborContract
    from personnel.services import deadlines

    today = date(2026, 11, 22)
    first, again, created = [], [], 0
    for _ in range(repeats):
        DeadlineNotice.objects.all().delete()
        started = time.perf_counter()
        created = deadlines.scan(today)
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert deadlines.scan(today) == 0
        again.append(time.perf_counter() - started)
    print(f"deadline scan over {LaborContract.objects.count():,} contracts ({created:,} notices)")
    print(f"  {'first scan of the day':<48} {spread(first, 'ms')}  (n={repeats}, {load()})")
    print(f"  {'same-day rerun (nothing new)':<48} {spread(again, 'ms')}  (n={repeats}, {load()})")

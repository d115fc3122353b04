"""The daily deadline scan over every contract (target ≤ 1 s at 100,000 contracts)."""

import time
from datetime import date


def run() -> None:
    from personnel.models import DeadlineNotice, LaborContract
    from personnel.services import deadlines

    DeadlineNotice.objects.all().delete()
    today = date(2026, 11, 22)
    started = time.perf_counter()
    created = deadlines.scan(today)
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = deadlines.scan(today)
    second = time.perf_counter() - started
    print(
        f"deadline scan over {LaborContract.objects.count():,} contracts: first run {first * 1000:.0f} ms "
        f"({created:,} notices), same-day rerun {second * 1000:.0f} ms ({again} new)"
    )

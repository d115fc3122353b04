"""Recruitment analytics for the benchmark's announcement (50,000 applications; target ≤ 500 ms)."""

import statistics
import time


def run(repeats: int = 10) -> None:
    from recruitment import analytics
    from recruitment.models import Announcement, Application

    announcement = Announcement.objects.filter(applications__isnull=False).order_by("-pk").first()
    if announcement is None:
        print("analytics: no announcement with applications (run --only recruitment first)")
        return
    count = Application.objects.filter(announcement=announcement).count()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        analytics.announcement_report(announcement)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"analytics, announcement of {count:,} applications: median {statistics.median(timings):.0f} ms, "
        f"max {max(timings):.0f} ms ({repeats} runs)"
    )

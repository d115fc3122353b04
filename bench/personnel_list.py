"""The 20-row personnel page (target ≤ 65 ms and ≤ 10 queries at 100,000 personnel)."""

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.otp import verify_client


def measure(client: Client, url: str, requests: int) -> tuple[list[float], int]:
    client.get(url)  # warm up
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return timings, len(queries)


def report(label: str, timings: list[float], queries: int) -> None:
    timings = sorted(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{label:<48} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms   queries {queries}")


def run(requests: int) -> None:
    from auxpolice.core.models import User
    from personnel.models import AuxiliaryOfficer

    print(f"personnel list, {AuxiliaryOfficer.objects.count():,} records, {requests} requests each")
    for username, label in (
        ("bench_city_officer", "city officer (5,000 in scope)"),
        ("bench_province_officer", "province officer (100,000 in scope)"),
    ):
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        verify_client(client, user)
        first = AuxiliaryOfficer.objects.order_by("-id").values_list("id", flat=True)[50_000]
        report(f"{label}, page 1", *measure(client, "/personnel/", requests))
        report(f"{label}, deep page", *measure(client, f"/personnel/?after={first}", requests))
        report(f"{label}, name search", *measure(client, "/personnel/?q=王", requests))
        report(f"{label}, sorted by name", *measure(client, "/personnel/?sort=name", requests))

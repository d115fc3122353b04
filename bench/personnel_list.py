"""The 20-row personnel page and its searches (targets: ≤ 65 ms and ≤ 10 queries a page, every search
≤ 100 ms, at 100,000 and at 1,000,000 people)."""

import time
from urllib.parse import quote

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.stats import load, spread
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
    print(f"{label:<48} {spread([t / 1000 for t in timings], 'ms')}  queries {queries}  ({load()})")


def selective_searches() -> list[tuple[str, str]]:
    """Searches that find few or no rows (the worst case for an unindexed filter, which must read everything):
    a name held by one person, the last 4 and 6 characters and the whole of a real ID number, and nothing."""
    from django.db.models import Count

    from personnel.models import AuxiliaryOfficer

    rare = (
        AuxiliaryOfficer.objects.values("full_name")
        .annotate(n=Count("id"))
        .filter(n=1)
        .order_by("full_name")
        .values_list("full_name", flat=True)
        .first()
    )
    number = AuxiliaryOfficer.objects.order_by("id").only("id_number")[1234].id_number
    return [
        ("rare name (one match)", rare or "无此人"),
        ("ID number, last 4", number[-4:]),
        ("ID number, last 6", number[-6:]),
        ("ID number, whole", number),
        ("name, no match", "无此人名"),
    ]


def run(requests: int) -> None:
    from auxpolice.core.models import User
    from personnel.models import AuxiliaryOfficer

    total = AuxiliaryOfficer.objects.count()
    city = AuxiliaryOfficer.objects.filter(agency__path__startswith="B51/B5100/").count()
    print(f"personnel list, {total:,} records, {requests} requests each")
    for username, label in (
        ("bench_city_officer", f"city officer ({city:,} in scope)"),
        ("bench_province_officer", f"province officer ({total:,} in scope)"),
    ):
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user)
        verify_client(client, user)
        first = AuxiliaryOfficer.objects.order_by("-id").values_list("id", flat=True)[total // 2]
        report(f"{label}, page 1", *measure(client, "/personnel/", requests))
        report(f"{label}, deep page", *measure(client, f"/personnel/?after={first}", requests))
        report(f"{label}, name search", *measure(client, "/personnel/?q=王", requests))
        report(f"{label}, sorted by name", *measure(client, "/personnel/?sort=name", requests))
        for what, typed in selective_searches():
            report(f"{label}, {what}", *measure(client, f"/personnel/?q={quote(typed)}", requests))

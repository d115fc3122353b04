"""The workbench (home page) per role at 100,000 personnel and the recruitment benchmark's applications
(target ≤ 100 ms, a fixed number of queries)."""

from django.test import Client

from bench.personnel_list import measure, report
from tests.otp import verify_client


def run(requests: int) -> None:
    from auxpolice.core.models import User
    from personnel.models import AuxiliaryOfficer
    from recruitment.models import Application

    print(
        f"workbench, {AuxiliaryOfficer.objects.count():,} personnel, {Application.objects.count():,} "
        f"applications, {requests} requests each"
    )
    for username, label in (
        ("bench_city_officer", "city officer"),
        ("bench_province_officer", "province officer"),
        ("bench_recruiter", "recruiting city officer"),
        ("bench_recruit_sup", "recruiting city supervisor"),
    ):
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        client = Client()
        client.force_login(user)
        verify_client(client, user)
        report(f"{label}, workbench", *measure(client, "/", requests))

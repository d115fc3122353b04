"""The force statistics match counts taken by hand: who is in post on the date, in the subtree, by each
dimension, and the movements in the period."""

from datetime import date

from django.urls import reverse

from personnel.models import AuxiliaryOfficer
from personnel.statistics import composition, movements
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire


def test_the_composition_matches_a_count_by_hand(client, county_officer, wuhou, city_officer, chengdu):
    QuotaFactory(agency=wuhou, approved_total=20, year=2024)
    QuotaFactory(agency=wuhou, approved_total=20, year=2026)
    made = [hire(county_officer, wuhou, serial=s, hired_on=date(2024, 3, 1)) for s in range(1, 5)]
    made += [
        hire(county_officer, wuhou, serial=s, hired_on=date(2026, 5, 1), category="civilian")
        for s in range(5, 7)
    ]
    AuxiliaryOfficer.objects.filter(pk=made[0].pk).update(separated_on=date(2025, 12, 31))  # gone by then
    on = date(2026, 6, 30)
    tables = {t.title: dict(t.rows) for t in composition(user=city_officer, root=chengdu, on=on)}
    in_post = [p for p in AuxiliaryOfficer.objects.all() if p.hired_on <= on and not p.separated_on]
    assert tables["类别"] == {
        "文职": sum(p.category == "civilian" for p in in_post),
        "勤务": sum(p.category == "service" for p in in_post),
    }
    assert sum(tables["性别"].values()) == len(in_post) == 5
    service = tables["工作年限"]
    assert service["不满1年"] == 2 and service["1–2"] == 3  # hired 2026-05 and 2024-03
    before = {
        t.title: dict(t.rows) for t in composition(user=city_officer, root=chengdu, on=date(2024, 12, 31))
    }
    assert sum(before["类别"].values()) == 4  # the 2026 hires were not yet in post
    moved = {
        t.title: dict(t.rows)
        for t in movements(user=city_officer, root=chengdu, since=date(2026, 1, 1), until=on)
    }
    assert moved["已聘用"]["已聘用"] == 2
    client_for(client, city_officer)
    page = client.get(reverse("personnel_statistics"), {"agency": chengdu.pk, "on": "2026-06-30"})
    assert page.status_code == 200 and "队伍基本情况 · 成都市公安局" in page.content.decode()
    sheet = client.get(
        reverse("personnel_statistics"), {"agency": chengdu.pk, "on": "2026-06-30", "format": "xlsx"}
    )
    assert sheet.content.startswith(b"PK")

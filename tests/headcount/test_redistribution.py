import pytest

from auxpolice.core.errors import NotPermitted, RuleViolation
from headcount.errors import QuotaExceeded
from headcount.models import Quota
from headcount.services.redistribution import quota_redistribute
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_chengdu_moves_free_places_from_one_district_to_another_citing_art6(
    chengdu_supervisor, wuhou, jinjiang
):
    rich = QuotaFactory(agency=wuhou, approved_total=10, in_post_service=4)
    poor = QuotaFactory(agency=jinjiang, approved_total=5, in_post_service=5)
    quota_redistribute(
        actor=chengdu_supervisor, source=rich, target=poor, places=3, reason="锦江区治安压力大"
    )
    rich.refresh_from_db()
    poor.refresh_from_db()
    assert (rich.approved_total, poor.approved_total) == (7, 8)
    assert (rich.version, poor.version) == (2, 2)
    assert poor.requests.get().kind == "redistribution"


def test_cannot_move_places_that_are_in_post(chengdu_supervisor, wuhou, jinjiang):
    rich = QuotaFactory(agency=wuhou, approved_total=10, in_post_service=9)
    poor = QuotaFactory(agency=jinjiang, approved_total=5)
    with pytest.raises(QuotaExceeded):
        quota_redistribute(actor=chengdu_supervisor, source=rich, target=poor, places=2, reason="x")
    assert Quota.objects.get(pk=rich.pk).approved_total == 10


def test_an_hr_officer_of_the_city_cannot_redistribute_on_their_own(city_officer, wuhou, jinjiang):
    with pytest.raises(NotPermitted):
        quota_redistribute(
            actor=city_officer,
            source=QuotaFactory(agency=wuhou),
            target=QuotaFactory(agency=jinjiang),
            places=1,
            reason="x",
        )


def test_a_county_supervisor_cannot_redistribute_between_its_stations_citing_art6(wuhou, jinjiang):
    station = AgencyFactory(code="S9", level="station", parent=wuhou)
    supervisor = UserFactory(username="w", role="supervisor", agency=wuhou)
    with pytest.raises(RuleViolation) as refused:
        quota_redistribute(
            actor=supervisor,
            source=QuotaFactory(agency=station),
            target=QuotaFactory(agency=AgencyFactory(code="S8", level="station", parent=wuhou)),
            places=1,
            reason="x",
        )
    assert [c.ref for c in refused.value.citations] == ["sichuan:art6.p2"]


def test_hangzhou_gives_no_power_to_redistribute(hangzhou):
    supervisor = UserFactory(username="hz", role="supervisor", agency=hangzhou)
    a = QuotaFactory(agency=AgencyFactory(code="H1", level="county", parent=hangzhou))
    b = QuotaFactory(agency=AgencyFactory(code="H2", level="county", parent=hangzhou))
    with pytest.raises(RuleViolation):
        quota_redistribute(actor=supervisor, source=a, target=b, places=1, reason="x")

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from personnel.models import DeadlineNotice
from personnel.services import deadlines
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from personnel.services.contracts import contract_sign
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(county_officer, wuhou):
    county_officer.email = "hr@wuhou.example.cn"
    county_officer.save()
    QuotaFactory(agency=wuhou)
    person = auxiliary_create(
        actor=county_officer,
        agency=wuhou,
        person=NewAuxiliary(
            full_name="赵六", id_number=id_number(8), category="service", hired_on=date(2026, 1, 1)
        ),
    )
    return contract_sign(
        actor=county_officer,
        officer=person,
        starts_on=date(2024, 1, 1),
        ends_on=date(2026, 12, 31),
        probation_ends_on=date(2024, 6, 30),
    )


def test_a_scan_run_twice_on_the_same_day_records_each_notice_once(contract):
    assert deadlines.scan(date(2026, 11, 22)) == 2  # 90 and 60 days ahead have both been reached
    assert deadlines.scan(date(2026, 11, 22)) == 0
    assert deadlines.scan(date(2026, 12, 1)) == 1  # now the 30-day notice too
    assert sorted(DeadlineNotice.objects.values_list("lead_days", flat=True)) == [30, 60, 90]


def test_delivery_mails_the_agencys_officers_once_and_masks_the_id(contract):
    deadlines.scan(date(2026, 12, 1))
    assert deadlines.deliver() == 3
    assert deadlines.deliver() == 0
    assert len(mail.outbox) == 3 and mail.outbox[0].to == ["hr@wuhou.example.cn"]
    assert id_number(8) not in mail.outbox[0].body and id_number(8)[-4:] in mail.outbox[0].body


def test_no_notice_for_a_terminated_contract(contract, county_officer):
    from personnel.services.contracts import contract_terminate

    contract_terminate(
        actor=county_officer, contract=contract, ground="failed_probation", on=date(2024, 5, 1)
    )
    assert deadlines.scan(date(2026, 12, 1)) == 0


def test_due_page_lists_the_subtree_only(client, contract, other_county_officer, city_officer, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 22))
    rows = client_for(client, city_officer).get(reverse("deadlines_due")).context["items"]
    assert [(item.kind, item.due_on) for item in rows] == [("contract_expiry", date(2026, 12, 31))]
    assert client_for(client, other_county_officer).get(reverse("deadlines_due")).context["items"] == []


def test_lead_times_are_a_setting(contract, settings):
    settings.CONTRACT_NOTICE_DAYS = (45,)
    assert deadlines.scan(date(2026, 11, 22)) == 1
    assert list(DeadlineNotice.objects.values_list("lead_days", flat=True)) == [45]


def test_contracts_past_their_end_become_expired_with_history(contract):
    from personnel.models import ContractStatus

    assert deadlines.expire(date(2026, 12, 31)) == 0
    assert deadlines.expire(date(2027, 1, 1)) == 1
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXPIRED and contract.history.first().status == "expired"


def test_list_filters_by_agency_and_contract_end(client, contract, city_officer, wuhou, jinjiang):
    rows = (
        client_for(client, city_officer)
        .get(reverse("auxiliary_list"), {"contract_ends_before": "2026-12-31"})
        .context["page"]
        .rows
    )
    assert [r.full_name for r in rows] == ["赵六"]
    assert (
        client.get(reverse("auxiliary_list"), {"contract_ends_before": "2026-12-30"}).context["page"].rows
        == []
    )
    assert client.get(reverse("auxiliary_list"), {"agency": jinjiang.pk}).context["page"].rows == []
    assert len(client.get(reverse("auxiliary_list"), {"agency": wuhou.pk}).context["page"].rows) == 1

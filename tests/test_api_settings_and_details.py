"""The configuration an HR office keeps and a person's own details, through the API (#23): leave lengths,
agency settings, pay scales, overtime, details and bank account — cited refusals field by field, nothing
written on a refusal, and only within one's own subtree."""

from datetime import date

import pytest

from auxpolice.rules.models import AgencyRuleSetting
from compensation.models import BankAccount, Overtime, PayScale
from personnel.models import LeaveEntitlement
from tests.assessment.builders import graded_agency, people, staff_of
from tests.compensation.test_compensation import INCOME, stat

pytestmark = pytest.mark.django_db


def test_leave_lengths_are_entered_above_the_national_minimum_and_within_ones_subtree(
    api, county_officer, wuhou, sichuan
):
    api.force_authenticate(county_officer)
    body = {"kind": "maternity", "days": 90, "counted_in": "calendar", "effective_from": "2021-01-01"}
    body |= {"source": "某文件", "agency": wuhou.code}
    below = api.post("/api/v1/leave-entitlements/", body, format="json")
    assert below.status_code == 400 and "days" in below.json()["error"]["fields"]
    assert below.json()["error"]["citations"]  # the national minimum's article
    above = api.post("/api/v1/leave-entitlements/", body | {"agency": sichuan.code}, format="json")
    assert above.status_code == 400 and "agency" in above.json()["error"]["fields"]
    assert not LeaveEntitlement.objects.exists()
    made = api.post("/api/v1/leave-entitlements/", body | {"days": 158}, format="json")
    assert made.status_code == 201
    assert [e["days"] for e in api.get("/api/v1/leave-entitlements/").json()["results"]] == [158]


def test_an_agency_setting_needs_its_basis_and_a_configurer(api, county_officer, sysadmin, wuhou):
    api.force_authenticate(sysadmin)
    bare = {"key": "publicity_working_days", "value": "5", "basis": " "}
    assert api.post(f"/api/v1/agencies/{wuhou.pk}/settings/", bare, format="json").status_code == 400
    out_of_range = bare | {"value": "500", "basis": "武公〔2026〕1号"}
    refused = api.post(f"/api/v1/agencies/{wuhou.pk}/settings/", out_of_range, format="json")
    assert refused.status_code == 400 and "value" in refused.json()["error"]["fields"]
    assert not AgencyRuleSetting.objects.exists()
    saved = api.post(f"/api/v1/agencies/{wuhou.pk}/settings/", out_of_range | {"value": "5"}, format="json")
    assert saved.json() == {"key": "publicity_working_days", "value": 5, "basis": "武公〔2026〕1号"}


def test_a_scale_below_the_floor_or_with_a_stranger_tier_is_refused_and_nothing_is_drafted(api, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, supervisor, _ = staff_of(agency)
    stat(agency, officer, INCOME, "49000")
    api.force_authenticate(officer)
    tiers = {"四级辅警": "800", "三级辅警": "1000", "二级辅警": "1300", "一级辅警": "1600"}
    body = {"effective_from": "2026-01-01", "base_monthly": "3000", "tier_pay": tiers}
    stranger = api.post(
        f"/api/v1/agencies/{agency.pk}/pay-scales/", body | {"tier_pay": tiers | {"五级": "1"}}, format="json"
    )
    assert stranger.status_code == 400 and "tier_pay" in stranger.json()["error"]["fields"]
    below = api.post(f"/api/v1/agencies/{agency.pk}/pay-scales/", body, format="json")
    assert below.status_code == 400
    assert "四川省办法 第三十三条" in [c["label_zh"] for c in below.json()["error"]["citations"]]
    assert not PayScale.objects.exists()
    drafted = api.post(
        f"/api/v1/agencies/{agency.pk}/pay-scales/", body | {"base_monthly": "4000"}, format="json"
    )
    assert drafted.status_code == 201 and drafted.json()["status"] == "draft"
    own = api.post(f"/api/v1/pay-scales/{drafted.json()['id']}/approve/", {}, format="json")
    assert own.status_code == 403  # an officer does not approve
    api.force_authenticate(supervisor)
    approved = api.post(f"/api/v1/pay-scales/{drafted.json()['id']}/approve/", {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_a_persons_details_overtime_and_bank_account(api, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, _supervisor, _ = staff_of(agency)
    [person] = people(agency, officer, 1)
    api.force_authenticate(officer)
    details = api.post(
        f"/api/v1/personnel/{person.pk}/details/",
        {"post": "巡逻防控", "education": "doctorate?"},
        format="json",
    )
    assert details.status_code == 400 and "education" in details.json()["error"]["fields"]
    saved = api.post(f"/api/v1/personnel/{person.pk}/details/", {"post": "巡逻防控", "phone": "13800000002"})
    assert saved.status_code == 200 and saved.json()["phone"] == "13800000002"
    overtime = {"month": "2026-11", "day_kind": "rest_day", "hours": "8", "settlement": "pay"}
    assert api.post(f"/api/v1/personnel/{person.pk}/overtime/", overtime, format="json").status_code == 201
    assert Overtime.objects.get().month == date(2026, 11, 1)
    short = api.post(
        f"/api/v1/personnel/{person.pk}/bank-account/",
        {"bank_name": "成都银行", "account_number": "123"},
        format="json",
    )
    assert short.status_code == 400 and "account_number" in short.json()["error"]["fields"]
    account = api.post(
        f"/api/v1/personnel/{person.pk}/bank-account/",
        {"bank_name": "成都银行", "account_number": "6222 0000 1111 2222"},
        format="json",
    )
    assert (
        account.json()["account_masked"].endswith("2222") and "0000" not in account.json()["account_masked"]
    )
    assert BankAccount.objects.get().account_number == "6222000011112222"

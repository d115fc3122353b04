"""Working-life records through the API: one operation set per record kind, generated from the kinds, over the
page's forms and services; restricted columns withheld without the grant and logged when shown."""

import pytest
from django.contrib.auth.models import Permission

from personnel.models import HealthCheck, SensitiveAccess, Suspension
from personnel.record_kinds import KINDS
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=5)
    return hire(county_officer, wuhou, serial=7)


def test_every_record_kind_has_its_operations(api, county_officer, person):
    from django.urls import reverse

    for kind, spec in KINDS.items():
        assert reverse(f"api-records-{kind}", args=[person.pk])
        for action in spec.actions:
            assert reverse(f"api-record-{kind}-{action}", args=[1])


def test_a_suspension_is_started_listed_and_ended_through_the_api(api, county_officer, person):
    api.force_authenticate(county_officer)
    started = api.post(
        f"/api/v1/personnel/{person.pk}/records/suspensions/",
        {"starts_on": "2026-06-01", "reason": "立案审查"},
        format="json",
    )
    assert started.status_code == 201, started.json()
    listed = api.get(f"/api/v1/personnel/{person.pk}/records/suspensions/").json()
    assert listed["kind"] == "suspensions" and listed["results"][0]["values"]["reason"] == "立案审查"
    ended = api.post(
        f"/api/v1/records/suspensions/{started.json()['id']}/end/", {"on": "2026-07-01"}, format="json"
    )
    assert ended.status_code == 200 and ended.json()["values"]["ends_on"] == "2026-07-01"
    assert Suspension.objects.get().ends_on.isoformat() == "2026-07-01"


def test_bad_input_names_the_field_and_writes_nothing(api, county_officer, person):
    api.force_authenticate(county_officer)
    refused = api.post(f"/api/v1/personnel/{person.pk}/records/suspensions/", {"reason": "x"}, format="json")
    assert refused.status_code == 400 and "starts_on" in refused.json()["error"]["fields"]
    assert not Suspension.objects.exists()


def test_health_findings_are_withheld_without_the_grant_and_logged_with_it(api, county_officer, person):
    api.force_authenticate(county_officer)
    made = api.post(
        f"/api/v1/personnel/{person.pk}/records/health/",
        {"checked_on": "2026-05-01", "fit_for_duty": True, "findings": "血压偏高"},
        format="json",
    )
    assert made.status_code == 201 and HealthCheck.objects.get().findings == "血压偏高"
    withheld = api.get(f"/api/v1/personnel/{person.pk}/records/health/").json()["results"][0]["values"]
    assert withheld["findings"] != "血压偏高" and not SensitiveAccess.objects.exists()
    county_officer.user_permissions.add(Permission.objects.get(codename="view_health_records"))
    county_officer = type(county_officer).objects.get(pk=county_officer.pk)
    api.force_authenticate(county_officer)
    shown = api.get(f"/api/v1/personnel/{person.pk}/records/health/").json()["results"][0]["values"]
    assert shown["findings"] == "血压偏高" and SensitiveAccess.objects.get().field == "health"


def test_a_read_only_token_lists_but_adds_nothing(county_officer, person):
    from rest_framework.test import APIClient

    from auxpolice.core.api_tokens import token_issue

    _token, secret = token_issue(user=county_officer, name="reader")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(f"/api/v1/personnel/{person.pk}/records/rewards/").status_code == 200
    refused = client.post(
        f"/api/v1/personnel/{person.pk}/records/rewards/",
        {"title": "嘉奖", "awarded_on": "2026-05-01", "awarded_by": "分局"},
        format="json",
    )
    assert refused.status_code == 403 and not person.rewards.exists()

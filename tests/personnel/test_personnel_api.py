"""The roster and one person through the API: the page's scope, filters and cursors; masked ID numbers; the
full number only with the permission, and logged."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from personnel.models import AuxiliaryOfficer, SensitiveAccess
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire, id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(county_officer, other_county_officer, wuhou, jinjiang):
    QuotaFactory(agency=wuhou, approved_total=30)
    QuotaFactory(agency=jinjiang, approved_total=5)
    people = [hire(county_officer, wuhou, serial=serial) for serial in range(1, 24)]
    hire(other_county_officer, jinjiang, serial=99)
    return people


def test_the_roster_is_scoped_masked_and_walks_by_cursor(api, county_officer, roster):
    api.force_authenticate(county_officer)
    first = api.get("/api/v1/personnel/").json()
    assert len(first["results"]) == 20 and first["matches"] == 23 and first["next"]
    assert {row["agency"] for row in first["results"]} == {"武侯区分局"}
    body = str(first)
    assert id_number(23) not in body and id_number(23)[-4:] in body
    second = api.get("/api/v1/personnel/", {"after": first["next"]}).json()
    assert len(second["results"]) == 3 and second["next"] is None and second["previous"]
    back = api.get("/api/v1/personnel/", {"before": second["previous"]}).json()
    assert [r["id"] for r in back["results"]] == [r["id"] for r in first["results"]]


def test_the_roster_takes_the_pages_filters(api, city_officer, roster):
    api.force_authenticate(city_officer)
    found = api.get("/api/v1/personnel/", {"q": id_number(99)[-4:]}).json()["results"]
    assert [row["agency"] for row in found] == ["锦江区分局"]
    wuhou_only = api.get("/api/v1/personnel/", {"agency": roster[0].agency.code}).json()
    assert wuhou_only["matches"] == 23
    by_name = api.get("/api/v1/personnel/", {"sort": "name", "status": "probation"}).json()
    assert by_name["matches"] == 24


def test_the_roster_costs_the_same_queries_whatever_its_size(api, county_officer, roster):
    api.force_authenticate(county_officer)
    api.get("/api/v1/personnel/")
    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/personnel/")
    assert len(queries) <= 6  # token, scope, agencies, page, count (+ slack)


def test_one_person_comes_masked_and_another_countys_not_at_all(api, county_officer, roster):
    api.force_authenticate(county_officer)
    person = roster[0]
    detail = api.get(f"/api/v1/personnel/{person.pk}/").json()
    assert detail["id_number_masked"].endswith(id_number(1)[-4:]) and id_number(1) not in str(detail)
    assert detail["agency_id"] == person.agency_id and detail["hired_on"] == "2026-05-01"
    other = AuxiliaryOfficer.objects.exclude(agency=person.agency).get()
    assert api.get(f"/api/v1/personnel/{other.pk}/").status_code == 404


def test_the_full_id_number_needs_the_permission_and_each_reveal_is_logged(api, county_officer, roster):
    api.force_authenticate(county_officer)
    person = roster[0]
    refused = api.post(f"/api/v1/personnel/{person.pk}/id-number/")
    assert refused.status_code == 403 and not SensitiveAccess.objects.exists()
    county_officer.user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    county_officer = type(county_officer).objects.get(pk=county_officer.pk)  # permissions cached per object
    api.force_authenticate(county_officer)
    shown = api.post(f"/api/v1/personnel/{person.pk}/id-number/")
    assert shown.status_code == 200 and shown.json()["id_number"] == id_number(1)
    assert SensitiveAccess.objects.get().officer == person

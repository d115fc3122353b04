import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from auxpolice.core.api_tokens import token_issue
from auxpolice.core.models import Agency
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_api_list_is_scoped_to_the_officers_county(api, county_officer, wuhou, jinjiang):
    api.force_authenticate(county_officer)
    response = api.get("/api/v1/agencies/")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == ["510107"]


def test_api_city_officer_lists_its_counties(api, city_officer, wuhou, jinjiang):
    api.force_authenticate(city_officer)
    codes = [row["code"] for row in api.get("/api/v1/agencies/").json()["results"]]
    assert codes == ["510100", "510104", "510107"]


def test_api_detail_of_another_county_is_404(api, county_officer, jinjiang):
    api.force_authenticate(county_officer)
    response = api.get(f"/api/v1/agencies/{jinjiang.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_api_patch_of_another_county_changes_nothing(api, county_officer, jinjiang):
    api.force_authenticate(county_officer)
    response = api.patch(f"/api/v1/agencies/{jinjiang.pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 404
    assert Agency.objects.get(pk=jinjiang.pk).name == "锦江区分局"


def test_api_patch_own_county_records_actor_in_history(api, county_officer, wuhou):
    _token, secret = token_issue(user=county_officer, name="script", scope="write")
    api.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    response = api.patch(f"/api/v1/agencies/{wuhou.pk}/", {"phone": "028-7654321"}, format="json")
    assert response.status_code == 200
    assert response.json()["phone"] == "028-7654321"
    assert wuhou.history.first().history_user == county_officer


def test_api_validation_error_names_the_field_and_writes_nothing(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    response = api.patch(f"/api/v1/agencies/{wuhou.pk}/", {"name": "x" * 101}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["name"]
    assert Agency.objects.get(pk=wuhou.pk).name == "武侯区分局"


def test_api_rejects_anonymous_with_structured_401(api, wuhou):
    response = api.get("/api/v1/agencies/")
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] in ("not_authenticated", "authentication_failed")


def test_api_token_needs_the_second_factor_for_back_office_accounts(api, county_officer):
    from tests.otp import current_code, device_for

    credentials = {"username": "county_officer", "password": "Test-password-2026"}
    refused = api.post("/api/v1/auth/token/", credentials)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "second_factor_required"
    wrong = api.post("/api/v1/auth/token/", {**credentials, "otp_token": "000000"})
    assert wrong.status_code == 400
    device = device_for(county_officer)
    response = api.post("/api/v1/auth/token/", {**credentials, "otp_token": current_code(device)})
    assert response.status_code == 201  # a new token each time, issued with its terms
    assert response.json()["token"]
    replayed = api.post("/api/v1/auth/token/", {**credentials, "otp_token": current_code(device)})
    assert replayed.status_code == 400  # a code works once


def test_api_agency_list_query_count_does_not_grow_with_rows(
    api, city_officer, chengdu, django_assert_max_num_queries
):
    api.force_authenticate(city_officer)
    for _ in range(30):
        AgencyFactory(parent=chengdu, level="county")
    api.get("/api/v1/agencies/")  # warm up: the user's grants are looked up once per request user
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/agencies/?page_size=5")
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/agencies/?page_size=30")
    assert len(many) == len(few) <= 4


def test_api_agency_list_is_keyset_paginated(api, city_officer, chengdu):
    for _ in range(3):
        AgencyFactory(parent=chengdu, level="county")
    api.force_authenticate(city_officer)
    first = api.get("/api/v1/agencies/?page_size=2").json()
    assert "count" not in first
    second = api.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_api_filters_by_level_and_name(api, city_officer, wuhou, jinjiang):
    api.force_authenticate(city_officer)
    rows = api.get("/api/v1/agencies/", {"level": "county", "q": "锦江"}).json()["results"]
    assert [row["code"] for row in rows] == ["510104"]


def test_api_bad_filter_value_is_a_400_naming_the_field(api, city_officer):
    api.force_authenticate(city_officer)
    response = api.get("/api/v1/agencies/", {"level": "galaxy"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["level"]

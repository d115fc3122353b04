"""Contracts through the API: the page's forms validate, the page's services decide, refusals come back with
their field, code and articles."""

import pytest

from personnel.models import ContractStatus, LaborContract
from tests.personnel.test_contracts import FULL_CONTENTS, sign

pytestmark = pytest.mark.django_db

TERMS = {
    "kind": "employment",
    "term_type": "fixed",
    "starts_on": "2026-03-01",
    "ends_on": "2027-02-28",
    "probation_ends_on": "2026-04-30",
    "stated_items": list(FULL_CONTENTS),
}


def test_a_contract_is_signed_renewed_and_terminated_through_the_api(api, county_in):
    officer, _county, person = county_in("sichuan")
    api.force_authenticate(officer)
    signed = api.post(f"/api/v1/personnel/{person.pk}/contract/sign/", TERMS, format="json")
    assert signed.status_code == 201 and signed.json()["status"] == "active"
    renewed = api.post(
        f"/api/v1/personnel/{person.pk}/contract/renew/",
        {"term_type": "fixed", "ends_on": "2029-02-28", "basis": "2026年度考核称职"},
        format="json",
    )
    assert renewed.status_code == 201 and renewed.json()["starts_on"] == "2027-03-01"
    ended = api.post(
        f"/api/v1/personnel/{person.pk}/contract/terminate/",
        {"ground": "failed_probation", "on": "2027-06-01"},
        format="json",
    )
    assert ended.status_code == 200 and ended.json()["status"] == ContractStatus.TERMINATED
    assert list(LaborContract.objects.values_list("status", flat=True).order_by("pk")) == [
        "renewed",
        "terminated",
    ]


def test_a_refusal_names_its_field_and_article_and_writes_nothing(api, county_in):
    officer, _county, person = county_in("p001")
    api.force_authenticate(officer)
    refused = api.post(
        f"/api/v1/personnel/{person.pk}/contract/sign/",
        TERMS | {"ends_on": "2029-02-28", "probation_ends_on": "2027-08-31"},
        format="json",
    )
    error = refused.json()["error"]
    assert refused.status_code == 400 and "probation_ends_on" in error["fields"]
    assert [c["label_zh"] for c in error["citations"]] == ["劳动合同法 第十九条第一款"]
    assert not LaborContract.objects.exists()


def test_bad_input_is_a_field_error_like_on_the_page(api, county_in):
    officer, _county, person = county_in("sichuan")
    api.force_authenticate(officer)
    refused = api.post(
        f"/api/v1/personnel/{person.pk}/contract/sign/", TERMS | {"starts_on": "2026-02-30"}, format="json"
    )
    assert refused.status_code == 400 and "starts_on" in refused.json()["error"]["fields"]
    nothing = api.post(
        f"/api/v1/personnel/{person.pk}/contract/renew/",
        {"ends_on": "2029-02-28", "basis": "x"},
        format="json",
    )
    assert nothing.status_code == 400 and nothing.json()["error"]["code"] in ("no_active_contract", "invalid")
    assert not LaborContract.objects.exists()


def test_an_unlisted_ground_is_refused_with_the_article(api, county_in):
    officer, _county, person = county_in("sichuan")
    sign(officer, person)
    api.force_authenticate(officer)
    refused = api.post(
        f"/api/v1/personnel/{person.pk}/contract/terminate/",
        {"ground": "boss_dislikes_him", "on": "2026-06-01"},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["error"]["citations"]
    assert LaborContract.objects.get().status == ContractStatus.ACTIVE

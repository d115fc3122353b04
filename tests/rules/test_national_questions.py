"""The national pack answers questions like the five (the API and `rules_evaluate`), with citations, in
every jurisdiction."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db
EVERY = ["hangzhou", "p001", "sichuan", "inner_mongolia", "nantong"]


def ask(api, **question):
    return api.post("/api/v1/rules/evaluate/", {"date": "2026-06-01", **question}, format="json")


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_severance_for_three_years_four_months_is_three_and_a_half_months(api, county_officer, jurisdiction):
    api.force_authenticate(county_officer)
    body = ask(
        api,
        question="severance",
        jurisdiction=jurisdiction,
        ground="art46_3",
        started_on="2023-01-01",
        ended_on="2026-04-30",
        monthly_wage="6000.00",
    ).json()
    assert (
        body["national"] is True and body["data"]["months"] == "3.5" and body["data"]["amount"] == "21000.00"
    )
    refs = [c["ref"] for c in body["citations"]]
    assert "labour_contract_law:art46(3)" in refs and "labour_contract_law:art47.p1" in refs


def test_a_high_earner_over_fourteen_years_is_capped_at_three_times_and_twelve_years(api, county_officer):
    api.force_authenticate(county_officer)
    body = ask(
        api,
        question="severance",
        jurisdiction="p001",
        ground="art46_5",
        started_on="2012-01-01",
        ended_on="2026-03-31",
        monthly_wage="30000.00",
        local_average_monthly="8000.00",
    ).json()
    assert (body["data"]["months"], body["data"]["base"], body["data"]["amount"]) == (
        "12",
        "24000.00",
        "288000.00",
    )
    assert "labour_contract_law:art47.p2" in [c["ref"] for c in body["citations"]]


@pytest.mark.parametrize("jurisdiction", EVERY)
def test_probation_renewal_leave_dispatch_and_probation_pay_are_answered_with_articles(
    api, county_officer, jurisdiction
):
    api.force_authenticate(county_officer)
    cases = [
        (
            {
                "question": "probation",
                "starts_on": "2026-01-01",
                "ends_on": "2026-12-31",
                "probation_ends_on": "2026-04-30",
            },
            "refused",
            "labour_contract_law:art19.p1",
        ),
        (
            {"question": "renewal_term", "consecutive_fixed_terms": 2, "years_of_service": 4},
            "refused",
            "labour_contract_law:art14.p2(3)",
        ),
        ({"question": "annual_leave", "cumulative_years": 10}, "allowed", "annual_leave_regulation:art3.p1"),
        (
            {"question": "dispatch", "post": "temporary", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
            "refused",
            "labour_contract_law:art66.p2",
        ),
        ({"question": "probation_pay", "percent": 70}, "refused", "labour_contract_law:art20"),
    ]
    for question, outcome, ref in cases:
        body = ask(api, jurisdiction=jurisdiction, **question).json()
        assert (body["outcome"], body["citations"][0]["ref"]) == (outcome, ref), question


def test_the_command_answers_a_national_question(tmp_path):
    question = tmp_path / "q.json"
    question.write_text(
        json.dumps(
            {
                "question": "annual_leave",
                "jurisdiction": "nantong",
                "date": "2026-06-01",
                "cumulative_years": 20,
            }
        ),
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("rules_evaluate", "--json", str(question), stdout=out)
    assert json.loads(out.getvalue())["data"]["days"] == 15


def test_every_jurisdiction_page_shows_the_national_law_beneath_it(client, county_officer):
    from tests.conftest import client_for

    client_for(client, county_officer)
    for jurisdiction in EVERY:
        page = client.get(reverse("rules_jurisdiction", args=[jurisdiction])).content.decode()
        assert "中华人民共和国劳动合同法" in page and "女职工劳动保护特别规定" in page

"""Payroll through the API: start (202 and a URL to poll), status and totals, lines by cursor, approval with
the confirmed totals (not by the person who ran it), payslips as PDF."""

from datetime import date

import pytest

from compensation.models import PayrollRun, RunStatus
from tests.assessment.builders import people
from tests.compensation.test_compensation import payroll_setup

pytestmark = pytest.mark.django_db


def test_a_run_is_started_polled_listed_and_approved_through_the_api(
    api, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, supervisor = payroll_setup(sysadmin)
    people(agency, officer, 3, hired_on=date(2026, 1, 1))
    api.force_authenticate(officer)
    with django_capture_on_commit_callbacks(execute=True):
        started = api.post(
            "/api/v1/payroll-runs/", {"agency": agency.code, "month": "2026-11"}, format="json"
        )
    assert started.status_code == 202 and started["Location"] == started.json()["job"]
    run = api.get(started.json()["job"]).json()
    assert run["status"] == RunStatus.COMPUTED and run["totals"]["people"] == 3
    lines = api.get(f"/api/v1/payroll-runs/{run['id']}/lines/").json()["results"]
    assert len(lines) == 3 and {line["full_name"] for line in lines}
    expected = {"expected_people": 3, "expected_net": run["totals"]["net"], "confirm": True}
    own = api.post(f"/api/v1/payroll-runs/{run['id']}/approve/", expected, format="json")
    assert own.status_code == 403  # the person who ran it cannot approve it
    api.force_authenticate(supervisor)
    wrong = api.post(
        f"/api/v1/payroll-runs/{run['id']}/approve/", expected | {"expected_people": 2}, format="json"
    )
    assert wrong.status_code in (400, 409) and PayrollRun.objects.get().status == RunStatus.COMPUTED
    approved = api.post(f"/api/v1/payroll-runs/{run['id']}/approve/", expected, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == RunStatus.APPROVED
    pdf = api.get(f"/api/v1/payroll-runs/{run['id']}/payslips.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    listed = api.get("/api/v1/payroll-runs/").json()["results"]
    assert [r["id"] for r in listed] == [run["id"]]


def test_a_month_that_cannot_be_read_is_a_field_error(api, sysadmin):
    agency, officer, _supervisor = payroll_setup(sysadmin)
    api.force_authenticate(officer)
    refused = api.post("/api/v1/payroll-runs/", {"agency": agency.code, "month": "2026-13"}, format="json")
    assert refused.status_code == 400 and "month" in refused.json()["error"]["fields"]
    outside = api.post("/api/v1/payroll-runs/", {"agency": "999999", "month": "2026-11"}, format="json")
    assert outside.status_code == 400 and "agency" in outside.json()["error"]["fields"]
    assert not PayrollRun.objects.exists()


def test_the_pay_facts_are_recorded_through_the_api_within_ones_own_subtree(api, sysadmin):
    from compensation.models import PayStatistic
    from tests.factories import AgencyFactory

    agency, officer, _supervisor = payroll_setup(sysadmin)
    api.force_authenticate(officer)
    body = {
        "kind": "local_minimum_monthly_wage",
        "year": 2026,
        "amount": "2330",
        "source": "川府发〔2026〕1号",
    }
    made = api.post("/api/v1/pay-records/statistic/", body | {"agency": agency.code}, format="json")
    assert made.status_code == 201 and PayStatistic.objects.filter(pk=made.json()["id"]).exists()
    elsewhere = AgencyFactory(code="330100", parent=None)
    outside = api.post("/api/v1/pay-records/statistic/", body | {"agency": elsewhere.code}, format="json")
    assert outside.status_code == 400 and "agency" in outside.json()["error"]["fields"]

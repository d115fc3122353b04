"""The pay pages as officers use them, and their query counts."""

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from compensation.models import PayrollRun, PayScale
from compensation.services import contributions, payroll
from personnel.models import SensitiveAccess
from tests.assessment.builders import graded_agency, people, staff_of
from tests.compensation.test_compensation import INCOME, payroll_setup, run_payroll, stat
from tests.conftest import client_for


def test_drafting_a_scale_below_the_floor_shows_the_numbers_and_article_and_saves_nothing(
    client, db, sysadmin
):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    stat(agency, officer, INCOME, "49000")
    client_for(client, officer)
    form = {
        "effective_from": "2026-01-01",
        "base_monthly": "3000",
        "posts": "巡逻防控, 300, 危险",
        "tier_0": "800",
        "tier_1": "1000",
        "tier_2": "1300",
        "tier_3": "1600",
        "grade_0": "900",
        "grade_1": "500",
    }
    response = client.post(f"/pay/scales/new/{agency.pk}/", form)
    page = response.content.decode()
    assert response.status_code == 400 and "45,600.00" in page and "四川省办法 第三十三条" in page
    assert not PayScale.objects.exists()
    response = client.post(f"/pay/scales/new/{agency.pk}/", {**form, "base_monthly": "3400"})
    scale = PayScale.objects.get()
    assert response.status_code == 302 and scale.lines.get(key="巡逻防控").hazardous


def test_a_run_is_computed_approved_and_exported(client, db, sysadmin, django_capture_on_commit_callbacks):
    agency, officer, supervisor = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    contributions.bank_account_set(
        actor=officer, officer=person, bank_name="农业银行", account_number="6228480012345678901"
    )
    client_for(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pay/record/run/", {"run-agency": agency.pk, "run-month": "2026-11"})
    run = PayrollRun.objects.get()
    assert response.status_code == 302 and run.status == "computed"
    page = client.get(f"/pay/runs/{run.pk}/").content.decode()
    assert person.full_name in page and "4,000.00" in page  # 3000 base + 1000 for 三级
    seen = {"expected_people": "1", "expected_net": str(run.lines.get().net), "confirm": "on"}
    assert client.post(f"/pay/runs/{run.pk}/approve/", seen).status_code == 400
    run.refresh_from_db()
    assert run.status == "computed"  # the officer who ran it cannot approve
    client_for(client, supervisor)
    page = client.get(f"/pay/runs/{run.pk}/").content.decode()
    assert "2026年11月工资，1人，实发合计" in page  # the confirmation says what the lock covers
    unconfirmed = client.post(f"/pay/runs/{run.pk}/approve/", seen | {"confirm": ""})
    stale = client.post(f"/pay/runs/{run.pk}/approve/", seen | {"expected_people": "2"})
    assert unconfirmed.status_code == 400 and stale.status_code == 400 and "已变化" in stale.content.decode()
    run.refresh_from_db()
    assert run.status == "computed"
    done = client.post(f"/pay/runs/{run.pk}/approve/", seen, follow=True)
    run.refresh_from_db()
    assert run.status == "approved" and "已锁定：2026年11月工资，1人" in done.content.decode()
    slips = client.get(f"/pay/runs/{run.pk}/export/payslips/")
    assert slips.status_code == 200 and slips.content.startswith(b"%PDF")
    summary = load_workbook(BytesIO(client.get(f"/pay/runs/{run.pk}/export/summary/").content)).active
    assert list(summary.iter_rows(values_only=True))[1][:2] == (agency.name, 1)
    assert client.get(f"/pay/runs/{run.pk}/export/bank/").status_code == 403  # needs the grant
    supervisor.user_permissions.add(Permission.objects.get(codename="export_bank_transfer"))
    bank = client.get(f"/pay/runs/{run.pk}/export/bank/")
    rows = list(load_workbook(BytesIO(bank.content)).active.iter_rows(values_only=True))
    assert rows[1][2] == "6228480012345678901"
    assert SensitiveAccess.objects.filter(user=supervisor, officer=person, field="bank_account").count() == 1


def test_the_person_pay_page_masks_the_account_and_records_overtime(client, db, sysadmin):
    agency = graded_agency("p001", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    [person] = people(agency, officer, 1)
    client_for(client, officer)
    client.post(
        f"/personnel/{person.pk}/pay/",
        {"form": "bank", "bank_name": "工商银行", "account_number": "6222 0202 0000 1234 567"},
    )
    page = client.get(f"/personnel/{person.pk}/pay/").content.decode()
    assert "6222***********4567" in page and "6222020200001234567" not in page
    response = client.post(
        f"/personnel/{person.pk}/pay/",
        {"form": "overtime", "month": "2026-10", "day_kind": "holiday", "hours": "8", "settlement": "leave"},
    )
    assert response.status_code == 302 and person.overtime.get().settlement == "leave"


@pytest.mark.parametrize("count", [3, 40])
def test_the_run_page_uses_a_fixed_number_of_queries(
    client, db, sysadmin, count, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    people(agency, officer, count, hired_on=date(2026, 1, 1))
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    client_for(client, officer)
    client.get(f"/pay/runs/{run.pk}/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/pay/runs/{run.pk}/").status_code == 200
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries)
    assert payroll.compute_chunks(run.pk).status == "computed"


def test_a_run_being_computed_shows_its_progress(client, db, sysadmin):
    agency, officer, _ = payroll_setup(sysadmin)
    people(agency, officer, 2, hired_on=date(2026, 1, 1))
    run = payroll.payroll_start(
        actor=officer, agency=agency, month=date(2026, 11, 1)
    )  # the task is not run yet
    client_for(client, officer)
    page = client.get(f"/pay/runs/{run.pk}/").content.decode()
    assert 'id="import-bar"' in page and "0</span> / 2" in page
    assert client.get(f"/pay/runs/{run.pk}/?format=json").json() == {
        "status": "computing",
        "percent": 0,
        "done": 0,
        "total": 2,
        "resumed_at": None,
    }

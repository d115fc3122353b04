"""Pay scales against each jurisdiction's floor, tier gaps, insurance, and the monthly payroll to the cent."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from compensation.models import PayrollLine, PayrollRun, PayScale, RunStatus
from compensation.services import contributions, payroll, scales
from compensation.services.scales import ScaleInput
from personnel.models import AuxiliaryOfficer
from tests.assessment.builders import graded_agency, people, staff_of

D = Decimal
TIERS = {"四级辅警": D(800), "三级辅警": D(1000), "二级辅警": D(1300), "一级辅警": D(1600)}
MONTH = date(2026, 11, 1)
SCHEME = {
    "base_minimum": "4000",
    "base_maximum": "20000",
    "pension_employer": "0.16",
    "pension_employee": "0.08",
    "medical_employer": "0.08",
    "medical_employee": "0.02",
    "maternity_employer": "0",
    "unemployment_employer": "0.005",
    "unemployment_employee": "0.005",
    "work_injury_employer": "0.004",
    "housing_fund_employer": "0.12",
    "housing_fund_employee": "0.12",
}


def scale_input(base="3000", tiers=None, posts=None, performance=None, effective_from=date(2026, 1, 1)):
    return ScaleInput(
        effective_from,
        D(base),
        tiers or dict(TIERS),
        posts or {"巡逻防控": (D(300), True)},
        performance or {"称职": D(500), "优秀": D(900)},
    )


def stat(agency, officer, kind, amount, year=2025):
    return scales.statistic_record(
        actor=officer,
        agency=agency,
        kind=kind,
        year=year,
        amount=amount,
        source="2025年国民经济和社会发展统计公报",
    )


INCOME = "prior_year_local_urban_per_capita_disposable_income"
WAGE = "prior_year_local_average_wage_on_duty_employees"


def test_sichuan_refuses_a_scale_below_urban_disposable_income_with_its_numbers(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    stat(agency, officer, INCOME, "49000")
    with pytest.raises(RuleViolation) as refused:
        scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="3000"))  # 12 × (3000 + 800)
    message = str(refused.value.message)
    assert "45,600.00" in message and "49,000.00" in message and "不含五险一金" in message
    assert "四川省办法 第三十三条" in [c.label_zh for c in refused.value.citations]
    assert not PayScale.objects.exists()
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="3300"))  # 49200
    assert "不低于基准" in scale.floor_finding


def test_a_floor_needs_the_statistic_entered_first(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    with pytest.raises(RuleViolation, match="请先录入上一年度本地城镇居民人均可支配收入"):
        scales.scale_draft(actor=officer, agency=agency, scale=scale_input())


def test_nantong_holds_the_average_pay_of_its_people_against_the_average_wage(db, sysadmin):
    agency = graded_agency("nantong", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    people(agency, officer, 2, tier="一级辅警")  # 12 × (6000 + 1600) = 91,200 each
    stat(agency, officer, WAGE, "95000")
    with pytest.raises(RuleViolation) as refused:
        scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="6000"))
    assert "91,200.00" in str(refused.value.message) and "95,000.00" in str(refused.value.message)
    assert "南通市实施办法 第七条第三款" in [c.label_zh for c in refused.value.citations]
    assert scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="6400")).pk


def test_nantong_requires_a_pay_gap_between_tiers_and_sichuan_only_warns(db, sysadmin):
    nantong = graded_agency("nantong", admin=sysadmin)
    officer, _, _ = staff_of(nantong)
    stat(nantong, officer, WAGE, "50000")
    flat = {**TIERS, "二级辅警": D(1000)}  # the same as 三级
    with pytest.raises(RuleViolation) as refused:
        scales.scale_draft(actor=officer, agency=nantong, scale=scale_input(base="6000", tiers=flat))
    assert "南通市实施办法 第七条第二款" in [c.label_zh for c in refused.value.citations]
    assert "二级辅警不高于三级辅警" in str(refused.value.message)

    sichuan = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(sichuan)
    stat(sichuan, officer, INCOME, "40000")
    scale = scales.scale_draft(actor=officer, agency=sichuan, scale=scale_input(base="6000", tiers=flat))
    assert "二级辅警不高于三级辅警" in scale.floor_finding  # kept on the record as a warning


def test_inner_mongolia_treats_the_average_wage_as_a_reference_not_a_floor(db, sysadmin):
    agency = graded_agency("inner_mongolia", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    stat(agency, officer, WAGE, "90000")
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="3000"))
    assert "低于参照标准" in scale.floor_finding and "内蒙古条例 第二十七条" in scale.floor_finding


@pytest.mark.parametrize(
    "jurisdiction, body",
    [
        ("p001", "同级人民政府核定"),
        ("inner_mongolia", "旗县级人民政府核定"),
        ("nantong", "人力资源和社会保障部门"),
    ],
)
def test_approval_records_the_outside_body_the_text_names_and_not_by_the_drafter(
    db, sysadmin, jurisdiction, body
):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, supervisor, _ = staff_of(agency)
    stat(agency, officer, WAGE, "30000")
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input(base="4000"))
    with pytest.raises(DomainError, match=body):
        scales.scale_approve(actor=supervisor, scale=scale)
    approved = scales.scale_approve(actor=supervisor, scale=scale, approval_reference="政府批复〔2026〕12号")
    assert approved.status == "approved"


def test_the_drafter_cannot_approve_the_scale(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    stat(agency, sysadmin, INCOME, "30000")
    scale = scales.scale_draft(actor=sysadmin, agency=agency, scale=scale_input())
    with pytest.raises(NotPermitted):
        scales.scale_approve(actor=sysadmin, scale=scale)


def test_hangzhou_text_does_not_reach_pay_so_the_scale_is_saved_and_says_so(db, sysadmin):
    agency = graded_agency("hangzhou", admin=sysadmin)
    officer, _, _ = staff_of(agency)
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input())
    assert "杭州" in scale.floor_finding


def test_insurance_rates_follow_what_the_text_requires(db, sysadmin):
    sichuan = graded_agency("sichuan", admin=sysadmin)
    officer, _, _ = staff_of(sichuan)
    no_fund = {**SCHEME, "housing_fund_employer": "0", "housing_fund_employee": "0"}
    with pytest.raises(RuleViolation) as refused:
        contributions.scheme_record(
            actor=officer, agency=sichuan, effective_from=date(2026, 1, 1), basis="川人社", **no_fund
        )
    assert "住房公积金" in str(refused.value.message)
    assert "四川省办法 第三十四条" in [c.label_zh for c in refused.value.citations]
    p001 = graded_agency("p001", admin=sysadmin)
    officer, _, _ = staff_of(p001)
    assert contributions.scheme_record(
        actor=officer, agency=p001, effective_from=date(2026, 1, 1), basis="人社", **no_fund
    ).pk  # p001 art 34 names no housing fund


def payroll_setup(sysadmin, jurisdiction="sichuan"):
    agency = graded_agency(jurisdiction, admin=sysadmin)
    officer, supervisor, _ = staff_of(agency)
    stat(agency, officer, INCOME, "30000")
    if jurisdiction != "sichuan":  # the others measure pay against the average wage
        stat(agency, officer, WAGE, "30000")
    scale = scales.scale_draft(actor=officer, agency=agency, scale=scale_input())
    scales.scale_approve(actor=supervisor, scale=scale, approval_reference="政府批复〔2026〕12号")
    contributions.scheme_record(
        actor=officer, agency=agency, effective_from=date(2026, 1, 1), basis="川人社〔2026〕1号", **SCHEME
    )
    return agency, officer, supervisor


def run_payroll(officer, agency, capture, month=MONTH):
    with capture(execute=True):
        run = payroll.payroll_start(actor=officer, agency=agency, month=month)
    run.refresh_from_db()
    return run


def test_a_payroll_of_mixed_tiers_matches_hand_computed_figures_to_the_cent(
    db, sysadmin, django_capture_on_commit_callbacks
):
    agency, officer, _ = payroll_setup(sysadmin)
    patrol, senior = people(agency, officer, 2, hired_on=date(2026, 1, 1))
    AuxiliaryOfficer.objects.filter(pk=patrol.pk).update(post="巡逻防控")
    AuxiliaryOfficer.objects.filter(pk=senior.pk).update(tier="一级辅警")
    [newcomer] = people(agency, officer, 1, tier="四级辅警", hired_on=date(2026, 11, 16))
    contributions.overtime_record(
        actor=officer, officer=senior, month=MONTH, day_kind="workday", hours="10", settlement="pay"
    )
    contributions.overtime_record(
        actor=officer, officer=senior, month=MONTH, day_kind="rest_day", hours="8", settlement="leave"
    )  # time off in lieu: not paid
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.COMPUTED
    lines = {line.officer_id: line for line in PayrollLine.objects.filter(run=run)}
    a, b, c = lines[patrol.pk], lines[senior.pk], lines[newcomer.pk]
    # 三级 with a hazardous-post allowance: 3000 + 1000 + 300; contributions on 4300.
    assert (
        a.gross,
        a.pension_employee,
        a.medical_employee,
        a.unemployment_employee,
        a.housing_fund_employee,
        a.income_tax,
        a.net,
        a.employer_contributions,
    ) == (
        D("4300.00"),
        D("344.00"),
        D("86.00"),
        D("21.50"),
        D("516.00"),
        D("0.00"),
        D("3332.50"),
        D("1586.70"),
    )
    # 一级 with 10 h overtime on a working day: 4600 / 21.75 / 8 × 10 × 1.5 = 396.55.
    assert (b.overtime_pay, b.gross, b.contribution_base, b.net) == (
        D("396.55"),
        D("4996.55"),
        D("4600.00"),
        D("3961.55"),
    )
    # 四级 hired on the 16th of a 30-day month: half of 3000 + 800; contributions on the lowest base, 4000.
    assert (c.days_paid, c.base, c.tier_pay, c.gross, c.contribution_base, c.net) == (
        15,
        D("1500.00"),
        D("400.00"),
        D("1900.00"),
        D("4000.00"),
        D("1000.00"),
    )
    assert any(
        "人身意外伤害保险" in warning and "四川省办法 第三十四条" in warning for warning in run.warnings
    )


def test_income_tax_is_withheld_cumulatively_over_the_year():
    person = payroll.Person(1, 1, "一级辅警", "", date(2026, 1, 1), None)
    scale = PayScale(base_monthly=D(20000))
    first = payroll.line_for(person, date(2026, 1, 1), scale, {}, None, "", [], payroll.YearToDate())
    assert first.income_tax == D("450.00")  # (20000 − 5000) × 3 %
    second = payroll.line_for(
        person, date(2026, 2, 1), scale, {}, None, "", [], payroll.YearToDate(D(20000), D(0), D(450), 1)
    )
    assert second.income_tax == D("450.00")
    third = payroll.line_for(
        person, date(2026, 3, 1), scale, {}, None, "", [], payroll.YearToDate(D(40000), D(0), D(900), 2)
    )
    assert third.income_tax == D("1080.00")  # 45,000 × 10 % − 2,520 − 900 already withheld


def test_running_the_payroll_twice_creates_nothing_new(db, sysadmin, django_capture_on_commit_callbacks):
    agency, officer, _ = payroll_setup(sysadmin)
    people(agency, officer, 3, hired_on=date(2026, 1, 1))
    first = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    lines_before = sorted(PayrollLine.objects.values_list("officer_id", "gross", "net"))
    second = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    payroll.compute_chunks(second.pk)  # the task delivered twice
    assert second.pk == first.pk and PayrollRun.objects.count() == 1
    assert sorted(PayrollLine.objects.values_list("officer_id", "gross", "net")) == lines_before
    assert PayrollLine.objects.count() == 3


def test_an_approved_run_cannot_change(db, sysadmin, django_capture_on_commit_callbacks):
    agency, officer, supervisor = payroll_setup(sysadmin)
    [person] = people(agency, officer, 1, hired_on=date(2026, 1, 1))
    run = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    with pytest.raises(NotPermitted):
        payroll.payroll_approve(actor=officer, run=run)
    payroll.payroll_approve(actor=supervisor, run=run)
    with pytest.raises(Conflict):
        payroll.payroll_approve(actor=supervisor, run=run)
    AuxiliaryOfficer.objects.filter(pk=person.pk).update(tier="一级辅警")
    again = run_payroll(officer, agency, django_capture_on_commit_callbacks)
    assert again.status == RunStatus.APPROVED
    assert PayrollLine.objects.get().tier == "三级辅警"  # not recomputed
    if connection.vendor == "postgresql":  # the database itself refuses, whoever writes
        with pytest.raises(IntegrityError), transaction.atomic():
            PayrollLine.objects.update(gross=D("1.00"))
        with pytest.raises(IntegrityError), transaction.atomic():
            PayrollRun.objects.update(status="computed")


def test_a_payroll_needs_an_approved_scale_and_the_insurance_the_text_requires(db, sysadmin):
    agency = graded_agency("sichuan", admin=sysadmin)
    officer, supervisor, _ = staff_of(agency)
    with pytest.raises(DomainError, match="薪酬标准"):
        payroll.payroll_start(actor=officer, agency=agency, month=MONTH)
    stat(agency, officer, INCOME, "30000")
    scales.scale_approve(
        actor=supervisor, scale=scales.scale_draft(actor=officer, agency=agency, scale=scale_input())
    )
    with pytest.raises(RuleViolation) as refused:
        payroll.payroll_start(actor=officer, agency=agency, month=MONTH)
    assert "四川省办法 第三十四条" in [c.label_zh for c in refused.value.citations]
    assert not PayrollRun.objects.exists()

"""Demo pay: Sichuan's statistic, an approved scale and insurance scheme for 成都市公安局, salary accounts,
three people's special additional deductions, and this month's payroll for 锦江区分局 computed and waiting
for approval."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from auxpolice.core.models import Agency, User
from personnel.models import AuxiliaryOfficer

from .models import PayScale
from .services import contributions, payroll, scales, special_deductions

D = Decimal
SCHEME = {
    "base_minimum": "4071",
    "base_maximum": "20355",
    "pension_employer": "0.16",
    "pension_employee": "0.08",
    "medical_employer": "0.075",
    "medical_employee": "0.02",
    "maternity_employer": "0",
    "unemployment_employer": "0.006",
    "unemployment_employee": "0.004",
    "work_injury_employer": "0.004",
    "housing_fund_employer": "0.12",
    "housing_fund_employee": "0.12",
}


def seed() -> None:
    if PayScale.objects.exists() or not Agency.objects.filter(code="510100").exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["cd_officer", "cd_supervisor", "jinjiang_officer"])
    }
    chengdu = Agency.objects.get(code="510100")
    officer, supervisor = users["cd_officer"], users["cd_supervisor"]
    year = timezone.localdate().year
    scales.statistic_record(
        actor=officer,
        agency=chengdu,
        kind="prior_year_local_urban_per_capita_disposable_income",
        year=year - 1,
        amount="57477",
        source="成都市国民经济和社会发展统计公报（演示数据）",
    )
    scale = scales.scale_draft(
        actor=officer,
        agency=chengdu,
        scale=scales.ScaleInput(
            date(year, 1, 1),
            D(4200),
            {"四级辅警": D(600), "三级辅警": D(900), "二级辅警": D(1200), "一级辅警": D(1500)},
            {"巡逻防控": (D(300), True), "交通协管": (D(260), True), "接警员": (D(150), False)},
            {"优秀": D(800), "称职": D(500), "基本称职": D(200)},
        ),
    )
    scales.scale_approve(actor=supervisor, scale=scale)
    contributions.scheme_record(
        actor=officer,
        agency=chengdu,
        effective_from=date(year, 1, 1),
        basis="成都市社会保险缴费基数和比例通知（演示）",
        **SCHEME,
    )
    contributions.accident_policy_record(
        actor=officer,
        agency=chengdu,
        insurer="中国人寿成都分公司",
        policy_number=f"GA{year}0001",
        starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31),
    )
    for index, person in enumerate(AuxiliaryOfficer.objects.filter(agency__code="510104").order_by("pk")):
        contributions.bank_account_set(
            actor=users["jinjiang_officer"],
            officer=person,
            bank_name="中国农业银行成都分行",
            account_number=f"622848{index:013d}",
        )
    month = timezone.localdate().replace(day=1)
    # What the withholding client would report for three of them: cumulative over their months in post this
    # year (months × the monthly amount).
    monthly = [
        {"child_education": 2000},
        {"elderly_support": 1500, "housing_rent": 1500},
        {"infant_care": 2000},
    ]
    people = AuxiliaryOfficer.objects.filter(agency__code="510104").order_by("pk")
    for person, amounts in zip(people, monthly, strict=False):
        months = month.month - max(person.hired_on, date(year, 1, 1)).month + 1
        special_deductions.special_deductions_set(
            actor=users["jinjiang_officer"],
            officer=person,
            month=month,
            amounts={kind: amount * months for kind, amount in amounts.items()},
        )
    run = payroll.payroll_start(
        actor=users["jinjiang_officer"], agency=Agency.objects.get(code="510104"), month=month
    )
    payroll.compute_chunks(run.pk)  # a no-op where Celery already ran it on commit

"""A province's monthly payroll at 100,000 people (target ≤ 60 s): every line with contributions,
cumulative income tax and history, then a rerun of the same month (creates nothing new). The Celery task body
runs in this process chunk by chunk, as a worker would run it."""

import time
from datetime import date
from decimal import Decimal

from django.db import connection

TABLES = [
    "compensation_historicalpayrollline",
    "compensation_payrollline",
    "compensation_historicalpayrollrun",
    "compensation_payrollrun",
    "compensation_historicalpayscaleline",
    "compensation_payscaleline",
    "compensation_historicalpayscale",
    "compensation_payscale",
    "compensation_historicalcontributionscheme",
    "compensation_contributionscheme",
    "compensation_historicalpaystatistic",
    "compensation_paystatistic",
]
SCHEME = {
    "base_minimum": "4000",
    "base_maximum": "25000",
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


def run() -> None:
    from auxpolice.core.models import Agency
    from bench.assessment import prepare
    from compensation.models import PayrollLine
    from compensation.services import contributions, payroll, scales

    province = Agency.objects.get(code="B51")
    _admin, reviewer, officer = prepare(province)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)}")
    scales.statistic_record(
        actor=officer,
        agency=province,
        kind="prior_year_local_urban_per_capita_disposable_income",
        year=2025,
        amount="45000",
        source="bench",
    )
    scale = scales.scale_draft(
        actor=officer,
        agency=province,
        scale=scales.ScaleInput(
            date(2026, 1, 1),
            Decimal(3600),
            {
                "四级辅警": Decimal(800),
                "三级辅警": Decimal(1000),
                "二级辅警": Decimal(1300),
                "一级辅警": Decimal(1600),
            },
            {"巡逻防控": (Decimal(300), True)},
            {"优秀": Decimal(900), "称职": Decimal(500)},
        ),
    )
    scales.scale_approve(actor=reviewer, scale=scale)
    contributions.scheme_record(
        actor=officer, agency=province, effective_from=date(2026, 1, 1), basis="bench", **SCHEME
    )

    started = time.perf_counter()
    run_ = payroll.payroll_start(actor=officer, agency=province, month=date(2026, 11, 1))
    run_ = payroll.compute_chunks(run_.pk)
    elapsed = time.perf_counter() - started
    lines = PayrollLine.objects.filter(run=run_).count()
    print(
        f"payroll: {lines:,} people for 2026-11 (gross, contributions, cumulative tax, history rows): "
        f"{elapsed:.1f} s (target ≤ 60 s), {run_.status}"
    )
    started = time.perf_counter()
    again = payroll.compute_chunks(run_.pk)
    print(
        f"payroll: the task delivered again ({again.status}, nothing new): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )

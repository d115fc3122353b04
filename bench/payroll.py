"""A province's monthly payroll (target ≤ 60 s at 100,000 people, ≤ 5 min at 1,000,000): every line with
contributions, cumulative income tax and history. November is computed in one process (the task bodies one
after the other) and by real Celery worker processes (the slices as a group, in parallel); November is then
approved and December computed, whose cumulative tax reads November's lines. Each repetition starts from no
run for the month; a task delivered again is timed too (it creates nothing)."""

import time
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction

from bench.stats import Figures

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


def _forget(month: date) -> None:
    """Bench reset, not a business write: the month's run, lines, slices and their history rows go."""
    runs = "SELECT id FROM compensation_payrollrun WHERE month = %s"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # past the audit guard's triggers
        cursor.execute(f"DELETE FROM compensation_historicalpayrollline WHERE run_id IN ({runs})", [month])
        cursor.execute(f"DELETE FROM compensation_payrollline WHERE run_id IN ({runs})", [month])
        cursor.execute(f"DELETE FROM core_batchslice WHERE kind = 'payroll' AND run_id IN ({runs})", [month])
        cursor.execute("DELETE FROM compensation_historicalpayrollrun WHERE month = %s", [month])
        cursor.execute("DELETE FROM compensation_payrollrun WHERE month = %s", [month])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE compensation_payrollline")


def _setup(province, officer, reviewer) -> None:
    from compensation.services import contributions, scales

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)}")
        cursor.execute("DELETE FROM core_batchslice WHERE kind = 'payroll'")
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


def _in_process(province, officer, month):
    from compensation.services import payroll

    run = payroll.payroll_start(actor=officer, agency=province, month=month)
    return payroll.compute_chunks(run.pk)


def _by_workers(province, officer, month):
    from compensation.models import PayrollRun
    from compensation.services import payroll

    run = payroll.payroll_start(actor=officer, agency=province, month=month)
    while PayrollRun.objects.filter(pk=run.pk).values_list("status", flat=True).get() == "computing":
        time.sleep(0.1)
    run.refresh_from_db()
    return run


def run(repeats: int = 3, workers: int = 2, in_process: bool = True, months: int = 2) -> None:
    """`months`: how many months of the year are paid by December (2: November and December; 12: January
    to October computed and approved first, untimed, so that December's cumulative tax reads 11 months)."""
    from auxpolice.core.models import Agency
    from bench.assessment import prepare
    from bench.worker import celery_worker
    from compensation.models import PayrollLine
    from compensation.services import payroll

    province = Agency.objects.get(code="B51")
    _admin, reviewer, officer = prepare(province)
    _setup(province, officer, reviewer)
    november, december = date(2026, 11, 1), date(2026, 12, 1)
    figures = Figures()

    timed = figures.timed
    with celery_worker(workers):
        for number in range(13 - months, 11):
            earlier = _by_workers(province, officer, date(2026, number, 1))
            payroll.payroll_approve(actor=reviewer, run=earlier)
    if in_process:
        for _ in range(repeats):
            _forget(november)
            timed("2026-11, one process", lambda: _in_process(province, officer, november))
    with celery_worker(workers):
        for _ in range(repeats):
            _forget(november)
            run_ = timed(
                f"2026-11, {workers} worker processes", lambda: _by_workers(province, officer, november)
            )
        for _ in range(repeats):
            timed("the task delivered again (nothing new)", lambda: payroll.compute_chunks(run_.pk))
        payroll.payroll_approve(actor=reviewer, run=run_)
        for _ in range(repeats):
            _forget(december)
            second = timed(
                f"2026-12 (tax reads {months - 1} months), {workers} workers",
                lambda: _by_workers(province, officer, december),
            )
    pks = list(
        PayrollLine.objects.filter(run=second).order_by("officer_id").values_list("officer_id", flat=True)
    )
    slice_ = pks[: settings.BATCH_SLICE_SIZE]
    for _ in range(repeats):
        timed(
            f"year-to-date read, one slice of {len(slice_):,} ({months - 1} months)",
            lambda: payroll._year_to_date(slice_, december),
        )
    lines = len(pks)
    print(
        f"payroll: {lines:,} people a month (gross, contributions, cumulative tax, history rows); "
        f"{second.status}, {len(second.warnings)} warnings"
    )
    figures.print()

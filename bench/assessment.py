"""A province's annual assessment at 100,000 people: opening the cycle, closing it (proposals with history)
and confirming the promotions in bulk. The Celery task bodies run in this process, chunk by chunk, as a
worker would run them; scoring is written directly (it is per-person work, not a batch)."""

import time
from datetime import date

from django.db import connection

TIERS = ["四级辅警", "三级辅警", "二级辅警", "一级辅警"]
GRADES = ["优秀", "称职", "基本称职", "不称职"]
TABLES = [
    "assessment_historicaltierchange",
    "assessment_tierchange",
    "assessment_historicalconsequence",
    "assessment_consequence",
    "assessment_historicalappeal",
    "assessment_appeal",
    "assessment_historicalassessment",
    "assessment_assessment",
    "assessment_historicalassessmentcycle",
    "assessment_assessmentcycle",
]


def _reset(province) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)}")
        # Tiers spread over the scheme; bench set-up, not a business write.
        cursor.execute(
            "UPDATE personnel_auxiliaryofficer SET tier = "
            "(ARRAY['四级辅警','三级辅警','二级辅警','一级辅警'])[1 + id %% 4], tier_since = %s",
            [date(2024, 1, 1)],
        )


def prepare(province):
    """Users and the province's grading scheme; returns (admin, province supervisor, province officer)."""
    from auxpolice.core.models import Role, User

    admin, _ = User.objects.get_or_create(
        username="bench_admin", defaults={"role": Role.SYSADMIN, "is_superuser": True}
    )
    reviewer, _ = User.objects.get_or_create(
        username="bench_province_supervisor", defaults={"role": Role.SUPERVISOR, "agency": province}
    )
    _scheme(province, admin)
    return admin, reviewer, User.objects.get(username="bench_province_officer")


def _scheme(province, admin) -> None:
    from auxpolice.rules import services as rule_services

    values = {
        "tiers": TIERS,
        "assessment_grades": GRADES,
        "promotion_grades": ["优秀"],
        "demotion_grades": ["不称职"],
        "non_renewal_grades": ["不称职"],
    }
    for key, value in values.items():
        rule_services.agency_setting_set(actor=admin, agency=province, key=key, value=value, basis="bench")


def _publish_all(cycle, reviewer) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessment_assessment SET status = 'published', grade = "
            "(ARRAY['优秀','称职','称职','称职','基本称职','称职','称职','称职','称职','不称职'])"
            "[1 + id %% 10], "
            "scores = '{}', assessor_name = '王警官', "
            "reviewed_by_id = %s, published_on = %s WHERE cycle_id = %s",
            [reviewer.pk, date(2026, 12, 20), cycle.pk],
        )


def run() -> None:
    from assessment.models import Assessment, Consequence
    from assessment.services import assessments, batch, tiers
    from auxpolice.core.models import Agency

    province = Agency.objects.get(code="B51")
    _admin, reviewer, officer = prepare(province)
    _reset(province)

    started = time.perf_counter()
    cycle = assessments.cycle_open(actor=officer, agency=province, year=2026, today=date(2026, 12, 1))
    cycle = batch.open_chunks(cycle.pk)
    opened = time.perf_counter() - started
    people = Assessment.objects.filter(cycle=cycle).count()
    print(
        f"assessment: open a province cycle for {people:,} people (one assessment + history row each): "
        f"{opened:.1f} s"
    )

    _publish_all(cycle, reviewer)
    started = time.perf_counter()
    batch.cycle_close(actor=reviewer, cycle=cycle)
    cycle = batch.close_chunks(cycle.pk)
    closed = time.perf_counter() - started
    proposals = Consequence.objects.filter(cycle=cycle).count()
    print(
        f"assessment: close it ({proposals:,} proposals with history, {cycle.status}): {closed:.1f} s "
        f"(target < 60 s)"
    )

    started = time.perf_counter()
    again = batch.close_chunks(cycle.pk)
    print(
        f"assessment: close again (nothing to do, {again.status}): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )

    started = time.perf_counter()
    counts = tiers.consequences_confirm(
        actor=reviewer, cycle=cycle, kind="promotion", effective_on=date(2027, 1, 1), today=date(2027, 1, 1)
    )
    print(
        f"assessment: confirm {counts['confirmed']:,} promotions in bulk, tiers changed with history: "
        f"{time.perf_counter() - started:.1f} s"
    )

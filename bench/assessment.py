"""A province's annual assessment, the whole year-end through the services: opening the cycle (slices in
parallel on real Celery worker processes), scoring, reviewing and publishing one person at a time (a sample,
timed per person), the supervisor's bulk review and publication, closing (proposals with history, in parallel)
and confirming the promotions in bulk. Each repetition starts from an empty cycle.

Set-up that is not measured: the results of the people outside the sample are entered by SQL (an office enters
them one by one over weeks; the per-person figure is the sample's)."""

import time
from datetime import date

from django.db import connection

from bench.stats import Figures, load, spread

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


def _score_the_rest(cycle, officer) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessment_assessment SET status = 'scored', grade = "
            "(ARRAY['优秀','称职','称职','称职','基本称职','称职','称职','称职','称职','不称职'])"
            "[1 + id %% 10], "
            "scores = '{}', assessor_name = '王警官', scored_by_id = %s, scored_at = now() "
            "WHERE cycle_id = %s AND status = 'pending'",
            [officer.pk, cycle.pk],
        )


def _wait(cycle_id: int, status: str) -> None:
    from assessment.models import AssessmentCycle

    while AssessmentCycle.objects.filter(pk=cycle_id).values_list("status", flat=True).get() != status:
        time.sleep(0.1)


def _per_person(cycle, officer, reviewer, sample: int) -> dict[str, list[float]]:
    from assessment.models import Assessment
    from assessment.services import assessments

    scores = {d["code"]: 85 for d in cycle.scheme["dimensions"]}
    timings: dict[str, list[float]] = {"score": [], "review": [], "publish": []}
    for assessment in Assessment.objects.filter(cycle=cycle).order_by("pk")[:sample]:
        for step, call in (
            (
                "score",
                lambda a=assessment: assessments.assessment_score(
                    actor=officer, assessment=a, scores=scores, grade="称职", assessor_name="王警官"
                ),
            ),
            ("review", lambda a=assessment: assessments.assessment_review(actor=reviewer, assessment=a)),
            (
                "publish",
                lambda a=assessment: assessments.assessment_publish(
                    actor=reviewer, assessment=a, today=date(2026, 12, 20)
                ),
            ),
        ):
            started = time.perf_counter()
            call()
            timings[step].append(time.perf_counter() - started)
    return timings


def run(repeats: int = 3, workers: int = 2, sample: int = 100) -> None:
    from assessment.models import Assessment, Consequence
    from assessment.services import assessments, batch, tiers
    from auxpolice.core.models import Agency
    from bench.worker import celery_worker

    province = Agency.objects.get(code="B51")
    _admin, reviewer, officer = prepare(province)
    figures = Figures()
    per_person: dict[str, list[float]] = {"score": [], "review": [], "publish": []}

    timed = figures.timed
    with celery_worker(workers):
        for _ in range(repeats):
            _reset(province)
            cycle = timed(
                "open the cycle (slices in parallel)",
                lambda: _wait_for(
                    assessments.cycle_open(
                        actor=officer, agency=province, year=2026, today=date(2026, 12, 1)
                    ),
                    "open",
                ),
            )
            people = Assessment.objects.filter(cycle=cycle).count()
            for step, values in _per_person(cycle, officer, reviewer, sample).items():
                per_person[step] += values
            _score_the_rest(cycle, officer)
            reviewed = timed(
                "review every scored result (bulk)",
                lambda c=cycle: batch.review_scored(actor=reviewer, cycle=c),
            )
            published = timed(
                "publish every reviewed result (bulk)",
                lambda c=cycle: batch.publish_reviewed(actor=reviewer, cycle=c, today=date(2026, 12, 20)),
            )
            cycle = timed(
                "close (proposals with history, in parallel)",
                lambda c=cycle: _wait_for(batch.cycle_close(actor=reviewer, cycle=c), "closed"),
            )
            proposals = Consequence.objects.filter(cycle=cycle).count()
            timed("close again (nothing to do)", lambda c=cycle: batch.close_chunks(c.pk))
            confirmed = timed(
                "confirm the promotions (tiers changed, history)",
                lambda c=cycle: tiers.consequences_confirm(
                    actor=reviewer,
                    cycle=c,
                    kind="promotion",
                    effective_on=date(2027, 1, 1),
                    today=date(2027, 1, 1),
                ),
            )
    print(
        f"assessment: {people:,} people, {workers} worker processes, {repeats} runs "
        f"(last run: {reviewed['reviewed'] if isinstance(reviewed, dict) else reviewed:,} reviewed, "
        f"{published:,} published, {proposals:,} proposals, {confirmed['confirmed']:,} promotions)"
    )
    figures.print()
    for step, timings in per_person.items():
        print(f"  one person: {step:<36} {spread(timings, 'ms')}  (n={len(timings)}, {load()})")


def _wait_for(cycle, status: str):
    _wait(cycle.pk, status)
    cycle.refresh_from_db()
    return cycle

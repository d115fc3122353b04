"""Demo tiers and assessments: Sichuan's scheme; 锦江区分局's cycle closed with consequences to confirm,
武侯区分局's cycle half-way (scored, reviewed, published, one appeal waiting)."""

import random

from django.utils import timezone

from auxpolice.core.models import Agency, User
from auxpolice.rules import services as rule_services
from personnel.models import AuxiliaryOfficer

from .models import Assessment, AssessmentCycle
from .services import assessments, batch, tiers

BASIS = "四川省公安厅辅警层级化管理和年度考核实施细则（演示）"
SCHEME = {
    "tiers": ["四级辅警", "三级辅警", "二级辅警", "一级辅警"],
    "assessment_grades": ["优秀", "称职", "基本称职", "不称职"],
    "assessment_top_grade_percent": 20,
    "assessment_appeal_days": 15,
    "promotion_grades": ["优秀"],
    "demotion_grades": ["不称职"],
    "non_renewal_grades": ["不称职"],
}
GRADE_WEIGHTS = [("优秀", 2), ("称职", 12), ("基本称职", 2), ("不称职", 1)]


def seed() -> None:
    if AssessmentCycle.objects.exists() or not Agency.objects.filter(code="510000").exists():
        return
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["admin", "wuhou_officer", "wuhou_supervisor", "jinjiang_officer", "cd_supervisor"]
        )
    }
    for key, value in SCHEME.items():
        rule_services.agency_setting_set(
            actor=users["admin"], agency=Agency.objects.get(code="510000"), key=key, value=value, basis=BASIS
        )
    year = timezone.localdate().year
    rng = random.Random(8)
    _grade_people("510104", users["cd_supervisor"], rng)
    _grade_people("510107", users["wuhou_supervisor"], rng)
    jinjiang = _run("510104", year, users["jinjiang_officer"], users["cd_supervisor"], rng, share=1.0)
    batch.cycle_close(actor=users["cd_supervisor"], cycle=jinjiang)
    batch.close_chunks(jinjiang.pk)  # already done where Celery ran eagerly on commit; a no-op then
    wuhou = _run("510107", year, users["wuhou_officer"], users["wuhou_supervisor"], rng, share=0.5)
    appealed = Assessment.objects.filter(cycle=wuhou, status="published").order_by("pk").first()
    if appealed:
        assessments.appeal_file(
            actor=users["wuhou_officer"],
            assessment=appealed,
            filed_on=appealed.published_on,
            reasons="本人认为全年出勤和执勤记录未被充分考虑（演示）",
        )


def _grade_people(code: str, supervisor, rng) -> None:
    today = timezone.localdate()
    for person in AuxiliaryOfficer.objects.filter(agency__code=code).order_by("pk"):
        tiers.tier_assign(
            actor=supervisor,
            officer=person,
            to_tier=rng.choice(SCHEME["tiers"][:3]),
            mode="initial",
            basis="首次定级（演示）",
            effective_on=person.hired_on if person.hired_on <= today else today,
        )


def _run(code: str, year: int, officer, supervisor, rng, *, share: float) -> AssessmentCycle:
    """Score a share of the people; review and publish the scored ones in full runs, half-way otherwise."""
    cycle = assessments.cycle_open(actor=officer, agency=Agency.objects.get(code=code), year=year)
    cycle = batch.open_chunks(cycle.pk)  # a no-op where Celery already ran it on commit
    rows = list(Assessment.objects.filter(cycle=cycle).order_by("pk"))
    scored = rows[: round(len(rows) * share)]
    cap = len(rows) * SCHEME["assessment_top_grade_percent"] // 100
    for index, assessment in enumerate(scored):
        grade = rng.choices([g for g, _ in GRADE_WEIGHTS], weights=[w for _, w in GRADE_WEIGHTS])[0]
        if grade == "优秀" and cap <= 0:
            grade = "称职"
        cap -= grade == "优秀"
        scores = {d["code"]: rng.randrange(70, 98) for d in cycle.scheme["dimensions"]}
        assessments.assessment_score(
            actor=officer,
            assessment=assessment,
            scores=scores,
            grade=grade,
            assessor_name=rng.choice(["王警官", "李警官", "陈警官"]),
        )
        if share == 1.0 or index % 3:
            assessments.assessment_review(actor=supervisor, assessment=assessment)
            if share == 1.0 or index % 3 == 1:
                assessments.assessment_publish(actor=supervisor, assessment=assessment)
    return cycle

import datetime

import pytest

from auxpolice.core.errors import NotPermitted, RuleViolation
from headcount.errors import OutOfOrder, QuotaExceeded
from headcount.models import PlanStatus, Quota, StepStatus
from headcount.services import plans
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db

DOC = {
    "approving_body": "武侯区人民政府",
    "document_number": "武府函〔2026〕8号",
    "document_date": datetime.date(2026, 4, 1),
}


def pending(plan):
    return [s for s in plan.steps.all() if s.status == StepStatus.PENDING]


def test_sichuan_county_plan_chain_superior_consent_then_staffing_finance_then_county_government(
    wuhou, county_officer, chengdu_supervisor, wuhou_supervisor
):
    QuotaFactory(agency=wuhou, approved_total=20)
    recorder = UserFactory(username="wuhou_officer2", role="officer", agency=wuhou)
    plan = plans.plan_submit(
        actor=county_officer,
        agency=wuhou,
        year=2026,
        title="2026年勤务辅警招聘",
        civilian_places=0,
        service_places=5,
    )
    consent, staffing, finance, government = pending(plan)
    assert consent.label_zh == "上一级公安机关同意" and consent.cite == "sichuan:art16.p2"

    with pytest.raises(OutOfOrder):
        plans.plan_step_decide(actor=recorder, step=government, approve=True, **DOC)
    with pytest.raises(NotPermitted):
        plans.plan_step_decide(actor=wuhou_supervisor, step=consent, approve=True)

    plans.plan_step_decide(actor=chengdu_supervisor, step=consent, approve=True)
    plans.plan_step_decide(actor=recorder, step=staffing, approve=True, **DOC)
    plans.plan_step_decide(actor=recorder, step=finance, approve=True, **DOC)
    assert Quota.objects.get(agency=wuhou).reserved_service == 0
    plan = plans.plan_step_decide(actor=recorder, step=government, approve=True, **DOC)

    assert plan.status == PlanStatus.APPROVED
    assert Quota.objects.get(agency=wuhou).reserved_service == 5


def test_a_plan_beyond_the_free_places_is_refused(wuhou, county_officer):
    QuotaFactory(agency=wuhou, approved_total=5, in_post_service=3)
    with pytest.raises(QuotaExceeded) as refused:
        plans.plan_submit(
            actor=county_officer, agency=wuhou, year=2026, title="x", civilian_places=0, service_places=3
        )
    assert refused.value.field == "service_places"


def test_a_plan_needs_an_approved_quota(wuhou, county_officer):
    with pytest.raises(QuotaExceeded) as refused:
        plans.plan_submit(
            actor=county_officer, agency=wuhou, year=2026, title="x", civilian_places=1, service_places=0
        )
    assert refused.value.field == "year"


def test_a_station_cannot_own_a_plan_in_sichuan_citing_art17(wuhou):
    station = AgencyFactory(code="510107-01", name="浆洗街派出所", level="station", parent=wuhou)
    officer = UserFactory(username="station_officer", role="officer", agency=station)
    QuotaFactory(agency=station, approved_total=5)
    with pytest.raises(RuleViolation) as refused:
        plans.plan_submit(
            actor=officer, agency=station, year=2026, title="x", civilian_places=0, service_places=1
        )
    assert [c.ref for c in refused.value.citations] == ["sichuan:art17.p2"]


def test_recruitment_cannot_open_on_an_unapproved_plan_citing_art16_3(wuhou, county_officer):
    QuotaFactory(agency=wuhou, approved_total=20)
    plan = plans.plan_submit(
        actor=county_officer, agency=wuhou, year=2026, title="x", civilian_places=0, service_places=2
    )
    with pytest.raises(RuleViolation) as refused:
        plans.plan_require_approved(plan=plan)
    assert [c.ref for c in refused.value.citations] == ["sichuan:art16.p3"]


def test_a_rejected_plan_reserves_nothing(wuhou, county_officer, chengdu_supervisor):
    QuotaFactory(agency=wuhou, approved_total=20)
    plan = plans.plan_submit(
        actor=county_officer, agency=wuhou, year=2026, title="x", civilian_places=0, service_places=2
    )
    plan = plans.plan_step_decide(
        actor=chengdu_supervisor, step=pending(plan)[0], approve=False, note="岗位需求不足"
    )
    assert plan.status == PlanStatus.REJECTED
    assert Quota.objects.get(agency=wuhou).reserved == 0


def test_a_banner_plan_in_inner_mongolia_is_refused_citing_art18_and_nothing_is_written():
    from headcount.models import RecruitmentPlan

    region = AgencyFactory(
        code="150000", name="内蒙古自治区公安厅", level="province", parent=None, jurisdiction="inner_mongolia"
    )
    city = AgencyFactory(code="150100", name="呼和浩特市公安局", level="prefecture", parent=region)
    banner = AgencyFactory(code="150121", name="土默特左旗公安局", level="county", parent=city)
    officer = UserFactory(username="banner_officer", role="officer", agency=banner)
    QuotaFactory(agency=banner, approved_total=5)
    with pytest.raises(RuleViolation) as refused:
        plans.plan_submit(
            actor=officer, agency=banner, year=2026, title="x", civilian_places=1, service_places=0
        )
    # refused by who may recruit (art 19) and who may make plans (art 18), whichever is asked first
    assert {c.ref for c in refused.value.citations} <= {"inner_mongolia:art18.p1", "inner_mongolia:art19.p1"}
    assert refused.value.citations and not RecruitmentPlan.objects.exists()

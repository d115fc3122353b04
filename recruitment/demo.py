"""Demo quotas, plans and headcount in all five jurisdictions, built through the real services."""

from django.utils import timezone

from auxpolice.core.models import Agency, Role, User
from auxpolice.rules import services as rule_services

from .models import Quota, StepStatus
from .services import chains, plans, quotas

DEMO_BASIS = "演示数据（由系统管理员按本地文件录入）"
# Chains where the text leaves them to other rules: entered as agency settings, as an administrator would.
CHAIN_SETTINGS = [
    ("510000", "quota_approval_chain", ["propose:police:same", "approve:police:superior", "approve:staffing_office:same"]),
    ("150000", "quota_approval_chain", ["propose:police:same", "review:staffing_office:same", "approve:government:same"]),
    ("330100", "plan_approval_chain", ["propose:police:same", "approve:police:superior"]),
    ("320600", "plan_approval_chain", ["propose:police:same", "approve:police:superior"]),
]
# (agency code, requester, recorder of outside steps, places, plan places or None, finish the plan).
# People in post are added by personnel.demo, each taking a place through the service.
QUOTAS = [
    ("510107", "wuhou_officer", "cd_officer", 60, 6, True),
    ("510104", "jinjiang_officer", "cd_officer", 45, 4, False),
    ("330106", "xihu_officer", "hz_officer", 50, 5, True),
    ("320613", "chongchuan_officer", "nt_officer", 40, 3, False),
    ("150102", "xincheng_officer", "nm_officer", 35, None, False),
    ("P001-01-01", "p001_county_officer", "p001_officer", 30, 4, True),
]


def seed(stdout=None) -> None:
    year = timezone.localdate().year
    users = {user.username: user for user in User.objects.select_related("agency")}
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    admin = users["admin"]
    for code, key, value in CHAIN_SETTINGS:
        rule_services.agency_setting_set(actor=admin, agency=agencies[code], key=key, value=value, basis=DEMO_BASIS)
    for code, requester, recorder, places, plan_places, finish_plan in QUOTAS:
        agency = agencies[code]
        if Quota.objects.filter(agency=agency, year=year).exists():
            continue
        request = quotas.quota_request_submit(actor=users[requester], agency=agency, year=year, total=places,
                                              reason="演示：按辖区治安形势核定")
        _walk(request, users[recorder], quotas.quota_step_decide)
        if plan_places:
            plan = plans.plan_submit(actor=users[requester], agency=agency, year=year, title=f"{year}年辅警招聘计划",
                                     civilian_places=1, service_places=plan_places - 1, reason="演示：补充巡逻力量")
            if finish_plan:
                _walk(plan, users[recorder], plans.plan_step_decide)


def _walk(subject, recorder, decide) -> None:
    """Take every step that a demo user can take, in order, as the right person would."""
    today = timezone.localdate()
    while True:
        steps = [s for s in subject.steps.all() if s.status == StepStatus.PENDING]
        if not steps:
            return
        current = min(s.sequence for s in steps)
        for step in [s for s in steps if s.sequence == current]:
            agency = chains.target_agency(step, getattr(subject, "agency", None) or subject.quota.agency)
            if step.inside_police and step.action != "file":
                actor = User.objects.filter(role=Role.SUPERVISOR, agency=agency).first()
                if actor is None:
                    return
                decide(actor=actor, step=step, approve=True, note="同意")
            else:
                decide(actor=recorder, step=step, approve=True, approving_body=_body_name(step, agency),
                       document_number=f"演示〔{today.year}〕{step.pk}号", document_date=today)
        subject.refresh_from_db()


def _body_name(step, agency) -> str:
    names = {"staffing_office": "机构编制委员会办公室", "finance": "财政局", "government": "人民政府",
             "hr_department": "人力资源和社会保障局", "police": "公安机关"}
    return f"{agency.name}同级{names[step.body]}"

"""Demo quotas, plans and headcount in all five jurisdictions, built through the real services."""

from django.utils import timezone

from auxpolice.core.models import Agency, Role, User
from auxpolice.rules import services as rule_services
from headcount.models import Quota, StepStatus
from headcount.services import chains, plans, quotas

DEMO_BASIS = "演示数据（由系统管理员按本地文件录入）"
# Chains where the text leaves them to other rules: entered as agency settings, as an administrator would.
CHAIN_SETTINGS = [
    (
        "510000",
        "quota_approval_chain",
        ["propose:police:same", "approve:police:superior", "approve:staffing_office:same"],
    ),
    (
        "150000",
        "quota_approval_chain",
        ["propose:police:same", "review:staffing_office:same", "approve:government:same"],
    ),
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
        rule_services.agency_setting_set(
            actor=admin, agency=agencies[code], key=key, value=value, basis=DEMO_BASIS
        )
    for code, requester, recorder, places, plan_places, finish_plan in QUOTAS:
        agency = agencies[code]
        if Quota.objects.filter(agency=agency, year=year).exists():
            continue
        request = quotas.quota_request_submit(
            actor=users[requester], agency=agency, year=year, total=places, reason="演示：按辖区治安形势核定"
        )
        _walk(request, users[recorder], quotas.quota_step_decide)
        if plan_places:
            plan = plans.plan_submit(
                actor=users[requester],
                agency=agency,
                year=year,
                title=f"{year}年辅警招聘计划",
                civilian_places=1,
                service_places=plan_places - 1,
                reason="演示：补充巡逻力量",
            )
            if finish_plan:
                _walk(plan, users[recorder], plans.plan_step_decide)
    _recruitment(users, agencies)


def _recruitment(users, agencies) -> None:
    """Wuhou's approved plan becomes a published announcement with applicants at several stages."""
    from datetime import date, timedelta

    from auxpolice.rules.idnumber import check_character
    from headcount.models import RecruitmentPlan

    from .models import Announcement
    from .services import announcements, portal, review

    plan = RecruitmentPlan.objects.filter(agency=agencies["510107"], status="approved").first()
    if plan is None or Announcement.objects.filter(plan=plan).exists():
        return
    rule_services.agency_setting_set(
        actor=users["admin"],
        agency=agencies["510000"],
        key="publicity_working_days",
        value=5,
        basis=DEMO_BASIS,
    )
    now = timezone.now()
    officer = users["wuhou_officer"]
    announcement = announcements.announcement_create(
        actor=officer,
        plan=plan,
        title=f"成都市公安局武侯区分局{now.year}年公开招聘警务辅助人员公告",
        body="根据工作需要，按照《四川省警务辅助人员管理办法》，面向社会公开招聘警务辅助人员。\n"
        "报名时间内登录本门户注册、填写个人信息、如实作出个人承诺后报名。",
        exam_arrangements="笔试：报名结束后另行通知，地点：武侯区实验中学。",
        registration_opens=now - timedelta(days=3),
        registration_closes=now + timedelta(days=14),
        positions=[
            {"code": "01", "title": "巡逻勤务辅警", "category": "service", "places": plan.service_places},
            {
                "code": "02",
                "title": "综合文职辅警",
                "category": "civilian",
                "places": plan.civilian_places,
                "min_education": "junior_college",
            },
        ],
    )
    announcements.announcement_submit(actor=officer, announcement=announcement)
    announcements.announcement_approve(actor=users["wuhou_supervisor"], announcement=announcement)
    service = announcement.positions.get(code="01")
    people = [("zhangsan", "张三", date(1998, 3, 12)), ("lisi", "李四", date(2000, 7, 1))]
    people += [
        (f"demo_applicant{i:02d}", name, date(1995 + i % 8, 1 + i % 12, 10 + i))
        for i, name in enumerate(["王磊", "刘洋", "陈静", "杨帆", "赵勇", "黄丽", "周杰", "吴敏"], start=1)
    ]
    for index, (username, full_name, birth) in enumerate(people):
        user = users.get(username) or User.objects.create_user(
            username=username, password=None, role=Role.APPLICANT, full_name=full_name
        )
        first17 = f"510107{birth:%Y%m%d}{300 + index * 2 + 1:03d}"
        portal.profile_save(
            user=user,
            full_name=full_name,
            id_number=first17 + check_character(first17),
            phone=f"1380000{index:04d}",
            education="high_school",
            email=user.email,
            statuses=["veteran"] if index % 4 == 2 else [],
        )
        if username == "lisi":
            continue
        items = portal.declaration_items(position=service)
        application = portal.application_submit(
            user=user, position=service, declaration={item["code"]: False for item in items}
        )
        if username != "zhangsan":
            review.review_decide(actor=officer, application=application, decision="pass")


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
                decide(
                    actor=recorder,
                    step=step,
                    approve=True,
                    approving_body=_body_name(step, agency),
                    document_number=f"演示〔{today.year}〕{step.pk}号",
                    document_date=today,
                )
        subject.refresh_from_db()


def _body_name(step, agency) -> str:
    names = {
        "staffing_office": "机构编制委员会办公室",
        "finance": "财政局",
        "government": "人民政府",
        "hr_department": "人力资源和社会保障局",
        "police": "公安机关",
    }
    return f"{agency.name}同级{names[step.body]}"

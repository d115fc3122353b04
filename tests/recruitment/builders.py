"""Building blocks for recruitment tests: an approved plan, a published announcement, applicants."""

from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from auxpolice.rules.idnumber import check_character
from headcount.models import Quota, RecruitmentPlan
from headcount.services import quotas
from recruitment.services import announcements, portal
from tests.factories import AgencyFactory, QuotaFactory, UserFactory, numbered_name

_serial = count(100)
NONE_APPLY = None  # marker: declare that no disqualification applies


def id_number(birth: date, area: str = "510107", sex: str = "male") -> str:
    serial = (next(_serial) * 2) % 1000 + (1 if sex == "male" else 0)
    body = f"{area}{birth:%Y%m%d}{serial:03d}"
    return body + check_character(body)


def approved_plan(agency, actor, *, civilian=0, service=2, quota_total=None, year=None) -> RecruitmentPlan:
    year = year or timezone.localdate().year
    quota = Quota.objects.filter(agency=agency, year=year).first() or QuotaFactory(
        agency=agency, year=year, approved_total=quota_total or civilian + service
    )
    plan = RecruitmentPlan.objects.create(
        quota=quota,
        agency=agency,
        title=f"{year}年辅警招聘计划",
        civilian_places=civilian,
        service_places=service,
        status="approved",
        requested_by=actor,
    )
    quotas.quota_reserve(quota_id=quota.pk, civilian=civilian, service=service, actor=actor)
    return plan


def announcement_for(plan, officer, supervisor=None, *, positions=None, publish=True, **extra):
    now = timezone.now()
    fields = {
        "title": f"{plan.agency.name}招聘辅警公告",
        "body": "公告正文。",
        "registration_opens": now - timedelta(days=1),
        "registration_closes": now + timedelta(days=10),
        "positions": positions
        or [{"code": "01", "title": "勤务辅警", "category": "service", "places": plan.service_places or 1}],
    } | extra
    announcement = announcements.announcement_create(actor=officer, plan=plan, **fields)
    if publish:
        announcements.announcement_submit(actor=officer, announcement=announcement)
        supervisor = supervisor or UserFactory(role="supervisor", agency=plan.agency)
        announcement = announcements.announcement_approve(actor=supervisor, announcement=announcement)
    return announcement


def declaration_for(position, applies=()) -> dict:
    return {item["code"]: item["code"] in applies for item in portal.declaration_items(position=position)}


def applicant_with_profile(
    *, birth=date(1998, 5, 1), education="junior_college", statuses=(), area="510107", username=None, email=""
) -> object:
    user = UserFactory(
        role="applicant", agency=None, email=email, **({"username": username} if username else {})
    )
    portal.profile_save(
        user=user,
        full_name=numbered_name("申请人", user.pk),
        id_number=id_number(birth, area),
        phone="13800000000",
        education=education,
        email=email,
        statuses=statuses,
    )
    return user


def apply(user, position, applies=()):
    return portal.application_submit(
        user=user, position=position, declaration=declaration_for(position, applies)
    )


def agency_in(jurisdiction: str):
    """A city-level agency of the jurisdiction (every text lets a city bureau recruit)."""
    codes = {
        "sichuan": "510100",
        "hangzhou": "330100",
        "nantong": "320600",
        "inner_mongolia": "150100",
        "p001": "P001-01",
    }
    return AgencyFactory(
        code=codes[jurisdiction],
        name=f"{jurisdiction} city",
        level="prefecture",
        jurisdiction=jurisdiction,
        parent=None,
    )


def close_registration(announcement) -> None:
    """Registration ends (a stage is ranked only after it has), as if time had passed."""
    from recruitment.models import Announcement

    Announcement.objects.filter(pk=announcement.pk).update(
        registration_closes=timezone.now() - timedelta(seconds=1)
    )
    announcement.refresh_from_db()

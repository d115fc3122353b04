"""Demo personnel in the agencies that have a demo quota, entered through the service."""

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from auxpolice.core.errors import Conflict
from auxpolice.core.models import User
from auxpolice.rules.idnumber import check_character
from headcount.models import Quota

from .models import AuxiliaryOfficer, OfficerStatus
from .services.auxiliaries import NewAuxiliary, auxiliary_create
from .services.contracts import contract_sign

PEOPLE = {
    "510107": ("wuhou_officer", 38),
    "510104": ("jinjiang_officer", 30),
    "330106": ("xihu_officer", 41),
    "320613": ("chongchuan_officer", 29),
    "150102": ("xincheng_officer", 22),
    "P001-01-01": ("p001_county_officer", 18),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
CONTENTS = (
    "rights_duties",
    "job_requirements",
    "working_conditions",
    "probation",
    "term",
    "pay",
    "termination_grounds",
    "breach_liability",
)
POSTS = {"civilian": ["接警员", "窗口服务", "信息录入"], "service": ["巡逻防控", "交通协管", "社区警务"]}


def seed() -> None:
    _seed_people()
    seed_working_life()


def _seed_people() -> None:
    year = timezone.localdate().year
    rng = random.Random(2026)
    users = {u.username: u for u in User.objects.filter(username__in=[v[0] for v in PEOPLE.values()])}
    for quota in Quota.objects.filter(year=year, agency__code__in=PEOPLE).select_related("agency"):
        if AuxiliaryOfficer.objects.filter(agency=quota.agency).exists():
            continue
        username, count = PEOPLE[quota.agency.code]
        area = quota.agency.code[:6] if quota.agency.code[:6].isdigit() else "530102"
        for index in range(count):
            born = date(1980 + rng.randrange(20), 1 + rng.randrange(12), 1 + rng.randrange(28))
            first17 = f"{area}{born:%Y%m%d}{rng.randrange(1000):03d}"
            category = "civilian" if index % 4 == 0 else "service"
            on_probation = index % 5 == 0
            # Hired on the day the first contract starts. Two-year contracts end in the coming months, so the
            # deadline page has work; those still on probation started last month.
            starts = (
                timezone.localdate().replace(day=1) - relativedelta(months=1)
                if on_probation
                else date(year - 1, 1 + index % 12, 1)
            )
            try:
                person = auxiliary_create(
                    actor=users[username],
                    agency=quota.agency,
                    person=NewAuxiliary(
                        full_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                        id_number=first17 + check_character(first17),
                        category=category,
                        hired_on=starts,
                        post=rng.choice(POSTS[category]),
                        status=OfficerStatus.PROBATION if on_probation else OfficerStatus.IN_POST,
                    ),
                )
            except Conflict:  # a rare duplicate random ID number: skip that person
                continue
            term = 2 if index % 3 == 0 else 3
            ends = date(starts.year + term, starts.month, 1) - timedelta(days=1)
            contract_sign(
                actor=users[username],
                officer=person,
                starts_on=starts,
                ends_on=min(ends, _last_day(person)),
                # Two months: the longest 劳动合同法 第十九条 allows for a term of one to three years.
                probation_ends_on=starts + relativedelta(months=2) - timedelta(days=1),
                stated_items=CONTENTS,
                contract_grounds=("serious_violation",),
            )


def _last_day(person) -> date:
    """Nantong's measures end on 2027-12-31: demo contracts there do not outlive the rules they rest on."""
    return date(2027, 12, 31) if person.agency.jurisdiction == "nantong" else date(2099, 12, 31)


def seed_working_life() -> None:
    """A few day-to-day records for 武侯区分局's people: training, duties, issued items, a reward, a
    complaint."""
    from datetime import timedelta

    from .models import TrainingResult
    from .services import conduct, duties, items

    officer = User.objects.filter(username="wuhou_officer").first()
    if officer is None:
        return
    people = list(AuxiliaryOfficer.objects.filter(agency__code="510107").order_by("id")[:6])
    if not people or people[0].trainings.exists():
        return
    today = timezone.localdate()
    for index, person in enumerate(people):
        start = person.hired_on
        duties.training_record(
            actor=officer,
            officer=person,
            kind="pre_service",
            title="岗前培训",
            started_on=start,
            ended_on=start + timedelta(days=14),
            result=TrainingResult.PASSED,
            score=80 + index,
            next_due_on=today + timedelta(days=30 + index * 10),
        )
        items.item_issue(
            actor=officer,
            officer=person,
            item="work_id",
            issued_on=start + timedelta(days=15),
            serial_number=f"WH{person.pk:05d}",
        )
        items.item_issue(actor=officer, officer=person, item="uniform", issued_on=start + timedelta(days=15))
        catalogue = duties.duty_catalogue(person, today)
        if catalogue:
            duties.duty_assign(
                actor=officer,
                officer=person,
                duty=catalogue[index % len(catalogue)].code,
                starts_on=start + timedelta(days=16),
                detail="演示：具体工作内容及依据",
            )
    conduct.reward_add(
        actor=officer,
        officer=people[0],
        title="嘉奖",
        awarded_on=today - timedelta(days=40),
        awarded_by="成都市公安局武侯区分局",
    )
    conduct.complaint_receive(
        actor=officer,
        officer=people[1],
        received_on=today - timedelta(days=5),
        complainant="群众王某",
        content="反映执勤时态度生硬",
    )

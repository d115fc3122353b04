"""Builders for assessment tests: an agency with a grading scheme, people, and a cycle taken to
publication."""

from datetime import date, timedelta

from auxpolice.rules import services as rule_services
from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create
from tests.factories import QuotaFactory, UserFactory, numbered_name
from tests.recruitment.builders import agency_in
from tests.recruitment.builders import id_number as make_id

TIERS = ["四级辅警", "三级辅警", "二级辅警", "一级辅警"]
GRADES = ["优秀", "称职", "基本称职", "不称职"]
BASIS = "局党委会议纪要〔2026〕5号"


def set_scheme(agency, *, admin, **overrides):
    values = {
        "tiers": TIERS,
        "assessment_grades": GRADES,
        "promotion_grades": ["优秀"],
        "demotion_grades": ["不称职"],
        "non_renewal_grades": ["不称职"],
        **overrides,
    }
    for key, value in values.items():
        rule_services.agency_setting_set(actor=admin, agency=agency, key=key, value=value, basis=BASIS)


def graded_agency(jurisdiction, *, admin, **overrides):
    agency = agency_in(jurisdiction)
    if jurisdiction == "nantong" and "assessment_dimensions" not in overrides:
        overrides["assessment_dimensions"] = ["德", "能", "勤", "绩", "廉"]
    set_scheme(agency, admin=admin, **overrides)
    return agency


def staff_of(agency):
    return (
        UserFactory(role="officer", agency=agency),
        UserFactory(role="supervisor", agency=agency),
        UserFactory(role="supervisor", agency=agency),
    )


def people(agency, officer, count, *, tier="三级辅警", hired_on=date(2024, 3, 1)):
    from headcount.models import Quota

    if not Quota.objects.filter(agency=agency, year=hired_on.year).exists():
        QuotaFactory(agency=agency, year=hired_on.year, approved_total=count + 5)
    made = []
    for index in range(count):
        person = auxiliary_create(
            actor=officer,
            agency=agency,
            person=NewAuxiliary(
                full_name=numbered_name("辅警", index),
                id_number=make_id(date(1990, 1, 1) + timedelta(days=index)),
                category="service",
                hired_on=hired_on,
            ),
        )
        if tier:
            type(person).objects.filter(pk=person.pk).update(tier=tier)
            person.refresh_from_db()
        made.append(person)
    return made

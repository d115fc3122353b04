"""体能测评: pass marks by item, sex and age band as the agency enters them from a published standard; the
age band is read on the test day (a birthday that day moves the candidate into the next band); the failing
item is named on the applicant's case page. The marks below are test fixtures, not a standard."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from auxpolice.core.errors import DomainError
from recruitment.models import Application, PhysicalItemResult
from recruitment.services import physical, ranking, review, scoring
from tests.conftest import client_for
from tests.recruitment.builders import (
    announcement_for,
    applicant_with_profile,
    apply,
    approved_plan,
    close_registration,
)

pytestmark = pytest.mark.django_db
MARKS = """1000米跑, 秒, 低, 男, 18-29, 265
1000米跑, 秒, 低, 男, 30-35, 275
纵跳摸高, 厘米, 高, 男, 18-35, 265
800米跑, 秒, 低, 女, 18-35, 250
纵跳摸高, 厘米, 高, 女, 18-35, 230"""


@pytest.fixture
def at_physical_test(wuhou, county_officer):
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer)
    user = applicant_with_profile(birth=date(1996, 11, 20))
    application = apply(user, announcement.positions.get())
    review.review_decide(actor=county_officer, application=application, decision="pass")
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={application.pk: "80"}
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=announcement.positions.get(), stage="exam")
    physical.physical_standard_set(
        actor=county_officer,
        announcement=announcement,
        source="某市公安局辅警招聘体能测评标准（2026）",
        marks=MARKS,
    )
    return user, Application.objects.get(pk=application.pk)


@pytest.mark.parametrize(("tested_on", "passes"), [(date(2026, 11, 19), False), (date(2026, 11, 20), True)])
def test_the_age_band_is_read_on_the_test_day(at_physical_test, county_officer, tested_on, passes):
    _user, application = at_physical_test
    assert application.sex == "male" and application.stage == "physical_test"
    values = {"1000米跑": Decimal("270"), "纵跳摸高": Decimal("266")}
    judged = {j.item: j.passed for j in physical.judge(application, tested_on, values)}
    assert judged == {
        "1000米跑": passes,
        "纵跳摸高": True,
    }  # 29 the day before the birthday: 265 s; 30: 275 s


def test_a_failing_item_is_named_on_the_case_page(client, at_physical_test, county_officer):
    user, application = at_physical_test
    physical.physical_result_record(
        actor=county_officer,
        application=application,
        tested_on=date(2026, 11, 19),
        values={"1000米跑": Decimal("270"), "纵跳摸高": Decimal("270")},
    )
    application.refresh_from_db()
    assert application.status == "failed"
    assert PhysicalItemResult.objects.filter(application=application, passed=False).get().item == "1000米跑"
    client_for(client, user)
    page = client.get(reverse("portal_application", args=[application.pk])).content.decode()
    assert "1000米跑 270.00秒" in page and "≤265" in page


def test_every_item_needs_a_value_and_a_malformed_standard_names_its_line(at_physical_test, county_officer):
    _user, application = at_physical_test
    with pytest.raises(DomainError) as refused:
        physical.physical_result_record(
            actor=county_officer,
            application=application,
            tested_on=date(2026, 11, 20),
            values={"1000米跑": Decimal("270")},
        )
    assert refused.value.field == "values" and not PhysicalItemResult.objects.exists()
    with pytest.raises(DomainError) as refused:
        physical.physical_standard_set(
            actor=county_officer,
            announcement=application.announcement,
            source="x",
            marks="1000米跑, 秒, 低, 男",
        )
    assert "1" in str(refused.value.message) and refused.value.field == "marks"


def test_the_officer_records_each_item_on_the_application_page(client, at_physical_test, county_officer):
    _user, application = at_physical_test
    client_for(client, county_officer)
    page = client.get(reverse("application_detail", args=[application.pk])).content.decode()
    assert "1000米跑（秒）" in page and "800米跑" not in page  # the candidate's sex only
    response = client.post(
        reverse("application_physical", args=[application.pk]),
        {"tested_on": "2026-11-20", "item_0": "270", "item_1": ""},
    )
    assert response.status_code == 400 and 'value="270"' in response.content.decode()
    response = client.post(
        reverse("application_physical", args=[application.pk]),
        {"tested_on": "2026-11-20", "item_0": "270", "item_1": "270"},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).stage == "medical_exam"

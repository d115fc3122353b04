"""体能测评: pass marks by item, sex and age band as the agency enters them from a published standard; the
age band is read on the test day (a birthday that day moves the candidate into the next band); the failing
item is named on the applicant's case page. The marks below are test fixtures, not a standard."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

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


@pytest.fixture
def three_at_physical_test(wuhou, county_officer):
    """A man aged 29 (30 on 2026-11-20), a woman and a man, all at the physical test, with the standard."""
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=3), county_officer)
    position = announcement.positions.get()
    people = [
        applicant_with_profile(birth=date(1996, 11, 20)),
        applicant_with_profile(birth=date(1998, 5, 1)),
        applicant_with_profile(birth=date(1999, 1, 1)),
    ]
    apps = [apply(user, position) for user in people]
    Application.objects.filter(pk=apps[1].pk).update(sex="female")
    for app in apps:
        review.review_decide(actor=county_officer, application=app, decision="pass")
    scoring.scores_record(
        actor=county_officer, announcement=announcement, stage="exam", scores={a.pk: "80" for a in apps}
    )
    close_registration(announcement)
    ranking.stage_rank(actor=county_officer, position=position, stage="exam")
    physical.physical_standard_set(
        actor=county_officer, announcement=announcement, source="某市体能测评标准（2026）", marks=MARKS
    )
    return announcement, [Application.objects.get(pk=a.pk) for a in apps]


def _upload(client, announcement, rows, capture, *, header):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    with capture(execute=True):
        started = client.post(
            reverse("results_import", args=[announcement.pk, "physical_test"]),
            {"workbook": SimpleUploadedFile("physical.xlsx", data.getvalue())},
        )
    return client.get(started.url).context["job"]


def _template(client, announcement) -> bytes:
    return client.get(reverse("result_template", args=[announcement.pk, "physical_test"])).content


def test_physical_results_by_workbook_are_judged_item_by_item_all_rows_or_none(
    client, three_at_physical_test, county_officer, django_capture_on_commit_callbacks
):
    announcement, (turning_30, woman, man) = three_at_physical_test
    client_for(client, county_officer)
    header = [cell.value for cell in load_workbook(io.BytesIO(_template(client, announcement))).active[1]]
    assert header[4:] == [
        "测试日期",
        "缺考（填“缺考”）",
        "1000米跑（秒）",
        "800米跑（秒）",
        "纵跳摸高（厘米）",
    ]
    t1, t2, t3 = (a.ticket_number for a in (turning_30, woman, man))
    capture = django_capture_on_commit_callbacks
    header = tuple(header)

    job = _upload(
        client,
        announcement,
        [
            [t1, "", "01", "男", "2026-11-20", "", 270, None, 266],
            [t2, "", "01", "女", "2026-11-20", "", 240, 240, 231],  # a man's item typed for a woman
            [t3, "", "01", "男", "2026-11-20", "", "快", None, 270],
            [t3, "", "01", "男", "2026-11-20", "", 250, None, None],
        ],
        capture,
        header=header,
    )
    assert job.status == "failed" and [(e["row"], e["column"]) for e in job.errors] == [
        (3, "1000米跑"),
        (4, "1000米跑"),
        (5, "准考证号"),
    ]
    assert not PhysicalItemResult.objects.exists()

    job = _upload(
        client,
        announcement,
        [
            [t1, "", "01", "男", "2026-11-20", "", 270, None, 266],  # 30 that day: 275 s is the mark
            [t2, "", "01", "女", "2026-11-20", "", None, 255, 231],  # 800 m too slow
            [t3, "", "01", "男", "", "缺考", None, None, None],
        ],
        capture,
        header=header,
    )
    assert job.status == "done"
    states = {a.pk: (a.status, a.stage) for a in Application.objects.all()}
    assert states[turning_30.pk] == ("in_progress", "medical_exam")
    assert states[woman.pk][0] == states[man.pk][0] == "failed"
    failing = PhysicalItemResult.objects.get(application=woman, passed=False)
    assert failing.item == "800米跑" and failing.value == Decimal("255")


def test_a_physical_workbook_with_other_columns_is_refused_whole(
    client, three_at_physical_test, county_officer, django_capture_on_commit_callbacks
):
    announcement, (first, _woman, _man) = three_at_physical_test
    client_for(client, county_officer)
    job = _upload(
        client,
        announcement,
        [[first.ticket_number, "", "01", "合格"]],
        django_capture_on_commit_callbacks,
        header=("准考证号", "姓名", "岗位", "结果（合格/不合格/缺考）", "说明（不合格时必填）"),
    )
    assert job.status == "failed" and "体能测评标准" in job.errors[0]["message"]
    assert Application.objects.get(pk=first.pk).stage == "physical_test"

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from headcount.models import Quota, QuotaRequest, StepStatus
from tests.conftest import client_for
from tests.factories import AgencyFactory, QuotaFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def xihu(hangzhou):
    return AgencyFactory(code="330106", name="西湖区分局", level="county", parent=hangzhou)


def test_officer_requests_a_quota_and_a_colleague_records_each_outside_step(client, xihu):
    officer = UserFactory(username="a", role="officer", agency=xihu)
    colleague = UserFactory(username="b", role="officer", agency=xihu)
    response = client_for(client, officer).post(
        reverse("quota_request_new", args=[xihu.pk]), {"year": 2026, "total": 30, "reason": "新增巡区"}
    )
    quota = Quota.objects.get(agency=xihu)
    assert response.status_code == 302 and response.url == reverse("quota_detail", args=[quota.pk])
    client_for(client, colleague)
    for step in QuotaRequest.objects.get().steps.filter(status=StepStatus.PENDING).order_by("sequence"):
        client.post(
            reverse("step_decide", args=[step.pk]),
            {
                "decision": "approve",
                "approving_body": "西湖区人民政府",
                "document_number": "西政〔2026〕1号",
                "document_date": "2026-03-02",
            },
        )
    quota.refresh_from_db()
    assert quota.approved_total == 30
    page = client.get(reverse("quota_detail", args=[quota.pk])).content.decode()
    assert "西政〔2026〕1号" in page and "同级人民政府批准" in page


def test_a_refused_request_shows_the_reason_and_article_and_writes_nothing(client, wuhou, county_officer):
    response = client_for(client, county_officer).post(
        reverse("quota_request_new", args=[wuhou.pk]), {"year": 2026, "total": 30, "reason": "x"}, follow=True
    )
    body = response.content.decode()
    assert "四川省办法 第六条" in body
    assert not Quota.objects.exists()


def test_dashboard_sums_each_subordinate_subtree(client, city_officer, chengdu, wuhou, jinjiang):
    QuotaFactory(agency=wuhou, approved_total=10, in_post_service=4, reserved_civilian=1)
    QuotaFactory(agency=jinjiang, approved_total=6, in_post_civilian=6)
    response = client_for(client, city_officer).get(reverse("headcount_dashboard"), {"year": 2026})
    rows = {row.agency.name: row for row in response.context["rows"]}
    assert (
        rows["成都市公安局"].approved,
        rows["成都市公安局"].in_post_total,
        rows["成都市公安局"].vacant,
    ) == (16, 10, 5)
    assert rows["武侯区分局"].reserved_total == 1


def test_dashboard_query_count_does_not_grow_with_agencies(
    client, city_officer, chengdu, django_assert_max_num_queries
):
    for _ in range(15):
        QuotaFactory(agency=AgencyFactory(parent=chengdu, level="county"), approved_total=3)
    client_for(client, city_officer)
    with django_assert_max_num_queries(12):
        client.get(reverse("headcount_dashboard"), {"year": 2026})


def test_county_officer_sees_only_own_quota_and_not_the_neighbours(client, county_officer, wuhou, jinjiang):
    other = QuotaFactory(agency=jinjiang)
    client_for(client, county_officer)
    assert client.get(reverse("quota_detail", args=[other.pk])).status_code == 404


def test_excel_export_has_the_dashboard_rows(client, city_officer, chengdu, wuhou):
    QuotaFactory(agency=wuhou, approved_total=10, in_post_service=4)
    response = client_for(client, city_officer).get(reverse("headcount_export"), {"year": 2026})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "单位" and ("武侯区分局", 10, 0, 4, 0, 0, 0, 6) in rows


def test_supervisor_sees_pending_consent_first_on_the_dashboard(
    client, wuhou, county_officer, chengdu_supervisor
):
    from headcount.services import plans

    QuotaFactory(agency=wuhou, approved_total=10)
    plans.plan_submit(
        actor=county_officer, agency=wuhou, year=2026, title="春季招聘", civilian_places=0, service_places=2
    )
    response = client_for(client, chengdu_supervisor).get(reverse("headcount_dashboard"))
    assert [s.label_zh for s in response.context["pending"]] == ["上一级公安机关同意"]


def test_dashboard_counts_people_on_probation_in_each_subtree(client, city_officer, county_officer, wuhou):
    from datetime import date

    from auxpolice.rules.idnumber import check_character
    from personnel.services.auxiliaries import NewAuxiliary, auxiliary_create

    QuotaFactory(agency=wuhou, approved_total=5)
    for serial, status in ((11, "probation"), (12, "in_post"), (13, "probation")):
        first17 = f"51010719900101{serial:03d}"
        auxiliary_create(
            actor=county_officer,
            agency=wuhou,
            person=NewAuxiliary(
                full_name="李四",
                id_number=first17 + check_character(first17),
                category="service",
                hired_on=date(2026, 2, 1),
                status=status,
            ),
        )
    rows = {
        r.agency.name: r
        for r in client_for(client, city_officer)
        .get(reverse("headcount_dashboard"), {"year": 2026})
        .context["rows"]
    }
    assert (
        rows["成都市公安局"].on_probation,
        rows["武侯区分局"].on_probation,
        rows["武侯区分局"].in_post_total,
    ) == (2, 2, 3)

"""The workbench: what waits for each role, as counts that match the lists they link to, in a fixed number
of queries whatever the data size."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from personnel.services.contracts import contract_sign
from recruitment.services import review
from tests.conftest import client_for
from tests.factories import QuotaFactory
from tests.personnel.test_records import hire
from tests.recruitment.builders import announcement_for, applicant_with_profile, apply, approved_plan


def _items(response) -> dict[str, tuple[int, str]]:
    return {
        item.title: (item.count, item.url)
        for section in response.context["sections"]
        for item in section.items
    }


def _people_with_contracts(officer, agency, serials, ends_in_days):
    today = timezone.localdate()
    for serial in serials:
        person = hire(officer, agency, serial=serial, hired_on=today - timedelta(days=400))
        contract_sign(
            actor=officer,
            officer=person,
            starts_on=today - timedelta(days=400),
            ends_on=today + timedelta(days=ends_in_days),
            probation_ends_on=today - timedelta(days=350),
            stated_items=(
                "rights_duties",
                "job_requirements",
                "working_conditions",
                "probation",
                "term",
                "pay",
                "termination_grounds",
                "breach_liability",
            ),
        )


def test_the_officers_workbench_counts_what_waits_and_links_to_the_same_rows(client, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=20, year=timezone.localdate().year - 1)
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    position = announcement.positions.get()
    for _ in range(3):
        apply(applicant_with_profile(), position)
    passed = apply(applicant_with_profile(), position)
    review.review_decide(actor=county_officer, application=passed, decision="pass")
    _people_with_contracts(county_officer, wuhou, range(1, 3), ends_in_days=20)
    _people_with_contracts(county_officer, wuhou, range(3, 4), ends_in_days=75)
    client_for(client, county_officer)
    items = _items(client.get(reverse("home")))
    count, url = items[f"待资格审查：{announcement.title}"]
    assert count == 3 and len(client.get(url).context["page"].rows) == 3
    count, url = items[f"待录入成绩：{announcement.title}，考试"]
    assert count == 1 and url == reverse("stage_scores", args=[announcement.pk, "exam"])
    assert items["30天内到期的劳动合同"][0] == 2 and items["90天内到期的劳动合同"][0] == 3
    assert len(client.get(items["30天内到期的劳动合同"][1]).context["page"].rows) == 2


def test_the_workbench_costs_the_same_queries_for_more_data(client, county_officer, wuhou):
    QuotaFactory(agency=wuhou, approved_total=40, year=timezone.localdate().year - 1)
    announcement = announcement_for(approved_plan(wuhou, county_officer, service=2), county_officer)
    client_for(client, county_officer)

    def queries() -> int:
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    apply(applicant_with_profile(), announcement.positions.get())
    _people_with_contracts(county_officer, wuhou, range(1, 2), ends_in_days=20)
    few = queries()
    for _ in range(5):
        apply(applicant_with_profile(), announcement.positions.get())
    _people_with_contracts(county_officer, wuhou, range(2, 8), ends_in_days=20)
    assert queries() == few <= 20


def test_the_supervisor_sees_approvals_with_their_age(client, supervisor, county_officer, wuhou):
    announcement_for(approved_plan(wuhou, county_officer, service=1), county_officer, publish=False)
    from recruitment.models import Announcement
    from recruitment.services import announcements

    announcements.announcement_submit(actor=county_officer, announcement=Announcement.objects.get())
    client_for(client, supervisor)
    items = _items(client.get(reverse("home")))
    count, url = items["待审批的招聘公告"]
    assert count == 1 and "status=pending" in url
    assert date.today()  # the page rendered with the age computed


def test_each_role_sees_only_its_sections_of_the_navigation(client, county_officer, sichuan):
    from auxpolice.core import services

    security = services.staff_user_create(
        actor=None, username="sec", password="Strong-password-2026", role="security_admin", agency=None
    )
    client_for(client, county_officer)
    officer_groups = [label for label, _links, _current in client.get(reverse("home")).context["nav_groups"]]
    assert [str(g) for g in officer_groups] == ["工作台", "人事", "招聘", "考核", "薪酬", "系统"]
    officer_links = {
        text for _l, links, _c in client.get(reverse("home")).context["nav_groups"] for _u, text in links
    }
    assert "系统管理" not in {str(t) for t in officer_links}
    client_for(client, security)
    groups = client.get(reverse("home")).context["nav_groups"]
    assert [str(label) for label, _links, _current in groups] == ["工作台", "系统"]


def test_the_auditor_sees_views_of_protected_data_and_retention_runs(client, auditor, county_officer, wuhou):
    from django.contrib.auth.models import Permission

    QuotaFactory(agency=wuhou, approved_total=5, year=timezone.localdate().year)
    person = hire(county_officer, wuhou, serial=9, hired_on=timezone.localdate().replace(month=1, day=2))
    county_officer.user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    client_for(client, county_officer)
    client.post(reverse("id_number_reveal", args=[person.pk]))
    client_for(client, auditor)
    items = _items(client.get(reverse("home")))
    assert items["人员档案"][0] == 1 and "access" in items["人员档案"][1]

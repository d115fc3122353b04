"""Officers see and change only their agency's subtree; superiors supervise subordinates."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from auxpolice.core.models import Agency
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_county_officer_lists_only_own_county(client, county_officer, wuhou, jinjiang):
    response = client_for(client, county_officer).get(reverse("agency_list"))
    names = [agency.name for agency in response.context["page"]]
    assert names == [wuhou.name]


def test_county_officer_gets_404_for_another_countys_agency_page(client, county_officer, jinjiang):
    response = client_for(client, county_officer).get(reverse("agency_detail", args=[jinjiang.pk]))
    assert response.status_code == 404


def test_county_officer_cannot_change_another_county_by_posting_the_form(client, county_officer, jinjiang):
    response = client_for(client, county_officer).post(
        reverse("agency_edit", args=[jinjiang.pk]),
        {"name": "改名", "address": "", "phone": "", "is_active": "on"},
    )
    assert response.status_code == 404
    jinjiang.refresh_from_db()
    assert jinjiang.name == "锦江区分局"


def test_county_officer_changes_own_county_and_history_records_them(client, county_officer, wuhou):
    response = client_for(client, county_officer).post(
        reverse("agency_edit", args=[wuhou.pk]),
        {"name": wuhou.name, "address": "成都市武侯区XX路1号", "phone": "028-1234567", "is_active": "on"},
    )
    assert response.status_code == 302
    wuhou.refresh_from_db()
    assert wuhou.address == "成都市武侯区XX路1号"
    latest = wuhou.history.first()
    assert latest.history_user == county_officer
    assert latest.history_type == "~"


def test_city_officer_sees_all_its_counties_but_not_its_province(
    client, city_officer, sichuan, chengdu, wuhou, jinjiang
):
    response = client_for(client, city_officer).get(reverse("agency_list"))
    names = {agency.name for agency in response.context["page"]}
    assert names == {chengdu.name, wuhou.name, jinjiang.name}
    assert client.get(reverse("agency_detail", args=[wuhou.pk])).status_code == 200
    assert client.get(reverse("agency_detail", args=[sichuan.pk])).status_code == 404


def test_officer_of_another_jurisdiction_sees_nothing_of_sichuan(client, outsider, wuhou):
    client_for(client, outsider)
    assert client.get(reverse("agency_detail", args=[wuhou.pk])).status_code == 404


def test_supervisor_can_view_but_not_edit(client, supervisor, wuhou):
    client_for(client, supervisor)
    assert client.get(reverse("agency_detail", args=[wuhou.pk])).status_code == 200
    assert client.get(reverse("agency_edit", args=[wuhou.pk])).status_code == 404


def test_auditor_reads_the_whole_province_but_changes_nothing(client, auditor, wuhou, jinjiang):
    client_for(client, auditor)
    assert client.get(reverse("agency_detail", args=[jinjiang.pk])).status_code == 200
    response = client.post(reverse("agency_edit", args=[wuhou.pk]), {"name": "x", "is_active": "on"})
    assert response.status_code == 404
    assert Agency.objects.get(pk=wuhou.pk).name == "武侯区分局"


def test_guardian_grant_widens_one_officers_view_to_another_subtree(client, county_officer, jinjiang, wuhou):
    # A secondment: the Wuhou officer is granted the view of Jinjiang, not its change.
    assign_perm("core.view_subtree", county_officer, jinjiang)
    client_for(client, county_officer)
    assert client.get(reverse("agency_detail", args=[jinjiang.pk])).status_code == 200
    assert client.get(reverse("agency_edit", args=[jinjiang.pk])).status_code == 404


def test_staff_list_shows_only_colleagues_in_scope(
    client, county_officer, other_county_officer, city_officer
):
    response = client_for(client, county_officer).get(reverse("staff_list"))
    assert [user.username for user in response.context["page"]] == ["county_officer"]
    response = client_for(client, city_officer).get(reverse("staff_list"))
    assert {user.username for user in response.context["page"]} == {
        "county_officer",
        "other_county_officer",
        "city_officer",
    }


def test_county_officer_cannot_read_another_countys_history(client, county_officer, jinjiang):
    response = client_for(client, county_officer).get(reverse("history", args=["core.agency", jinjiang.pk]))
    assert response.status_code == 404

import pytest
from django.urls import reverse

from auxpolice.rules.registry import JURISDICTIONS
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_rules_index_lists_all_five_jurisdictions(client, county_officer):
    response = client_for(client, county_officer).get(reverse("rules_index"))
    body = response.content.decode()
    for name in ("杭州市规定", "（001省）条例", "四川省办法", "内蒙古条例", "南通市实施办法"):
        assert name in body


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_each_jurisdiction_page_shows_rules_with_clause_text(client, county_officer, jurisdiction):
    response = client_for(client, county_officer).get(reverse("rules_jurisdiction", args=[jurisdiction]))
    assert response.status_code == 200
    assert response.content.decode().count('<details class="cite">') > 10


def test_sichuan_page_shows_the_age_clause_with_its_text(client, county_officer):
    body = (
        client_for(client, county_officer)
        .get(reverse("rules_jurisdiction", args=["sichuan"]))
        .content.decode()
    )
    assert "四川省办法 第十八条第（三）项" in body and "不超过35周岁" in body


def test_hangzhou_page_says_its_text_is_incomplete(client, county_officer):
    body = (
        client_for(client, county_officer)
        .get(reverse("rules_jurisdiction", args=["hangzhou"]))
        .content.decode()
    )
    assert "badge-unknown" in body


def test_compare_page_puts_two_jurisdictions_side_by_side(client, county_officer):
    response = client_for(client, county_officer).get(
        reverse("rules_compare"), {"a": "sichuan", "b": "nantong", "topic": "招聘条件"}
    )
    body = response.content.decode()
    assert "四川省办法 第十八条第（三）项" in body and "badge-silent" in body


def test_index_warns_of_nantong_end_date_when_it_is_near(client, county_officer, settings, monkeypatch):
    from datetime import date

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda: date(2027, 10, 1))
    body = client_for(client, county_officer).get(reverse("rules_index")).content.decode()
    assert "2027-12-31" in body


def test_applicants_cannot_open_the_rules_browser(client, applicant):
    assert client_for(client, applicant).get(reverse("rules_index")).status_code == 403

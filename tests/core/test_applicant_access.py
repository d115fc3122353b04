"""Applicants are portal users: no staff page, no staff API, nobody else's data."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from auxpolice.core import sms
from auxpolice.core.models import Role, User
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["agency_list", "staff_list"]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_applicant_is_refused_staff_pages(client, applicant, page):
    response = client_for(client, applicant).get(reverse(page))
    assert response.status_code == 403


def test_applicant_is_refused_agency_detail_and_history(client, applicant, wuhou):
    client_for(client, applicant)
    assert client.get(reverse("agency_detail", args=[wuhou.pk])).status_code == 403
    assert client.get(reverse("history", args=["core.agency", wuhou.pk])).status_code == 403


def test_applicant_home_goes_to_the_portal(client, applicant):
    response = client_for(client, applicant).get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("portal_home")


def test_applicant_is_refused_staff_api(api, applicant, wuhou):
    api.force_authenticate(applicant)
    assert api.get("/api/v1/agencies/").status_code == 403
    assert api.get(f"/api/v1/history/core.user/{applicant.pk}/").status_code == 403


def test_applicant_me_api_shows_only_own_account(api, applicant):
    api.force_authenticate(applicant)
    body = api.get("/api/v1/me/").json()
    assert body["username"] == "applicant" and body["role"] == "applicant" and body["agency"] is None


def test_applicant_account_page_shows_own_data_only(client, applicant):
    other = User.objects.create_user(
        username="other_applicant", password="x", role=Role.APPLICANT, email="o@x.cn"
    )
    response = client_for(client, applicant).get(reverse("portal_account"))
    assert response.status_code == 200
    assert other.email not in response.content.decode()


def test_staff_cannot_use_applicant_pages(client, county_officer):
    assert client_for(client, county_officer).get(reverse("portal_account")).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, wuhou):
    response = client.get(reverse("agency_detail", args=[wuhou.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def register(client, username="wangwu", phone="13800000000", **extra):
    return client.post(
        reverse("applicant_register"),
        {
            "username": username,
            "full_name": "王五",
            "email": "",
            "phone": phone,
            "password": "Long-enough-pass-1",
            "password_again": "Long-enough-pass-1",
            **extra,
        },
    )


def texted_code() -> str:
    import re

    return re.search(r"\d{6}", sms.outbox[-1][1]).group()


@pytest.fixture
def texts(settings):
    settings.SMS_BACKEND = "auxpolice.core.sms.MemoryBackend"
    sms.outbox.clear()
    cache.clear()
    return sms.outbox


def test_self_registration_with_the_texted_code_creates_an_applicant_who_authored_their_own_record(
    client, texts
):
    response = register(client)
    assert response.status_code == 302 and response.url == reverse("applicant_register_verify")
    assert not User.objects.filter(username="wangwu").exists() and texts[-1][0] == "13800000000"
    assert (
        client.post(
            reverse("applicant_register_verify"),
            {"code": "000000" if texted_code() != "000000" else "111111"},
        ).status_code
        == 400
    )
    response = client.post(reverse("applicant_register_verify"), {"code": texted_code()})
    assert response.status_code == 302
    user = User.objects.get(username="wangwu")
    assert user.role == Role.APPLICANT and user.agency is None and user.phone == "13800000000"
    assert user.check_password("Long-enough-pass-1")
    assert user.history.get().history_user == user


def test_registration_answers_alike_whether_or_not_the_username_exists(client, texts, sysadmin):
    taken = register(client, username=sysadmin.username)
    client.cookies.clear()
    free = register(client, username="zhaoliu")
    assert (taken.status_code, taken.url) == (free.status_code, free.url)
    page_taken = client.get(taken.url)  # the same session page either way
    assert page_taken.status_code == 200
    assert "不可用" in texts[0][1] or "not available" in texts[0][1]
    assert not any(
        ch.isdigit() for ch in texts[0][1].replace(sysadmin.username, "")
    )  # no code for a taken name


def test_registration_is_throttled_per_address(client, texts):
    from auxpolice.core import registration

    for n in range(registration.STARTS_PER_ADDRESS):
        assert register(client, username=f"user{n}", phone=f"1390000{n:04d}").status_code == 302
    refused = register(client, username="one_more", phone="13700000000")
    assert refused.status_code == 400 and not User.objects.exists()
    assert len(texts) == registration.STARTS_PER_ADDRESS


def test_registration_with_weak_password_explains_and_creates_nothing(client, db):
    response = client.post(
        reverse("applicant_register"),
        {
            "username": "wangwu",
            "full_name": "王五",
            "phone": "13800000000",
            "password": "123",
            "password_again": "123",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="wangwu").exists()

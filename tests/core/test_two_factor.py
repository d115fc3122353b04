"""The back office's second factor: set up on first log-in, asked at every log-in, codes used once."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.otp import current_code


def test_first_log_in_sets_up_the_authenticator_then_reaches_the_back_office(client, county_officer):
    client.force_login(county_officer)
    page = client.get("/accounts/2fa/")
    assert page.status_code == 200 and "<svg" in page.content.decode() and page.context["secret"]
    device = TOTPDevice.objects.get(user=county_officer, confirmed=False)
    wrong = client.post("/accounts/2fa/", {"token": "123456"})
    assert wrong.status_code == 400 and client.get("/personnel/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # each failure doubles the wait before the next try
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)  # the wait has passed
    response = client.post("/accounts/2fa/", {"token": current_code(device), "next": "/personnel/"})
    assert response.status_code == 302 and response["Location"] == "/personnel/"
    assert client.get("/personnel/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_each_log_in_asks_for_a_fresh_code_and_refuses_a_used_one(client, county_officer):
    device = TOTPDevice.objects.create(user=county_officer, name="authenticator", confirmed=True)
    client.force_login(county_officer)
    code = current_code(device)
    assert client.post("/accounts/2fa/", {"token": code}).status_code == 302
    client.logout()
    client.force_login(county_officer)
    assert client.post("/accounts/2fa/", {"token": code}).status_code == 400  # replay within the same step
    assert client.get("/agencies/").status_code == 302


def test_the_next_address_must_stay_on_this_site(client, county_officer):
    device = TOTPDevice.objects.create(user=county_officer, name="authenticator", confirmed=True)
    client.force_login(county_officer)
    response = client.post("/accounts/2fa/", {"token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_applicants_are_not_asked_for_a_second_factor(client, applicant):
    client.force_login(applicant)
    assert client.get("/portal/account/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 302


def test_the_admin_also_requires_the_second_factor(client, sysadmin):
    client.force_login(sysadmin)
    assert client.get("/admin/").status_code == 302
    from tests.otp import verify_client
    verify_client(client, sysadmin)
    assert client.get("/admin/").status_code == 200


def test_demo_code_command_is_refused_in_production(settings, county_officer, capsys):
    call_command("totp_code", "county_officer")
    assert capsys.readouterr().out.strip().isdigit()
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("totp_code", "county_officer")

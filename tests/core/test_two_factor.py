"""The back office's second factor: set up on first log-in, asked at every log-in, codes used once."""

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from auxpolice.core import second_factor
from tests.otp import current_code


def test_first_log_in_sets_up_the_authenticator_then_reaches_the_back_office(client, county_officer):
    code = second_factor.enrolment_code_issue(actor=None, user=county_officer)
    client.force_login(county_officer)
    assert client.post("/accounts/2fa/", {"enrolment_code": code.lower()}).status_code == 302
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


def test_the_password_alone_never_reveals_a_secret_or_enrols_a_device(client, county_officer):
    client.force_login(county_officer)
    page = client.get("/accounts/2fa/")
    assert page.status_code == 200 and "<svg" not in page.content.decode() and "secret" not in page.context
    assert 'name="enrolment_code"' in page.content.decode()
    assert client.post("/accounts/2fa/", {"token": "123456"}).status_code == 400
    assert not TOTPDevice.objects.filter(user=county_officer).exists()
    assert client.get("/personnel/").status_code == 302


def test_an_enrolment_code_works_once_and_not_after_72_hours(client, county_officer):
    from datetime import timedelta

    from django.utils import timezone

    from auxpolice.core.models import EnrolmentCode

    code = second_factor.enrolment_code_issue(actor=None, user=county_officer)
    EnrolmentCode.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(county_officer)
    assert client.post("/accounts/2fa/", {"enrolment_code": code}).status_code == 400
    code = second_factor.enrolment_code_issue(actor=None, user=county_officer)
    assert client.post("/accounts/2fa/", {"enrolment_code": code}).status_code == 302
    client.logout()
    client.force_login(county_officer)  # a new session: the used code opens nothing
    assert client.post("/accounts/2fa/", {"enrolment_code": code}).status_code == 400


def test_wrong_enrolment_codes_are_throttled_per_account(client, county_officer):
    code = second_factor.enrolment_code_issue(actor=None, user=county_officer)
    client.force_login(county_officer)
    for _ in range(second_factor.ENROLMENT_TRIES):
        assert client.post("/accounts/2fa/", {"enrolment_code": "AAAA-AAAA-AAAA-AAAA"}).status_code == 400
    assert client.post("/accounts/2fa/", {"enrolment_code": code}).status_code == 400


def test_the_security_administrator_issues_codes_shown_once_but_not_for_themselves_or_administrators(
    client, wuhou
):
    from auxpolice.core import services
    from auxpolice.core.models import AccountChange
    from tests.conftest import client_for
    from tests.factories import UserFactory

    security = services.staff_user_create(
        actor=None, username="sec", password="Strong-password-2026", role="security_admin", agency=None
    )
    system = services.staff_user_create(
        actor=None, username="sys", password="Strong-password-2026", role="sysadmin", agency=None
    )
    officer = UserFactory(role="officer", agency=wuhou)
    client_for(client, security)
    response = client.post(
        "/admin/core/user/",
        {"action": "issue_enrolment_codes", "_selected_action": [officer.pk, system.pk, security.pk]},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    issued = dict((user.username, code) for user, code in response.context["issued"])
    assert list(issued) == [officer.username] and issued[officer.username] in page
    assert AccountChange.objects.filter(user=officer, field="enrolment_code", actor=security).exists()


def test_passing_the_second_factor_gives_the_session_a_new_key(client, county_officer):
    device = TOTPDevice.objects.create(user=county_officer, name="authenticator", confirmed=True)
    client.force_login(county_officer)
    before = client.session.session_key
    assert client.post("/accounts/2fa/", {"token": current_code(device)}).status_code == 302
    assert client.session.session_key != before

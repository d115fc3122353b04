"""三员分立, second pass: no administrator raises their own rights or makes an account stronger than its role;
raw permissions and the superuser flag are never edited in the application; every account change is logged."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from auxpolice.core import services
from auxpolice.core.errors import NotPermitted
from auxpolice.core.models import AccountChange, User
from tests.conftest import client_for
from tests.factories import UserFactory

PASSWORD = "Strong-password-2026"


@pytest.fixture
def security(db):
    return services.staff_user_create(
        actor=None, username="sec", password=PASSWORD, role="security_admin", agency=None
    )


@pytest.fixture
def sysadmin(db):
    return services.staff_user_create(
        actor=None, username="sys", password=PASSWORD, role="sysadmin", agency=None
    )


def change_url(user) -> str:
    return f"/admin/core/user/{user.pk}/change/"


def form_data(user, **changes) -> dict:
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "phone": user.phone,
        "role": user.role,
        "agency": user.agency_id or "",
        "is_active": "on" if user.is_active else "",
    }
    return {k: v for k, v in (data | changes).items() if v is not None}


def test_the_security_administrators_own_form_offers_no_superuser_flag_groups_or_permissions(
    client, security
):
    page = client_for(client, security).get(change_url(security)).content.decode()
    for field in ("is_superuser", "is_staff", "user_permissions", "groups", "role", "agency", "grants"):
        assert f'name="{field}"' not in page


def test_ticking_superuser_on_ones_own_account_changes_nothing(client, security):
    client_for(client, security)
    response = client.post(
        change_url(security),
        form_data(
            security, is_superuser="on", is_staff="on", role="sysadmin", user_permissions="1", groups="1"
        ),
    )
    assert response.status_code == 302
    security.refresh_from_db()
    assert (security.is_superuser, security.role) == (False, "security_admin")
    assert not security.user_permissions.exists() and not security.groups.exists()


def test_nobody_changes_their_own_role_even_through_the_service(security):
    from auxpolice.core import accounts

    with pytest.raises(NotPermitted):
        accounts.account_update(
            actor=security,
            user=security,
            role="officer",
            agency=None,
            is_active=True,
            grants={"personnel.view_full_id_number"},
        )


def test_an_officer_cannot_be_made_an_administrator_in_the_application(client, security, wuhou):
    officer = UserFactory(role="officer", agency=wuhou)
    client_for(client, security)
    for role in ("sysadmin", "security_admin", "auditor"):
        response = client.post(change_url(officer), form_data(officer, role=role))
        assert response.status_code == 200  # the form again, with the error
        assert 'class="errorlist' in response.content.decode()
    officer.refresh_from_db()
    assert officer.role == "officer"


def test_administrator_accounts_are_not_created_or_changed_in_the_application(
    client, security, sysadmin, sichuan
):
    with pytest.raises(NotPermitted):
        services.staff_user_create(
            actor=security, username="sec2", password=PASSWORD, role="security_admin", agency=None
        )
    client_for(client, security)
    client.post(change_url(sysadmin), form_data(sysadmin, is_active=""))
    sysadmin.refresh_from_db()
    assert sysadmin.is_active
    assert client.get(f"/admin/auth/user/{sysadmin.pk}/password/").status_code in (403, 404)
    assert (
        client.post(
            f"/admin/core/user/{sysadmin.pk}/password/",
            {"password1": "Another-password-2026", "password2": "Another-password-2026"},
        ).status_code
        == 403
    )
    assert client.get(f"/admin/core/user/{security.pk}/password/").status_code == 403


def test_granting_access_to_full_id_numbers_is_logged_for_the_audit_administrator(
    client, security, wuhou, sichuan
):
    officer = UserFactory(role="officer", agency=wuhou)
    client_for(client, security)
    response = client.post(change_url(officer), form_data(officer, grants="personnel.view_full_id_number"))
    assert response.status_code == 302
    assert User.objects.get(pk=officer.pk).has_perm("personnel.view_full_id_number")
    change = AccountChange.objects.get(user=officer, field="grants")
    assert (change.actor, change.new) == (security, "personnel.view_full_id_number")
    auditor = UserFactory(role="auditor", agency=sichuan)
    page = client_for(client, auditor).get("/audit/access/").content.decode()
    assert officer.username in page and "personnel.view_full_id_number" in page


def test_second_factors_are_reset_but_never_added_and_not_an_administrators(
    client, security, sysadmin, wuhou
):
    officer = UserFactory(role="officer", agency=wuhou)
    mine = TOTPDevice.objects.create(user=officer, name="authenticator")
    theirs = TOTPDevice.objects.create(user=sysadmin, name="authenticator")
    client_for(client, security)
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert client.post(f"/admin/otp_totp/totpdevice/{theirs.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/otp_totp/totpdevice/{mine.pk}/delete/", {"post": "yes"}).status_code == 302
    assert (
        not TOTPDevice.objects.filter(pk=mine.pk).exists()
        and TOTPDevice.objects.filter(pk=theirs.pk).exists()
    )
    assert AccountChange.objects.filter(user=officer, field="second_factor", actor=security).exists()


def test_the_server_command_is_the_way_to_make_an_administrator_and_it_is_logged(db, wuhou):
    from django.core.management import call_command

    officer = UserFactory(role="officer", agency=wuhou)
    call_command("account_role", officer.username, "security_admin")
    officer.refresh_from_db()
    assert (officer.role, officer.agency, officer.is_staff, officer.is_superuser) == (
        "security_admin",
        None,
        True,
        False,
    )
    assert AccountChange.objects.get(user=officer, field="role").actor is None

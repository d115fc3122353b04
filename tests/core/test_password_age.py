"""Back-office passwords are changed every 90 days (MLPS); applicants are never forced to rotate (ASVS)."""

from datetime import timedelta

from django.utils import timezone

from auxpolice.core.models import User
from tests.conftest import client_for
from tests.factories import PASSWORD


def _age(user, days):
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=days))
    user.refresh_from_db()


def test_an_old_staff_password_must_be_changed_before_any_staff_page(client, county_officer):
    _age(county_officer, 91)
    client_for(client, county_officer)
    response = client.get("/personnel/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
    assert client.get("/")["Location"] == "/accounts/password/"
    new = "Brand-new-Passw0rd!"
    changed = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert changed.status_code == 302
    assert client.get("/personnel/").status_code == 200  # same session, now allowed
    county_officer.refresh_from_db()
    assert county_officer.check_password(new) and not county_officer.password_expired


def test_a_new_staff_password_must_still_follow_the_policy(client, county_officer):
    _age(county_officer, 91)
    client_for(client, county_officer)
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "password1", "new_password2": "password1"},
    )
    assert weak.status_code == 200 and weak.context["form"].errors
    assert client.get("/personnel/").status_code == 302


def test_applicants_are_never_forced_to_rotate(client, applicant):
    _age(applicant, 1000)
    assert not applicant.password_expired
    assert client_for(client, applicant).get("/portal/account/").status_code == 200


def test_an_expired_staff_password_stops_api_access_too(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    assert api.get("/api/v1/agencies/").status_code == 200
    _age(county_officer, 91)
    api.force_authenticate(county_officer)
    assert api.get("/api/v1/agencies/").status_code == 403

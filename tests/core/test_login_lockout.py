import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": "county_officer", "password": password}, REMOTE_ADDR=address
    )


def test_five_bad_passwords_lock_the_account_even_against_the_right_one(client, county_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429
    response = attempt(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_from_one_address_does_not_lock_the_owner_elsewhere(client, county_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong", address="10.0.0.66")
    response = attempt(client, PASSWORD, address="10.0.0.7")
    assert response.status_code == 302


def test_a_success_resets_the_failure_count(client, county_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


def test_api_token_endpoint_is_locked_too(api, county_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post(
            "/api/v1/auth/token/", {"username": "county_officer", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
    response = api.post(
        "/api/v1/auth/token/", {"username": "county_officer", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "locked_out"


def test_many_failures_from_one_address_across_accounts_are_throttled_there_only(
    client, db, settings, applicant
):
    from tests.factories import UserFactory

    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    for _ in range(6):  # one guess each at six accounts: no account reaches its own lockout
        user = UserFactory(role="applicant", agency=None)
        client.post(
            reverse("login"), {"username": user.username, "password": "guess"}, REMOTE_ADDR="10.9.9.9"
        )
    blocked = client.post(
        reverse("login"), {"username": applicant.username, "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert blocked.status_code == 429
    elsewhere = client.post(
        reverse("login"), {"username": applicant.username, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert elsewhere.status_code == 302  # the applicant from their own address is not locked out

"""API tokens: named, scoped (read only / read and write), expiring, revocable by their owner and by the
security administrator, throttled per token; each write through one names it in the audit trail."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from auxpolice.core import api_tokens
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def client_with(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_only_a_digest_is_stored_and_the_secret_opens_the_api(county_officer):
    token, secret = api_tokens.token_issue(user=county_officer, name="monthly report")
    stored = ApiToken.objects.get(pk=token.pk)
    assert (
        secret.startswith("ap_") and secret not in (stored.digest, stored.prefix) and stored.prefix in secret
    )
    response = client_with(secret).get("/api/v1/agencies/")
    assert response.status_code == 200 and response.json()["results"]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_expired_and_revoked_tokens_open_nothing(county_officer):
    token, secret = api_tokens.token_issue(user=county_officer, name="old", days=1)
    past = timezone.now() - timedelta(days=2)
    ApiToken.objects.filter(pk=token.pk).update(created_at=past, expires_at=past + timedelta(days=1))
    assert client_with(secret).get("/api/v1/agencies/").status_code == 401
    token, secret = api_tokens.token_issue(user=county_officer, name="leaked")
    api_tokens.token_revoke(actor=county_officer, token=token)
    assert client_with(secret).get("/api/v1/agencies/").status_code == 401
    assert client_with("ap_" + "x" * 43).get("/api/v1/agencies/").status_code == 401


def test_a_read_only_token_reads_but_changes_nothing(county_officer, wuhou):
    _token, secret = api_tokens.token_issue(user=county_officer, name="reader", scope="read")
    client = client_with(secret)
    assert client.get(f"/api/v1/agencies/{wuhou.pk}/").status_code == 200
    refused = client.patch(f"/api/v1/agencies/{wuhou.pk}/", {"phone": "028-1"}, format="json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "read_only_token"
    assert Agency.objects.get(pk=wuhou.pk).phone != "028-1"


def test_a_write_through_a_token_names_the_token_in_the_history(county_officer, wuhou):
    token, secret = api_tokens.token_issue(user=county_officer, name="sync", scope="write")
    response = client_with(secret).patch(
        f"/api/v1/agencies/{wuhou.pk}/", {"phone": "028-7654321"}, format="json"
    )
    assert response.status_code == 200
    latest = wuhou.history.order_by("-history_id").first()
    assert latest.history_user == county_officer and latest.history_api_token_id == token.pk


def test_a_write_from_a_session_names_no_token(client, county_officer, wuhou):
    from tests.conftest import client_for

    client_for(client, county_officer)
    client.patch(f"/api/v1/agencies/{wuhou.pk}/", {"phone": "028-1234567"}, content_type="application/json")
    latest = wuhou.history.order_by("-history_id").first()
    assert latest.phone == "028-1234567" and latest.history_api_token_id is None


def test_owner_and_security_administrator_revoke_nobody_else_does(county_officer, other_county_officer):
    security = UserFactory(role="security_admin", agency=None)
    token, _secret = api_tokens.token_issue(user=county_officer, name="a")
    with pytest.raises(NotPermitted):
        api_tokens.token_revoke(actor=other_county_officer, token=token)
    assert api_tokens.token_revoke(actor=security, token=token).revoked_by == security
    assert list(api_tokens.tokens_for(other_county_officer)) == []
    assert token in api_tokens.tokens_for(security) and token in api_tokens.tokens_for(county_officer)


def test_the_api_lists_and_revokes_ones_own_tokens_and_hides_others(county_officer, other_county_officer):
    mine, secret = api_tokens.token_issue(user=county_officer, name="mine", scope="write")
    theirs, _ = api_tokens.token_issue(user=other_county_officer, name="theirs")
    client = client_with(secret)
    listed = client.get("/api/v1/tokens/").json()["results"]
    assert [t["name"] for t in listed] == ["mine"] and "digest" not in listed[0]
    assert client.delete(f"/api/v1/tokens/{theirs.pk}/").status_code == 404
    assert client.delete(f"/api/v1/tokens/{mine.pk}/").json()["live"] is False
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_a_token_cannot_issue_tokens_but_a_signed_in_session_can(client, county_officer):
    from tests.conftest import client_for

    _token, secret = api_tokens.token_issue(user=county_officer, name="w", scope="write")
    refused = client_with(secret).post("/api/v1/tokens/", {"name": "more", "scope": "write"}, format="json")
    assert refused.status_code == 403 and ApiToken.objects.count() == 1
    client_for(client, county_officer)
    issued = client.post("/api/v1/tokens/", {"name": "report", "days": 30}, content_type="application/json")
    body = issued.json()
    assert issued.status_code == 201 and body["scope"] == "read" and body["token"].startswith("ap_")
    assert client_with(body["token"]).get("/api/v1/agencies/").status_code == 200


@pytest.mark.parametrize(
    "terms, field", [({"days": 0}, "days"), ({"days": 10_000}, "days"), ({"name": "  "}, "name")]
)
def test_terms_out_of_bounds_are_refused_by_field(county_officer, terms, field):
    with pytest.raises(DomainError) as refused:
        api_tokens.token_issue(user=county_officer, **({"name": "x"} | terms))
    assert refused.value.field == field and not ApiToken.objects.exists()


def test_credentials_and_the_second_factor_give_a_token_with_the_asked_scope(county_officer):
    from tests.otp import device_for

    device = device_for(county_officer)
    county_officer.set_password("S3cret-pass-2026!")
    county_officer.save()
    from django_otp.oath import totp

    code = f"{totp(device.bin_key):06d}"
    response = APIClient().post(
        "/api/v1/auth/token/",
        {"username": "county_officer", "password": "S3cret-pass-2026!", "otp_token": code, "name": "etl"},
        format="json",
    )
    assert response.status_code == 201 and response.json()["scope"] == "read"
    assert ApiToken.objects.get(user=county_officer).name == "etl"


def test_each_token_has_its_own_request_budget(settings, county_officer):
    settings.API_TOKEN_RATE = "3/minute"
    cache.clear()
    _a, first = api_tokens.token_issue(user=county_officer, name="a")
    _b, second = api_tokens.token_issue(user=county_officer, name="b")
    answers = [client_with(first).get("/api/v1/me/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client_with(second).get("/api/v1/me/").status_code == 200


def test_the_tokens_page_shows_a_new_secret_once_and_revokes(client, county_officer):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, county_officer)
    issued = client.post(reverse("api_tokens"), {"name": "nightly export", "scope": "read", "days": "30"})
    secret = issued.context["secret"]
    assert issued.status_code == 200 and secret in issued.content.decode()
    assert secret not in client.get(reverse("api_tokens")).content.decode()  # shown that once
    token = ApiToken.objects.get(user=county_officer)
    assert token.name == "nightly export" and (token.expires_at - token.created_at).days == 30
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert ApiToken.objects.get(pk=token.pk).revoked_by == county_officer


def test_an_invalid_token_form_keeps_what_was_typed(client, county_officer):
    from django.urls import reverse

    from tests.conftest import client_for

    client_for(client, county_officer)
    response = client.post(reverse("api_tokens"), {"name": "keep me", "scope": "write", "days": "0"})
    assert response.context["form"].errors["days"] and "keep me" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_security_administrator_sees_and_revokes_everyones_tokens(client, county_officer):
    from django.urls import reverse

    from tests.conftest import client_for

    token, _secret = api_tokens.token_issue(user=county_officer, name="officer's")
    security = UserFactory(role="security_admin", agency=None)
    client_for(client, security)
    assert "officer&#x27;s" in client.get(reverse("api_tokens")).content.decode()
    client.post(reverse("api_token_revoke", args=[token.pk]))
    assert ApiToken.objects.get(pk=token.pk).revoked_by == security


@pytest.mark.redis
def test_on_redis_a_tokens_budget_holds_exactly_under_concurrent_requests(settings, county_officer):
    """One Redis script counts and decides: requests racing from many workers cannot all read the same
    count and each slip through (as a read-then-write of the log lets them)."""
    import os
    import uuid
    from concurrent.futures import ThreadPoolExecutor
    from types import SimpleNamespace

    from auxpolice.core.api.throttles import TokenRateThrottle

    settings.CACHES = {
        "default": {
            "BACKEND": "auxpolice.core.redis_cache.RedisCache",
            "LOCATION": os.environ["TEST_REDIS_URL"],
            "KEY_PREFIX": f"throttle-{uuid.uuid4().hex}",
        }
    }
    settings.API_TOKEN_RATE = "10/minute"
    token, secret = api_tokens.token_issue(user=county_officer, name="busy")
    request = SimpleNamespace(auth=token)

    def attempt(_n):
        return TokenRateThrottle().allow_request(request, None)

    from django.core.cache import cache

    cache.set(f"throttle_token_{token.pk}", [1.0, 2.0], 60)  # DRF's log, as a node not yet upgraded keeps it
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(attempt, range(40)))
    assert answers.count(True) == 10
    refused = client_with(secret).get("/api/v1/me/")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 60

"""Behind a load balancer every request comes from the balancer: the client's address is taken from
X-Forwarded-For only when the deployment says how many proxies it trusts."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from auxpolice.core.middleware import ClientAddressMiddleware


def seen_address(settings, proxies: int, forwarded: str | None) -> str:
    settings.TRUSTED_PROXY_COUNT = proxies
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return HttpResponse()

    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    ClientAddressMiddleware(view)(RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **extra))
    return seen["address"]


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    assert seen_address(settings, 0, "203.0.113.9") == "10.0.0.2"


@pytest.mark.parametrize(
    "proxies, forwarded, client",
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a client's own header cannot choose its address
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.7", "203.0.113.9"),
    ],
)
def test_behind_trusted_proxies_the_address_the_outermost_proxy_saw_is_used(
    settings, proxies, forwarded, client
):
    assert seen_address(settings, proxies, forwarded) == client


def test_a_request_that_skipped_the_proxies_keeps_its_own_address(settings):
    assert seen_address(settings, 2, "203.0.113.9") == "10.0.0.2"
    assert seen_address(settings, 1, None) == "10.0.0.2"


@pytest.mark.django_db
def test_login_failures_behind_the_balancer_count_per_client_not_per_balancer(
    settings, client, county_officer
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 3
    from django.urls import reverse

    def attempt(address: str):
        return client.post(
            reverse("login"),
            {"username": "county_officer", "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=address,
        )

    for _ in range(3):
        attempt("203.0.113.9")
    blocked = attempt("203.0.113.9")
    other = attempt("198.51.100.4")
    assert blocked.status_code == 429 and other.status_code != 429

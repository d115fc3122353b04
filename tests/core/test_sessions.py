import time

import pytest
from django.urls import reverse

from auxpolice.core.middleware import SESSION_STARTED
from tests.conftest import client_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_session_ends_after_the_absolute_limit_however_busy(client, county_officer, settings):
    client_for(client, county_officer)
    assert client.get(reverse("agency_list")).status_code == 200
    session = client.session
    session[SESSION_STARTED] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(reverse("agency_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(reverse("agency_list")).status_code == 302


def test_session_ends_after_idling_but_not_while_in_use(client, county_officer, settings):
    from auxpolice.core.middleware import LAST_SEEN

    client_for(client, county_officer)
    client.get(reverse("agency_list"))
    session = client.session
    session[LAST_SEEN] = (
        time.time() - settings.SESSION_IDLE_SECONDS + 120
    )  # used two minutes before the limit
    session.save()
    assert client.get(reverse("agency_list")).status_code == 200  # and the stamp is renewed
    assert client.session[LAST_SEEN] > time.time() - 5
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    assert client.get(reverse("agency_list")).status_code == 302


def test_session_key_changes_at_login(client, county_officer):
    client.get(reverse("login"))
    before = client.cookies.get("sessionid")
    client.post(
        reverse("login"), {"username": "county_officer", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    after = client.cookies.get("sessionid")
    assert after is not None and (before is None or before.value != after.value)

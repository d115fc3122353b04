"""Webhooks (#23, off by default): registered per agency for its subtree, each event recorded once per
endpoint in the event's own transaction, sent signed after it commits to a real HTTP endpoint (a server this
test runs), retried with backoff until it answers 2xx or the attempts run out, every attempt logged."""

import hashlib
import hmac
import json
import threading
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from auxpolice.core import webhooks
from auxpolice.core.models import DeliveryStatus, Webhook, WebhookDelivery
from compensation.services import payroll
from tests.assessment.builders import people
from tests.compensation.test_compensation import payroll_setup
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP endpoint on 127.0.0.1 that records what it is sent and answers `status`."""

    def __init__(self):
        self.received: list[tuple[dict, bytes]] = []
        self.status = 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ENABLED = True
    settings.WEBHOOK_PLAIN_HTTP_HOSTS = ["127.0.0.1"]
    made = Receiver()
    yield made
    made.server.shutdown()


def test_webhooks_are_off_unless_switched_on(api, county_officer, wuhou):
    api.force_authenticate(county_officer)
    refused = api.post(
        "/api/v1/webhooks/",
        {"agency": wuhou.code, "url": "https://x.example/h", "events": ["hire"]},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "webhooks_off"
    assert not Webhook.objects.exists()
    assert webhooks.emit("hire", agency=wuhou, key="k", payload={}) == 0


def test_only_https_endpoints_of_ones_own_subtree_are_registered(
    api, county_officer, wuhou, jinjiang, settings
):
    settings.WEBHOOKS_ENABLED = True
    api.force_authenticate(county_officer)
    body = {"agency": wuhou.code, "url": "http://x.example/h", "events": ["hire"]}
    plain = api.post("/api/v1/webhooks/", body, format="json")
    assert plain.status_code == 400 and "url" in plain.json()["error"]["fields"]
    foreign = api.post(
        "/api/v1/webhooks/", body | {"agency": jinjiang.code, "url": "https://x.example/h"}, format="json"
    )
    assert foreign.status_code == 400 and "agency" in foreign.json()["error"]["fields"]
    made = api.post("/api/v1/webhooks/", body | {"url": "https://x.example/h"}, format="json")
    assert made.status_code == 201 and made.json()["secret"].startswith("whsec_")
    listed = api.get("/api/v1/webhooks/").json()["results"]
    assert [w["url"] for w in listed] == ["https://x.example/h"] and "secret" not in listed[0]


def test_an_approved_payroll_is_sent_signed_once_to_the_endpoints_of_its_agency_and_ancestors(
    api, sysadmin, receiver, django_capture_on_commit_callbacks
):
    agency, officer, supervisor = payroll_setup(sysadmin)
    people(agency, officer, 2, hired_on=date(2026, 1, 1))
    elsewhere = AgencyFactory(code="330100", parent=None)
    mine, secret = webhooks.webhook_register(
        actor=sysadmin, agency=agency, url=receiver.url, events=["payroll_approved", "hire"]
    )
    webhooks.webhook_register(actor=sysadmin, agency=elsewhere, url=receiver.url, events=["payroll_approved"])
    webhooks.webhook_register(actor=sysadmin, agency=agency, url=receiver.url + "2", events=["separation"])
    with django_capture_on_commit_callbacks(execute=True):
        run = payroll.payroll_start(actor=officer, agency=agency, month=date(2026, 11, 1))
    run.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        payroll.payroll_approve(actor=supervisor, run=run)
    [(headers, body)] = receiver.received
    expected = hmac.new(
        secret.encode(), headers["X-Auxpolice-Timestamp"].encode() + b"." + body, hashlib.sha256
    )
    assert headers["X-Auxpolice-Signature"] == "sha256=" + expected.hexdigest()
    assert headers["X-Auxpolice-Event"] == "payroll_approved"
    sent = json.loads(body)
    assert sent["agency"] == agency.code and sent["data"]["run_id"] == run.pk and sent["data"]["people"] == 2
    delivery = WebhookDelivery.objects.get()
    assert (delivery.webhook_id, delivery.status, delivery.attempts) == (mine.pk, DeliveryStatus.DELIVERED, 1)
    # The same event again (a task run twice) neither records nor sends a second delivery.
    assert webhooks.emit("payroll_approved", agency=agency, key=f"payroll:{run.pk}", payload={}) == 0
    assert webhooks.deliver(delivery.pk) is None and len(receiver.received) == 1


def test_a_failing_endpoint_is_retried_with_backoff_until_the_attempts_run_out(
    sysadmin, wuhou, receiver, django_capture_on_commit_callbacks, time_machine
):
    receiver.status = 503
    webhooks.webhook_register(actor=sysadmin, agency=wuhou, url=receiver.url, events=["hire"])
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.emit("hire", agency=wuhou, key="application:1", payload={"person_id": 1})
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert webhooks.deliver_due() == 0  # not yet: the backoff has not passed
    waited = []
    for _attempt in range(2, webhooks.MAX_ATTEMPTS + 1):
        delivery.refresh_from_db()
        waited.append(round((delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()))
        time_machine.move_to(delivery.next_attempt_at + timedelta(seconds=1))
        assert webhooks.deliver_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == webhooks.MAX_ATTEMPTS
    assert waited == [30, 60, 120, 240, 480, 960, 1920]
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS


def test_a_recovered_endpoint_gets_the_delivery_on_the_next_sweep(sysadmin, wuhou, receiver, time_machine):
    receiver.status = 500
    webhooks.webhook_register(actor=sysadmin, agency=wuhou, url=receiver.url, events=["hire"])
    webhooks.emit("hire", agency=wuhou, key="application:2", payload={})
    delivery = WebhookDelivery.objects.get()
    webhooks.deliver(delivery.pk)
    receiver.status = 204
    time_machine.move_to(timezone.now() + timedelta(minutes=1))
    assert webhooks.deliver_due() == 1
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2 and delivery.delivered_at

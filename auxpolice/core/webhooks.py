"""Webhooks: an agency's HR office registers an HTTPS endpoint for events in its subtree (hire, separation,
contract ending, payroll approved); each event is recorded for each endpoint in the transaction that made it
and sent after that commits, signed with HMAC-SHA256, retried with backoff by Celery, every attempt logged.
Off unless `WEBHOOKS_ENABLED`.

Receivers check `X-Auxpolice-Signature: sha256=<hex>` = HMAC(secret, "<X-Auxpolice-Timestamp>.<body>") and
may drop a delivery whose `X-Auxpolice-Delivery` id they have seen (a delivery can arrive twice)."""

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency, DeliveryStatus, User, Webhook, WebhookDelivery, WebhookEvent
from auxpolice.core.scoping import may_configure

MAX_ATTEMPTS = 8
TIMEOUT_SECONDS = 5


def backoff_seconds(attempts: int) -> int:
    """After the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 hour (about 2 hours in all)."""
    return min(30 * 2 ** (attempts - 1), 3600)


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    plain_allowed = parts.scheme == "http" and parts.hostname in settings.WEBHOOK_PLAIN_HTTP_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or plain_allowed):
        raise DomainError(_("A webhook endpoint is an https:// address."), field="url")
    return url.strip()


def webhook_register(*, actor: User, agency: Agency, url: str, events: list[str]) -> tuple[Webhook, str]:
    """Register an endpoint; returns it and its signing secret (shown once to the caller)."""
    if not settings.WEBHOOKS_ENABLED:
        raise DomainError(_("Webhooks are switched off on this installation."), code="webhooks_off")
    if not may_configure(actor, agency):
        raise NotPermitted()
    unknown = set(events) - set(WebhookEvent.values)
    if not events or unknown:
        raise DomainError(_("Choose among: %s.") % ", ".join(WebhookEvent.values), field="events")
    secret = "whsec_" + secrets.token_urlsafe(32)
    webhook = Webhook.objects.create(
        agency=agency, url=_check_url(url), events=sorted(set(events)), secret=secret, created_by=actor
    )
    return webhook, secret


def webhook_remove(*, actor: User, webhook: Webhook) -> Webhook:
    if not may_configure(actor, webhook.agency):
        raise NotPermitted()
    webhook.is_active = False
    webhook.save(update_fields=["is_active"])
    return webhook


def emit(event: str, *, agency: Agency, key: str, payload: dict) -> int:
    """Within the caller's transaction: one delivery per active endpoint of the agency or an ancestor that
    takes the event (at most once per event and key), sent once the transaction commits."""
    if not settings.WEBHOOKS_ENABLED:
        return 0
    codes = agency.path.split("/")[:-1]  # "510000/510100/" → the agency and every ancestor
    ancestors = ["".join(f"{code}/" for code in codes[:n]) for n in range(1, len(codes) + 1)]
    hooks = Webhook.objects.filter(is_active=True, agency__path__in=ancestors, events__contains=[event])
    now = timezone.now()
    body = {"event": event, "agency": agency.code, "occurred_at": now, "data": payload}
    body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))  # dates and amounts as the receiver reads them
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(webhook=hook, event=event, key=key, payload=body, created_at=now) for hook in hooks],
        ignore_conflicts=True,  # an event already recorded (a task run twice) is not recorded again
    )
    # ignore_conflicts leaves the new rows without their ids: those made now are the ones stamped `now`.
    made = WebhookDelivery.objects.filter(event=event, key=key, created_at=now, webhook__in=hooks)
    ids = list(made.values_list("pk", flat=True))
    if ids:
        from auxpolice.core.tasks import deliver_webhook

        transaction.on_commit(lambda: [deliver_webhook.delay(pk) for pk in ids])
    return len(ids)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = json.dumps(delivery.payload, ensure_ascii=False).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "auxpolice-webhooks/1",
            "X-Auxpolice-Event": delivery.event,
            "X-Auxpolice-Delivery": str(delivery.pk),
            "X-Auxpolice-Timestamp": timestamp,
            "X-Auxpolice-Signature": signature(delivery.webhook.secret, timestamp, body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (https checked)
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:300]


def deliver(delivery_id: int) -> str | None:
    """One attempt at a pending delivery; its status after it (None when there was nothing to send). The row
    is locked for the attempt, so two workers never send the same delivery at once; a failed attempt is
    tried again by `deliver_due` after the backoff."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("webhook")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        if not delivery.webhook.is_active:
            delivery.status, delivery.last_error = DeliveryStatus.FAILED, "endpoint removed"
            delivery.save(update_fields=["status", "last_error"])
            return None
        code, error = _post(delivery)
        delivery.attempts += 1
        delivery.last_attempt_at = timezone.now()
        delivery.last_status_code, delivery.last_error = code, error
        if code is not None and 200 <= code < 300:
            delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, delivery.last_attempt_at
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = delivery.last_attempt_at + timedelta(
                seconds=backoff_seconds(delivery.attempts)
            )
        delivery.save()
        return delivery.status


def deliver_due(limit: int = 100) -> int:
    """The minute's sweep: every pending delivery whose next attempt is due (the first attempts too, should
    the one queued after the commit have been lost)."""
    due = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now())
    ids = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if deliver(pk) is not None)

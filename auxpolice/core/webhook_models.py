"""Webhooks (off by default, `WEBHOOKS_ENABLED`): an agency's registered HTTPS endpoint for events in its
subtree, and the log of every delivery (auxpolice.core.webhooks sends them, signed, from Celery)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit


class WebhookEvent(models.TextChoices):
    HIRE = "hire", _("A person is hired")
    SEPARATION = "separation", _("A person leaves")
    CONTRACT_ENDING = "contract_ending", _("A contract is ending")
    PAYROLL_APPROVED = "payroll_approved", _("A payroll is approved")


class Webhook(models.Model):
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("endpoint"), max_length=300)
    events = models.JSONField(_("events"), default=list)
    secret = EncryptedTextField(_("signing secret"))
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["secret"])

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Gave up")


class WebhookDelivery(models.Model):
    """One event for one endpoint: made in the transaction that made the event, sent after it commits,
    retried with backoff by the minute's sweep (`next_attempt_at`); `key` names the event's object, so an
    event is recorded once per endpoint. The row is the delivery's log: attempts, last answer, when."""

    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", db_index=False
    )  # indexed by webhook_delivery_once
    event = models.CharField(_("event"), max_length=20, choices=WebhookEvent.choices)
    key = models.CharField(max_length=80)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event", "key"], name="webhook_delivery_once"),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"], name="webhook_delivery_due", condition=models.Q(status="pending")
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.key} → {self.webhook_id} ({self.status})"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit

from .settings_registry import SPECS, value_words


class AgencyRuleSetting(models.Model):
    """A value an agency sets where its regulation is silent; subordinates inherit it."""

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="rule_settings",
        db_index=False,
    )  # indexed by agency_rule_setting_unique_key
    key = models.CharField(_("setting"), max_length=40, choices=[(k, s.label) for k, s in SPECS.items()])
    value = models.JSONField(_("value"))
    basis = models.CharField(
        _("basis"),
        max_length=200,
        help_text=_("Who decided it and where it is written, e.g. a document number."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("agency rule setting")
        verbose_name_plural = _("agency rule settings")
        constraints = [
            models.UniqueConstraint(fields=["agency", "key"], name="agency_rule_setting_unique_key")
        ]

    def __str__(self):
        return f"{self.agency}: {self.key}"

    @property
    def value_words(self) -> str:
        return value_words(self.key, self.value)


class RulesExpiryNotice(models.Model):
    """One warning per pack version and lead time, so the daily job never warns twice.

    A send log, not a business record: it is its own audit trail and keeps no history.
    """

    jurisdiction = models.CharField(max_length=24)
    version = models.CharField(max_length=24)
    days_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "version", "days_before"], name="rules_expiry_notice_once"
            )
        ]

    def __str__(self):
        return f"{self.jurisdiction} {self.version} · {self.days_before}"

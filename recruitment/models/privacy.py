"""Personal data around applications: separate consent, the access log of full views, retention
purges."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class SensitiveResultAccess(models.Model):
    """Who saw a medical or vetting detail or an applicant's full ID number, and when. Append-only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey("recruitment.Application", on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    def __str__(self):
        return f"{self.user} · {self.application} · {self.field}"


class SensitiveDataConsent(models.Model):
    """单独同意 (PIPL art 29): the applicant's separate consent, to one versioned notice, before medical or
    vetting information about them is recorded."""

    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="consents", db_index=False
    )  # indexed by one_consent_per_purpose
    purpose = models.CharField(_("purpose"), max_length=24)
    notice_version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(fields=["application", "purpose"], name="one_consent_per_purpose")
        ]

    def __str__(self):
        return f"{self.application} · {self.purpose} v{self.notice_version}"


class RetentionPurge(models.Model):
    """What one run of the retention job purged for one agency: counts and record ids, never personal data."""

    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    ran_at = models.DateTimeField(auto_now_add=True)
    retention_days = models.PositiveIntegerField()
    cutoff = models.DateTimeField()
    application_ids = models.JSONField(default=list)
    profile_user_ids = models.JSONField(default=list)
    history_rows = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("personal data purge")
        verbose_name_plural = _("personal data purges")

    def __str__(self):
        return f"{self.agency} · {self.ran_at}"

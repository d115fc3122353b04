"""Workbook imports of existing personnel and contracts."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Refused: nothing imported")


class PersonnelImport(models.Model):
    """An uploaded workbook of existing personnel and contracts, imported whole or not at all."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    workbook = models.FileField(upload_to="imports/%Y/%m/")
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True
    )  # [{"row": 5, "column": "公民身份号码", "message": "..."}]
    # Liveness for the stall sweep (auxpolice.core.batches), as on BatchProgress.
    job_beat = models.DateTimeField(null=True, blank=True, editable=False, default=timezone.now)
    job_resumed_at = models.DateTimeField(
        _("resumed after a stall at"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["job_beat", "job_resumed_at"])

    class Meta:
        verbose_name = _("personnel import")
        verbose_name_plural = _("personnel imports")

    def __str__(self):
        return f"{self.agency} · {self.uploaded_at} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

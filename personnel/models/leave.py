"""Leave (请休假): annual leave under 职工带薪年休假条例 with a balance per year; other kinds recorded
with their days. Requested, then approved or refused by a supervisor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LeaveKind(models.TextChoices):
    ANNUAL = "annual", _("Annual leave")
    MARRIAGE = "marriage", _("Marriage leave")
    BEREAVEMENT = "bereavement", _("Bereavement leave")
    MATERNITY = "maternity", _("Maternity leave")
    PATERNITY = "paternity", _("Paternity / nursing leave")
    SICK = "sick", _("Sick leave")
    PERSONAL = "personal", _("Personal leave (unpaid)")


class LeaveStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class LeaveRequest(models.Model):
    officer = models.ForeignKey("personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="leaves")
    kind = models.CharField(_("kind"), max_length=16, choices=LeaveKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    basis = models.CharField(_("article"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["officer", "kind", "starts_on"], name="leave_person_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="leave_ends_after_start")
        ]

    def __str__(self):
        return f"{self.officer} · {self.get_kind_display()} {self.starts_on}–{self.ends_on}"

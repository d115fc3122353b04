"""Leave (请休假): annual leave under 职工带薪年休假条例 with a balance per year; other kinds recorded
with their days. Requested, then approved or refused by a supervisor."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


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
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="leaves", db_index=False
    )  # indexed by leave_person_kind_idx
    kind = models.CharField(_("kind"), max_length=16, choices=LeaveKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    # 女职工劳动保护特别规定 第七条: 15 more days for a difficult birth and for each further baby.
    statutory_extra_days = models.PositiveSmallIntegerField(_("additional statutory days"), default=0)
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
    history = HistoricalRecords(bases=[TokenAudit])

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


class DayCount(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days")


class LeaveEntitlement(models.Model):
    """How long a kind of leave lasts, from a dated document (a province's population and family-planning
    regulation, a city's rule...), entered by the administrator for an agency and its subtree. The nearest
    agency's entry in force wins; national minimums (rules.national.LEAVE_MINIMUMS) apply beneath."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by leave_entitlement_once
    kind = models.CharField(_("kind"), max_length=16, choices=LeaveKind.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    counted_in = models.CharField(_("counted in"), max_length=10, choices=DayCount.choices)
    effective_from = models.DateField(_("in force from"))
    effective_until = models.DateField(_("in force until"), null=True, blank=True)
    source = models.CharField(_("document and article"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("leave entitlement")
        verbose_name_plural = _("leave entitlements")
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "effective_from"], name="leave_entitlement_once"
            ),
            models.CheckConstraint(condition=Q(days__gt=0), name="leave_entitlement_positive"),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gt=F("effective_from")),
                name="leave_entitlement_span",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["annual", "personal"]), name="leave_entitlement_not_annual_or_personal"
            ),
        ]

    def __str__(self):
        return f"{self.agency} · {self.get_kind_display()} {self.days}"

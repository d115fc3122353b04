"""Leaving: the separation, its checklist of returns and its grounds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class SeparationKind(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    LEFT_WITHOUT_PERMISSION = "left_without_permission", _("Left without permission")
    DISMISSAL = "dismissal", _("Dismissal for violations")
    TERMINATION = "termination", _("Other termination by the police organ")
    CONTRACT_END = "contract_end", _("Contract ended, not renewed")


class SeveranceGround(models.TextChoices):
    """How the contract ends as 劳动合同法 第四十六条 sorts it (whether 经济补偿 is owed)."""

    EMPLOYEE_ART38 = "art46_1", _("The person ended it under art 38 (employer at fault)")
    MUTUAL_BY_EMPLOYER = "art46_2", _("Mutual agreement the police organ proposed (art 36)")
    EMPLOYER_ART40 = "art46_3", _("Termination with notice under art 40")
    REDUNDANCY_ART41 = "art46_4", _("Redundancy under art 41(1)")
    TERM_ENDED = "art46_5", _("Fixed term ended; not renewed on equal or better terms")
    EMPLOYER_CLOSED = "art46_6", _("Employer closed or dissolved (art 44(4)(5))")
    RENEWAL_REFUSED = "renewal_refused", _("The person refused a renewal on equal or better terms")
    NONE = "none", _("No severance ground (resignation, dismissal under art 39, and the like)")


class Separation(models.Model):
    """离职: opened with its kind, completed only when every issued item is back or written up and the
    work ID is revoked."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="separations"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=SeparationKind.choices)
    reason = models.TextField(_("reason"))
    leaves_on = models.DateField(_("leaves on"))
    checklist = models.JSONField(_("items to return"), default=list)
    basis = models.TextField(_("article"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    severance_ground = models.CharField(
        _("severance ground"), max_length=16, choices=SeveranceGround.choices, default=SeveranceGround.NONE
    )
    severance_months = models.DecimalField(
        _("months of pay owed"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    severance_base = models.DecimalField(
        _("monthly wage base"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    severance_amount = models.DecimalField(
        _("severance"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    severance_basis = models.TextField(_("how the severance was computed"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("separation")
        verbose_name_plural = _("separations")
        ordering = ["-leaves_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(completed_on__isnull=True), name="separation_one_open"
            )
        ]

    def __str__(self):
        return f"{self.officer} · {self.get_kind_display()} {self.leaves_on}"

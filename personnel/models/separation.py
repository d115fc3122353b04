"""Leaving: the separation, its checklist of returns and its grounds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SeparationKind(models.TextChoices):
    RESIGNATION = "resignation", _("Resignation")
    LEFT_WITHOUT_PERMISSION = "left_without_permission", _("Left without permission")
    DISMISSAL = "dismissal", _("Dismissal for violations")
    TERMINATION = "termination", _("Other termination by the police organ")
    CONTRACT_END = "contract_end", _("Contract ended, not renewed")


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
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

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

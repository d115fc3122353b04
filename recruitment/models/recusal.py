"""回避 in recruitment: relationships staff declare with applicants, and the log of every check made before a
staff member acts on an applicant."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit


class RelationKind(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    LINEAL = "lineal", _("Lineal relative by blood")
    COLLATERAL = "collateral", _("Collateral relative within three generations")
    IN_LAW = "in_law", _("Close relative by marriage")
    OTHER = "other", _("Other interest")


class StaffRelation(models.Model):
    """A relationship a staff member declares with someone who applies or may apply: identified by the ID
    number (kept encrypted, matched by its blind index) or by name and date of birth."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="declared_relations"
    )
    kind = models.CharField(_("relationship"), max_length=12, choices=RelationKind.choices)
    full_name = models.CharField(_("full name"), max_length=60)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    id_number = EncryptedTextField(_("resident ID number"), blank=True)
    id_number_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["id_number"])

    class Meta:
        verbose_name = _("declared relationship")
        verbose_name_plural = _("declared relationships")
        ordering = ["-declared_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(id_number_index="") | Q(birth_date__isnull=False),
                name="staff_relation_identifies_the_person",
            )
        ]

    def __str__(self):
        return f"{self.staff} · {self.get_kind_display()} · {self.full_name}"


class RecusalCheck(models.Model):
    """One check before a staff member acted (or was stopped) on applicants: what was asked, how many
    applications were checked, and the conflicts found. An append-only log."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=20)
    agency = models.ForeignKey(
        "core.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by recusal_check_agency_idx
    application = models.ForeignKey(
        "recruitment.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked = models.PositiveIntegerField(_("applications checked"))
    conflicts = models.PositiveIntegerField(_("conflicts found"))
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recusal check")
        verbose_name_plural = _("recusal checks")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "conflicts", "at"], name="recusal_check_agency_idx")]

    def __str__(self):
        return f"{self.actor} · {self.action} · {self.conflicts}/{self.checked}"

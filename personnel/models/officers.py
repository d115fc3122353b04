"""Auxiliary officers: the person in post (identity from the ID number, encrypted) and the log of full
views of their protected data."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Right
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit
from auxpolice.core.models import Category, Education


class OfficerStatus(models.TextChoices):
    PROBATION = "probation", _("On probation")
    IN_POST = "in_post", _("In post")
    SUSPENDED = "suspended", _("Suspended")
    SEPARATED = "separated", _("Separated")


class AuxiliaryOfficer(models.Model):
    """警务辅助人员: one person's record. The resident ID number is stored encrypted; the blind index
    finds and deduplicates it, and lists show only the masked form."""

    agency = models.ForeignKey(  # indexed by auxiliary_agency_newest_idx, which leads with it
        "core.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="auxiliaries",
        db_index=False,
    )
    quota = models.ForeignKey(
        "headcount.Quota", verbose_name=_("quota"), on_delete=models.PROTECT, related_name="auxiliaries"
    )
    full_name = models.CharField(_("full name"), max_length=60)
    id_number = EncryptedTextField(_("resident ID number"))
    id_number_index = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, editable=False, db_index=True)
    # The last six characters, blind-indexed: officers search by them, and the list shows only the last four.
    id_number_tail_index = models.CharField(max_length=64, editable=False, db_index=True, default="")
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=6, choices=[("male", _("Male")), ("female", _("Female"))])
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.PROBATION
    )
    post = models.CharField(_("post"), max_length=60, blank=True)
    # A grade linked to pay, never to authority: no field anywhere relates one auxiliary to another.
    tier = models.CharField(_("tier"), max_length=30, blank=True)
    tier_since = models.DateField(_("tier since"), null=True, blank=True)
    badge_number = models.CharField(_("work ID number"), max_length=30, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    education = models.CharField(_("highest education"), max_length=24, blank=True, choices=Education.choices)
    emergency_contact = models.CharField(_("family contact"), max_length=60, blank=True)
    emergency_phone = models.CharField(_("family contact phone"), max_length=20, blank=True)
    photo = models.FileField(_("photo"), upload_to="personnel/photos/%Y/", blank=True)
    hired_on = models.DateField(_("hired on"))
    separated_on = models.DateField(_("separated on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(
        bases=[TokenAudit], excluded_fields=["id_number_index", "id_number_tail_index"]
    )

    class Meta:
        verbose_name = _("auxiliary officer")
        verbose_name_plural = _("auxiliary officers")
        permissions = [("view_full_id_number", _("See resident ID numbers in full (every view is logged)"))]
        indexes = [
            models.Index(fields=["agency", "status", "id"], name="auxiliary_agency_status_idx"),
            models.Index(fields=["agency", "id"], name="auxiliary_agency_newest_idx"),
            models.Index(fields=["full_name", "id"], name="auxiliary_name_sort_idx"),
            # The search by the last 4 characters of the ID number (personnel.selectors._search). The name
            # search's trigram index (prefix and infix) is PostgreSQL's: migration 0013 creates it there.
            models.Index(Right("id_number_masked", 4), name="auxiliary_id_last4_idx"),
            models.Index(fields=["-hired_on", "-id"], name="auxiliary_hired_sort_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="separated") | Q(separated_on__isnull=False),
                name="auxiliary_separated_has_date",
            ),
        ]

    def __str__(self):
        return self.full_name


class SensitiveAccess(models.Model):
    """Who saw which sensitive value in full, and when. Append-only: the log is its own audit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(AuxiliaryOfficer, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("sensitive data access")
        verbose_name_plural = _("sensitive data accesses")

    def __str__(self):
        return f"{self.user} · {self.officer} · {self.field}"

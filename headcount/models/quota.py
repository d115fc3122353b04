from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit

from .approval import ApprovalSubject


class Quota(models.Model):
    """用人额度 of one agency for one year, with the headcount held against it.

    The counters are kept on this row on purpose: every hire, reservation and separation changes them
    under a row lock, and the database refuses any state where in post + reserved exceeds approval.
    """

    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="quotas",
        db_index=False,
    )  # indexed by quota_one_per_agency_year
    year = models.PositiveSmallIntegerField(_("year"))
    split_by_category = models.BooleanField(_("split by category"), default=False)
    approved_total = models.PositiveIntegerField(_("approved places"), default=0)
    approved_civilian = models.PositiveIntegerField(_("approved civilian places"), null=True, blank=True)
    approved_service = models.PositiveIntegerField(_("approved service places"), null=True, blank=True)
    in_post_civilian = models.PositiveIntegerField(_("civilian in post"), default=0)
    in_post_service = models.PositiveIntegerField(_("service in post"), default=0)
    reserved_civilian = models.PositiveIntegerField(_("civilian places reserved"), default=0)
    reserved_service = models.PositiveIntegerField(_("service places reserved"), default=0)
    version = models.PositiveIntegerField(_("approved version"), default=0)
    history = HistoricalRecords(bases=[TokenAudit], table_name="recruitment_historicalquota")

    class Meta:
        db_table = "recruitment_quota"  # moved from recruitment (#16): the table keeps its name
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="quota_one_per_agency_year"),
            models.CheckConstraint(
                condition=Q(
                    approved_total__gte=F("in_post_civilian")
                    + F("in_post_service")
                    + F("reserved_civilian")
                    + F("reserved_service")
                ),
                name="quota_headcount_within_approval",
            ),
            models.CheckConstraint(
                condition=Q(
                    split_by_category=False, approved_civilian__isnull=True, approved_service__isnull=True
                )
                | Q(
                    split_by_category=True,
                    approved_civilian__isnull=False,
                    approved_service__isnull=False,
                    approved_total=F("approved_civilian") + F("approved_service"),
                    approved_civilian__gte=F("in_post_civilian") + F("reserved_civilian"),
                    approved_service__gte=F("in_post_service") + F("reserved_service"),
                ),
                name="quota_category_split_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year}"

    @property
    def in_post(self) -> int:
        return self.in_post_civilian + self.in_post_service

    @property
    def reserved(self) -> int:
        return self.reserved_civilian + self.reserved_service

    @property
    def vacant(self) -> int:
        return self.approved_total - self.in_post - self.reserved

    def vacant_in(self, category: str) -> int:
        used = getattr(self, f"in_post_{category}") + getattr(self, f"reserved_{category}")
        if self.split_by_category:
            return getattr(self, f"approved_{category}") - used
        return self.vacant


class QuotaRequestKind(models.TextChoices):
    INITIAL = "initial", _("Initial approval")
    ADJUSTMENT = "adjustment", _("Adjustment")
    REDISTRIBUTION = "redistribution", _("Redistribution by a superior agency")


class RequestStatus(models.TextChoices):
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class QuotaRequest(ApprovalSubject, models.Model):
    """A proposed version of a quota (动态调整): the numbers it asks for and its approval chain."""

    quota = models.ForeignKey(
        Quota, verbose_name=_("quota"), on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QuotaRequestKind.choices)
    total = models.PositiveIntegerField(_("places"))
    civilian = models.PositiveIntegerField(_("civilian places"), null=True, blank=True)
    service = models.PositiveIntegerField(_("service places"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.IN_APPROVAL
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], table_name="recruitment_historicalquotarequest")

    class Meta:
        db_table = "recruitment_quotarequest"  # moved from recruitment (#16): the table keeps its name
        verbose_name = _("quota request")
        verbose_name_plural = _("quota requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quota"], condition=Q(status="in_approval"), name="quota_one_open_request"
            ),
            models.CheckConstraint(
                condition=Q(civilian__isnull=True, service__isnull=True)
                | Q(civilian__isnull=False, service__isnull=False, total=F("civilian") + F("service")),
                name="quota_request_split_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.quota} → {self.total}"

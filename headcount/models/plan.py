from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit

from .approval import ApprovalSubject


class PlanStatus(models.TextChoices):
    IN_APPROVAL = "in_approval", _("In approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")


class RecruitmentPlan(ApprovalSubject, models.Model):
    """招聘计划: places to recruit within an approved quota. Approval reserves the places;
    "未经批准，不得无计划聘用" (sichuan:art16.p3): no recruitment opens without an approved plan."""

    quota = models.ForeignKey(
        "headcount.Quota", verbose_name=_("quota"), on_delete=models.PROTECT, related_name="plans"
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="recruitment_plans"
    )
    title = models.CharField(_("title"), max_length=120)
    civilian_places = models.PositiveIntegerField(_("civilian places"), default=0)
    service_places = models.PositiveIntegerField(_("service places"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.IN_APPROVAL
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], table_name="recruitment_historicalrecruitmentplan")

    class Meta:
        db_table = "recruitment_recruitmentplan"  # moved from recruitment (#16): the table keeps its name
        verbose_name = _("recruitment plan")
        verbose_name_plural = _("recruitment plans")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(civilian_places__gt=0) | Q(service_places__gt=0), name="plan_has_places"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def places(self) -> int:
        return self.civilian_places + self.service_places

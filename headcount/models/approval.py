from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")


class ApprovalSubject:
    """For models that carry an approval chain in `steps` (quota requests, plans)."""

    @property
    def current_step(self) -> int | None:
        if self.status != "in_approval":
            return None
        pending = [step.sequence for step in self.steps.all() if step.status == StepStatus.PENDING]
        return min(pending) if pending else None


class ApprovalStep(models.Model):
    """One step of a quota request's or plan's approval chain, as the rules layer prescribes it.

    Steps with the same sequence number run together. Police steps are decided in the system by
    supervisors; steps of outside bodies (编制、财政、人民政府) are recorded by an officer with the
    approving body, document number (文号), date and a scan.
    """

    quota_request = models.ForeignKey(
        "headcount.QuotaRequest", null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    plan = models.ForeignKey(
        "headcount.RecruitmentPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="steps"
    )
    sequence = models.PositiveSmallIntegerField(_("step"))
    action = models.CharField(_("action"), max_length=16)  # propose, consent, review, approve, file
    body = models.CharField(_("body"), max_length=24)  # police, staffing_office, finance, government
    level = models.CharField(_("level"), max_length=16)  # same, superior, region
    cite = models.CharField(_("citation"), max_length=60, blank=True)
    setting = models.CharField(_("agency setting"), max_length=40, blank=True)
    label_zh = models.CharField(_("step"), max_length=60)
    status = models.CharField(
        _("status"), max_length=16, choices=StepStatus.choices, default=StepStatus.PENDING
    )
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acted_at = models.DateTimeField(_("acted at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    approving_body = models.CharField(_("approving body"), max_length=100, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    scan = models.FileField(_("scan"), upload_to="approvals/%Y/", blank=True)
    history = HistoricalRecords(bases=[TokenAudit], table_name="recruitment_historicalapprovalstep")

    class Meta:
        db_table = "recruitment_approvalstep"  # moved from recruitment (#16): the table keeps its name
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["sequence", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quota_request__isnull=False, plan__isnull=True)
                | Q(quota_request__isnull=True, plan__isnull=False),
                name="approval_step_has_one_subject",
            ),
        ]

    def __str__(self):
        return self.label_zh

    @property
    def inside_police(self) -> bool:
        return self.body == "police"

    @property
    def citation(self):
        from auxpolice.rules.citations import Citation

        return Citation.parse(self.cite) if self.cite else None

    @property
    def records_a_document(self) -> bool:
        """Outside bodies and filings are recorded with a document; police decisions are taken here."""
        return not self.inside_police or self.action == "file"

    @property
    def subject(self):
        return self.quota_request or self.plan

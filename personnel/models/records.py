from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.models import Category, Education


class OfficerStatus(models.TextChoices):
    PROBATION = "probation", _("On probation")
    IN_POST = "in_post", _("In post")
    SUSPENDED = "suspended", _("Suspended")
    SEPARATED = "separated", _("Separated")


class AuxiliaryOfficer(models.Model):
    """警务辅助人员: one person's record. The resident ID number is stored encrypted; the blind index
    finds and deduplicates it, and lists show only the masked form."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="auxiliaries"
    )
    quota = models.ForeignKey(
        "headcount.Quota", verbose_name=_("quota"), on_delete=models.PROTECT, related_name="auxiliaries"
    )
    full_name = models.CharField(_("full name"), max_length=60)
    id_number = EncryptedTextField(_("resident ID number"))
    id_number_index = models.CharField(max_length=64, unique=True, editable=False)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, editable=False, db_index=True)
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
    history = HistoricalRecords(excluded_fields=["id_number_index"])

    class Meta:
        verbose_name = _("auxiliary officer")
        verbose_name_plural = _("auxiliary officers")
        permissions = [("view_full_id_number", _("See resident ID numbers in full (every view is logged)"))]
        indexes = [
            models.Index(fields=["agency", "status", "id"], name="auxiliary_agency_status_idx"),
            models.Index(fields=["full_name", "id"], name="auxiliary_name_sort_idx"),
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


class ContractKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Labour contract (employment)")
    LABOUR_DISPATCH = "labour_dispatch", _("Labour dispatch")


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")
    EXPIRED = "expired", _("Expired")


class LaborContract(models.Model):
    """劳动合同. A renewal is a new contract pointing at the one it renews; the chain is the history."""

    officer = models.ForeignKey(
        AuxiliaryOfficer,
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    # Sichuan art 22 lets an entrusted body sign while the police organ stays responsible: record both.
    responsible_agency = models.ForeignKey(
        "core.Agency", verbose_name=_("responsible police organ"), on_delete=models.PROTECT, related_name="+"
    )
    employer_name = models.CharField(_("employer of record"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ContractKind.choices, default=ContractKind.EMPLOYMENT
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    probation_ends_on = models.DateField(_("probation ends on"), null=True, blank=True)
    stated_items = models.JSONField(_("contents stated"), default=list, blank=True)
    contract_grounds = models.JSONField(
        _("termination grounds stated in the contract"), default=list, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    renewal_basis = models.CharField(_("basis for renewal"), max_length=200, blank=True)
    terminated_on = models.DateField(_("terminated on"), null=True, blank=True)
    termination_ground = models.CharField(_("termination ground"), max_length=60, blank=True)
    termination_citation = models.CharField(_("termination citation"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("labour contract")
        verbose_name_plural = _("labour contracts")
        indexes = [models.Index(fields=["status", "ends_on"], name="contract_status_end_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(status="active"), name="contract_one_active"
            ),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="contract_ends_after_start"),
            models.CheckConstraint(
                condition=Q(probation_ends_on__isnull=True)
                | (Q(probation_ends_on__gt=F("starts_on")) & Q(probation_ends_on__lte=F("ends_on"))),
                name="contract_probation_within_term",
            ),
        ]

    def __str__(self):
        return f"{self.officer} {self.starts_on}–{self.ends_on}"


class NoticeKind(models.TextChoices):
    CONTRACT_EXPIRY = "contract_expiry", _("Contract expiry")
    PROBATION_END = "probation_end", _("Probation ends")


class DeadlineNotice(models.Model):
    """One notice per contract, kind, due date and lead time: the unique key makes every scan idempotent.
    A send log, not a business record: it keeps no history of its own."""

    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    contract = models.ForeignKey(LaborContract, on_delete=models.CASCADE, related_name="notices")
    due_on = models.DateField(_("due on"))
    lead_days = models.PositiveSmallIntegerField(_("days before"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline notice")
        verbose_name_plural = _("deadline notices")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "contract", "due_on", "lead_days"], name="deadline_notice_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["sent_at"], name="deadline_notice_unsent_idx", condition=Q(sent_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.contract} · {self.kind} {self.due_on}"


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
    history = HistoricalRecords(excluded_fields=["job_beat", "job_resumed_at"])

    class Meta:
        verbose_name = _("personnel import")
        verbose_name_plural = _("personnel imports")

    def __str__(self):
        return f"{self.agency} · {self.uploaded_at} · {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return round(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

"""A person at work: qualifications, training, duty assignments and the items issued to them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit


class Qualification(models.Model):
    """资质: a licence or certificate on file (e.g. a driving licence), with its validity."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="qualifications"
    )
    kind = models.CharField(_("qualification"), max_length=80)
    number = models.CharField(_("certificate number"), max_length=60, blank=True)
    issuer = models.CharField(_("issued by"), max_length=80, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["kind", "-issued_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("issued_on")),
                name="qualification_expires_after_issue",
            )
        ]

    def __str__(self):
        return self.kind

    def valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class TrainingKind(models.TextChoices):
    PRE_SERVICE = "pre_service", _("Pre-service training")
    ANNUAL = "annual", _("Annual training")
    SPECIAL = "special", _("Special training")
    PERIODIC_WITH_EXAM = "periodic_with_exam", _("Periodic training with exam")


class TrainingResult(models.TextChoices):
    PENDING = "pending", _("In progress")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class TrainingRecord(models.Model):
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="trainings"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    title = models.CharField(_("course"), max_length=120)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    result = models.CharField(
        _("result"), max_length=8, choices=TrainingResult.choices, default=TrainingResult.PENDING
    )
    score = models.DecimalField(_("exam score"), max_digits=5, decimal_places=2, null=True, blank=True)
    next_due_on = models.DateField(_("next training due"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["next_due_on"], name="training_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="training_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.officer} · {self.title}"


class DutyAssignment(models.Model):
    """A duty from the jurisdiction's catalogue given to one person, with the article that allows it."""

    officer = models.ForeignKey("personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="duties")
    duty = models.CharField(_("duty"), max_length=60)
    summary = models.CharField(_("duty"), max_length=120)
    detail = models.CharField(_("concrete work and its basis"), max_length=200, blank=True)
    qualification = models.ForeignKey(
        Qualification,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("qualification relied on"),
    )
    basis = models.TextField(_("article"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("duty assignment")
        verbose_name_plural = _("duty assignments")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "duty"], condition=Q(ends_on__isnull=True), name="duty_once_while_open"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="duty_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.officer} · {self.duty}"


class ItemStatus(models.TextChoices):
    ISSUED = "issued", _("Issued")
    RETURNED = "returned", _("Returned")
    LOST = "lost", _("Lost (written up)")
    REVOKED = "revoked", _("Revoked")


class IssuedItem(models.Model):
    """Work ID, uniform, insignia and equipment issued to a person. Weapons can never be entered."""

    officer = models.ForeignKey("personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="items")
    item = models.CharField(_("item"), max_length=24)
    description = models.CharField(_("description"), max_length=120, blank=True)
    serial_number = models.CharField(_("number"), max_length=60, blank=True)
    conditions = models.TextField(_("conditions of use"), blank=True)
    basis = models.TextField(_("article"), blank=True)
    issued_on = models.DateField(_("issued on"))
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.ISSUED
    )
    closed_on = models.DateField(_("returned or written off on"), null=True, blank=True)
    loss_report = models.TextField(_("loss write-up"), blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("issued item")
        verbose_name_plural = _("issued items")
        ordering = ["status", "item", "-issued_on"]
        constraints = [
            models.CheckConstraint(condition=~Q(item="weapon"), name="item_never_a_weapon"),
            models.CheckConstraint(
                condition=~Q(status="lost") | ~Q(loss_report=""), name="item_loss_written_up"
            ),
            models.CheckConstraint(
                condition=Q(status="issued") | Q(closed_on__isnull=False), name="item_closed_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.officer} · {self.item} {self.serial_number}".strip()

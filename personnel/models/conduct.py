"""Health, injuries and conduct: rewards, complaints, suspension, recusal and discipline. They feed the
annual assessment."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit


class HealthCheck(models.Model):
    """A periodic health check. The findings are encrypted and shown only with `view_health_records`."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="health_checks"
    )
    checked_on = models.DateField(_("checked on"))
    fit_for_duty = models.BooleanField(_("fit for duty"))
    findings = EncryptedTextField(_("findings"), blank=True)
    next_due_on = models.DateField(_("next check due"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["findings"])

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ["-checked_on"]
        permissions = [("view_health_records", _("See health check findings (every view is logged)"))]

    def __str__(self):
        return f"{self.officer} · {self.checked_on}"


class WorkInjury(models.Model):
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="injuries"
    )
    occurred_on = models.DateField(_("occurred on"))
    description = models.TextField(_("what happened"))
    recognised = models.BooleanField(_("recognised as a work injury"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("work injury")
        verbose_name_plural = _("work injuries")
        ordering = ["-occurred_on"]

    def __str__(self):
        return f"{self.officer} · {self.occurred_on}"


class Reward(models.Model):
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="rewards"
    )
    title = models.CharField(_("commendation"), max_length=120)
    awarded_on = models.DateField(_("awarded on"))
    awarded_by = models.CharField(_("awarded by"), max_length=80)
    basis = models.TextField(_("article"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("reward")
        verbose_name_plural = _("rewards")
        ordering = ["-awarded_on"]

    def __str__(self):
        return f"{self.officer} · {self.title}"


class Complaint(models.Model):
    """A complaint or report from the public: received, investigated, outcome, complainant informed."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Under investigation")
        UPHELD = "upheld", _("Upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="complaints"
    )
    received_on = models.DateField(_("received on"))
    complainant = models.CharField(_("complainant"), max_length=80)
    complainant_contact = models.CharField(_("complainant contact"), max_length=80, blank=True)
    content = models.TextField(_("content"))
    defence = models.TextField(_("the auxiliary's statement"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN)
    findings = models.TextField(_("findings"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    complainant_informed_on = models.DateField(_("complainant informed on"), null=True, blank=True)
    basis = models.TextField(_("article"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_on"]

    def __str__(self):
        return f"{self.officer} · {self.received_on}"


class Suspension(models.Model):
    """停止执行职务 while a matter is investigated. No duty can be assigned while one is open."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="suspensions"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    basis = models.TextField(_("article"), blank=True)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=Q(ends_on__isnull=True), name="suspension_one_open"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="suspension_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.officer} · {self.starts_on}"


class Recusal(models.Model):
    """回避: who asked, on what ground, and the police organ's decision."""

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="recusals"
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.CharField(_("requested by"), max_length=80)
    matter = models.CharField(_("case or matter"), max_length=120)
    ground = models.TextField(_("ground"))
    granted = models.BooleanField(_("granted"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    basis = models.TextField(_("article"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["-requested_on"]

    def __str__(self):
        return f"{self.officer} · {self.requested_on}"


class Discipline(models.Model):
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="disciplines"
    )
    decided_on = models.DateField(_("decided on"))
    measure = models.CharField(_("measure"), max_length=80)
    facts = models.TextField(_("facts"))
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("disciplinary outcome")
        verbose_name_plural = _("disciplinary outcomes")
        ordering = ["-decided_on"]

    def __str__(self):
        return f"{self.officer} · {self.measure} {self.decided_on}"

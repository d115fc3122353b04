from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit
from auxpolice.core.models import Category


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Announcement(models.Model):
    """招聘公告: made from an approved plan; published to the portal once a supervisor approves it.

    `stages` is fixed when the announcement is made, from the jurisdiction's rules (or the agency's
    setting where the text lists none), minus any stage simplified with the agreement recorded in
    `simplification_basis`. `stage_settings` holds each scored stage's weight, pass line and
    candidate-to-place ratio.
    """

    plan = models.ForeignKey(
        "headcount.RecruitmentPlan",
        verbose_name=_("recruitment plan"),
        on_delete=models.PROTECT,
        related_name="announcements",
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="announcements"
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("announcement text"))
    exam_arrangements = models.TextField(_("exam arrangements"), blank=True)
    registration_opens = models.DateTimeField(_("registration opens"))
    registration_closes = models.DateTimeField(_("registration closes"))
    stages = models.JSONField(_("stages"), default=list)
    stages_source = models.CharField(max_length=16, default="rules")
    simplified = models.JSONField(_("simplified stages"), default=list, blank=True)
    simplification_basis = models.CharField(_("agreement for the simplification"), max_length=200, blank=True)
    relaxations = models.JSONField(_("relaxations stated"), default=list, blank=True)
    approvals = models.JSONField(_("approvals held"), default=list, blank=True)
    stage_settings = models.JSONField(default=dict, blank=True)
    publicity_working_days = models.PositiveSmallIntegerField(
        _("publicity period (working days)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AnnouncementStatus.choices, default=AnnouncementStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("recruitment announcement")
        verbose_name_plural = _("recruitment announcements")
        ordering = ["-registration_opens", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_closes__gt=F("registration_opens")),
                name="announcement_window_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False, version__gte=1),
                name="announcement_published_has_version",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def reference_date(self):
        """Ages are counted on the registration deadline: one day for everyone, published in advance."""
        from django.utils import timezone

        return timezone.localtime(self.registration_closes).date()


class AnnouncementRevision(models.Model):
    """A published version of an announcement; applicants see every change and why it was made."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="revisions", db_index=False
    )  # indexed by revision_number_unique
    number = models.PositiveIntegerField(_("version"))
    note = models.TextField(_("what changed"))
    snapshot = models.JSONField(default=dict)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("announcement version")
        verbose_name_plural = _("announcement versions")
        ordering = ["announcement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "number"], name="revision_number_unique")
        ]

    def __str__(self):
        return f"{self.announcement} · 第{self.number}版"


class Position(models.Model):
    """招聘岗位 within an announcement."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="positions", db_index=False
    )  # indexed by position_code_unique
    code = models.CharField(_("position code"), max_length=20)
    title = models.CharField(_("position"), max_length=80)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    places = models.PositiveIntegerField(_("places"))
    max_age = models.PositiveSmallIntegerField(_("maximum age for this post"), null=True, blank=True)
    min_education = models.CharField(_("minimum education for this post"), max_length=24, blank=True)
    major = models.CharField(_("major"), max_length=120, blank=True)
    other_conditions = models.TextField(_("other conditions"), blank=True)
    targeted_groups = models.JSONField(_("targeted groups"), default=list, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["announcement", "code"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "code"], name="position_code_unique"),
            models.CheckConstraint(condition=Q(places__gt=0), name="position_has_places"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

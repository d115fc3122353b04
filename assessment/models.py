"""Tiers and the annual assessment: cycles, assessments, appeals, the consequences they propose and tier
changes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit
from auxpolice.core.models import BatchProgress


class CycleStatus(models.TextChoices):
    OPENING = "opening", _("Opening")
    OPEN = "open", _("Under way")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")


class AssessmentCycle(BatchProgress):
    """One agency's annual assessment for a year, covering the people of its subtree. The scheme (dimensions,
    grades, cap, consequence basis) is fixed when it opens, so later setting changes do not rewrite it."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by assessment_cycle_one_per_year
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPENING
    )
    scheme = models.JSONField(_("scheme"), default=dict)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=BatchProgress.COUNTERS)

    class Meta:
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="assessment_cycle_one_per_year")
        ]
        ordering = ["-year", "agency__path"]

    def __str__(self):
        return f"{self.agency} {self.year}"

    @property
    def busy(self) -> bool:
        return self.status in (CycleStatus.OPENING, CycleStatus.CLOSING)


class AssessmentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet scored")
    SCORED = "scored", _("Scored, awaiting review")
    REVIEWED = "reviewed", _("Reviewed")
    PUBLISHED = "published", _("Result published")
    APPEALED = "appealed", _("Under appeal")


class Assessment(models.Model):
    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.PROTECT, related_name="assessments", db_index=False
    )  # indexed by assessment_cycle_status_idx
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="assessments",
        db_index=False,
    )  # indexed by assessment_one_per_person_year
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.PENDING
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)  # {dimension code: 0-100}
    training_exam_score = models.DecimalField(
        _("training exam score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    assessor_name = models.CharField(_("supervising police officer (assessor)"), max_length=60, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scored_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        constraints = [
            # One assessment per person and year, whichever cycle (a city's or the province's) holds it.
            models.UniqueConstraint(fields=["officer", "year"], name="assessment_one_per_person_year"),
            models.CheckConstraint(
                condition=Q(status="pending") | ~Q(grade=""), name="assessment_scored_has_grade"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["published", "appealed"]) | Q(reviewed_by__isnull=False),
                name="assessment_published_was_reviewed",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "status", "id"], name="assessment_cycle_status_idx"),
            models.Index(fields=["cycle", "id"], name="assessment_cycle_id_idx"),
        ]

    def __str__(self):
        return f"{self.officer} {self.year}"


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    UPHELD = "upheld", _("Upheld: grade changed")
    REJECTED = "rejected", _("Rejected: grade stands")


class Appeal(models.Model):
    """申诉: the person contests a published result. Only its decision can change the grade."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="appeal")
    filed_on = models.DateField(_("filed on"))
    reasons = models.TextField(_("reasons given"))
    status = models.CharField(
        _("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.PENDING
    )
    grade_before = models.CharField(_("grade before"), max_length=20)
    grade_after = models.CharField(_("grade after"), max_length=20, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("assessment appeal")
        verbose_name_plural = _("assessment appeals")

    def __str__(self):
        return f"{self.assessment} · 申诉 {self.filed_on}"


class ConsequenceKind(models.TextChoices):
    PROMOTION = "promotion", _("Tier promotion")
    DEMOTION = "demotion", _("Tier demotion")
    PAY = "pay", _("Performance pay by grade")
    RENEWAL = "renewal", _("Contract renewal recommendation")


class ConsequenceStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
    STALE = "stale", _("Not applied: the person's tier changed meanwhile")


class Consequence(models.Model):
    """What a closed cycle proposes for one person, with the article that makes the result its basis."""

    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.PROTECT, related_name="consequences", db_index=False
    )  # indexed by consequence_cycle_status_idx
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="consequences", db_index=False
    )  # indexed by consequence_one_per_kind
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ConsequenceKind.choices)
    grade = models.CharField(_("grade"), max_length=20)
    from_tier = models.CharField(_("from tier"), max_length=30, blank=True)
    to_tier = models.CharField(_("to tier"), max_length=30, blank=True)
    recommend_renewal = models.BooleanField(_("renewal recommended"), null=True, blank=True)
    basis = models.TextField(_("article"))
    status = models.CharField(
        _("status"), max_length=10, choices=ConsequenceStatus.choices, default=ConsequenceStatus.PROPOSED
    )
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("assessment consequence")
        verbose_name_plural = _("assessment consequences")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "kind"], name="consequence_one_per_kind")
        ]
        indexes = [
            models.Index(fields=["cycle", "status", "kind", "id"], name="consequence_cycle_status_idx")
        ]

    def __str__(self):
        return f"{self.officer} · {self.get_kind_display()}"


class TierChange(models.Model):
    """A move between tiers: initial grading, by assessment (a confirmed consequence) or by selection."""

    class Mode(models.TextChoices):
        INITIAL = "initial", _("Initial grading")
        BY_ASSESSMENT = "by_assessment", _("By assessment")
        BY_SELECTION = "by_selection", _("By selection")

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="tier_changes",
    )
    from_tier = models.CharField(_("from tier"), max_length=30, blank=True)
    to_tier = models.CharField(_("to tier"), max_length=30)
    mode = models.CharField(_("how"), max_length=16, choices=Mode.choices)
    basis = models.TextField(_("basis"))
    effective_on = models.DateField(_("takes effect on"))
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    consequence = models.OneToOneField(
        Consequence, null=True, blank=True, on_delete=models.PROTECT, related_name="tier_change"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")
        indexes = [models.Index(fields=["applied_at", "effective_on"], name="tier_change_due_idx")]

    def __str__(self):
        return f"{self.officer} · {self.from_tier or '—'} → {self.to_tier} ({self.effective_on})"

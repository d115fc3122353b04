"""An application and its stages: results, publicity and objections."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Right
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit
from auxpolice.core.models import Category, Education
from auxpolice.rules.citations import Citation

from .profiles import SEX_CHOICES


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting qualification review")
    RETURNED = "returned", _("Returned for correction")
    REJECTED = "rejected", _("Not qualified")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_ADVANCED = "not_advanced", _("Not advanced")
    FAILED = "failed", _("Did not pass")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    IN_PUBLICITY = "in_publicity", _("In publicity")
    HIRED = "hired", _("Hired")


ACTIVE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.IN_PROGRESS,
    ApplicationStatus.IN_PUBLICITY,
)


class VacancyReason(models.TextChoices):
    """Why a place went to the next ranked candidate (递补)."""

    WITHDREW = "withdrew", _("A candidate withdrew")
    FAILED_PHYSICAL = "failed_physical", _("A candidate failed the physical test")
    FAILED_MEDICAL = "failed_medical", _("A candidate failed the medical examination")
    FAILED_VETTING = "failed_vetting", _("A candidate failed vetting")
    OBJECTION_UPHELD = "objection_upheld", _("An objection was upheld")


RANK_BELOW_PASS_LINE, RANK_PREFERENCE, RANK_REF_SEPARATOR = "below_pass_line", "preference", "|"
RANK_ABSENT = "absent"  # 缺考: no score at the stage


class Application(models.Model):
    """One person's application to one position. What the applicant declared and the eligibility
    decision (with its citations) are kept as they were at submission."""

    # No index of their own: the composite indexes below lead with them, and every index is one more write
    # for each application a ranking moves (see services/ranking_sql.py).
    announcement = models.ForeignKey(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    position = models.ForeignKey(
        "recruitment.Position", on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    applicant = models.ForeignKey(  # indexed by one_application_per_account, which leads with it
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    agency = models.ForeignKey("core.Agency", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    full_name = models.CharField(_("full name"), max_length=60)
    id_number = EncryptedTextField(_("resident ID number"))
    id_number_index = models.CharField(max_length=64, editable=False)
    id_number_masked = models.CharField(_("resident ID number"), max_length=18, editable=False)
    # The last four characters, which lists show: officers search by them.
    id_number_tail = models.GeneratedField(
        expression=Right("id_number_masked", 4), output_field=models.CharField(max_length=4), db_persist=True
    )
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=6, choices=SEX_CHOICES)
    phone = models.CharField(_("mobile phone"), max_length=20)
    education = models.CharField(_("highest education"), max_length=24, choices=Education.choices)
    statuses = models.JSONField(_("special statuses"), default=list, blank=True)
    declaration = models.JSONField(_("self-declaration"), default=dict)
    # Names of the relatives the applicant declared working in the recruiting police organ, as "|name|…|":
    # a staff member of that name is recused (one indexed-free LIKE on the position's rows, any database).
    declared_relatives = models.CharField(
        _("relatives declared in the police organ"), max_length=400, blank=True
    )
    rule_version = models.CharField(max_length=40)
    status = models.CharField(
        _("status"), max_length=14, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    stage = models.CharField(_("stage"), max_length=48)
    review_reason = models.TextField(_("review reason"), blank=True)
    review_citations = models.JSONField(default=list, blank=True)
    total_score = models.DecimalField(_("total score"), max_digits=6, decimal_places=2, null=True, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    # Why the rank is what it is, as a code and its facts: "below_pass_line:60" or
    # "preference:sichuan:art19(2)|…" (rank_explanation gives the words). Rows ranked before keep their words.
    rank_basis = models.CharField(max_length=200, blank=True)
    ticket_number = models.CharField(_("admission ticket number"), max_length=20, blank=True)
    # 递补: set when the candidate was called to a freed place, with why the place was free.
    called_for = models.CharField(
        _("called to a place freed because"), max_length=20, choices=VacancyReason.choices, blank=True
    )
    publicity = models.ForeignKey(
        "recruitment.Publicity",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        db_index=False,  # a partial index below: most applications are never on a publicity list
    )
    officer = models.OneToOneField(
        "personnel.AuxiliaryOfficer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when an unsuccessful application's personal data is purged after the retention period: the row
    # stays, without identity, so counts, ranks and the access log keep their meaning.
    purged_at = models.DateTimeField(_("personal data purged at"), null=True, blank=True)
    # The ID number never changes after submission (it comes from the profile), so history rows need not
    # carry another encrypted copy of it.
    # History is read per application (by id) and per announcement (analytics); the other foreign keys'
    # indexes would only slow the bulk copies a ranking makes.
    history = HistoricalRecords(
        bases=[TokenAudit],
        excluded_fields=["id_number", "id_number_index", "id_number_tail"],
        no_db_index=["agency", "applicant", "officer", "position", "publicity"],
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("view_sensitive_results", _("See medical and vetting results (every view is logged)"))
        ]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "announcement"], name="one_application_per_account"),
            models.UniqueConstraint(
                fields=["announcement", "id_number_index"], name="one_application_per_person"
            ),
            models.UniqueConstraint(
                fields=["announcement", "ticket_number"],
                condition=~Q(ticket_number=""),
                name="ticket_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(status="hired") | Q(officer__isnull=False), name="hired_application_has_officer"
            ),
        ]
        # No index holds status or rank: a ranking changes both on every candidate it does not advance, and
        # an update that changes no indexed column is written in place (HOT) without touching any
        # index; with the table's fillfactor of 40 (migration 0015) there is room on the page for it.
        # Ranking 50,000 candidates: 4.6 s with those columns indexed, 1.2–1.9 s without (bench/ranking.py).
        indexes = [
            models.Index(fields=["announcement", "id"], name="application_announcement_idx"),
            models.Index(fields=["position", "stage"], name="application_position_stage_idx"),
            models.Index(fields=["announcement", "id_number_tail"], name="application_id_tail_idx"),
            models.Index(
                fields=["publicity"], condition=Q(publicity__isnull=False), name="application_publicity_idx"
            ),
            models.Index(
                fields=["announcement", "full_name"],
                name="application_name_idx",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self):
        return f"{self.full_name} · {self.position.code}"

    @property
    def eligibility(self) -> dict:
        """The latest eligibility decision, as it was when the application was (re)submitted."""
        latest = self.eligibility_decisions.order_by("-decided_at", "-pk").only("decision").first()
        return latest.decision if latest else {}

    @property
    def rank_explanation(self) -> str:
        code, _sep, facts = self.rank_basis.partition(":")
        if code == RANK_BELOW_PASS_LINE:
            return f"未达合格分数线 {facts}"
        if code == RANK_ABSENT:
            return "缺考"
        if code == RANK_PREFERENCE:
            labels = "；".join(Citation.parse(ref).label_zh for ref in facts.split(RANK_REF_SEPARATOR) if ref)
            return f"同等条件下优先（{labels}）"
        return self.rank_basis


class EligibilityDecision(models.Model):
    """The eligibility decision (each finding with its citations) an application was submitted on: one row
    per submission and resubmission, never changed, so each row is its own record (no history table).

    Kept off the application row: at ~1 KB it was half of that row, rewritten with every status change a
    ranking makes on 50,000 candidates, and it leaves no room for those updates on the row's page."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="eligibility_decisions"
    )
    decided_at = models.DateTimeField(_("decided at"))
    decision = models.JSONField(_("eligibility check"))

    class Meta:
        verbose_name = _("eligibility decision")
        verbose_name_plural = _("eligibility decisions")

    def __str__(self):
        return f"{self.application_id} · {self.decided_at:%Y-%m-%d %H:%M}"


class StageResult(models.Model):
    """One application's result in one stage. Medical and vetting details are encrypted and shown
    only to staff with `view_sensitive_results`."""

    class Outcome(models.TextChoices):
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")
        ABSENT = "absent", _("Absent")
        SCORED = "scored", _("Scored")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="results", db_index=False
    )  # indexed by one_result_per_stage
    stage = models.CharField(_("stage"), max_length=48)
    outcome = models.CharField(_("result"), max_length=8, choices=Outcome.choices)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    detail = EncryptedTextField(_("details"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("stage result")
        verbose_name_plural = _("stage results")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="one_result_per_stage"),
            models.CheckConstraint(
                condition=~Q(outcome="scored") | Q(score__isnull=False), name="scored_has_score"
            ),
        ]

    def __str__(self):
        return f"{self.application} · {self.stage} · {self.outcome}"


class Publicity(models.Model):
    """公示: the list of people to be hired, on the portal for a period counted in working days."""

    announcement = models.ForeignKey(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="publicities"
    )
    starts_on = models.DateField(_("publicity starts"))
    ends_on = models.DateField(_("publicity ends"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    basis = models.CharField(_("basis of the period"), max_length=200)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("publicity")
        verbose_name_plural = _("publicities")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="publicity_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.announcement} · {self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    """An objection raised during publicity, and how it was resolved."""

    class Status(models.TextChoices):
        OPEN = "open", _("Pending")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="objections")
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("content"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField(_("resolution"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_on", "-id"]

    def __str__(self):
        return f"{self.application} · {self.received_on}"


class ResultRelease(models.Model):
    """成绩查询: when a stage's results reach the applicants, all at once, and whether ranks are shown with
    them. Until then the portal shows the stage as awaiting results; at the time set, a task sends every
    applicant with a result at the stage one notice."""

    announcement = models.ForeignKey(
        "recruitment.Announcement", on_delete=models.PROTECT, related_name="releases", db_index=False
    )  # indexed by one_release_per_stage
    stage = models.CharField(_("stage"), max_length=48)
    release_at = models.DateTimeField(_("released at"))
    publish_ranks = models.BooleanField(_("ranks shown to applicants"), default=False)
    notified_at = models.DateTimeField(_("applicants notified at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("result release")
        verbose_name_plural = _("result releases")
        constraints = [
            models.UniqueConstraint(fields=["announcement", "stage"], name="one_release_per_stage")
        ]
        indexes = [
            models.Index(fields=["release_at"], name="release_due_idx", condition=Q(notified_at__isnull=True))
        ]

    def __str__(self):
        return f"{self.announcement} · {self.stage} · {self.release_at}"

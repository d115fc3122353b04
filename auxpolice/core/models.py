from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from auxpolice.core.history import TokenAudit
from auxpolice.rules.jurisdictions import Jurisdiction

PATH_SEPARATOR = "/"


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Province / region")
    PREFECTURE = "prefecture", _("City / prefecture / league")
    COUNTY = "county", _("County / district / banner")
    STATION = "station", _("Station")
    INTERNAL_UNIT = "internal_unit", _("Internal unit")


class Agency(models.Model):
    """A police agency. `path` is a materialised path of codes ("510000/510100/") so that a
    whole subtree is one indexed prefix match."""

    code = models.CharField(
        _("agency code"),
        max_length=24,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and hyphens only."))],
        help_text=_("Stable identifier, e.g. the administrative division code. Cannot be changed."),
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=16, choices=AgencyLevel.choices)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=24, choices=Jurisdiction.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("superior agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Unique: on PostgreSQL Django adds a varchar_pattern_ops index beside the unique one (`…_like`), which
    # serves the subtree's LIKE 'prefix%' in any collation.
    path = models.CharField(_("position in the agency tree"), max_length=255, unique=True, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]
        permissions = [
            ("view_subtree", _("View the records of this agency and its subordinates")),
            ("change_subtree", _("Change the records of this agency and its subordinates")),
            ("approve_subtree", _("Approve for this agency and its subordinates")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(level=AgencyLevel.PROVINCE),
                name="agency_province_is_root",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count(PATH_SEPARATOR)

    def is_within(self, other: "Agency") -> bool:
        return self.path.startswith(other.path)


class Category(models.TextChoices):
    """Civilian (文职) and service (勤务) auxiliaries: every jurisdiction has both."""

    CIVILIAN = "civilian", _("Civilian")
    SERVICE = "service", _("Service")


class Education(models.TextChoices):
    """Highest education, as applicants declare it and personnel records keep it (one list for both)."""

    JUNIOR_SECONDARY = "junior_secondary", _("Junior secondary")
    HIGH_SCHOOL = "high_school", _("High school")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational")
    JUNIOR_COLLEGE = "junior_college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class Role(models.TextChoices):
    OFFICER = "officer", _("HR officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")
    SYSADMIN = "sysadmin", _("System administrator")
    SECURITY_ADMIN = "security_admin", _("Security administrator")
    APPLICANT = "applicant", _("Applicant")


AGENCY_BOUND_ROLES = (Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.APPLICANT)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    password_changed_at = models.DateTimeField(_("password changed at"), null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=AGENCY_BOUND_ROLES) | Q(agency__isnull=False),
                name="user_staff_role_has_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.APPLICANT) | Q(agency__isnull=True),
                name="user_applicant_has_no_agency",
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    def clean(self):
        super().clean()
        if self.role in AGENCY_BOUND_ROLES and self.agency_id is None:
            raise ValidationError({"agency": _("This role belongs to an agency: choose one.")})
        if self.role == Role.APPLICANT and self.agency_id is not None:
            raise ValidationError({"agency": _("Applicants belong to no agency.")})

    def set_password(self, raw_password):
        super().set_password(raw_password)
        from django.utils import timezone

        self.password_changed_at = timezone.now()

    @property
    def password_expired(self) -> bool:
        """Back-office passwords are changed every STAFF_PASSWORD_MAX_AGE_DAYS (MLPS); applicants' never
        expire (ASVS: no forced rotation)."""
        from datetime import timedelta

        from django.conf import settings
        from django.utils import timezone

        if not self.is_back_office or not settings.STAFF_PASSWORD_MAX_AGE_DAYS:
            return False
        changed = self.password_changed_at or self.date_joined
        return timezone.now() - changed > timedelta(days=settings.STAFF_PASSWORD_MAX_AGE_DAYS)

    @property
    def is_back_office(self) -> bool:
        return self.is_active and self.role != Role.APPLICANT

    @property
    def is_applicant(self) -> bool:
        return self.role == Role.APPLICANT


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write")


class ApiToken(models.Model):
    """A user's key for scripts and integrations: named, scoped, expiring, revocable. Only a digest of the
    secret is stored; the secret is shown once, when the token is issued (auxpolice.core.api_tokens)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices, default=TokenScope.READ)
    created_at = models.DateTimeField(_("issued at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        User,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["digest", "last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="token_expires_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class AgencyUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian grant: an exception that widens one user's scope to another subtree."""

    user = models.ForeignKey(
        "core.User", on_delete=models.CASCADE, db_index=False
    )  # indexed by guardian's unique (user, permission, content_object)
    content_object = models.ForeignKey(Agency, on_delete=models.CASCADE)


class AgencyGroupObjectPermission(GroupObjectPermissionBase):
    group = models.ForeignKey(
        "auth.Group", on_delete=models.CASCADE, db_index=False
    )  # indexed by guardian's unique (group, permission, content_object)
    content_object = models.ForeignKey(Agency, on_delete=models.CASCADE)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday")
    WORKDAY = "workday", _("Adjusted working day")


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a statutory holiday on a weekday, or a weekend day
    made a working day (调休). Published by the State Council each year; entered or imported here."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=40)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """A year whose holidays are complete. Working-day periods refuse to run into a year not listed."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=200)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["year"]

    def __str__(self):
        return str(self.year)


class BatchProgress(models.Model):
    """Progress of a batch run in Celery chunks (closing an assessment cycle, computing a payroll): how many
    items, how many done, and the last id handled, committed with each chunk so a cut-off run resumes there.
    Counters only: keep them out of the owner's history (`excluded_fields=BatchProgress.COUNTERS`)."""

    COUNTERS = ["job_done", "job_cursor", "job_beat", "job_resumed_at"]

    job_total = models.PositiveIntegerField(default=0)
    job_done = models.PositiveIntegerField(default=0)
    job_cursor = models.PositiveBigIntegerField(default=0)
    # When the run last moved, and when the stall sweep last queued it again (see auxpolice.core.batches).
    job_beat = models.DateTimeField(null=True, blank=True, editable=False, default=timezone.now)
    job_resumed_at = models.DateTimeField(
        _("resumed after a stall at"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        return (
            round(100 * self.job_done / self.job_total) if self.job_total else (100 if self.job_done else 0)
        )

    @classmethod
    def record_progress(cls, pk: int, **counters) -> None:
        # Progress counters are excluded from history, so a plain UPDATE is the right write.
        cls.objects.filter(pk=pk).update(job_beat=timezone.now(), **counters)


class BatchSlice(models.Model):
    """One slice of a batch run (a range of primary keys), computed by its own task so that a run's slices
    spread over the worker processes. Bookkeeping of the run, not a business record: what a slice wrote has
    its own history. See auxpolice.core.slices."""

    kind = models.CharField(max_length=40)  # which batch: "payroll", "assessment_close", ...
    run_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField()
    plan = models.UUIDField()  # one per planning of the run: caches per run are keyed by it
    first_key = models.BigIntegerField()
    last_key = models.BigIntegerField(null=True, blank=True)  # empty: open-ended (the last slice)
    done_at = models.DateTimeField(null=True, blank=True)
    items = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)  # warnings for the run's summary
    facts = models.JSONField(default=dict, blank=True)  # what the run's finish needs from this slice

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "run_id", "number"], name="batch_slice_once"),
            models.CheckConstraint(
                condition=Q(last_key__isnull=True) | Q(last_key__gte=models.F("first_key")),
                name="batch_slice_range",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.run_id} #{self.number}"


class AccountChange(models.Model):
    """One change of an account's role, agency, activity, sensitive-data grants, password or second factor, by
    whom. Append-only (the audit guard covers it) and read by the audit administrator (三员分立)."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: changed on the server (manage.py)."),
    )
    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.PROTECT, related_name="account_changes"
    )
    field = models.CharField(_("what"), max_length=24)
    old = models.CharField(_("before"), max_length=400, blank=True)
    new = models.CharField(_("after"), max_length=400, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} · {self.field} · {self.at}"


class EnrolmentCode(models.Model):
    """A one-time code, issued by the security administrator (or on the server), that lets an account without
    a second factor set one up: the password alone never reveals a TOTP secret. Only its keyed digest is
    stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="enrolment_codes")
    digest = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("second-factor enrolment code")
        verbose_name_plural = _("second-factor enrolment codes")

    def __str__(self):
        return f"{self.user} · {self.issued_at}"


class SheetImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Recorded")
    FAILED = "failed", _("Refused: nothing recorded")


class SheetImport(BatchProgress):
    """A workbook of results uploaded on a page (scores of a recruitment stage, annual assessment scores),
    recorded in Celery: all rows or none. `kind` names the app's handler (auxpolice.core.sheet_imports);
    `target` what it is for. The file is encrypted while it waits and deleted when the import ends; the row
    report stays."""

    kind = models.CharField(max_length=40)
    target = models.JSONField(default=dict)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    workbook = models.FileField(upload_to="sheet-imports/%Y/%m/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SheetImportStatus.choices, default=SheetImportStatus.PENDING
    )
    recorded = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 5, "column": "成绩", "message": "..."}]
    back_url = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=BatchProgress.COUNTERS)

    class Meta:
        verbose_name = _("workbook import")
        verbose_name_plural = _("workbook imports")

    def __str__(self):
        return f"{self.kind} · {self.agency} · {self.get_status_display()}"


from auxpolice.core.webhook_models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent  # noqa: E402, F401

"""Pay scales, the statistics they are held against, contributions, overtime, bank accounts and the
payroll."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from auxpolice.core.crypto import EncryptedTextField
from auxpolice.core.history import TokenAudit
from auxpolice.core.models import BatchProgress

MONEY = {"max_digits": 12, "decimal_places": 2}
RATE = {"max_digits": 6, "decimal_places": 4}  # 0.0800 = 8 %


class PayStatistic(models.Model):
    """A published statistic a pay floor is measured against, entered with its source (e.g. the statistics
    bureau's bulletin). It applies to the agency's subtree, the nearest agency's figure winning."""

    class Kind(models.TextChoices):
        DISPOSABLE_INCOME = (
            "prior_year_local_urban_per_capita_disposable_income",
            _("Urban per-capita disposable income"),
        )
        AVERAGE_WAGE = (
            "prior_year_local_average_wage_on_duty_employees",
            _("Average wage of on-duty employees"),
        )
        # 劳动合同法 第四十七条第二款: the city's published prior-year average monthly wage caps severance.
        AVERAGE_MONTHLY_WAGE = "prior_year_local_average_monthly_wage", _("Average monthly wage of employees")
        # 劳动合同法 第二十条: probation pay is never below the local minimum wage.
        MINIMUM_WAGE = "local_minimum_monthly_wage", _("Minimum monthly wage")

    # Statistics published per month; the others are per year.
    MONTHLY_KINDS = frozenset({Kind.AVERAGE_MONTHLY_WAGE, Kind.MINIMUM_WAGE})

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by pay_statistic_unique
    kind = models.CharField(_("statistic"), max_length=60, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year it measures"))
    amount = models.DecimalField(_("amount (yuan, per year or per month as published)"), **MONEY)
    source = models.CharField(_("source"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("pay statistic")
        verbose_name_plural = _("pay statistics")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "year"], name="pay_statistic_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="pay_statistic_positive"),
        ]

    def __str__(self):
        return f"{self.agency} · {self.get_kind_display()} {self.year}"

    @property
    def per_month(self) -> bool:
        return self.kind in self.MONTHLY_KINDS


class ScaleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class PayScale(models.Model):
    """Monthly pay by component for an agency's subtree from a date (动态调整: a new version, never an
    edit)."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    effective_from = models.DateField(_("in force from"))
    status = models.CharField(
        _("status"), max_length=10, choices=ScaleStatus.choices, default=ScaleStatus.DRAFT
    )
    base_monthly = models.DecimalField(_("base pay per month"), **MONEY)
    floor_finding = models.TextField(_("pay floor check"), blank=True)
    approval_reference = models.CharField(
        _("approval by the body the text names (document number)"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("pay scale")
        verbose_name_plural = _("pay scales")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "effective_from"],
                condition=Q(status="approved"),
                name="pay_scale_one_approved_per_date",
            ),
            models.CheckConstraint(condition=Q(base_monthly__gte=0), name="pay_scale_base_not_negative"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_by__isnull=False),
                name="pay_scale_approved_has_approver",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.effective_from}"


class PayScaleLine(models.Model):
    """One amount of a scale: a tier's pay, a post's allowance (hazardous posts flagged), or the monthly
    performance pay for an assessment grade."""

    class Kind(models.TextChoices):
        TIER = "tier", _("Tier pay")
        POST = "post", _("Post allowance")
        PERFORMANCE = "performance", _("Performance pay by grade")

    scale = models.ForeignKey(
        PayScale, on_delete=models.CASCADE, related_name="lines", db_index=False
    )  # indexed by pay_scale_line_unique
    kind = models.CharField(_("component"), max_length=12, choices=Kind.choices)
    key = models.CharField(_("tier, post or grade"), max_length=60)
    monthly = models.DecimalField(_("amount per month"), **MONEY)
    hazardous = models.BooleanField(_("hazardous post"), default=False)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("pay scale line")
        verbose_name_plural = _("pay scale lines")
        constraints = [
            models.UniqueConstraint(fields=["scale", "kind", "key"], name="pay_scale_line_unique"),
            models.CheckConstraint(condition=Q(monthly__gte=0), name="pay_scale_line_not_negative"),
        ]

    def __str__(self):
        return f"{self.scale} · {self.key} {self.monthly}"


class ContributionScheme(models.Model):
    """Social insurance and housing fund: bases and rates as the local authorities set them (the texts require
    the insurance, not the rates). In force from a date for the agency's subtree."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by contribution_scheme_unique
    effective_from = models.DateField(_("in force from"))
    base_minimum = models.DecimalField(_("lowest contribution base"), **MONEY)
    base_maximum = models.DecimalField(_("highest contribution base"), **MONEY)
    pension_employer = models.DecimalField(_("pension, employer"), **RATE)
    pension_employee = models.DecimalField(_("pension, employee"), **RATE)
    medical_employer = models.DecimalField(_("medical, employer"), **RATE)
    medical_employee = models.DecimalField(_("medical, employee"), **RATE)
    maternity_employer = models.DecimalField(_("maternity, employer (0 where merged into medical)"), **RATE)
    unemployment_employer = models.DecimalField(_("unemployment, employer"), **RATE)
    unemployment_employee = models.DecimalField(_("unemployment, employee"), **RATE)
    work_injury_employer = models.DecimalField(_("work injury, employer"), **RATE)
    housing_fund_employer = models.DecimalField(_("housing fund, employer"), **RATE)
    housing_fund_employee = models.DecimalField(_("housing fund, employee"), **RATE)
    basis = models.CharField(_("basis (local notice)"), max_length=200)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("contribution scheme")
        verbose_name_plural = _("contribution schemes")
        constraints = [
            models.UniqueConstraint(fields=["agency", "effective_from"], name="contribution_scheme_unique"),
            models.CheckConstraint(
                condition=Q(base_maximum__gte=models.F("base_minimum")), name="contribution_base_range"
            ),
        ]

    RATE_FIELDS = (
        "pension_employer",
        "pension_employee",
        "medical_employer",
        "medical_employee",
        "maternity_employer",
        "unemployment_employer",
        "unemployment_employee",
        "work_injury_employer",
        "housing_fund_employer",
        "housing_fund_employee",
    )

    def __str__(self):
        return f"{self.agency} · {self.effective_from}"


class AccidentPolicy(models.Model):
    """人身意外伤害保险 bought for the people in hazardous posts, as the texts require by post risk."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    insurer = models.CharField(_("insurer"), max_length=100)
    policy_number = models.CharField(_("policy number"), max_length=60)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("accident insurance policy")
        verbose_name_plural = _("accident insurance policies")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="accident_policy_dates"
            )
        ]

    def __str__(self):
        return f"{self.insurer} {self.policy_number}"


class Overtime(models.Model):
    """Overtime worked in a month, paid or compensated with time off (补休)."""

    class DayKind(models.TextChoices):
        WORKDAY = "workday", _("Working day (150%)")
        REST_DAY = "rest_day", _("Rest day (200%)")
        HOLIDAY = "holiday", _("Public holiday (300%)")

    class Settlement(models.TextChoices):
        PAY = "pay", _("Paid")
        LEAVE = "leave", _("Time off in lieu")

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="overtime",
    )
    month = models.DateField(_("month"))  # first day of the month
    day_kind = models.CharField(_("days worked"), max_length=10, choices=DayKind.choices)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    settlement = models.CharField(_("settled by"), max_length=6, choices=Settlement.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("overtime")
        verbose_name_plural = _("overtime")
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="overtime_hours_positive")]
        indexes = [models.Index(fields=["month", "officer"], name="overtime_month_idx")]

    def __str__(self):
        return f"{self.officer} · {self.month} · {self.hours}"


class SpecialDeduction(models.Model):
    """A person's special additional deductions for income tax (个人所得税专项附加扣除), each cumulative from
    January to the month, as the tax authority's withholding client (扣缴客户端) reports them. The client
    holds the person's declarations and checks them against the national standards; the payroll applies the
    cumulative amounts it reports and encodes no standard of its own. Serious-illness medical costs
    (大病医疗) are settled only in the annual reconciliation and never appear here."""

    # (field, the withholding client's column)
    KINDS = (
        ("child_education", "累计子女教育"),
        ("continuing_education", "累计继续教育"),
        ("housing_loan_interest", "累计住房贷款利息"),
        ("housing_rent", "累计住房租金"),
        ("elderly_support", "累计赡养老人"),
        ("infant_care", "累计3岁以下婴幼儿照护"),
    )

    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="special_deductions",
        db_index=False,
    )  # indexed by special_deduction_one_per_month
    month = models.DateField(_("month"))  # first day of the month
    child_education = models.DecimalField(_("children's education"), default=0, **MONEY)
    continuing_education = models.DecimalField(_("continuing education"), default=0, **MONEY)
    housing_loan_interest = models.DecimalField(_("housing loan interest"), default=0, **MONEY)
    housing_rent = models.DecimalField(_("housing rent"), default=0, **MONEY)
    elderly_support = models.DecimalField(_("elderly support"), default=0, **MONEY)
    infant_care = models.DecimalField(_("care of children under three"), default=0, **MONEY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("special additional deductions")
        verbose_name_plural = _("special additional deductions")
        constraints = [
            models.UniqueConstraint(fields=["officer", "month"], name="special_deduction_one_per_month"),
            models.CheckConstraint(
                condition=Q(child_education__gte=0)
                & Q(continuing_education__gte=0)
                & Q(housing_loan_interest__gte=0)
                & Q(housing_rent__gte=0)
                & Q(elderly_support__gte=0)
                & Q(infant_care__gte=0),
                name="special_deduction_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.officer} · {self.month:%Y-%m}"

    @property
    def total(self):
        return sum((getattr(self, field) for field, _column in self.KINDS), 0)


class BankAccount(models.Model):
    officer = models.OneToOneField(
        "personnel.AuxiliaryOfficer", on_delete=models.PROTECT, related_name="bank_account"
    )
    bank_name = models.CharField(_("bank"), max_length=60)
    account_number = EncryptedTextField(_("account number"))
    account_masked = models.CharField(_("account number"), max_length=30, editable=False)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=["account_number"])

    class Meta:
        verbose_name = _("salary account")
        verbose_name_plural = _("salary accounts")
        permissions = [
            ("export_bank_transfer", _("Export bank transfer files with full account numbers (logged)"))
        ]

    def __str__(self):
        return f"{self.officer} · {self.bank_name} {self.account_masked}"


class RunStatus(models.TextChoices):
    COMPUTING = "computing", _("Computing")
    COMPUTED = "computed", _("Computed: awaiting approval")
    APPROVED = "approved", _("Approved and locked")


class PayrollRun(BatchProgress):
    """One month's payroll for an agency's subtree. Computed in Celery; locked once approved."""

    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+", db_index=False
    )  # indexed by payroll_one_per_agency_month
    month = models.DateField(_("month"))  # first day of the month
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.COMPUTING
    )
    warnings = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(bases=[TokenAudit], excluded_fields=BatchProgress.COUNTERS)

    class Meta:
        verbose_name = _("payroll run")
        verbose_name_plural = _("payroll runs")
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="payroll_one_per_agency_month"),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_by__isnull=False),
                name="payroll_approved_has_approver",
            ),
        ]
        ordering = ["-month", "agency__path"]

    def __str__(self):
        return f"{self.agency} {self.month}"


class PayrollLine(models.Model):
    run = models.ForeignKey(
        PayrollRun, on_delete=models.PROTECT, related_name="lines", db_index=False
    )  # indexed by payroll_line_one_per_person
    officer = models.ForeignKey(
        "personnel.AuxiliaryOfficer",
        verbose_name=_("auxiliary officer"),
        on_delete=models.PROTECT,
        related_name="payroll_lines",
        db_index=False,
    )  # indexed by payroll_line_officer_idx
    agency = models.ForeignKey(
        "core.Agency", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    tier = models.CharField(_("tier"), max_length=30, blank=True)
    grade = models.CharField(_("assessment grade"), max_length=20, blank=True)
    days_paid = models.PositiveSmallIntegerField(_("days paid"))
    days_in_month = models.PositiveSmallIntegerField()
    base = models.DecimalField(_("base pay"), **MONEY)
    tier_pay = models.DecimalField(_("tier pay"), **MONEY)
    post_allowance = models.DecimalField(_("post allowance"), **MONEY)
    performance = models.DecimalField(_("performance pay"), **MONEY)
    overtime_pay = models.DecimalField(_("overtime pay"), **MONEY)
    probation_deduction = models.DecimalField(_("probation reduction"), default=0, **MONEY)
    unpaid_leave_days = models.PositiveSmallIntegerField(_("unpaid leave days"), default=0)
    leave_deduction = models.DecimalField(_("unpaid leave deduction"), default=0, **MONEY)
    gross = models.DecimalField(_("gross pay"), **MONEY)
    contribution_base = models.DecimalField(_("contribution base"), **MONEY)
    pension_employee = models.DecimalField(_("pension"), **MONEY)
    medical_employee = models.DecimalField(_("medical"), **MONEY)
    unemployment_employee = models.DecimalField(_("unemployment"), **MONEY)
    housing_fund_employee = models.DecimalField(_("housing fund"), **MONEY)
    # This month's share of the cumulative special additional deductions (专项附加扣除): what the withholding
    # client reported to the month less what earlier months of the year applied.
    special_deductions = models.DecimalField(_("special additional deductions"), default=0, **MONEY)
    income_tax = models.DecimalField(_("income tax withheld"), **MONEY)
    net = models.DecimalField(_("net pay"), **MONEY)
    employer_contributions = models.DecimalField(_("employer contributions"), **MONEY)
    previous_gross = models.DecimalField(_("gross pay last month"), null=True, blank=True, **MONEY)
    history = HistoricalRecords(bases=[TokenAudit])

    class Meta:
        verbose_name = _("payroll line")
        verbose_name_plural = _("payroll lines")
        constraints = [models.UniqueConstraint(fields=["run", "officer"], name="payroll_line_one_per_person")]
        indexes = [
            models.Index(fields=["run", "id"], name="payroll_line_run_idx"),
            models.Index(fields=["officer", "run"], name="payroll_line_officer_idx"),
        ]

    def __str__(self):
        return f"{self.run} · {self.officer}"

    @property
    def employee_contributions(self):
        return (
            self.pension_employee
            + self.medical_employee
            + self.unemployment_employee
            + self.housing_fund_employee
        )

    @property
    def difference(self):
        return None if self.previous_gross is None else self.gross - self.previous_gross

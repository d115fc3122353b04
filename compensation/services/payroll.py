"""The monthly payroll: every person's gross, contributions, tax withheld and net, in Decimal to the cent.

Computed in Celery in slices that run side by side (auxpolice.core.slices: one task per slice of people, each
written exactly once in one transaction), locked once approved.
National figures (pay days, overtime rates, tax brackets) come from `auxpolice.rules.national`.
"""

import calendar
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core import slices, webhooks
from auxpolice.core.audit import authored, snapshot_history
from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import Agency
from auxpolice.core.scoping import Action, can
from auxpolice.rules import national
from auxpolice.rules.evaluators import pay as pay_rules
from auxpolice.rules.registry import pack_for
from personnel.models import AuxiliaryOfficer, OfficerStatus

from ..models import (
    ContributionScheme,
    Overtime,
    PayrollLine,
    PayrollRun,
    PayScale,
    PayScaleLine,
    RunStatus,
    SpecialDeduction,
)
from .contributions import policy_covers, scheme_in_force
from .pay_adjustments import FULL_PAY_PERCENT, Adjustments, AgencyPayFacts, adjustments_for
from .scales import scale_in_force

CHUNK = 5000  # rows per statement when discarding lines
SLICES = "payroll"
CENT = Decimal("0.01")
# The five texts say overtime is paid or compensated "按照国家有关规定"; the national figures live in the
# rules layer.
OVERTIME_RATE = {Overtime.DayKind(kind): rate for kind, rate in national.OVERTIME_RATES.items()}
PAY_DAYS_PER_MONTH, HOURS_PER_DAY = national.PAY_DAYS_PER_MONTH, national.HOURS_PER_DAY
MONTHLY_DEDUCTION, TAX_BRACKETS = national.MONTHLY_DEDUCTION, national.TAX_BRACKETS


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def cumulative_tax(taxable: Decimal) -> Decimal:
    if taxable <= 0:
        return Decimal(0)
    for ceiling, rate, quick in TAX_BRACKETS:
        if ceiling is None or taxable <= ceiling:
            return cents(taxable * rate - quick)
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Person:
    pk: int
    agency_id: int
    tier: str
    post: str
    hired_on: date
    separated_on: date | None


@dataclass(frozen=True)
class YearToDate:
    gross: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)  # employee contributions
    tax: Decimal = Decimal(0)
    months: int = 0
    special: Decimal = Decimal(0)  # special additional deductions applied


@dataclass(frozen=True)
class PayLine:
    """One person's computed month, field for field what a PayrollLine stores."""

    officer_id: int
    agency_id: int
    tier: str
    grade: str
    days_paid: int
    days_in_month: int
    base: Decimal
    tier_pay: Decimal
    post_allowance: Decimal
    performance: Decimal
    overtime_pay: Decimal
    probation_deduction: Decimal
    unpaid_leave_days: int
    leave_deduction: Decimal
    gross: Decimal
    contribution_base: Decimal
    pension_employee: Decimal
    medical_employee: Decimal
    unemployment_employee: Decimal
    housing_fund_employee: Decimal
    special_deductions: Decimal
    income_tax: Decimal
    net: Decimal
    employer_contributions: Decimal


def line_for(
    person: Person,
    month: date,
    scale: PayScale,
    lines: dict,
    scheme: ContributionScheme | None,
    grade: str,
    overtime: list[tuple[str, Decimal]],
    ytd: YearToDate,
    adjustments: Adjustments | None = None,
    probation_percent: int = FULL_PAY_PERCENT,
    special_to_date: Decimal | None = None,
) -> PayLine | None:
    """One person's month (None: not in post in it). `lines`: {(kind, key): PayScaleLine} of the scale.
    `special_to_date`: the special additional deductions from January to this month, as the withholding client
    reported them (None: nothing reported this year)."""
    days = calendar.monthrange(month.year, month.month)[1]
    last = month.replace(day=days)
    start = max(person.hired_on, month)
    end = min(person.separated_on or last, last)
    if end < start:
        return None
    paid = (end - start).days + 1

    def amount(kind, key) -> Decimal:
        line = lines.get((kind, key))
        return line.monthly if line else Decimal(0)

    def prorated(monthly: Decimal) -> Decimal:
        return monthly if paid == days else cents(monthly * paid / days)

    base_full, tier_full = scale.base_monthly, amount(PayScaleLine.Kind.TIER, person.tier)
    post_full = amount(PayScaleLine.Kind.POST, person.post)
    base, tier_pay, post_allowance = prorated(base_full), prorated(tier_full), prorated(post_full)
    performance = prorated(amount(PayScaleLine.Kind.PERFORMANCE, grade)) if grade else Decimal(0)
    hourly = (base_full + tier_full) / PAY_DAYS_PER_MONTH / HOURS_PER_DAY
    overtime_pay = cents(
        sum((hourly * hours * OVERTIME_RATE[Overtime.DayKind(kind)] for kind, hours in overtime), Decimal(0))
    )
    adjustments = adjustments or Adjustments()
    fixed_full = base_full + tier_full + post_full
    # 劳动合同法 第二十条: probation days paid at the agency's percentage of the agreed (scale) pay.
    probation_days = min(adjustments.probation_days, paid)
    probation_deduction = cents(
        fixed_full * (FULL_PAY_PERCENT - probation_percent) / FULL_PAY_PERCENT * probation_days / days
    )
    # Unpaid personal leave: a day's pay is the month's fixed pay over 21.75 pay days, never more than earned.
    leave_deduction = min(
        cents(fixed_full / PAY_DAYS_PER_MONTH * adjustments.unpaid_days),
        base + tier_pay + post_allowance - probation_deduction,
    )
    gross = (
        base + tier_pay + post_allowance + performance + overtime_pay - probation_deduction - leave_deduction
    )
    if scheme is not None:
        contribution_base = min(
            max(base_full + tier_full + post_full, scheme.base_minimum), scheme.base_maximum
        )
        employee = {
            field: cents(contribution_base * getattr(scheme, field))
            for field in (
                "pension_employee",
                "medical_employee",
                "unemployment_employee",
                "housing_fund_employee",
            )
        }
        employer = sum(
            (
                cents(contribution_base * getattr(scheme, field))
                for field in ContributionScheme.RATE_FIELDS
                if field.endswith("_employer")
            ),
            Decimal(0),
        )
    else:
        contribution_base = Decimal(0)
        employee = dict.fromkeys(
            ("pension_employee", "medical_employee", "unemployment_employee", "housing_fund_employee"),
            Decimal(0),
        )
        employer = Decimal(0)
    deductions = sum(employee.values(), Decimal(0))
    months = ytd.months + 1
    # Cumulative withholding (预扣率表一): the year's special additional deductions so far come off the year's
    # income so far; a month reported late is caught up in the next month computed.
    special = ytd.special if special_to_date is None else special_to_date
    taxable = ytd.gross + gross - ytd.deductions - deductions - MONTHLY_DEDUCTION * months - special
    tax = max(cumulative_tax(taxable) - ytd.tax, Decimal(0))
    return PayLine(
        officer_id=person.pk,
        agency_id=person.agency_id,
        tier=person.tier,
        grade=grade,
        days_paid=paid,
        days_in_month=days,
        base=base,
        tier_pay=tier_pay,
        post_allowance=post_allowance,
        performance=performance,
        overtime_pay=overtime_pay,
        probation_deduction=probation_deduction,
        unpaid_leave_days=adjustments.unpaid_days,
        leave_deduction=leave_deduction,
        gross=gross,
        contribution_base=contribution_base,
        **employee,
        special_deductions=special - ytd.special,
        income_tax=tax,
        net=gross - deductions - tax,
        employer_contributions=employer,
    )


def _people(run: PayrollRun):
    month_end = run.month.replace(day=calendar.monthrange(run.month.year, run.month.month)[1])
    return AuxiliaryOfficer.objects.filter(
        agency__path__startswith=run.agency.path, hired_on__lte=month_end
    ).exclude(status=OfficerStatus.SEPARATED, separated_on__lt=run.month)


def payroll_start(*, actor, agency: Agency, month: date) -> PayrollRun:
    """Queue the month's computation. Running it again for the same month creates nothing new: the existing
    run is returned (recomputed if not yet approved)."""
    from ..tasks import compute_payroll

    month = month.replace(day=1)
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if scale_in_force(agency, month) is None:
        raise DomainError(
            _("No approved pay scale is in force for %(agency)s in %(month)s.")
            % {"agency": agency.name, "month": f"{month:%Y-%m}"},
            field="month",
            code="no_scale",
        )
    rule = pay_rules.insurance_rule(pack_for(agency.jurisdiction, month))
    if rule.known and scheme_in_force(agency, month) is None:
        raise RuleViolation(
            _("No social insurance scheme is in force: the regulation requires the insurance."),
            citations=rule.citations,
            field="month",
        )
    with transaction.atomic():
        run = PayrollRun.objects.select_for_update().filter(agency=agency, month=month).first()
        if run is not None and run.status == RunStatus.APPROVED:
            return run
        if run is not None and run.status == RunStatus.COMPUTING:
            raise Conflict(_("This month's payroll is still being computed: wait for it to finish."))
        if run is None:
            run = PayrollRun(agency=agency, month=month, created_by=actor)
            authored(run, actor)
            try:
                with transaction.atomic():
                    run.save()
            except IntegrityError:
                raise Conflict(_("This month's payroll is being created by someone else.")) from None
        else:
            _discard_lines(run, actor)
            run.status, run.warnings, run.created_by = RunStatus.COMPUTING, [], actor
            authored(run, actor)
            run.save(update_fields=["status", "warnings", "created_by"])
        total = slices.plan(SLICES, run.pk, _people(run))
        PayrollRun.record_progress(run.pk, job_total=total, job_done=0, job_cursor=0)
        transaction.on_commit(lambda: compute_payroll.delay(run.pk))
    run.refresh_from_db()
    return run


def _discard_lines(run: PayrollRun, actor) -> None:
    pks = list(run.lines.values_list("pk", flat=True))
    snapshot_history(PayrollLine, pks, user=actor, history_type="-", reason="重新计算")
    for start in range(0, len(pks), CHUNK):
        PayrollLine.objects.filter(pk__in=pks[start : start + CHUNK])._raw_delete(PayrollLine.objects.db)


class _Resolver:
    """Scales and schemes per agency, read once per run."""

    def __init__(self, month: date):
        self.month = month
        self._scales: dict[int, tuple] = {}
        self._schemes: dict[int, ContributionScheme | None] = {}

    def scale(self, agency_id: int):
        if agency_id not in self._scales:
            scale = scale_in_force(Agency.objects.get(pk=agency_id), self.month)
            lines = {(line.kind, line.key): line for line in scale.lines.all()} if scale else {}
            self._scales[agency_id] = (scale, lines)
        return self._scales[agency_id]

    def scheme(self, agency_id: int):
        if agency_id not in self._schemes:
            self._schemes[agency_id] = scheme_in_force(Agency.objects.get(pk=agency_id), self.month)
        return self._schemes[agency_id]


def _grades(pks: list[int], month_end: date) -> dict[int, str]:
    """The grade of each person's latest confirmed pay consequence in force by the month's end."""
    from assessment.models import Consequence, ConsequenceKind, ConsequenceStatus

    rows = (
        Consequence.objects.filter(
            officer_id__in=pks,
            kind=ConsequenceKind.PAY,
            status=ConsequenceStatus.CONFIRMED,
            effective_on__lte=month_end,
        )
        .order_by("officer_id", "-effective_on")
        .values_list("officer_id", "grade")
    )
    grades: dict[int, str] = {}
    for officer_id, grade in rows:
        grades.setdefault(officer_id, grade)
    return grades


def _overtime(pks: list[int], month: date) -> dict[int, list[tuple[str, Decimal]]]:
    rows = (
        Overtime.objects.filter(officer_id__in=pks, month=month, settlement=Overtime.Settlement.PAY)
        .values("officer_id", "day_kind")
        .annotate(hours=Sum("hours"))
        .order_by()
    )
    hours: dict[int, list] = defaultdict(list)
    for row in rows:
        hours[row["officer_id"]].append((row["day_kind"], row["hours"]))
    return hours


def _year_to_date(pks: list[int], month: date) -> dict[int, YearToDate]:
    rows = (
        PayrollLine.objects.filter(
            officer_id__in=pks,
            run__month__year=month.year,
            run__month__lt=month,
            run__status=RunStatus.APPROVED,
        )
        .values("officer_id")
        .annotate(
            gross=Sum("gross"),
            pension=Sum("pension_employee"),
            medical=Sum("medical_employee"),
            unemployment=Sum("unemployment_employee"),
            housing=Sum("housing_fund_employee"),
            tax=Sum("income_tax"),
            months=Count("pk"),
            special=Sum("special_deductions"),
        )
        .order_by()
    )
    return {
        row["officer_id"]: YearToDate(
            row["gross"],
            row["pension"] + row["medical"] + row["unemployment"] + row["housing"],
            row["tax"],
            row["months"],
            row["special"],
        )
        for row in rows
    }


def _special_to_date(pks: list[int], month: date) -> dict[int, tuple[date, Decimal]]:
    """Each person's latest special additional deductions reported this year up to the month: (the month
    reported, the cumulative total)."""
    total = sum((F(field) for field, _column in SpecialDeduction.KINDS[1:]), F(SpecialDeduction.KINDS[0][0]))
    rows = (
        SpecialDeduction.objects.filter(
            officer_id__in=pks, month__gte=month.replace(month=1, day=1), month__lte=month
        )
        .annotate(cumulative=total)
        .order_by("officer_id", "-month")
        .values_list("officer_id", "month", "cumulative")
    )
    latest: dict[int, tuple[date, Decimal]] = {}
    for officer_id, reported, amount in rows:
        latest.setdefault(officer_id, (reported, amount))
    return latest


def _previous_gross(pks: list[int], month: date) -> dict[int, Decimal]:
    previous = (month.replace(day=1) - timedelta(days=1)).replace(day=1)
    return dict(
        PayrollLine.objects.filter(officer_id__in=pks, run__month=previous)
        .values("officer_id")
        .annotate(g=Max("gross"))
        .values_list("officer_id", "g")
        .order_by()
    )


def compute(run_id: int) -> PayrollRun:
    """What the run's task does: queue a task per slice not yet done (a Celery group), or finish the run when
    none is left (a run of nobody). Safe to run twice: a slice already done is skipped."""
    from ..tasks import compute_payroll_slice

    with transaction.atomic():
        run = (
            PayrollRun.objects.select_for_update(of=("self",))
            .select_related("agency", "created_by")
            .get(pk=run_id)
        )
        if run.status == RunStatus.COMPUTING:
            if not slices.planned(SLICES, run.pk):  # a run queued before it had slices: the rest of it
                total = slices.plan(SLICES, run.pk, _people(run).filter(pk__gt=run.job_cursor))
                PayrollRun.record_progress(run.pk, job_total=run.job_done + total)
            if not slices.queue(SLICES, run.pk, compute_payroll_slice):
                _finish(run)
    return run


def compute_chunks(run_id: int) -> PayrollRun:
    """Every slice not yet done, one after the other in this process (the embedded default, the demo data and
    the benchmark's single-process figure); the same work as the group of slice tasks."""
    slices.run_here(SLICES, run_id, compute_slice)
    return compute(run_id)


_cache: dict = {}


def _readers(run: PayrollRun, plan) -> tuple["_Resolver", AgencyPayFacts]:
    """Scales, schemes and pay facts per agency, read once per planned run in each worker process."""
    if _cache.get("plan") != plan:
        _cache.clear()
        _cache.update(plan=plan, readers=(_Resolver(run.month), AgencyPayFacts(run.month)))
    return _cache["readers"]


def compute_slice(run_id: int, number: int) -> None:
    """One slice of people: their lines and history in one transaction, done exactly once; the slice that
    completes the run finishes it."""
    with transaction.atomic():
        piece = slices.claim(SLICES, run_id, number)
        if piece is None:
            return
        run = PayrollRun.objects.select_related("agency", "created_by").get(pk=run_id)
        if run.status != RunStatus.COMPUTING:
            return
        resolver, facts = _readers(run, piece.plan)
        people = [
            Person(*row)
            for row in slices.within(_people(run), piece)
            .order_by("pk")
            .values_list("pk", "agency_id", "tier", "post", "hired_on", "separated_on")
        ]
        warnings, hazardous = _write_lines(run, people, resolver, facts) if people else ([], set())

        def progress(items: int) -> None:
            PayrollRun.record_progress(run.pk, job_done=F("job_done") + items)

        last = slices.complete(
            piece,
            items=len(people),
            notes=warnings,
            facts={"hazardous": sorted(hazardous)},
            progress=progress,
        )
        if last:
            _finish(run)


def _write_lines(
    run: PayrollRun, people: list[Person], resolver: "_Resolver", facts: AgencyPayFacts
) -> tuple[list[str], set[int]]:
    """The people's lines and their history rows; returns the warnings and the agencies with hazardous
    posts."""
    month_end = run.month.replace(day=calendar.monthrange(run.month.year, run.month.month)[1])
    warnings: list[str] = []
    hazardous_agencies: set[int] = set()
    pks = [p.pk for p in people]
    grades, overtime = _grades(pks, month_end), _overtime(pks, run.month)
    ytd, previous = _year_to_date(pks, run.month), _previous_gross(pks, run.month)
    adjusted = adjustments_for(pks, run.month)
    special = _special_to_date(pks, run.month)
    new_lines = []
    for person in people:
        scale, lines = resolver.scale(person.agency_id)
        if scale is None:
            warnings.append(_("%(pk)s: no pay scale in force for the agency.") % {"pk": person.pk})
            continue
        values = line_for(
            person,
            run.month,
            scale,
            lines,
            resolver.scheme(person.agency_id),
            grades.get(person.pk, ""),
            overtime.get(person.pk, []),
            ytd.get(person.pk, YearToDate()),
            adjusted.get(person.pk, Adjustments()),
            facts.get(person.agency_id)[0],
            special[person.pk][1] if person.pk in special else None,
        )
        if values is None:
            continue
        if person.pk in special and special[person.pk][0] != run.month:
            warnings.append(
                _(
                    "%(pk)s: no special additional deductions reported for this month; those reported to "
                    "%(month)s are applied (import this month's from the withholding client and compute "
                    "again)."
                )
                % {"pk": person.pk, "month": f"{special[person.pk][0]:%Y-%m}"}
            )
        if values.probation_deduction or adjusted.get(person.pk, Adjustments()).probation_days:
            warnings += _below_minimum_wage(values, person, facts)
        post_line = lines.get((PayScaleLine.Kind.POST, person.post))
        if post_line and post_line.hazardous:
            hazardous_agencies.add(person.agency_id)
        new_lines.append(PayrollLine(run=run, previous_gross=previous.get(person.pk), **asdict(values)))
    created = PayrollLine.objects.bulk_create(new_lines)
    snapshot_history(PayrollLine, [line.pk for line in created], user=run.created_by, history_type="+")
    return warnings, hazardous_agencies


def _below_minimum_wage(values: PayLine, person: Person, facts: AgencyPayFacts) -> list[str]:
    """劳动合同法 第二十条: probation pay is never below the local minimum wage (for the days paid)."""
    _percent, minimum = facts.get(person.agency_id)
    if minimum is None:
        return []
    floor = cents(minimum.amount * values.days_paid / values.days_in_month)
    if values.gross >= floor:
        return []
    return [
        _(
            "%(pk)s: pay on probation %(gross)s is below the local minimum wage %(floor)s for the days paid "
            "(劳动合同法 第二十条; %(source)s)."
        )
        % {"pk": person.pk, "gross": values.gross, "floor": floor, "source": minimum.source}
    ]


def _finish(run: PayrollRun) -> None:
    """The run's summary from its slices (warnings in the order of the people, hazardous posts without
    accident insurance), and the run computed."""
    month_end = run.month.replace(day=calendar.monthrange(run.month.year, run.month.month)[1])
    warnings: list[str] = list(run.warnings)
    hazardous_agencies: set[int] = set()
    for piece in slices.done(SLICES, run.pk):
        warnings += piece.notes
        hazardous_agencies.update(piece.facts.get("hazardous", []))
    rule = pay_rules.insurance_rule(pack_for(run.agency.jurisdiction, run.month))
    if rule.accident_insurance:
        for agency in Agency.objects.filter(pk__in=hazardous_agencies):
            if not policy_covers(agency, run.month, month_end):
                articles = "；".join(c.label_zh for c in rule.citations)
                warnings.append(
                    _(
                        "%(agency)s has people in hazardous posts and no accident insurance policy covering "
                        "the month (%(articles)s)."
                    )
                    % {"agency": agency.name, "articles": articles}
                )
    run.status, run.warnings = RunStatus.COMPUTED, warnings[:200]
    authored(run, run.created_by)
    run.save(update_fields=["status", "warnings"])


@transaction.atomic
def payroll_approve(
    *, actor, run: PayrollRun, expected_people: int | None = None, expected_net: Decimal | None = None
) -> PayrollRun:
    """Lock the run. Not by the person who ran it (separation of duties); never twice. Given what the approver
    confirmed (people and net total), refused if the run no longer matches it."""
    run = PayrollRun.objects.select_for_update().select_related("agency").get(pk=run.pk)
    if not can(actor, Action.APPROVE, run.agency):
        raise NotPermitted()
    if run.status == RunStatus.APPROVED:
        raise Conflict(_("This payroll is already approved and locked."))
    if run.status != RunStatus.COMPUTED:
        raise DomainError(_("The payroll is still being computed."), code="computing")
    if run.created_by_id == actor.pk:
        raise NotPermitted(_("The person who ran the payroll cannot approve it."))
    if expected_people is not None or expected_net is not None:
        actual = run.lines.aggregate(people=Count("pk"), net=Sum("net"))
        if (actual["people"], actual["net"] or Decimal(0)) != (expected_people, expected_net):
            raise Conflict(
                _(
                    "The payroll changed since you checked it (now %(people)s people, net %(net)s): "
                    "check again."
                )
                % {"people": actual["people"], "net": f"{actual['net'] or 0:,.2f}"}
            )
    run.status, run.approved_by, run.approved_at = RunStatus.APPROVED, actor, timezone.now()
    authored(run, actor)
    run.save(update_fields=["status", "approved_by", "approved_at"])
    totals = run.lines.aggregate(people=Count("pk"), gross=Sum("gross"), net=Sum("net"))
    webhooks.emit(
        "payroll_approved",
        agency=run.agency,
        key=f"payroll:{run.pk}",
        payload={"run_id": run.pk, "month": run.month, "approved_at": run.approved_at} | totals,
    )
    return run

"""Social insurance and housing fund schemes, accident insurance policies, overtime, salary accounts."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import Agency
from auxpolice.core.scoping import Action, can
from auxpolice.rules.evaluators import pay as pay_rules
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import ancestor_paths
from personnel.models import AuxiliaryOfficer

from ..models import AccidentPolicy, BankAccount, ContributionScheme, Overtime

# Which rates each insurance the texts name needs (employer side at least).
INSURANCE_RATES = {
    "pension": ("pension_employer",),
    "medical": ("medical_employer",),
    "medical_with_maternity": ("medical_employer",),
    "maternity": ("maternity_employer", "medical_employer"),  # either separate or merged into medical
    "unemployment": ("unemployment_employer",),
    "work_injury": ("work_injury_employer",),
    "social_insurance": (
        "pension_employer",
        "medical_employer",
        "unemployment_employer",
        "work_injury_employer",
    ),
}
MAX_RATE = Decimal("0.5")


def _rate(value, field: str) -> Decimal:
    try:
        rate = Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise DomainError(_("Enter a rate as a fraction, e.g. 0.08 for 8%."), field=field) from None
    if not Decimal(0) <= rate <= MAX_RATE:
        raise DomainError(_("Enter a rate as a fraction from 0 to 0.5, e.g. 0.08 for 8%."), field=field)
    return rate.quantize(Decimal("0.0001"))


@transaction.atomic
def scheme_record(
    *, actor, agency: Agency, effective_from: date, base_minimum, base_maximum, basis: str, **rates
) -> ContributionScheme:
    """Record the local bases and rates. Every insurance the jurisdiction's text requires must have a rate,
    and the housing fund where the text requires it; otherwise refused with the article."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if not basis.strip():
        raise DomainError(_("Give the local notice that sets these rates."), field="basis")
    values = {field: _rate(rates.get(field, 0), field) for field in ContributionScheme.RATE_FIELDS}
    low, high = Decimal(str(base_minimum)), Decimal(str(base_maximum))
    if low <= 0 or high < low:
        raise DomainError(
            _("The highest base must be at least the lowest, and both above zero."), field="base_maximum"
        )
    rule = pay_rules.insurance_rule(pack_for(agency.jurisdiction, effective_from))
    missing = [
        pay_rules.INSURANCE_ZH.get(item, "社会保险")
        for item in rule.insurance
        if not any(values[field] > 0 for field in INSURANCE_RATES[item])
    ]
    if rule.housing_fund and not (
        values["housing_fund_employer"] > 0 and values["housing_fund_employee"] > 0
    ):
        missing.append("住房公积金")
    if missing:
        raise RuleViolation(
            _("The regulation requires %(items)s: give their rates.") % {"items": "、".join(missing)},
            citations=rule.citations,
            field="pension_employer",
        )
    scheme = ContributionScheme(
        agency=agency,
        effective_from=effective_from,
        base_minimum=low,
        base_maximum=high,
        basis=basis.strip(),
        entered_by=actor,
        **values,
    )
    authored(scheme, actor)
    try:
        with transaction.atomic():
            scheme.save()
    except IntegrityError:
        raise Conflict(
            _("A scheme already takes effect on that date for this agency."), field="effective_from"
        ) from None
    return scheme


def scheme_in_force(agency: Agency, on: date) -> ContributionScheme | None:
    rows = ContributionScheme.objects.filter(
        agency__path__in=ancestor_paths(agency), effective_from__lte=on
    ).select_related("agency")
    return max(rows, key=lambda row: (len(row.agency.path), row.effective_from), default=None)


@transaction.atomic
def accident_policy_record(
    *, actor, agency: Agency, insurer: str, policy_number: str, starts_on: date, ends_on: date
) -> AccidentPolicy:
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if ends_on <= starts_on:
        raise DomainError(_("The policy ends after it starts."), field="ends_on")
    if not insurer.strip() or not policy_number.strip():
        raise DomainError(_("Give the insurer and the policy number."), field="policy_number")
    policy = AccidentPolicy(
        agency=agency,
        insurer=insurer.strip(),
        policy_number=policy_number.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        entered_by=actor,
    )
    authored(policy, actor)
    policy.save()
    return policy


def policy_covers(agency: Agency, start: date, end: date) -> bool:
    return AccidentPolicy.objects.filter(
        agency__path__in=ancestor_paths(agency), starts_on__lte=start, ends_on__gte=end
    ).exists()


@transaction.atomic
def overtime_record(
    *, actor, officer: AuxiliaryOfficer, month: date, day_kind: str, hours, settlement: str
) -> Overtime:
    officer = AuxiliaryOfficer.objects.select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    if day_kind not in Overtime.DayKind.values:
        raise DomainError(_("Choose the kind of day."), field="day_kind")
    if settlement not in Overtime.Settlement.values:
        raise DomainError(_("Choose pay or time off."), field="settlement")
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (ArithmeticError, ValueError):
        raise DomainError(_("Enter the hours."), field="hours") from None
    if not Decimal(0) < hours <= Decimal(200):
        raise DomainError(_("Enter between 0.5 and 200 hours."), field="hours")
    entry = Overtime(
        officer=officer,
        month=month.replace(day=1),
        day_kind=day_kind,
        hours=hours,
        settlement=settlement,
        recorded_by=actor,
    )
    authored(entry, actor)
    entry.save()
    return entry


def _masked(number: str) -> str:
    return number[:4] + "*" * max(len(number) - 8, 0) + number[-4:]


@transaction.atomic
def bank_account_set(*, actor, officer: AuxiliaryOfficer, bank_name: str, account_number: str) -> BankAccount:
    officer = AuxiliaryOfficer.objects.select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    number = "".join(account_number.split())
    if not number.isdigit() or not 12 <= len(number) <= 30:
        raise DomainError(_("A bank account number has 12 to 30 digits."), field="account_number")
    if not bank_name.strip():
        raise DomainError(_("Name the bank."), field="bank_name")
    account = BankAccount.objects.filter(officer=officer).first() or BankAccount(officer=officer)
    account.bank_name, account.account_number, account.account_masked = (
        bank_name.strip(),
        number,
        _masked(number),
    )
    authored(account, actor)
    account.save()
    return account

"""Leave requests and the annual-leave balance (职工带薪年休假条例): requested by the HR office for a person,
decided by a supervisor. Annual leave is counted in working days and never beyond the year's balance."""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import User
from auxpolice.core.scoping import Action, can, may_configure
from auxpolice.core.working_days import working_days_between
from auxpolice.rules import national
from auxpolice.rules.citations import Citation
from auxpolice.rules.evaluators import eligibility, labour_law
from auxpolice.rules.selectors import agency_settings, ancestor_paths

from ..models import AuxiliaryOfficer, DayCount, LeaveEntitlement, LeaveKind, LeaveRequest, LeaveStatus


@dataclass(frozen=True)
class Balance:
    year: int
    entitled: int
    taken: int  # approved or awaiting approval
    citations: tuple

    @property
    def left(self) -> int:
        return max(self.entitled - self.taken, 0)


def _years_of_work(officer: AuxiliaryOfficer, on: date) -> int:
    """Cumulative years of work as this system knows them: since the person was hired here. Earlier work
    elsewhere counts under the regulation too; the system does not record it."""
    return eligibility.age_on(officer.hired_on, on)  # full years between two dates


def _annual_taken(officer: AuxiliaryOfficer, year: int) -> int:
    return (
        LeaveRequest.objects.filter(
            officer=officer,
            kind=LeaveKind.ANNUAL,
            starts_on__year=year,
            status__in=(LeaveStatus.PENDING, LeaveStatus.APPROVED),
        ).aggregate(days=Sum("working_days"))["days"]
        or 0
    )


def _annual_entitled(officer: AuxiliaryOfficer, year: int):
    return labour_law.annual_leave_days(max(_years_of_work(officer, date(year, 1, 1)), 0))


def annual_balance(officer: AuxiliaryOfficer, year: int) -> Balance:
    """The year's entitlement by the years of work completed at its start, plus the days of last year's
    entitlement left unused up to the agency's carry-over setting (leave may be arranged across one year,
    never further: last year's own carried days do not carry again), less annual leave approved or waiting
    in that year. The pro-rating for a year in which a threshold is reached (企业职工带薪年休假实施办法) is
    not encoded: the entitlement is the one at the start of the year."""
    entitled, cited = _annual_entitled(officer, year)
    carry = agency_settings(officer.agency).get("annual_leave_carry_over_days", 0)
    if carry:
        unused = _annual_entitled(officer, year - 1)[0] - _annual_taken(officer, year - 1)
        entitled += min(max(unused, 0), carry)
    return Balance(year, entitled, _annual_taken(officer, year), cited)


@dataclass(frozen=True)
class Entitlement:
    days: int
    counted_in: str
    source: str  # the document in words, or the national article


def entitlement_for(officer: AuxiliaryOfficer, kind: str, on: date) -> Entitlement | None:
    """The length of a kind of leave on a day: the nearest agency's entry in force, never below the national
    minimum; the national minimum alone where nothing is entered; None where no length is on record."""
    entered = max(
        LeaveEntitlement.objects.filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=on),
            agency__path__in=ancestor_paths(officer.agency),
            kind=kind,
            effective_from__lte=on,
        ).select_related("agency"),
        key=lambda row: (len(row.agency.path), row.effective_from),
        default=None,
    )
    minimum = national.LEAVE_MINIMUMS.get(kind)
    if entered is not None and (minimum is None or entered.days >= minimum.days):
        return Entitlement(entered.days, entered.counted_in, f"{entered.source}（{entered.agency.name}）")
    if minimum is not None:
        return Entitlement(minimum.days, minimum.counted_in, Citation.parse(minimum.ref).label_zh)
    return None


def _check_statutory_extra(kind: str, extra: int) -> None:
    if extra and (kind != LeaveKind.MATERNITY or extra % national.MATERNITY_EXTRA_STEP):
        raise RuleViolation(
            _(
                "Additional statutory days apply to maternity leave only, 15 for a difficult birth and "
                "15 for each further baby."
            ),
            citations=(Citation.parse(national.LEAVE_MINIMUMS["maternity"].ref),),
            field="statutory_extra_days",
        )


def _check_length(
    officer: AuxiliaryOfficer, kind: str, starts_on: date, ends_on: date, working: int, extra: int
) -> str:
    """Refuse leave longer than its entitlement; returns the basis recorded with the request."""
    entitlement = entitlement_for(officer, kind, starts_on)
    if entitlement is None:
        return ""
    asked = working if entitlement.counted_in == DayCount.WORKING else (ends_on - starts_on).days + 1
    allowed = entitlement.days + extra
    if asked > allowed:
        raise RuleViolation(
            _("%(asked)s %(unit)s asked; this leave lasts at most %(allowed)s (%(source)s).")
            % {
                "asked": asked,
                "unit": DayCount(entitlement.counted_in).label,
                "allowed": allowed,
                "source": entitlement.source,
            },
            field="ends_on",
        )
    return entitlement.source


@transaction.atomic
def leave_request(
    *,
    actor: User,
    officer: AuxiliaryOfficer,
    kind: str,
    starts_on: date,
    ends_on: date,
    reason: str = "",
    statutory_extra_days: int = 0,
) -> LeaveRequest:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    if kind not in LeaveKind.values:
        raise DomainError(_("Choose the kind of leave."), field="kind")
    if ends_on < starts_on:
        raise DomainError(_("The leave must end on or after its first day."), field="ends_on")
    if kind == LeaveKind.ANNUAL and starts_on.year != ends_on.year:
        raise DomainError(
            _("Request annual leave within one calendar year (split it at the new year)."), field="ends_on"
        )
    days = working_days_between(starts_on, ends_on)
    if days == 0:
        raise DomainError(_("These days are all rest days or public holidays."), field="ends_on")
    _check_statutory_extra(kind, statutory_extra_days)
    basis = _check_length(officer, kind, starts_on, ends_on, days, statutory_extra_days)
    if kind == LeaveKind.ANNUAL:
        balance = annual_balance(officer, starts_on.year)
        if days > balance.left:
            raise RuleViolation(
                _(
                    "%(days)s working days asked; %(left)s of %(entitled)s days of %(year)s annual leave "
                    "are left."
                )
                % {"days": days, "left": balance.left, "entitled": balance.entitled, "year": balance.year},
                citations=balance.citations,
                field="ends_on",
            )
        basis = "；".join(c.label_zh for c in balance.citations)
    leave = LeaveRequest(
        officer=officer,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        working_days=days,
        statutory_extra_days=statutory_extra_days,
        reason=reason.strip(),
        basis=basis,
        requested_by=actor,
    )
    authored(leave, actor)
    leave.save()
    return leave


@transaction.atomic
def leave_decide(*, actor: User, leave: LeaveRequest, approve: bool) -> LeaveRequest:
    """A supervisor approves or refuses; not the person who entered the request."""
    leave = LeaveRequest.objects.select_for_update().select_related("officer__agency").get(pk=leave.pk)
    if not can(actor, Action.APPROVE, leave.officer.agency):
        raise NotPermitted()
    if leave.requested_by_id == actor.pk:
        raise NotPermitted(_("The person who entered the request cannot also decide it."))
    if leave.status != LeaveStatus.PENDING:
        raise DomainError(_("This request has already been decided."), code="already_decided")
    leave.status = LeaveStatus.APPROVED if approve else LeaveStatus.REFUSED
    leave.decided_by, leave.decided_on = actor, timezone.localdate()
    authored(leave, actor)
    leave.save(update_fields=["status", "decided_by", "decided_on"])
    return leave


@transaction.atomic
def leave_entitlement_record(
    *,
    actor: User,
    agency,
    kind: str,
    days: int,
    counted_in: str,
    effective_from: date,
    source: str,
    effective_until: date | None = None,
) -> LeaveEntitlement:
    """The administrator enters a length with its document; never below the national minimum."""
    if not may_configure(actor, agency):
        raise NotPermitted()
    if kind in (LeaveKind.ANNUAL, LeaveKind.PERSONAL) or kind not in LeaveKind.values:
        raise DomainError(
            _(
                "Annual leave follows the national regulation and personal leave has no length: choose "
                "another kind."
            ),
            field="kind",
        )
    if counted_in not in DayCount.values:
        raise DomainError(_("Say whether the days are calendar or working days."), field="counted_in")
    if not source.strip():
        raise DomainError(_("Give the document and its article."), field="source")
    if effective_until is not None and effective_until <= effective_from:
        raise DomainError(_("It must end after it starts."), field="effective_until")
    minimum = national.LEAVE_MINIMUMS.get(kind)
    if days <= 0 or (minimum is not None and days < minimum.days):
        cited = (Citation.parse(minimum.ref),) if minimum else ()
        raise RuleViolation(
            _("At least %(days)s days.") % {"days": minimum.days if minimum else 1},
            citations=cited,
            field="days",
        )
    entry = LeaveEntitlement(
        agency=agency,
        kind=kind,
        days=days,
        counted_in=counted_in,
        effective_from=effective_from,
        effective_until=effective_until,
        source=source.strip(),
        entered_by=actor,
    )
    authored(entry, actor)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        raise Conflict(
            _("An entry for this kind and date already exists for the agency."), field="effective_from"
        ) from None
    return entry

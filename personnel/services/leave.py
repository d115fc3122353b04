"""Leave requests and the annual-leave balance (职工带薪年休假条例): requested by the HR office for a person,
decided by a supervisor. Annual leave is counted in working days and never beyond the year's balance."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.models import User
from auxpolice.core.scoping import Action, can
from auxpolice.core.working_days import working_days_between
from auxpolice.rules.evaluators import eligibility, labour_law

from ..models import AuxiliaryOfficer, LeaveKind, LeaveRequest, LeaveStatus


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


def annual_balance(officer: AuxiliaryOfficer, year: int) -> Balance:
    """The year's entitlement by the years of work completed at its start, less annual leave approved or
    waiting in that year. The pro-rating for a year in which a threshold is reached
    (企业职工带薪年休假实施办法) is not encoded: the entitlement is the one at the start of the year."""
    entitled, cited = labour_law.annual_leave_days(max(_years_of_work(officer, date(year, 1, 1)), 0))
    taken = (
        LeaveRequest.objects.filter(
            officer=officer,
            kind=LeaveKind.ANNUAL,
            starts_on__year=year,
            status__in=(LeaveStatus.PENDING, LeaveStatus.APPROVED),
        ).aggregate(days=Sum("working_days"))["days"]
        or 0
    )
    return Balance(year, entitled, taken, cited)


@transaction.atomic
def leave_request(
    *, actor: User, officer: AuxiliaryOfficer, kind: str, starts_on: date, ends_on: date, reason: str = ""
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
    basis = ""
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

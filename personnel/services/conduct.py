"""Rewards, complaints, suspension, recusal, discipline, health checks and work injuries: records the
annual assessment reads. Each cites the jurisdiction's article where there is one."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.scoping import Action, can
from auxpolice.rules.citations import refs_of
from auxpolice.rules.registry import Status, pack_for

from ..models import (
    AuxiliaryOfficer,
    Complaint,
    Discipline,
    HealthCheck,
    OfficerStatus,
    Recusal,
    Reward,
    Suspension,
    WorkInjury,
)


def _officer(actor, officer: AuxiliaryOfficer) -> AuxiliaryOfficer:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    return officer


def _basis(officer: AuxiliaryOfficer, code: str, on: date) -> str:
    rule = pack_for(officer.agency.jurisdiction, on).rule(code)
    if rule.status in (Status.ENFORCED, Status.INFORMATIONAL):
        return refs_of(rule.citations)
    return ""  # the text is silent: the record stands on the agency's own decision


def _save(record, actor):
    authored(record, actor)
    record.save()
    return record


def _required(**values) -> None:
    for field, value in values.items():
        if not str(value or "").strip():
            raise DomainError(_("This field is required."), field=field)


@transaction.atomic
def reward_add(*, actor, officer, title: str, awarded_on: date, awarded_by: str) -> Reward:
    officer = _officer(actor, officer)
    _required(title=title, awarded_by=awarded_by)
    return _save(
        Reward(
            officer=officer,
            title=title.strip(),
            awarded_on=awarded_on,
            awarded_by=awarded_by.strip(),
            basis=_basis(officer, "conduct.rewards", awarded_on),
            recorded_by=actor,
        ),
        actor,
    )


@transaction.atomic
def complaint_receive(
    *, actor, officer, received_on: date, complainant: str, content: str, complainant_contact: str = ""
) -> Complaint:
    officer = _officer(actor, officer)
    _required(complainant=complainant, content=content)
    return _save(
        Complaint(
            officer=officer,
            received_on=received_on,
            complainant=complainant.strip(),
            complainant_contact=complainant_contact.strip(),
            content=content.strip(),
            basis=_basis(officer, "conduct.complaints", received_on),
            recorded_by=actor,
        ),
        actor,
    )


def must_inform_complainant(officer: AuxiliaryOfficer, on: date) -> bool:
    rule = pack_for(officer.agency.jurisdiction, on).rule("conduct.complaints")
    return bool(rule.data and rule.data.get("inform_complainant"))


@transaction.atomic
def complaint_decide(
    *,
    actor,
    complaint: Complaint,
    outcome: str,
    findings: str,
    decided_on: date,
    defence: str = "",
    complainant_informed_on: date | None = None,
) -> Complaint:
    complaint = Complaint.objects.select_for_update().select_related("officer__agency").get(pk=complaint.pk)
    if not can(actor, Action.CHANGE, complaint.officer.agency):
        raise NotPermitted()
    if complaint.outcome != Complaint.Outcome.OPEN:
        raise DomainError(_("This complaint has already been decided."), code="decided")
    if outcome not in (Complaint.Outcome.UPHELD, Complaint.Outcome.NOT_UPHELD):
        raise DomainError(_("Choose upheld or not upheld."), field="outcome")
    _required(findings=findings)
    if must_inform_complainant(complaint.officer, decided_on) and complainant_informed_on is None:
        raise DomainError(
            _("The rules require the complainant to be told the outcome: record when."),
            field="complainant_informed_on",
            citations=pack_for(complaint.officer.agency.jurisdiction, decided_on)
            .rule("conduct.complaints")
            .citations,
        )
    complaint.outcome, complaint.findings, complaint.decided_on = outcome, findings.strip(), decided_on
    complaint.defence, complaint.complainant_informed_on = defence.strip(), complainant_informed_on
    return _save(complaint, actor)


@transaction.atomic
def suspension_start(
    *, actor, officer, starts_on: date, reason: str, complaint: Complaint | None = None
) -> Suspension:
    """停止执行职务 during an investigation: the 001 province art 32 provides for it; elsewhere it is the
    agency's own decision and the record says so (no article)."""
    officer = _officer(actor, officer)
    _required(reason=reason)
    if officer.status == OfficerStatus.SEPARATED:
        raise DomainError(_("This person has left."), code="separated")
    suspension = Suspension(
        officer=officer,
        starts_on=starts_on,
        reason=reason.strip(),
        complaint=complaint,
        basis=_basis(officer, "conduct.suspension_during_investigation", starts_on),
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            _save(suspension, actor)
    except IntegrityError:
        raise Conflict(_("This person is already suspended."), code="suspended") from None
    for duty in officer.duties.filter(ends_on__isnull=True):
        duty.ends_on = max(starts_on, duty.starts_on)
        _save(duty, actor)
    return suspension


@transaction.atomic
def suspension_end(*, actor, suspension: Suspension, ends_on: date) -> Suspension:
    suspension = (
        Suspension.objects.select_for_update().select_related("officer__agency").get(pk=suspension.pk)
    )
    if not can(actor, Action.CHANGE, suspension.officer.agency):
        raise NotPermitted()
    if suspension.ends_on is not None:
        raise DomainError(_("This suspension has already ended."), code="ended")
    if ends_on < suspension.starts_on:
        raise DomainError(_("A suspension ends after it starts."), field="ends_on")
    suspension.ends_on = ends_on
    return _save(suspension, actor)


@transaction.atomic
def recusal_record(
    *, actor, officer, requested_on: date, requested_by: str, matter: str, ground: str
) -> Recusal:
    officer = _officer(actor, officer)
    _required(requested_by=requested_by, matter=matter, ground=ground)
    return _save(
        Recusal(
            officer=officer,
            requested_on=requested_on,
            requested_by=requested_by.strip(),
            matter=matter.strip(),
            ground=ground.strip(),
            basis=_basis(officer, "conduct.recusal", requested_on),
            recorded_by=actor,
        ),
        actor,
    )


@transaction.atomic
def recusal_decide(*, actor, recusal: Recusal, granted: bool, decided_on: date) -> Recusal:
    recusal = Recusal.objects.select_for_update().select_related("officer__agency").get(pk=recusal.pk)
    if not can(actor, Action.CHANGE, recusal.officer.agency):
        raise NotPermitted()
    if recusal.granted is not None:
        raise DomainError(_("This request has already been decided."), code="decided")
    recusal.granted, recusal.decided_on = granted, decided_on
    return _save(recusal, actor)


@transaction.atomic
def discipline_record(
    *, actor, officer, decided_on: date, measure: str, facts: str, complaint: Complaint | None = None
) -> Discipline:
    officer = _officer(actor, officer)
    _required(measure=measure, facts=facts)
    return _save(
        Discipline(
            officer=officer,
            decided_on=decided_on,
            measure=measure.strip(),
            facts=facts.strip(),
            complaint=complaint,
            recorded_by=actor,
        ),
        actor,
    )


@transaction.atomic
def health_check_record(
    *,
    actor,
    officer,
    checked_on: date,
    fit_for_duty: bool,
    findings: str = "",
    next_due_on: date | None = None,
) -> HealthCheck:
    officer = _officer(actor, officer)
    if next_due_on and next_due_on <= checked_on:
        raise DomainError(_("The next check falls after this one."), field="next_due_on")
    return _save(
        HealthCheck(
            officer=officer,
            checked_on=checked_on,
            fit_for_duty=fit_for_duty,
            findings=findings.strip(),
            next_due_on=next_due_on,
            recorded_by=actor,
        ),
        actor,
    )


@transaction.atomic
def injury_record(
    *, actor, officer, occurred_on: date, description: str, recognised: bool = False
) -> WorkInjury:
    officer = _officer(actor, officer)
    _required(description=description)
    return _save(
        WorkInjury(
            officer=officer,
            occurred_on=occurred_on,
            description=description.strip(),
            recognised=recognised,
            recorded_by=actor,
        ),
        actor,
    )

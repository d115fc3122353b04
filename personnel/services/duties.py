"""Qualifications, training, posting and duty assignments, each checked against the jurisdiction's rules."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from auxpolice.core.scoping import Action, can
from auxpolice.rules.citations import Citation, refs_of
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import duty as duty_rules
from auxpolice.rules.evaluators import working_life
from auxpolice.rules.evaluators.common import BadQuestion
from auxpolice.rules.guards import refuse_unless_allowed
from auxpolice.rules.registry import Status, pack_for
from auxpolice.rules.selectors import agency_settings

from ..models import (
    AuxiliaryOfficer,
    DutyAssignment,
    OfficerStatus,
    Qualification,
    Suspension,
    TrainingKind,
    TrainingRecord,
    TrainingResult,
)


def _officer_for_change(actor, officer: AuxiliaryOfficer) -> AuxiliaryOfficer:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    return officer


def _labels(citations) -> str:
    return refs_of(citations)


@transaction.atomic
def qualification_add(
    *,
    actor,
    officer: AuxiliaryOfficer,
    kind: str,
    issued_on: date,
    number: str = "",
    issuer: str = "",
    expires_on: date | None = None,
) -> Qualification:
    officer = _officer_for_change(actor, officer)
    if not kind.strip():
        raise DomainError(_("Name the qualification."), field="kind")
    if expires_on and expires_on <= issued_on:
        raise DomainError(_("A qualification expires after it is issued."), field="expires_on")
    record = Qualification(
        officer=officer,
        kind=kind.strip(),
        number=number.strip(),
        issuer=issuer.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
    )
    authored(record, actor)
    record.save()
    return record


def training_kinds(jurisdiction: str, on: date) -> list[str]:
    """The kinds of training the text names (all kinds where it is silent)."""
    rule = pack_for(jurisdiction, on).rule("training")
    if rule.status == Status.ENFORCED and rule.data.get("kinds"):
        return list(rule.data["kinds"])
    return list(TrainingKind.values)


@transaction.atomic
def training_record(
    *,
    actor,
    officer: AuxiliaryOfficer,
    kind: str,
    title: str,
    started_on: date,
    ended_on: date | None = None,
    result: str = TrainingResult.PENDING,
    score: Decimal | None = None,
    next_due_on: date | None = None,
) -> TrainingRecord:
    officer = _officer_for_change(actor, officer)
    kinds = training_kinds(officer.agency.jurisdiction, started_on)
    if kind not in kinds:
        rule = pack_for(officer.agency.jurisdiction, started_on).rule("training")
        raise RuleViolation(
            _("This jurisdiction's training kinds are: %(kinds)s.")
            % {"kinds": "、".join(str(TrainingKind(k).label) for k in kinds)},
            citations=rule.citations,
            field="kind",
        )
    if result not in TrainingResult.values:
        raise DomainError(_("Choose a result."), field="result")
    if ended_on and ended_on < started_on:
        raise DomainError(_("Training ends after it starts."), field="ended_on")
    if result != TrainingResult.PENDING and ended_on is None:
        raise DomainError(_("A result needs the date the training ended."), field="ended_on")
    record = TrainingRecord(
        officer=officer,
        kind=kind,
        title=title.strip() or str(TrainingKind(kind).label),
        started_on=started_on,
        ended_on=ended_on,
        result=result,
        score=score,
        next_due_on=next_due_on,
        recorded_by=actor,
    )
    authored(record, actor)
    record.save()
    return record


def posting_check(officer: AuxiliaryOfficer, on: date):
    """May this person be put on duty? Where the text makes a passed pre-service training a condition
    (Inner Mongolia art 35) it must be on file; where the text is silent, the agency setting decides."""
    passed = officer.trainings.filter(kind=TrainingKind.PRE_SERVICE, result=TrainingResult.PASSED).exists()
    decision = working_life.posting(
        pack_for(officer.agency.jurisdiction, on), passed_pre_service_training=passed
    )
    if (
        decision.outcome == Outcome.NOT_REGULATED
        and not passed
        and agency_settings(officer.agency).get("posting_requires_pre_service")
    ):
        raise RuleViolation(
            _("The agency requires a passed pre-service training before posting."), field="post"
        )
    return decision


@transaction.atomic
def officer_post(*, actor, officer: AuxiliaryOfficer, post: str, on: date) -> AuxiliaryOfficer:
    """上岗 or a change of post."""
    officer = _officer_for_change(actor, officer)
    if not post.strip():
        raise DomainError(_("Name the post."), field="post")
    refuse_unless_allowed(posting_check(officer, on), field="post")
    officer.post = post.strip()
    authored(officer, actor)
    officer.save(update_fields=["post"])
    return officer


def duty_catalogue(officer: AuxiliaryOfficer, on: date) -> list:
    """The duties of the person's category in the jurisdiction's catalogue, for the assignment form."""
    return [
        item
        for item in duty_rules.catalogue(pack_for(officer.agency.jurisdiction, on))
        if item.category == officer.category
    ]


@transaction.atomic
def duty_assign(
    *,
    actor,
    officer: AuxiliaryOfficer,
    duty: str,
    starts_on: date,
    detail: str = "",
    qualification: Qualification | None = None,
) -> DutyAssignment:
    officer = _officer_for_change(actor, officer)
    pack = pack_for(officer.agency.jurisdiction, starts_on)
    if officer.status == OfficerStatus.SEPARATED:
        raise DomainError(_("This person has left."), field="duty")
    if (
        officer.status == OfficerStatus.SUSPENDED
        or Suspension.objects.filter(officer=officer, starts_on__lte=starts_on, ends_on__isnull=True).exists()
    ):
        rule = pack.rule("conduct.suspension_during_investigation")
        raise RuleViolation(
            _("This person is suspended from duty while a matter is investigated."),
            citations=rule.citations if rule.status == Status.ENFORCED else (),
            field="duty",
        )
    try:
        decision = duty_rules.evaluate(
            pack, category=officer.category, duty=duty, settings=agency_settings(officer.agency)
        )
    except BadQuestion as error:
        raise DomainError(str(error), field="duty") from None
    refuse_unless_allowed(decision, field="duty")
    refuse_unless_allowed(posting_check(officer, starts_on), field="duty")
    if any(f.code == "duties_allowed.other" for f in decision.findings) and not detail.strip():
        raise DomainError(_("An “other” duty needs the concrete work and its basis."), field="detail")
    if qualification is not None:
        if qualification.officer_id != officer.pk:
            raise DomainError(_("That qualification belongs to someone else."), field="qualification")
        if not qualification.valid_on(starts_on):
            raise RuleViolation(
                _("The qualification %(kind)s is not valid on %(day)s.")
                % {"kind": qualification.kind, "day": starts_on.isoformat()},
                citations=_qualification_article(pack),
                field="qualification",
            )
    assignment = DutyAssignment(
        officer=officer,
        duty=duty,
        summary=decision.data.get("summary_zh", duty),
        detail=detail.strip(),
        qualification=qualification,
        basis=_labels(decision.citations),
        starts_on=starts_on,
        assigned_by=actor,
    )
    authored(assignment, actor)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError:
        raise Conflict(_("This duty is already assigned to this person."), field="duty") from None
    return assignment


def _qualification_article(pack) -> list[Citation]:
    """The article that asks for a qualification where the law requires one (Sichuan art 12, p001 art 17)."""
    rule = pack.rule("duties_allowed")
    if rule.status != Status.ENFORCED:
        return []
    refs = [
        spec.get("qualification_required_where_law_requires")
        for spec in rule.data.values()
        if isinstance(spec, dict)
    ]
    return [Citation.parse(ref) for ref in refs if ref]


@transaction.atomic
def duty_end(*, actor, assignment: DutyAssignment, on: date) -> DutyAssignment:
    assignment = (
        DutyAssignment.objects.select_for_update().select_related("officer__agency").get(pk=assignment.pk)
    )
    if not can(actor, Action.CHANGE, assignment.officer.agency):
        raise NotPermitted()
    if assignment.ends_on is not None:
        raise DomainError(_("This duty has already ended."), code="ended")
    if on < assignment.starts_on:
        raise DomainError(_("A duty ends after it starts."), field="on")
    assignment.ends_on = on
    authored(assignment, actor)
    assignment.save(update_fields=["ends_on"])
    return assignment

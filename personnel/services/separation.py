"""离职: a checklist from the jurisdiction's rules; the person is marked separated only when every issued
item is back or written up and the work ID is revoked. The place in the quota is freed the same moment."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from auxpolice.core import webhooks
from auxpolice.core.audit import authored
from auxpolice.core.errors import Conflict, DomainError, NotPermitted, RuleViolation
from auxpolice.core.precompiled import bound_cursor
from auxpolice.core.scoping import Action, can
from auxpolice.rules.citations import refs_of
from auxpolice.rules.evaluators import working_life
from auxpolice.rules.registry import pack_for
from headcount.services import quotas

from ..models import (
    AuxiliaryOfficer,
    ContractStatus,
    DutyAssignment,
    IssuedItem,
    ItemStatus,
    OfficerStatus,
    Separation,
    SeparationKind,
    SeveranceGround,
)
from .items import ITEM_ZH

_REHIRE_SQL = (
    f"SELECT s.kind FROM {Separation._meta.db_table} s JOIN {AuxiliaryOfficer._meta.db_table} o "
    f"ON o.id = s.officer_id WHERE o.id_number_index = %s AND s.completed_on IS NOT NULL"
)


def past_separation_kinds(*, id_number_index: str) -> tuple[str, ...]:
    """How the person behind this ID number left auxiliary work before (completed separations).
    Which of these bar rehiring is the rules layer's question (eligibility.separation_bars)."""
    # On the portal's hot path: one indexed lookup in plain SQL, without building an ORM query each time.
    with bound_cursor() as cursor:
        cursor.execute(_REHIRE_SQL, [id_number_index])
        return tuple(row[0] for row in cursor.fetchall())


def _returns_rule(officer: AuxiliaryOfficer, on: date):
    return working_life.separation_returns(pack_for(officer.agency.jurisdiction, on))


@transaction.atomic
def separation_open(
    *,
    actor,
    officer: AuxiliaryOfficer,
    kind: str,
    leaves_on: date,
    reason: str,
    severance_ground: str = SeveranceGround.NONE,
) -> Separation:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    if kind not in SeparationKind.values:
        raise DomainError(_("Choose how the person leaves."), field="kind")
    if not reason.strip():
        raise DomainError(_("Record the reason."), field="reason")
    if officer.status == OfficerStatus.SEPARATED:
        raise DomainError(_("This person has already left."), code="separated")
    decision = _returns_rule(officer, leaves_on)
    required = decision.data.get("items", [])  # where the text is silent, every item out is still listed
    out = list(officer.items.filter(status=ItemStatus.ISSUED).values_list("item", flat=True))
    checklist = [
        {"item": code, "label": ITEM_ZH.get(code, code), "required_by_rules": code in required}
        for code in dict.fromkeys([*required, *out])
    ]
    separation = Separation(
        officer=officer,
        kind=kind,
        reason=reason.strip(),
        leaves_on=leaves_on,
        checklist=checklist,
        opened_by=actor,
        basis=refs_of(decision.citations),
    )
    _apply_severance(separation, severance_ground)
    authored(separation, actor)
    try:
        with transaction.atomic():
            separation.save()
    except IntegrityError:
        raise Conflict(_("A separation is already open for this person."), code="open") from None
    return separation


@transaction.atomic
def separation_complete(*, actor, separation: Separation) -> Separation:
    separation = (
        Separation.objects.select_for_update().select_related("officer__agency").get(pk=separation.pk)
    )
    officer = AuxiliaryOfficer.objects.select_for_update().get(pk=separation.officer_id)
    if not can(actor, Action.CHANGE, separation.officer.agency):
        raise NotPermitted()
    if separation.completed_on:
        raise DomainError(_("This separation is already complete."), code="complete")
    decision = _returns_rule(separation.officer, separation.leaves_on)
    outstanding = list(IssuedItem.objects.filter(officer=officer, status=ItemStatus.ISSUED))
    if outstanding:
        names = "、".join(f"{ITEM_ZH.get(i.item, i.item)}{i.serial_number}" for i in outstanding)
        raise RuleViolation(
            _("Not yet returned or written up: %(items)s.") % {"items": names},
            citations=decision.citations,
            field="items",
        )
    if IssuedItem.objects.filter(officer=officer, item="work_id", status=ItemStatus.RETURNED).exists():
        raise RuleViolation(
            _("The returned work ID must also be revoked."), citations=decision.citations, field="items"
        )
    _close_contract(officer, separation, actor)
    _apply_severance(separation, separation.severance_ground)  # with the payroll approved since opening
    for duty in DutyAssignment.objects.filter(officer=officer, ends_on__isnull=True):
        duty.ends_on = max(separation.leaves_on, duty.starts_on)
        authored(duty, actor)
        duty.save(update_fields=["ends_on"])
    quotas.quota_vacate(quota_id=officer.quota_id, category=officer.category, actor=actor)
    officer.status, officer.separated_on = OfficerStatus.SEPARATED, separation.leaves_on
    authored(officer, actor)
    officer.save(update_fields=["status", "separated_on"])
    separation.completed_on = separation.leaves_on
    authored(separation, actor)
    separation.save(update_fields=["completed_on", *SEVERANCE_FIELDS])
    webhooks.emit(
        "separation",
        agency=officer.agency,
        key=f"separation:{separation.pk}",
        payload={
            "person_id": officer.pk,
            "full_name": officer.full_name,
            "id_number_masked": officer.id_number_masked,
            "kind": separation.kind,
            "leaves_on": separation.leaves_on,
        },
    )
    return separation


@dataclass(frozen=True)
class SeveranceFigures:
    months: Decimal | None
    base: Decimal | None
    amount: Decimal | None
    basis: str  # the articles, the figures used and what is missing, in words


# The pay side computes severance (compensation reads the payroll, above this app in the dependency order);
# it registers its calculator when the apps load (compensation.apps).
_severance_calculator: list[Callable[[AuxiliaryOfficer, str, date], SeveranceFigures]] = []


def register_severance_calculator(
    calculator: Callable[[AuxiliaryOfficer, str, date], SeveranceFigures],
) -> None:
    _severance_calculator[:] = [calculator]


SEVERANCE_FIELDS = (
    "severance_ground",
    "severance_months",
    "severance_base",
    "severance_amount",
    "severance_basis",
)


def _apply_severance(separation: Separation, ground: str) -> None:
    if ground not in SeveranceGround.values:
        raise DomainError(_("Choose how the contract ends for severance."), field="severance_ground")
    if not _severance_calculator:
        separation.severance_ground = ground
        return
    figures = _severance_calculator[0](separation.officer, ground, separation.leaves_on)
    separation.severance_ground = ground
    separation.severance_months, separation.severance_base = figures.months, figures.base
    separation.severance_amount, separation.severance_basis = figures.amount, figures.basis


def _close_contract(officer: AuxiliaryOfficer, separation: Separation, actor) -> None:
    """A dismissal or other termination by the police organ goes through the contract page, on a ground
    the rules list; the person's own resignation, leaving, or the end of the term closes it here."""
    contract = officer.contracts.filter(status=ContractStatus.ACTIVE).first()
    if contract is None:
        return
    if separation.kind in (SeparationKind.DISMISSAL, SeparationKind.TERMINATION):
        raise DomainError(
            _("Terminate the labour contract on its ground first (contract page)."), code="contract_active"
        )
    if separation.kind == SeparationKind.CONTRACT_END:
        if contract.ends_on is None:
            raise DomainError(
                _("An open-ended contract does not end by itself: terminate it on its ground first."),
                code="contract_running",
            )
        if contract.ends_on > separation.leaves_on:
            raise DomainError(
                _("The contract runs until %(date)s: it has not ended.")
                % {"date": contract.ends_on.isoformat()},
                code="contract_running",
            )
        contract.status = ContractStatus.EXPIRED
        fields = ["status"]
    else:
        contract.status, contract.terminated_on = ContractStatus.TERMINATED, separation.leaves_on
        contract.termination_ground = separation.kind
        fields = ["status", "terminated_on", "termination_ground"]
    authored(contract, actor)
    contract.save(update_fields=fields)

"""Labour contracts: signing, renewal and termination, each checked against the jurisdiction's rules."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.scoping import Action, can
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import labour_law, working_life
from auxpolice.rules.guards import refuse_unless_allowed
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings

from ..models import AuxiliaryOfficer, ContractKind, ContractStatus, LaborContract, TermType
from ..selectors import renewal_inputs


class NoActiveContract(DomainError):
    default_code = "no_active_contract"

    def __init__(self):
        super().__init__(_("There is no active contract."))


def _check_dates(
    term_type: str, starts_on: date, ends_on: date | None, probation_ends_on: date | None
) -> None:
    if term_type not in TermType.values:
        raise DomainError(_("Choose the kind of term."), field="term_type")
    if term_type == TermType.OPEN_ENDED:
        if ends_on is not None:
            raise DomainError(_("An open-ended contract has no end date: leave it empty."), field="ends_on")
    elif ends_on is None:
        raise DomainError(_("Enter the date the contract ends."), field="ends_on")
    elif ends_on <= starts_on:
        raise DomainError(_("The contract must end after it starts."), field="ends_on")
    if probation_ends_on and not (
        starts_on < probation_ends_on and (ends_on is None or probation_ends_on <= ends_on)
    ):
        raise DomainError(_("Probation must end within the contract term."), field="probation_ends_on")


# No text sets the longest term of one contract; the agency does (default five years).
DEFAULT_MAX_CONTRACT_YEARS = 5


def contract_term_check(agency, starts_on: date, ends_on: date | None) -> None:
    if ends_on is None:  # open-ended: art 14 sets no longest term
        return
    years = agency_settings(agency).get("max_contract_years", DEFAULT_MAX_CONTRACT_YEARS)
    latest = starts_on + relativedelta(years=years) - timedelta(days=1)
    if ends_on > latest:
        raise DomainError(
            _(
                "One contract lasts at most %(years)s years (agency setting: longest contract term): "
                "it may end on %(latest)s at the latest."
            )
            % {"years": years, "latest": f"{latest:%Y-%m-%d}"},
            field="ends_on",
            code="contract_term_too_long",
        )


@transaction.atomic
def contract_sign(
    *,
    actor,
    officer: AuxiliaryOfficer,
    starts_on: date,
    ends_on: date | None,
    probation_ends_on: date | None = None,
    term_type: str = TermType.FIXED,
    requested_term: str = "",
    open_ended_exception: str = "",
    dispatch_post: str = "",
    kind: str = ContractKind.EMPLOYMENT,
    employer_name: str = "",
    stated_items: tuple[str, ...] = (),
    contract_grounds: tuple[str, ...] = (),
    renews: LaborContract | None = None,
    renewal_basis: str = "",
) -> LaborContract:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    _check_dates(term_type, starts_on, ends_on, probation_ends_on)
    contract_term_check(officer.agency, starts_on, ends_on)
    if requested_term not in ("", *TermType.values):
        raise DomainError(_("Choose what the person asked for."), field="requested_term")
    employer = employer_name.strip() or officer.agency.name
    first = renews is None and not officer.contracts.exists()
    refuse_unless_allowed(
        labour_law.probation(
            starts_on=starts_on,
            ends_on=ends_on,
            probation_ends_on=probation_ends_on,
            earlier_contract=renews is not None
            or officer.contracts.filter(
                Q(employer_name=employer) | Q(responsible_agency=officer.agency)
            ).exists(),
        ),
        field="probation_ends_on",
    )
    refuse_unless_allowed(
        working_life.contract(
            pack_for(officer.agency.jurisdiction, starts_on),
            kind=kind,
            stated=tuple(stated_items),
            has_probation=probation_ends_on is not None,
            first_contract=first,
        )
    )
    # The local text decides whether dispatch is used at all (above); national law, on which posts.
    if kind != ContractKind.LABOUR_DISPATCH:
        dispatch_post = ""
    refuse_unless_allowed(
        labour_law.dispatch(kind=kind, post=dispatch_post, starts_on=starts_on, ends_on=ends_on),
        field="dispatch_post",
    )
    if renews is None and officer.contracts.filter(status=ContractStatus.ACTIVE).exists():
        raise DomainError(
            _("This person already has an active contract: renew or end it."), code="contract_active"
        )
    contract = LaborContract(
        officer=officer,
        responsible_agency=officer.agency,
        employer_name=employer,
        kind=kind,
        term_type=term_type,
        requested_term=requested_term,
        open_ended_exception=open_ended_exception.strip(),
        dispatch_post=dispatch_post,
        starts_on=starts_on,
        ends_on=ends_on,
        probation_ends_on=probation_ends_on,
        stated_items=list(stated_items),
        contract_grounds=list(contract_grounds),
        renews=renews,
        renewal_basis=renewal_basis.strip(),
    )
    authored(contract, actor)
    contract.save()
    return contract


def renewal_term_check(
    contract: LaborContract, *, term_type: str, requested_term: str, open_ended_exception: str
) -> None:
    """Art 14(2): refuse a fixed-term renewal where an open-ended contract is owed and the person did not ask
    for a fixed term. Service counts from the first day of work to the day the new contract starts."""
    chain, years = renewal_inputs(contract)
    refuse_unless_allowed(
        labour_law.renewal_term(
            consecutive_fixed_terms=chain,
            years_of_service=years,
            open_ended=term_type == TermType.OPEN_ENDED,
            requested_fixed_term=requested_term == TermType.FIXED,
            exception=open_ended_exception,
        ),
        field="term_type",
    )


@transaction.atomic
def contract_renew(
    *,
    actor,
    contract: LaborContract,
    ends_on: date | None,
    basis: str,
    term_type: str = TermType.FIXED,
    requested_term: str = "",
    open_ended_exception: str = "",
    stated_items: tuple[str, ...] | None = None,
) -> LaborContract:
    """续签: the old contract is marked renewed and a new one starts the day after it ends."""
    contract = LaborContract.objects.select_for_update().select_related("officer__agency").get(pk=contract.pk)
    if contract.status != ContractStatus.ACTIVE:
        raise DomainError(_("Only an active contract can be renewed."), code="not_active")
    if contract.ends_on is None:
        raise DomainError(
            _("An open-ended contract has no end date: there is nothing to renew."), code="open_ended"
        )
    if not basis.strip():
        # The annual assessment is the basis of renewal in every text that regulates it.
        raise DomainError(
            _("State the basis for renewal (the latest annual assessment result)."), field="basis"
        )
    renewal_term_check(
        contract,
        term_type=term_type,
        requested_term=requested_term,
        open_ended_exception=open_ended_exception,
    )
    contract.status = ContractStatus.RENEWED
    authored(contract, actor)
    contract.save(update_fields=["status"])
    return contract_sign(
        actor=actor,
        officer=contract.officer,
        starts_on=contract.ends_on + timedelta(days=1),
        ends_on=ends_on,
        term_type=term_type,
        requested_term=requested_term,
        open_ended_exception=open_ended_exception,
        dispatch_post=contract.dispatch_post,
        kind=contract.kind,
        employer_name=contract.employer_name,
        stated_items=tuple(contract.stated_items if stated_items is None else stated_items),
        contract_grounds=tuple(contract.contract_grounds),
        renews=contract,
        renewal_basis=basis,
    )


@transaction.atomic
def contract_terminate(*, actor, contract: LaborContract, ground: str, on: date) -> LaborContract:
    """解除 only on a ground the rules list (or, where they defer to the contract, a ground it states)."""
    contract = LaborContract.objects.select_for_update().select_related("officer__agency").get(pk=contract.pk)
    if not can(actor, Action.CHANGE, contract.officer.agency):
        raise NotPermitted()
    if contract.status != ContractStatus.ACTIVE:
        raise DomainError(_("Only an active contract can be terminated."), code="not_active")
    if on < contract.starts_on or (contract.ends_on is not None and on > contract.ends_on):
        raise DomainError(_("The termination date must fall within the contract term."), field="on")
    decision = working_life.termination(
        pack_for(contract.officer.agency.jurisdiction, on),
        ground=ground,
        contract_grounds=tuple(contract.contract_grounds),
        settings=agency_settings(contract.officer.agency),
    )
    if decision.outcome != Outcome.ALLOWED:
        message = decision.findings[0].message
        raise RuleViolation(message, citations=decision.citations, field="ground")
    contract.status, contract.terminated_on, contract.termination_ground = (
        ContractStatus.TERMINATED,
        on,
        ground,
    )
    contract.termination_citation = (
        ", ".join(c.ref for c in decision.citations) or decision.findings[0].setting or ""
    )
    authored(contract, actor)
    contract.save(update_fields=["status", "terminated_on", "termination_ground", "termination_citation"])
    return contract

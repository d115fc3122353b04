"""The register of issued items: work ID, uniform, insignia, equipment. Weapons can never be issued
(the rules refuse them and a database constraint backs that up)."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from auxpolice.core.audit import authored
from auxpolice.core.errors import DomainError, NotPermitted, RuleViolation
from auxpolice.core.scoping import Action, can
from auxpolice.rules.citations import refs_of
from auxpolice.rules.decision import Outcome
from auxpolice.rules.evaluators import equipment
from auxpolice.rules.evaluators.common import BadQuestion
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings

from ..models import AuxiliaryOfficer, IssuedItem, ItemStatus, OfficerStatus

ITEM_ZH = {
    "weapon": "武器",
    "police_instrument": "警械",
    "restraint_instrument": "约束性警械",
    "vehicle": "车辆",
    "boat": "船艇",
    "drone": "无人机",
    "robot": "警用机器人",
    "duty_gear": "执勤装备",
    "protective_gear": "防护装备",
    "work_id": "工作证件",
    "uniform": "制式服装",
    "insignia": "标志",
    "equipment": "装备",
}


@transaction.atomic
def item_issue(
    *,
    actor,
    officer: AuxiliaryOfficer,
    item: str,
    issued_on: date,
    description: str = "",
    serial_number: str = "",
) -> IssuedItem:
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    if officer.status == OfficerStatus.SEPARATED:
        raise DomainError(_("This person has left."), field="item")
    try:
        decision = equipment.evaluate(
            pack_for(officer.agency.jurisdiction, issued_on),
            item=item,
            category=officer.category,
            settings=agency_settings(officer.agency),
        )
    except BadQuestion as error:
        raise DomainError(str(error), field="item") from None
    if decision.outcome == Outcome.REFUSED:
        refusal = decision.refusals[0]
        raise RuleViolation(refusal.message, citations=refusal.citations, field="item")
    # Restraint tools and vehicles come with the conditions the text sets; they go on the record.
    conditions = "；".join(
        f.message
        for f in decision.findings
        if f.outcome in (Outcome.WARNING, Outcome.ALLOWED)
        and item not in ("work_id", "uniform", "insignia", "duty_gear", "protective_gear")
    )
    record = IssuedItem(
        officer=officer,
        item=item,
        description=description.strip() or ITEM_ZH.get(item, item),
        serial_number=serial_number.strip(),
        conditions=conditions.strip(),
        basis=refs_of(decision.citations),
        issued_on=issued_on,
        issued_by=actor,
    )
    authored(record, actor)
    record.save()
    return record


@transaction.atomic
def item_close(*, actor, item: IssuedItem, status: str, on: date, loss_report: str = "") -> IssuedItem:
    """Returned, lost (with a write-up) or, for a work ID, revoked."""
    item = IssuedItem.objects.select_for_update().select_related("officer__agency").get(pk=item.pk)
    if not can(actor, Action.CHANGE, item.officer.agency):
        raise NotPermitted()
    revoking_returned_id = item.status == ItemStatus.RETURNED and status == ItemStatus.REVOKED
    if item.status != ItemStatus.ISSUED and not revoking_returned_id:
        raise DomainError(_("This item is no longer out."), code="closed")
    if status not in (ItemStatus.RETURNED, ItemStatus.LOST, ItemStatus.REVOKED):
        raise DomainError(_("Choose returned, lost or revoked."), field="status")
    if status == ItemStatus.REVOKED and item.item != "work_id":
        raise DomainError(
            _("Only a work ID is revoked; other items are returned or written off."), field="status"
        )
    if status == ItemStatus.LOST and not loss_report.strip():
        raise DomainError(_("A lost item needs a write-up of how it was lost."), field="loss_report")
    if on < item.issued_on:
        raise DomainError(_("The date cannot be before the item was issued."), field="on")
    item.status, item.closed_on, item.loss_report = status, on, loss_report.strip()
    authored(item, actor)
    item.save(update_fields=["status", "closed_on", "loss_report"])
    return item

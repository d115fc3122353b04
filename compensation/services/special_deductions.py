"""Special additional deductions for income tax (专项附加扣除), as the tax authority's withholding client
(扣缴客户端) reports them: cumulative from January to the month, per kind. One person's month is recorded on
their pay page; a month's workbook of many people is imported (all rows or none). The client checks each
declaration against the national standards, so no standard is encoded here; what is checked is what a copy
can get wrong: the person, the month, and amounts that are money.

A month whose payroll is approved keeps what it applied: a correction goes into a later month's cumulative
amounts, which the payroll catches up (累计预扣法)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from auxpolice.core.audit import authored
from auxpolice.core.crypto import blind_index
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.models import Agency
from auxpolice.core.scoping import Action, can, scope
from auxpolice.rules.idnumber import InvalidIdNumber, canonical_id_number
from personnel.models import AuxiliaryOfficer

from ..models import PayrollLine, RunStatus, SpecialDeduction

FIELDS = tuple(field for field, _column in SpecialDeduction.KINDS)
LARGEST = Decimal("9999999999.99")  # what the column holds


def amount(raw, field: str) -> Decimal:
    """A cumulative amount in yuan: blank is 0; never negative; at most two decimals."""
    if raw is None or str(raw).strip() == "":
        return Decimal(0)
    try:
        value = Decimal(str(raw).strip().replace(",", ""))
    except InvalidOperation:
        raise DomainError(_("Enter an amount in yuan."), field=field) from None
    if not value.is_finite() or value < 0 or value > LARGEST:
        raise DomainError(_("Enter an amount of 0 or more."), field=field)
    if value != value.quantize(Decimal("0.01")):
        raise DomainError(_("Enter the amount to the fen (two decimals at most)."), field=field)
    return value.quantize(Decimal("0.01"))


def _locked_months(officer_ids, month: date) -> set[int]:
    """The people whose payroll of the month is approved: what it applied stays as it was."""
    return set(
        PayrollLine.objects.filter(
            officer_id__in=officer_ids, run__month=month, run__status=RunStatus.APPROVED
        ).values_list("officer_id", flat=True)
    )


def _locked_error(month: date) -> DomainError:
    return DomainError(
        _(
            "The payroll of %(month)s is approved and locked: record the correction in a later month's "
            "cumulative amounts."
        )
        % {"month": f"{month:%Y-%m}"},
        field="month",
        code="payroll_locked",
    )


def special_deductions_set(
    *, actor, officer: AuxiliaryOfficer, month: date, amounts: dict
) -> SpecialDeduction:
    """Record one person's cumulative amounts for the month (replacing what the month had)."""
    officer = AuxiliaryOfficer.objects.select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    month = month.replace(day=1)
    values = {field: amount(amounts.get(field), field) for field in FIELDS}
    with transaction.atomic():
        if _locked_months([officer.pk], month):
            raise _locked_error(month)
        record = SpecialDeduction.objects.select_for_update().filter(officer=officer, month=month).first()
        if record is not None and all(getattr(record, f) == v for f, v in values.items()):
            return record  # unchanged: nothing written
        record = record or SpecialDeduction(officer=officer, month=month)
        for field, value in values.items():
            setattr(record, field, value)
        record.recorded_by = actor
        authored(record, actor)
        record.save()
    return record


def special_deductions_import(
    *, actor, agency: Agency, month: date, rows: list[tuple[int, dict]]
) -> tuple[int, list[dict]]:
    """Record every row (ID number, name and the six cumulative amounts) for the month, or none: the first
    failing rows come back with their column and reason."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    month = month.replace(day=1)
    if not rows:
        return 0, [{"row": None, "column": "", "message": _("The workbook has no rows to record.")}]
    errors: list[dict] = []
    parsed: list[tuple[int, str, str, dict]] = []
    for number, values in rows:
        try:
            index = blind_index(canonical_id_number(values["id_number"]), purpose="id_number")
        except InvalidIdNumber as error:
            errors.append({"row": number, "column": "证件号码", "message": str(error)})
            continue
        try:
            amounts = {field: amount(values.get(field), field) for field in FIELDS}
        except DomainError as error:
            errors.append({"row": number, "column": _column(error.field), "message": str(error.message)})
            continue
        parsed.append((number, index, str(values.get("full_name") or "").strip(), amounts))
    people = {
        officer.id_number_index: officer
        for officer in scope(
            AuxiliaryOfficer.objects.filter(
                agency__path__startswith=agency.path, id_number_index__in=[p[1] for p in parsed]
            ),
            actor,
            Action.CHANGE,
        ).only("pk", "full_name", "id_number_index")
    }
    seen: dict[int, int] = {}
    for number, index, name, _amounts in parsed:
        officer = people.get(index)
        if officer is None:
            message = _("Nobody of %(agency)s has this ID number.") % {"agency": agency.name}
            errors.append({"row": number, "column": "证件号码", "message": message})
        elif name != officer.full_name:
            message = _("This is not the name of the person with this ID number (%(name)s).") % {
                "name": officer.full_name
            }
            errors.append({"row": number, "column": "姓名", "message": message})
        elif officer.pk in seen:
            message = _("The same person is in row %(row)s too.") % {"row": seen[officer.pk]}
            errors.append({"row": number, "column": "证件号码", "message": message})
        else:
            seen[officer.pk] = number
    locked = _locked_months(list(seen), month)
    for officer_id in sorted(locked, key=lambda pk: seen[pk]):
        errors.append({"row": seen[officer_id], "column": "", "message": str(_locked_error(month).message)})
    if errors:
        return 0, sorted(errors, key=lambda e: e["row"] or 0)[:200]
    return _write(actor, month, [(people[index], amounts) for _n, index, _name, amounts in parsed]), []


def special_deductions_import_start(*, actor, agency: Agency, month: date, workbook):
    """Keep the workbook and queue its import (compensation.sheets reads it in Celery)."""
    from django.urls import reverse

    from auxpolice.core.services import sheet_import_start

    return sheet_import_start(
        actor=actor,
        kind="compensation.special_deductions",
        agency=agency,
        target={"month": month.replace(day=1).isoformat()},
        upload=workbook,
        back_url=reverse("pay_overview"),
    )


def _column(field: str | None) -> str:
    return dict(SpecialDeduction.KINDS).get(field or "", "")


@transaction.atomic
def _write(actor, month: date, entries: list[tuple[AuxiliaryOfficer, dict]]) -> int:
    """New months created and changed ones updated, each with its history row; unchanged ones left alone."""
    existing = {
        record.officer_id: record
        for record in SpecialDeduction.objects.select_for_update().filter(
            officer_id__in=[officer.pk for officer, _a in entries], month=month
        )
    }
    if _locked_months([officer.pk for officer, _a in entries], month):
        raise _locked_error(month)  # approved while the workbook was read
    new, changed, now = [], [], timezone.now()
    for officer, amounts in entries:
        record = existing.get(officer.pk)
        if record is None:
            new.append(SpecialDeduction(officer=officer, month=month, recorded_by=actor, **amounts))
        elif any(getattr(record, f) != v for f, v in amounts.items()):
            for field, value in amounts.items():
                setattr(record, field, value)
            record.recorded_by, record.recorded_at = actor, now
            changed.append(record)
    bulk_create_with_history(new, SpecialDeduction, batch_size=2000, default_user=actor)
    if changed:
        bulk_update_with_history(
            changed,
            SpecialDeduction,
            [*FIELDS, "recorded_by", "recorded_at"],
            batch_size=2000,
            default_user=actor,
        )
    return len(entries)

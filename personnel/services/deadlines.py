"""Deadlines: contract expiry (default 90, 60 and 30 days ahead) and the end of probation.

`scan` records what is due; the unique key on DeadlineNotice makes a second run the same day add
nothing. `deliver` sends the recorded notices and marks them sent in the same transaction.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from auxpolice.core import webhooks
from auxpolice.core.models import Role, User
from auxpolice.core.scoping import scope

from ..models import (
    AuxiliaryOfficer,
    ContractStatus,
    DeadlineNotice,
    HealthCheck,
    LaborContract,
    NoticeKind,
    OfficerStatus,
    TrainingRecord,
)

PROBATION_LEAD_DAYS = (30,)


# One INSERT ... SELECT per kind and lead time: the database does the work, and the unique key
# (kind, contract, due date, lead) turns repeats into no-ops. Column names come from this fixed list only.
_SCAN_SQL = """
    INSERT INTO {notices} (kind, contract_id, due_on, lead_days, created_at)
    SELECT %s, id, {column}, %s, %s FROM {contracts}
    WHERE status = %s AND {column} >= %s AND {column} <= %s
    ON CONFLICT DO NOTHING
"""


def _scans():
    return (
        (NoticeKind.CONTRACT_EXPIRY, "ends_on", settings.CONTRACT_NOTICE_DAYS),
        (NoticeKind.PROBATION_END, "probation_ends_on", PROBATION_LEAD_DAYS),
    )


@transaction.atomic
def scan(today: date | None = None) -> int:
    """Record every notice whose lead time has been reached and that is not yet recorded; returns how
    many are new. Safe to run any number of times."""
    today = today or timezone.localdate()
    now = timezone.now()
    created = 0
    with connection.cursor() as cursor:
        for kind, column, leads in _scans():
            sql = _SCAN_SQL.format(
                notices=DeadlineNotice._meta.db_table, contracts=LaborContract._meta.db_table, column=column
            )
            for lead in leads:
                cursor.execute(
                    sql, [kind, lead, now, ContractStatus.ACTIVE, today, today + timedelta(days=lead)]
                )
                created += cursor.rowcount
    return created


@transaction.atomic
def deliver(batch: int = 500) -> int:
    """E-mail each unsent notice to the HR officers of the person's agency; mark it sent."""
    notices = list(
        DeadlineNotice.objects.filter(sent_at__isnull=True)
        .select_related("contract__officer__agency")
        .select_for_update(skip_locked=True, of=("self",))[:batch]
    )
    if not notices:
        return 0
    agency_ids = {n.contract.officer.agency_id for n in notices}
    officers: dict[int, list[str]] = {}
    for agency_id, email in (
        User.objects.filter(role=Role.OFFICER, agency_id__in=agency_ids, is_active=True)
        .exclude(email="")
        .values_list("agency_id", "email")
    ):
        officers.setdefault(agency_id, []).append(email)
    messages = []
    for notice in notices:
        person = notice.contract.officer
        subject = f"【辅警系统】{person.full_name}：{notice.get_kind_display()} {notice.due_on:%Y-%m-%d}"
        body = (
            f"{person.agency.name} {person.full_name}（{person.id_number_masked}）{notice.get_kind_display()}"
            f"，"
            f"日期 {notice.due_on:%Y-%m-%d}（提前{notice.lead_days}天提醒）。"
        )
        recipients = officers.get(person.agency_id, [])
        if recipients:
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, recipients))
    for notice in notices:
        if notice.kind == NoticeKind.CONTRACT_EXPIRY:
            person = notice.contract.officer
            webhooks.emit(
                "contract_ending",
                agency=person.agency,
                key=f"deadline:{notice.pk}",
                payload={
                    "person_id": person.pk,
                    "full_name": person.full_name,
                    "id_number_masked": person.id_number_masked,
                    "contract_id": notice.contract_id,
                    "ends_on": notice.due_on,
                    "days_ahead": notice.lead_days,
                },
            )
    send_mass_mail(messages, fail_silently=False)
    DeadlineNotice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_at=timezone.now())
    return len(notices)


@dataclass
class DueItem:
    kind: str
    due_on: date
    person: AuxiliaryOfficer
    label: str


def due_for(*, user, today: date | None = None, days: int = 90) -> list[DueItem]:
    """What falls due in the user's subtree in the coming `days` days, soonest first: contract ends,
    probation ends, training and health checks (four queries, each capped)."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=days)
    contracts = scope(
        LaborContract.objects.filter(status=ContractStatus.ACTIVE), user, agency_field="officer__agency"
    ).select_related("officer__agency")
    items = [
        DueItem(NoticeKind.CONTRACT_EXPIRY, ends, c.officer, str(NoticeKind.CONTRACT_EXPIRY.label))
        for c in contracts.filter(ends_on__gte=today, ends_on__lte=horizon)[:1000]
        if (ends := c.ends_on) is not None  # open-ended contracts have no end to be due
    ]
    items += [
        DueItem(NoticeKind.PROBATION_END, ends, c.officer, str(NoticeKind.PROBATION_END.label))
        for c in contracts.filter(probation_ends_on__gte=today, probation_ends_on__lte=horizon)[:1000]
        if (ends := c.probation_ends_on) is not None
    ]
    due_models: tuple[tuple[type[TrainingRecord] | type[HealthCheck], str, str], ...] = (
        (TrainingRecord, "training_due", _("Training due")),
        (HealthCheck, "health_check_due", _("Health check due")),
    )
    for model, kind, label in due_models:
        rows: QuerySet[Any] = scope(
            model.objects.filter(
                next_due_on__gte=today,
                next_due_on__lte=horizon,
                officer__status__in=(OfficerStatus.PROBATION, OfficerStatus.IN_POST),
            ),
            user,
            agency_field="officer__agency",
        ).select_related("officer__agency")
        items += [DueItem(kind, r.next_due_on, r.officer, str(label)) for r in rows[:1000]]
    return sorted(items, key=lambda item: item.due_on)


@transaction.atomic
def expire(today: date | None = None) -> int:
    """Contracts whose term has run out without renewal or termination become expired (one save each, so
    history records it; only the day's few)."""
    today = today or timezone.localdate()
    expired = 0
    for contract in LaborContract.objects.filter(
        status=ContractStatus.ACTIVE, ends_on__lt=today
    ).select_for_update():
        contract.status = ContractStatus.EXPIRED
        contract.save(update_fields=["status"])
        expired += 1
    return expired

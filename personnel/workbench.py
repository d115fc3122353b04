"""What personnel puts on the workbench: contracts and probations ending, training and health checks due,
imports refused. One aggregate query per kind, whatever the number of people."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auxpolice.core.scoping import scope
from auxpolice.core.workbench import OFFICE, Item, register

from .models import (
    ContractStatus,
    HealthCheck,
    ImportStatus,
    LaborContract,
    OfficerStatus,
    PersonnelImport,
    TrainingRecord,
)

SECTION = gettext_lazy("Personnel")
HORIZONS = (30, 60, 90)


@register(*OFFICE, section=SECTION, order=30)
def contracts_ending(*, user, today):
    # Scoped by the police organ responsible for the contract (the person's agency when it was signed): the
    # count then joins only the agency table, not every person, and stays fast at a province's size.
    active = scope(
        LaborContract.objects.filter(status=ContractStatus.ACTIVE), user, agency_field="responsible_agency"
    )
    # Each count reads only the rows in its window, through the (status, date) indexes: no scan of every
    # active contract whatever the size of the force.
    counts = active.filter(ends_on__gte=today, ends_on__lte=today + timedelta(days=max(HORIZONS))).aggregate(
        **{
            f"ends_{days}": Count("pk", filter=Q(ends_on__lte=today + timedelta(days=days)))
            for days in HORIZONS
        }
    )
    counts["probation"] = active.filter(
        probation_ends_on__gte=today, probation_ends_on__lte=today + timedelta(days=30)
    ).count()
    for days in HORIZONS:
        limit = today + timedelta(days=days)
        yield Item(
            _("Contracts ending within %(days)s days") % {"days": days},
            counts[f"ends_{days}"],
            f"{reverse('auxiliary_list')}?{urlencode({'contract_ends_before': limit.isoformat()})}",
        )
    yield Item(_("Probations ending within 30 days"), counts["probation"], reverse("deadlines_due"))


@register(*OFFICE, section=SECTION, order=31)
def checks_due(*, user, today):
    horizon = today + timedelta(days=30)
    for model, title in (
        (TrainingRecord, _("Training due within 30 days")),
        (HealthCheck, _("Health checks due within 30 days")),
    ):
        due = scope(
            model.objects.filter(
                next_due_on__gte=today,
                next_due_on__lte=horizon,
                officer__status__in=(OfficerStatus.PROBATION, OfficerStatus.IN_POST),
            ),
            user,
            agency_field="officer__agency",
        )
        yield Item(title, due.order_by()[:1000].count(), reverse("deadlines_due"))


@register(*OFFICE, section=SECTION, order=32)
def imports_refused(*, user, today):
    refused = scope(PersonnelImport.objects.filter(status=ImportStatus.FAILED), user).filter(
        uploaded_at__date__gte=today - timedelta(days=30)
    )
    latest = refused.order_by("-pk").values_list("pk", flat=True)[:1]
    count = refused.count()
    if count:
        yield Item(
            _("Personnel imports refused in the last 30 days"),
            count,
            reverse("import_detail", args=[latest[0]]),
        )

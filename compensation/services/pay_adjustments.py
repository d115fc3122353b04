"""What reduces a month's fixed pay under national law: days on probation paid at the agency's percentage
(劳动合同法 第二十条, never under 80 %) and approved unpaid personal leave, deducted per working day at the
national 21.75 pay days a month. Read in bulk for one payroll chunk."""

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from auxpolice.core.models import Agency
from auxpolice.core.working_days import working_days_between
from auxpolice.rules.selectors import agency_settings
from personnel.models import LaborContract, LeaveKind, LeaveRequest, LeaveStatus

from ..models import PayStatistic
from .scales import statistic_for

FULL_PAY_PERCENT = 100


@dataclass(frozen=True)
class Adjustments:
    probation_days: int = 0  # calendar days of the month on probation
    unpaid_days: int = 0  # working days of approved unpaid leave in the month


def _month_bounds(month: date) -> tuple[date, date]:
    return month, month.replace(day=calendar.monthrange(month.year, month.month)[1])


def adjustments_for(pks: list[int], month: date) -> dict[int, Adjustments]:
    first, last = _month_bounds(month)
    probation: dict[int, int] = defaultdict(int)
    for officer_id, starts_on, ends_on in LaborContract.objects.filter(
        officer_id__in=pks, probation_ends_on__gte=first, starts_on__lte=last
    ).values_list("officer_id", "starts_on", "probation_ends_on"):
        if ends_on is not None:  # the filter ensures it; the type does not know
            probation[officer_id] += (min(ends_on, last) - max(starts_on, first)).days + 1
    unpaid: dict[int, int] = defaultdict(int)
    for officer_id, starts_on, ends_on in LeaveRequest.objects.filter(
        Q(officer_id__in=pks, kind=LeaveKind.PERSONAL, status=LeaveStatus.APPROVED),
        starts_on__lte=last,
        ends_on__gte=first,
    ).values_list("officer_id", "starts_on", "ends_on"):
        unpaid[officer_id] += working_days_between(max(starts_on, first), min(ends_on, last))
    return {pk: Adjustments(probation.get(pk, 0), unpaid.get(pk, 0)) for pk in set(probation) | set(unpaid)}


class AgencyPayFacts:
    """Per agency, read once per run: the probation percentage and the local minimum monthly wage."""

    def __init__(self, month: date):
        self.month = month
        self._facts: dict[int, tuple[int, PayStatistic | None]] = {}

    def get(self, agency_id: int) -> tuple[int, PayStatistic | None]:
        if agency_id not in self._facts:
            agency = Agency.objects.get(pk=agency_id)
            percent = agency_settings(agency).get("probation_pay_percent", FULL_PAY_PERCENT)
            minimum = statistic_for(agency, PayStatistic.Kind.MINIMUM_WAGE, self.month.year) or statistic_for(
                agency, PayStatistic.Kind.MINIMUM_WAGE, self.month.year - 1
            )
            self._facts[agency_id] = (percent, minimum)
        return self._facts[agency_id]

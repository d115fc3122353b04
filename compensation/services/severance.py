"""经济补偿 on leaving (劳动合同法 第四十六条, 第四十七条): whether the way the contract ends pays it, and
how much, from the person's approved payroll and the city's published average monthly wage."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from auxpolice.core.templatetags.auxpolice import money
from auxpolice.rules.evaluators import labour_law
from personnel.models import AuxiliaryOfficer
from personnel.services.separation import SeveranceFigures

from ..models import PayrollLine, PayStatistic, RunStatus
from .scales import statistic_for

WAGE_MONTHS = 12


def _words(citations) -> str:
    return "、".join(dict.fromkeys(c.label_zh for c in citations))


def average_monthly_wage(officer: AuxiliaryOfficer, leaves_on: date) -> tuple[Decimal | None, int]:
    """The average gross pay of the approved payroll months in the twelve before the month of leaving (art
    47(3)); over the months worked where fewer (the text does not say: the common reading, stated here)."""
    first_month = leaves_on.replace(day=1)
    totals = PayrollLine.objects.filter(
        officer=officer,
        run__status=RunStatus.APPROVED,
        run__month__gte=first_month - relativedelta(months=WAGE_MONTHS),
        run__month__lt=first_month,
    ).aggregate(total=Sum("gross"), months=Count("run__month", distinct=True))
    if not totals["months"]:
        return None, 0
    return (totals["total"] / totals["months"]).quantize(Decimal("0.01")), totals["months"]


def local_average_monthly_wage(officer: AuxiliaryOfficer, leaves_on: date):
    """The city's published average monthly wage of the year before leaving (上年度), nearest agency first."""
    return statistic_for(officer.agency, PayStatistic.Kind.AVERAGE_MONTHLY_WAGE, leaves_on.year - 1)


def severance_figures(officer: AuxiliaryOfficer, ground: str, leaves_on: date) -> SeveranceFigures:
    due = labour_law.severance_due(ground)
    articles = _words(due.citations)
    if not due.data.get("pays"):
        return SeveranceFigures(Decimal(0), None, Decimal(0), f"{due.findings[0].message}（{articles}）")
    wage, months_paid = average_monthly_wage(officer, leaves_on)
    if wage is None:
        return SeveranceFigures(
            None,
            None,
            None,
            _(
                "Severance is owed (%(articles)s), but there is no approved payroll in the twelve months "
                "before leaving to average: no amount is computed."
            )
            % {"articles": articles},
        )
    statistic = local_average_monthly_wage(officer, leaves_on)
    result = labour_law.severance(
        started_on=officer.hired_on,
        ended_on=leaves_on,
        monthly_wage=wage,
        local_average_monthly=statistic.amount if statistic else None,
    )
    parts = [
        _("%(months)s months × %(base)s = %(amount)s")
        % {"months": result.months, "base": money(result.base), "amount": money(result.amount)},
        _("average of %(n)s months' approved pay: %(wage)s") % {"n": months_paid, "wage": money(wage)},
    ]
    if statistic is not None:
        parts.append(
            _("local average monthly wage %(year)s: %(amount)s (%(source)s)%(capped)s")
            % {
                "year": statistic.year,
                "amount": money(statistic.amount),
                "source": statistic.source,
                "capped": _(", capped at three times, at most twelve years") if result.capped else "",
            }
        )
    else:
        parts.append(
            _("the local average monthly wage of %(year)s is not entered: the three-times cap is not checked")
            % {"year": leaves_on.year - 1}
        )
    parts.append(_words(due.citations + result.citations))
    return SeveranceFigures(result.months, result.base, result.amount, "；".join(parts))

"""Reads for the compensation pages, scoped by agency; payroll lines keyset-paginated."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from auxpolice.core.scoping import scope
from auxpolice.core.selectors import get_or_404
from auxpolice.rules.evaluators import grading
from auxpolice.rules.selectors import agency_settings

from .models import (
    AccidentPolicy,
    BankAccount,
    ContributionScheme,
    Overtime,
    PayrollLine,
    PayrollRun,
    PayScale,
    PayScaleLine,
    PayStatistic,
    SpecialDeduction,
)

PAGE_SIZE = 50


@dataclass
class Page:
    rows: list
    next_cursor: int | None


def statistic_list_for(*, user) -> QuerySet[PayStatistic]:
    return scope(PayStatistic.objects.select_related("agency"), user)


def scale_list_for(*, user) -> QuerySet[PayScale]:
    return scope(PayScale.objects.select_related("agency", "created_by", "approved_by"), user)


def scale_line_list_for(*, user) -> QuerySet[PayScaleLine]:
    return scope(PayScaleLine.objects.all(), user, agency_field="scale__agency")


def scale_get_for(*, user, pk) -> PayScale:
    return get_or_404(scale_list_for(user=user).prefetch_related("lines"), pk)


def scheme_list_for(*, user) -> QuerySet[ContributionScheme]:
    return scope(ContributionScheme.objects.select_related("agency"), user)


def policy_list_for(*, user) -> QuerySet[AccidentPolicy]:
    return scope(AccidentPolicy.objects.select_related("agency"), user)


def overtime_list_for(*, user) -> QuerySet[Overtime]:
    return scope(Overtime.objects.select_related("officer"), user, agency_field="officer__agency")


def special_deduction_list_for(*, user) -> QuerySet[SpecialDeduction]:
    return scope(SpecialDeduction.objects.select_related("officer"), user, agency_field="officer__agency")


def bank_account_list_for(*, user) -> QuerySet[BankAccount]:
    return scope(BankAccount.objects.all(), user, agency_field="officer__agency")


def run_list_for(*, user) -> QuerySet[PayrollRun]:
    return scope(PayrollRun.objects.select_related("agency"), user)


def run_get_for(*, user, pk) -> PayrollRun:
    return get_or_404(run_list_for(user=user).select_related("created_by", "approved_by"), pk)


def line_list_for(*, user) -> QuerySet[PayrollLine]:
    return scope(PayrollLine.objects.all(), user)


def line_page_for(
    *, user, run: PayrollRun, q: str = "", after: str | None = None, size: int = PAGE_SIZE
) -> Page:
    rows = (
        line_list_for(user=user)
        .filter(run=run)
        .select_related("officer", "agency")
        .defer("officer__id_number", "officer__photo")
    )
    if q:
        rows = rows.filter(officer__full_name__startswith=q.strip())
    if after and after.isdigit():
        rows = rows.filter(pk__gt=int(after))
    page = list(rows.order_by("pk")[: size + 1])
    return Page(page[:size], page[size - 1].pk if len(page) > size else None)


def run_totals(*, user, run: PayrollRun) -> dict:
    return (
        line_list_for(user=user)
        .filter(run=run)
        .aggregate(
            people=Count("pk"),
            gross=Sum("gross"),
            net=Sum("net"),
            tax=Sum("income_tax"),
            employer=Sum("employer_contributions"),
            pension=Sum("pension_employee"),
            medical=Sum("medical_employee"),
            unemployment=Sum("unemployment_employee"),
            housing=Sum("housing_fund_employee"),
        )
    )


def agency_totals(*, user, run: PayrollRun) -> list[dict]:
    return list(
        line_list_for(user=user)
        .filter(run=run)
        .values("agency__name", "agency__path")
        .annotate(
            people=Count("pk"),
            gross=Sum("gross"),
            net=Sum("net"),
            tax=Sum("income_tax"),
            employee=Sum("pension_employee")
            + Sum("medical_employee")
            + Sum("unemployment_employee")
            + Sum("housing_fund_employee"),
            employer=Sum("employer_contributions"),
        )
        .order_by("agency__path")
    )


def scale_columns(agency) -> tuple[list[str], list[str]]:
    """The tiers and assessment grades a pay scale of the agency has a line for (its settings); raises
    grading.SchemeMissing where the agency has no tier scheme yet."""
    settings = agency_settings(agency)
    return list(grading.tiers(settings)), list(settings.get("assessment_grades", []))

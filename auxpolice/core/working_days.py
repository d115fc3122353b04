"""Working days by the Chinese public calendar (weekends, statutory holidays and 调休 working days).

The State Council publishes each year's holidays late in the year before; the app keeps its own table
(seeded from the chinese-calendar package, editable by administrators) and refuses, with a clear
message, to count into a year the table does not cover.
"""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from .errors import DomainError
from .models import CalendarDay, CalendarYear, DayKind


class CalendarNotCovered(DomainError):
    default_code = "calendar_not_covered"


def is_working_day(day: date, holidays: set[date], workdays: set[date]) -> bool:
    if day in holidays:
        return False
    if day in workdays:
        return True
    return day.weekday() < 5


def end_of_period(
    start: date, working_days: int, *, holidays: set[date], workdays: set[date], covered_years: set[int]
) -> date:
    """The last day of a period of `working_days` working days counted from the day after `start`."""
    if working_days < 1:
        raise DomainError(_("A period needs at least one working day."), field="working_days")
    day, counted = start, 0
    while counted < working_days:
        day += timedelta(days=1)
        if day.year not in covered_years:
            raise CalendarNotCovered(
                _(
                    "The holiday calendar for %(year)s has not been entered yet, so a period of working days "
                    "cannot "
                    "be counted into it. An administrator enters that year's State Council holiday notice "
                    "first."
                )
                % {"year": day.year},
                field="date",
            )
        if is_working_day(day, holidays, workdays):
            counted += 1
    return day


def period_end(start: date, working_days: int) -> date:
    """`end_of_period` on the stored calendar: two queries."""
    horizon = start + timedelta(days=working_days * 3 + 30)
    days = CalendarDay.objects.filter(date__gt=start, date__lte=horizon).values_list("date", "kind")
    holidays = {d for d, kind in days if kind == DayKind.HOLIDAY}
    workdays = {d for d, kind in days if kind == DayKind.WORKDAY}
    covered = set(
        CalendarYear.objects.filter(year__gte=start.year, year__lte=horizon.year).values_list(
            "year", flat=True
        )
    )
    return end_of_period(start, working_days, holidays=holidays, workdays=workdays, covered_years=covered)


def working_days_between(first: date, last: date) -> int:
    """Working days from `first` to `last`, both included, on the stored calendar (refuses a year the table
    does not cover)."""
    if last < first:
        return 0
    days = CalendarDay.objects.filter(date__gte=first, date__lte=last).values_list("date", "kind")
    holidays = {d for d, kind in days if kind == DayKind.HOLIDAY}
    workdays = {d for d, kind in days if kind == DayKind.WORKDAY}
    covered = set(
        CalendarYear.objects.filter(year__gte=first.year, year__lte=last.year).values_list("year", flat=True)
    )
    missing = [year for year in range(first.year, last.year + 1) if year not in covered]
    if missing:
        raise CalendarNotCovered(
            _(
                "The holiday calendar for %(year)s has not been entered yet, so its working days cannot be "
                "counted."
            )
            % {"year": missing[0]},
            field="ends_on",
        )
    return sum(
        is_working_day(first + timedelta(days=n), holidays, workdays) for n in range((last - first).days + 1)
    )

import io
from datetime import date

import pytest
from django.core.management import call_command

from auxpolice.core.models import CalendarDay, CalendarYear
from auxpolice.core.working_days import CalendarNotCovered, end_of_period, period_end

# 2026 National Day: 10-01..10-07 off (weekdays 1, 2, 5, 6, 7), Saturday 10-10 worked.
HOLIDAYS = {date(2026, 10, d) for d in (1, 2, 5, 6, 7)}
WORKDAYS = {date(2026, 10, 10)}


def test_publicity_period_skips_the_national_holiday_and_counts_the_adjusted_saturday():
    # Published on Wednesday 30 September: the 5 working days are 8 Oct (Thu), 9 (Fri), 10 (Sat, 调休), 12,
    # 13.
    end = end_of_period(date(2026, 9, 30), 5, holidays=HOLIDAYS, workdays=WORKDAYS, covered_years={2026})
    assert end == date(2026, 10, 13)


def test_an_ordinary_week_counts_monday_to_friday():
    assert end_of_period(date(2026, 6, 5), 5, holidays=set(), workdays=set(), covered_years={2026}) == date(
        2026, 6, 12
    )


def test_counting_into_a_year_without_a_calendar_is_refused_not_guessed():
    with pytest.raises(CalendarNotCovered) as refused:
        end_of_period(date(2026, 12, 28), 7, holidays=set(), workdays=set(), covered_years={2026})
    assert "2027" in str(refused.value)


@pytest.mark.django_db
def test_seeded_calendar_gives_the_same_answer_and_seeding_twice_adds_nothing():
    call_command("calendar_seed", stdout=io.StringIO())
    count = CalendarDay.objects.count()
    call_command("calendar_seed", stdout=io.StringIO())
    assert CalendarDay.objects.count() == count
    assert (
        CalendarYear.objects.filter(year=2026).exists()
        and not CalendarYear.objects.filter(year=2027).exists()
    )
    assert period_end(date(2026, 9, 30), 5) == date(2026, 10, 13)
    with pytest.raises(CalendarNotCovered):
        period_end(date(2026, 12, 28), 7)

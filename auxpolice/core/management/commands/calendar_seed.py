"""Import the statutory holidays and adjusted working days that the chinese-calendar package knows."""

from django.core.management.base import BaseCommand
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from auxpolice.core.models import CalendarDay, CalendarYear, DayKind


class Command(BaseCommand):
    help = "Import holidays and adjusted working days from chinese-calendar for the years not yet entered."

    @transaction.atomic
    def handle(self, *args, **options):
        from chinese_calendar import __version__ as package_version
        from chinese_calendar.constants import holidays, workdays

        known = set(CalendarYear.objects.values_list("year", flat=True))
        years = sorted({day.year for day in holidays} - known)
        source = f"chinese-calendar {package_version}（国务院办公厅放假安排通知）"
        days = [
            CalendarDay(date=day, kind=DayKind.HOLIDAY, name=str(name))
            for day, name in holidays.items()
            if day.year in years and day.weekday() < 5
        ]
        days += [
            CalendarDay(date=day, kind=DayKind.WORKDAY, name=str(name))
            for day, name in workdays.items()
            if day.year in years
        ]
        bulk_create_with_history(days, CalendarDay, batch_size=500)
        bulk_create_with_history([CalendarYear(year=year, source=source) for year in years], CalendarYear)
        self.stdout.write(
            f"Calendar: {len(years)} years imported ({years[0] if years else '-'}–"
            f"{years[-1] if years else '-'}), {len(days)} days."
        )

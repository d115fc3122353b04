"""The workbench (工作台): what waits for the signed-in person, by role, as counts linking to filtered lists.

Core imports no app: each app registers its providers in its AppConfig.ready(). A provider is a function of
(user, today) returning items, in a fixed number of queries whatever the data size (grouped counts, or counts
capped at CAP), so the home page costs the same at 100 people or 100,000.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from .models import Role

CAP = 999  # counts above this show as 999+ (an officer needs the order of magnitude, not the exact number)


@dataclass(frozen=True)
class Item:
    title: str
    count: int
    url: str
    more: bool = False  # more than CAP
    oldest_days: int | None = None  # for approvals: how long the oldest has waited
    note: str = ""  # e.g. the date a period ends


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]


Provider = Callable[..., Iterable[Item]]
_PROVIDERS: dict[str, list[tuple[int, str, Provider]]] = {}

OFFICE = (Role.OFFICER, Role.SUPERVISOR)


def register(*roles: str, section, order: int = 50) -> Callable[[Provider], Provider]:
    """Decorator: the provider's items appear under `section` on the workbench of each of `roles`."""

    def add(provider: Provider) -> Provider:
        for role in roles:
            _PROVIDERS.setdefault(role, []).append((order, str(section), provider))
            _PROVIDERS[role].sort(key=lambda entry: entry[0])
        return provider

    return add


def capped(queryset: QuerySet) -> tuple[int, bool]:
    """COUNT(*) over at most CAP + 1 rows: bounded whatever the table size."""
    count = queryset.order_by()[: CAP + 1].count()
    return min(count, CAP), count > CAP


def sections_for(user, today: date | None = None) -> list[Section]:
    today = today or timezone.localdate()
    sections: dict[str, list[Item]] = {}
    for _order, title, provider in _PROVIDERS.get(user.role, []):
        items = [item for item in provider(user=user, today=today) if item.count]
        sections.setdefault(title, []).extend(items)
    return [Section(title, items) for title, items in sections.items()]


def days_since(moment) -> int | None:
    if moment is None:
        return None
    then = timezone.localtime(moment).date() if hasattr(moment, "tzinfo") else moment
    return (timezone.localdate() - then).days


def _core_providers() -> None:
    """Core's own items: refused workbook imports (officers), full views of protected data (auditors)."""
    from datetime import timedelta
    from urllib.parse import urlencode

    from django.db.models import Count
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import gettext_lazy

    from . import access_log
    from .models import SheetImport, SheetImportStatus
    from .scoping import scope

    @register(*OFFICE, section=gettext_lazy("Imports"), order=80)
    def sheet_imports_refused(*, user, today):
        refused = scope(SheetImport.objects.filter(status=SheetImportStatus.FAILED), user).filter(
            uploaded_at__date__gte=today - timedelta(days=30)
        )
        summary = refused.aggregate(n=Count("pk"))
        latest = refused.order_by("-pk").values_list("pk", flat=True).first() if summary["n"] else None
        if latest:
            yield Item(
                _("Workbooks refused in the last 30 days"),
                summary["n"],
                reverse("sheet_import_detail", args=[latest]),
            )

    @register(Role.AUDITOR, section=gettext_lazy("Views of protected data, last 7 days"), order=10)
    def protected_views(*, user, today):
        since = today - timedelta(days=7)
        for source in access_log.REGISTRY.values():
            rows = scope(source.model.objects.all(), user, agency_field=source.agency_field)
            count, more = capped(rows.filter(at__date__gte=since))
            yield Item(
                str(source.title),
                count,
                f"{reverse('access_log')}?{urlencode({'since': since.isoformat()})}#{source.key}",
                more=more,
            )


_core_providers()

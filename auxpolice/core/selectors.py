from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from . import access_log
from .models import AccountChange, Agency, CalendarDay, CalendarYear, Role, SheetImport, User, Webhook
from .scoping import Action, scope, scope_q

M = TypeVar("M", bound=Model)


def get_or_404(queryset: QuerySet[M], pk) -> M:
    """The row if the (already scoped) queryset holds it; 404 otherwise, also for an id that does not parse,
    so that out-of-scope ids leak nothing."""
    try:
        return queryset.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None


def agency_list_for(*, user, action: Action = Action.VIEW, filters: dict | None = None) -> QuerySet[Agency]:
    filters = filters or {}
    agencies = scope(Agency.objects.select_related("parent"), user, action, agency_field="")
    if filters.get("jurisdiction"):
        agencies = agencies.filter(jurisdiction=filters["jurisdiction"])
    if filters.get("level"):
        agencies = agencies.filter(level=filters["level"])
    if filters.get("q"):
        agencies = agencies.filter(name__icontains=filters["q"])
    return agencies.order_by("path")


def agency_get_for(*, user, pk, action: Action = Action.VIEW) -> Agency:
    """The agency if the user may act on it; 404 otherwise, so that out-of-scope ids leak nothing."""
    return get_or_404(agency_list_for(user=user, action=action), pk)


def agency_to_configure(*, user, pk) -> Agency:
    """The agency if the user may edit its details or settings (its HR office, or the system
    administrator)."""
    from .scoping import may_configure

    agency = agency_get_for(user=user, pk=pk)
    if not may_configure(user, agency):
        raise Http404
    return agency


def staff_list_for(*, user) -> QuerySet[User]:
    staff = User.objects.exclude(role=Role.APPLICANT).filter(is_active=True).select_related("agency")
    return scope(staff, user, Action.VIEW).order_by("agency__path", "username")


def calendar_for(*, user) -> QuerySet[CalendarDay]:
    """The holiday calendar is national: every back-office user may read it."""
    return CalendarDay.objects.all() if user.is_back_office else CalendarDay.objects.none()


def calendar_years_for(*, user) -> QuerySet[CalendarYear]:
    return CalendarYear.objects.all() if user.is_back_office else CalendarYear.objects.none()


def access_log_for(*, user, filters: dict, limit: int | None = 200) -> dict:
    """The latest full views of protected data (every registered log, filtered alike), account changes and the
    purge runs, in the user's subtree."""
    changes = account_changes_for(user=user)
    if filters.get("user"):
        changes = changes.filter(actor__username=filters["user"])
    return {
        "sections": access_log.entries_for(user=user, filters=filters, limit=limit),
        "accounts": list(changes[:limit] if limit else changes),
        **access_log.extras_for(user=user),
    }


def account_changes_for(*, user) -> QuerySet[AccountChange]:
    """Changes of accounts in the user's subtree, and of the administrators' accounts (they belong to no
    agency)."""
    changes = AccountChange.objects.select_related("actor", "user", "user__agency")
    return changes.filter(
        scope_q(user, Action.VIEW, agency_field="user__agency") | Q(user__agency__isnull=True)
    )


def sheet_import_list_for(*, user) -> QuerySet[SheetImport]:
    return scope(SheetImport.objects.select_related("agency", "uploaded_by"), user)


def sheet_import_get_for(*, user, pk) -> SheetImport:
    return get_or_404(sheet_import_list_for(user=user), pk)


def webhook_list_for(*, user) -> QuerySet[Webhook]:
    return scope(Webhook.objects.select_related("agency"), user).order_by("-pk")


def webhook_get_for(*, user, pk) -> Webhook:
    return get_or_404(webhook_list_for(user=user), pk)

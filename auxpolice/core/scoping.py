"""Who may see and do what, by agency subtree ("谁使用、谁管理、谁负责").

A back-office user acts on their own agency's subtree, as far as their role allows. A
django-guardian grant on an agency (view/change/approve_subtree) is an exception that adds that
agency's subtree for one action. Every scoped read goes through `scope()`: one filter on the
record's agency foreign key, never per-row permission checks.
"""

from enum import StrEnum
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from .models import Agency, Role, User

M = TypeVar("M", bound=Model)


class Action(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    APPROVE = "approve"


ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.OFFICER: frozenset({Action.VIEW, Action.CHANGE}),
    Role.SUPERVISOR: frozenset({Action.VIEW, Action.APPROVE}),
    Role.AUDITOR: frozenset({Action.VIEW}),
    # 三员分立: the system administrator configures (agency tree, settings, calendar: `may_configure`) and
    # reads, but changes no business record.
    Role.SYSADMIN: frozenset({Action.VIEW}),
    Role.SECURITY_ADMIN: frozenset(),  # accounts and grants only: no business records (三员分立)
    Role.APPLICANT: frozenset(),
}

EVERYWHERE = None  # sentinel: no agency restriction


def _granted_paths(user: User, action: Action) -> list[str]:
    codename = f"{action}_subtree"
    granted = Agency.objects.filter(
        Q(agencyuserobjectpermission__user=user, agencyuserobjectpermission__permission__codename=codename)
        | Q(
            agencygroupobjectpermission__group__user=user,
            agencygroupobjectpermission__permission__codename=codename,
        )
    )
    return list(granted.order_by().values_list("path", flat=True).distinct())


def scope_paths(user, action: Action = Action.VIEW) -> list[str] | None:
    """Agency path prefixes the user may act on; EVERYWHERE for system administrators.

    Cached on the user object, so a request pays for the grant lookup once.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = user.__dict__.setdefault("_scope_paths_cache", {})
    if action in cache:
        return cache[action]
    if user.is_superuser or (user.role == Role.SYSADMIN and action in ROLE_ACTIONS[Role.SYSADMIN]):
        paths = EVERYWHERE
    elif user.role in (Role.APPLICANT, Role.SECURITY_ADMIN):
        paths = []
    else:
        paths = _granted_paths(user, action)
        if action in ROLE_ACTIONS.get(user.role, ()) and user.agency_id:
            paths.append(user.agency.path)
        paths = _without_nested(paths)
    cache[action] = paths
    return paths


def _without_nested(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(parent) for parent in kept):
            kept.append(path)
    return kept


def scope_q(user, action: Action = Action.VIEW, agency_field: str = "agency") -> Q:
    """A Q object restricting `agency_field` to the user's subtrees.

    `agency_field` is the lookup from the queried model to its Agency ("" for Agency itself).
    """
    paths = scope_paths(user, action)
    if paths is EVERYWHERE:
        return Q()
    if not paths:
        return Q(pk__in=[])
    lookup = f"{agency_field}__path__startswith" if agency_field else "path__startswith"
    condition = Q()
    for path in paths:
        condition |= Q(**{lookup: path})
    return condition


def scope(
    queryset: QuerySet[M], user, action: Action = Action.VIEW, agency_field: str = "agency"
) -> QuerySet[M]:
    return queryset.filter(scope_q(user, action, agency_field))


def may_configure(user, agency: Agency | None) -> bool:
    """Agency details and the settings where texts are silent: the agency's own HR office, or the system
    administrator (whose job configuration is)."""
    if getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.SYSADMIN:
        return agency is not None
    return can(user, Action.CHANGE, agency)


def can(user, action: Action, agency: Agency | None) -> bool:
    if agency is None:
        return False
    paths = scope_paths(user, action)
    if paths is EVERYWHERE:
        return True
    return any(agency.path.startswith(path) for path in paths)

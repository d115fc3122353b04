"""Accounts under 三员分立: the security administrator manages the accounts of the people who do the work;
nobody raises their own rights, administrator accounts are not changed from inside the application,
`is_superuser` and raw permissions are never set here, and every change is an `AccountChange` row the audit
administrator reads."""

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import authored
from .errors import DomainError, NotPermitted
from .models import AGENCY_BOUND_ROLES, AccountChange, Agency, Role, User

# The three administrators (系统管理员, 安全管理员, 安全审计员): created and changed only on the server, where
# the operator is a second person to the administrator asking.
ADMINISTRATOR_ROLES = (Role.SYSADMIN, Role.SECURITY_ADMIN, Role.AUDITOR)
# Roles the security administrator may give from the application.
ASSIGNABLE_ROLES = (Role.OFFICER, Role.SUPERVISOR)
# The only permissions granted one by one, each a window onto protected personal data (every use is logged).
SENSITIVE_GRANTS = {
    "personnel.view_full_id_number": gettext_lazy("See resident ID numbers in full"),
    "personnel.view_health_records": gettext_lazy("See health check findings"),
    "recruitment.view_sensitive_results": gettext_lazy("See medical and vetting results"),
    "compensation.export_bank_transfer": gettext_lazy("Export bank transfer files with full account numbers"),
}


def grants_of(user: User) -> set[str]:
    rows = user.user_permissions.values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in rows} & set(SENSITIVE_GRANTS)


def _permissions(grants: set[str]) -> list[Permission]:
    wanted = [grant.split(".", 1) for grant in grants]
    found = [
        p
        for p in Permission.objects.filter(codename__in=[c for _a, c in wanted]).select_related(
            "content_type"
        )
        if [p.content_type.app_label, p.codename] in wanted
    ]
    return found


def account_change_check(
    *, actor: User, user: User, role: str, agency: Agency | None, is_active: bool, grants: set[str]
) -> dict[str, tuple[str, str]]:
    """What would change, as field -> (before, after); refused with the reason if the actor may not make
    it."""
    if not (actor.is_active and actor.role == Role.SECURITY_ADMIN):
        raise NotPermitted(_("Only security administrators change accounts (三员分立)."))
    unknown = set(grants) - set(SENSITIVE_GRANTS)
    if unknown:
        raise DomainError(_("Only the listed access to personal data can be granted."), field="grants")
    before = {
        "role": user.role,
        "agency": user.agency.code if user.agency_id else "",
        "is_active": str(user.is_active),
        "grants": ",".join(sorted(grants_of(user))),
    }
    after = {
        "role": role,
        "agency": agency.code if agency else "",
        "is_active": str(is_active),
        "grants": ",".join(sorted(grants)),
    }
    changes = {field: (before[field], after[field]) for field in before if before[field] != after[field]}
    if not changes:
        return changes
    if user.pk == actor.pk:
        raise NotPermitted(
            _("Nobody changes the role, agency, status or access of their own account."), field="role"
        )
    if user.role in ADMINISTRATOR_ROLES or role in ADMINISTRATOR_ROLES:
        raise NotPermitted(
            _(
                "Administrator accounts are created and changed on the server by the operator, not in "
                "the application (三员分立)."
            ),
            field="role",
        )
    if Role.APPLICANT in (user.role, role) and role != user.role:
        raise DomainError(
            _("Applicant accounts stay applicant accounts; staff accounts are created as such."), field="role"
        )
    if role not in ASSIGNABLE_ROLES and role != user.role:
        raise DomainError(_("Choose HR officer or supervisor."), field="role")
    if role in AGENCY_BOUND_ROLES and agency is None:
        raise DomainError(_("This role belongs to an agency: choose one."), field="agency")
    if grants and role not in ASSIGNABLE_ROLES:
        raise DomainError(
            _("Only HR officers and supervisors are granted access to personal data."), field="grants"
        )
    return changes


@transaction.atomic
def account_update(
    *,
    actor: User,
    user: User,
    role: str,
    agency: Agency | None,
    is_active: bool,
    grants: set[str],
    address: str | None = None,
) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    changes = account_change_check(
        actor=actor, user=user, role=role, agency=agency, is_active=is_active, grants=grants
    )
    if not changes:
        return user
    user.role, user.agency, user.is_active = role, agency, is_active
    user.is_staff = role in (Role.SYSADMIN, Role.SECURITY_ADMIN)
    authored(user, actor)
    user.save(update_fields=["role", "agency", "is_active", "is_staff"])
    if "grants" in changes:
        user.user_permissions.set(_permissions(grants))
    account_change_log(actor=actor, user=user, changes=changes, address=address)
    return user


def account_change_log(
    *, actor: User, user: User, changes: dict[str, tuple[str, str]], address: str | None = None
) -> None:
    AccountChange.objects.bulk_create(
        [
            AccountChange(actor=actor, user=user, field=field, old=old[:400], new=new[:400], address=address)
            for field, (old, new) in changes.items()
        ]
    )


def password_reset_check(*, actor: User, user: User) -> None:
    """The security administrator sets a new password for a staff member who lost theirs; not for themselves
    (the password page is theirs) and not for another administrator (the server's operator does that)."""
    if not (actor.is_active and actor.role == Role.SECURITY_ADMIN):
        raise NotPermitted(_("Only security administrators reset passwords (三员分立)."))
    if user.pk == actor.pk:
        raise NotPermitted(_("Change your own password on your account page."))
    if user.role in ADMINISTRATOR_ROLES:
        raise NotPermitted(
            _(
                "Administrator accounts are created and changed on the server by the operator, not in "
                "the application (三员分立)."
            )
        )


def may_reset_second_factor(*, actor: User, user: User) -> bool:
    return (
        actor.is_active
        and actor.role == Role.SECURITY_ADMIN
        and user.pk != actor.pk
        and user.role not in ADMINISTRATOR_ROLES
    )

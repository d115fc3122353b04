from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

_STAFF_NAV = [
    ("home", _("Overview")),
    ("auxiliary_list", _("Personnel")),
    ("deadlines_due", _("Deadlines")),
    ("headcount_dashboard", _("Quotas")),
    ("plan_list", _("Recruitment plans")),
    ("announcement_list", _("Recruitment")),
    ("cycle_list", _("Assessment")),
    ("pay_overview", _("Pay")),
    ("agency_list", _("Agencies")),
    ("staff_list", _("Staff")),
    ("rules_index", _("Rules")),
    ("api-docs", _("API")),
]
_NAV_BY_ROLE = {
    Role.OFFICER: _STAFF_NAV,
    Role.SUPERVISOR: _STAFF_NAV,
    Role.AUDITOR: [*_STAFF_NAV, ("access_log", _("Access log"))],
    Role.SYSADMIN: [*_STAFF_NAV, ("admin:index", _("Administration"))],
    Role.SECURITY_ADMIN: [
        ("home", _("Overview")),
        ("staff_list", _("Staff")),
        ("admin:index", _("Administration")),
    ],
    Role.APPLICANT: [
        ("portal_home", _("My applications")),
        ("portal_profile", _("My profile")),
        ("portal_notices", _("Messages")),
    ],
}


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [(reverse("portal_home"), _("Recruitment portal"))]}
    items = _NAV_BY_ROLE.get(user.role, [])
    return {"nav_items": [(reverse(name), label) for name, label in items]}

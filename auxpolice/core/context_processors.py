from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

# The navigation in groups, so it fits one line at 1280 px; each role sees only what it may use.
PERSONNEL = (
    _("Personnel"),
    [
        ("auxiliary_list", _("Personnel roster")),
        ("deadlines_due", _("Deadlines")),
        ("personnel_statistics", _("Force statistics")),
        ("leave_entitlements", _("Leave lengths")),
    ],
)
RECRUITMENT = (
    _("Recruitment"),
    [
        ("headcount_dashboard", _("Quotas and headcount")),
        ("plan_list", _("Recruitment plans")),
        ("announcement_list", _("Recruitment announcements")),
        ("recusal_overview", _("Recusal")),
    ],
)
ASSESSMENT = (_("Assessment"), [("cycle_list", _("Annual assessment"))])
PAY = (_("Pay"), [("pay_overview", _("Pay"))])
SYSTEM = [("agency_list", _("Agencies")), ("staff_list", _("Staff")), ("rules_index", _("Rules"))]
BUSINESS = [PERSONNEL, RECRUITMENT, ASSESSMENT, PAY]
WORKBENCH = (_("Workbench"), [("home", _("Workbench"))])
API = [("api-docs", _("API")), ("api_tokens", _("API tokens"))]

_NAV_BY_ROLE = {
    Role.OFFICER: [WORKBENCH, *BUSINESS, (_("System"), [*SYSTEM, *API])],
    Role.SUPERVISOR: [WORKBENCH, *BUSINESS, (_("System"), [*SYSTEM, *API])],
    Role.AUDITOR: [WORKBENCH, *BUSINESS, (_("System"), [*SYSTEM, ("access_log", _("Access log"))])],
    Role.SYSADMIN: [WORKBENCH, *BUSINESS, (_("System"), [*SYSTEM, ("admin:index", _("Administration"))])],
    Role.SECURITY_ADMIN: [
        WORKBENCH,
        (
            _("System"),
            [
                ("staff_list", _("Staff")),
                ("api_tokens", _("API tokens")),
                ("admin:index", _("Administration")),
            ],
        ),
    ],
    Role.APPLICANT: [
        (_("My applications"), [("portal_home", _("My applications"))]),
        (_("My profile"), [("portal_profile", _("My profile"))]),
        (_("Messages"), [("portal_notices", _("Messages"))]),
    ],
}


def navigation(request):
    """`nav_groups`: (label, [(url, label)], current) per group; a group of one is a plain link."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        groups = [(_("Recruitment portal"), [("portal_home", _("Recruitment portal"))])]
    else:
        groups = _NAV_BY_ROLE.get(user.role, [])
    path = getattr(request, "path", "")
    shown = []
    for label, links in groups:
        urls = [(reverse(name), text) for name, text in links]
        current = any(path == url or (url != "/" and path.startswith(url)) for url, _text in urls)
        shown.append((label, urls, current))
    return {"nav_groups": shown}

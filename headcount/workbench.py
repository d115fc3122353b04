"""What quotas and plans put on the workbench: approval steps waiting for this person, with their age."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auxpolice.core.workbench import OFFICE, Item, days_since, register

from . import selectors


@register(*OFFICE, section=gettext_lazy("Approvals"), order=20)
def approval_steps(*, user, today):
    steps = selectors.pending_steps_for(user=user)
    quota_steps = [s for s in steps if s.quota_request_id]
    plan_steps = [s for s in steps if s.plan_id]
    for title, waiting in (
        (_("Quota requests waiting for your step"), quota_steps),
        (_("Recruitment plans waiting for your step"), plan_steps),
    ):
        if waiting:
            requested = [
                s.quota_request.requested_at if s.quota_request_id else s.plan.requested_at for s in waiting
            ]
            yield Item(
                title, len(waiting), reverse("headcount_dashboard"), oldest_days=days_since(min(requested))
            )

"""What pay puts on the supervisor's workbench: pay scales and payrolls awaiting approval, with their age."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from auxpolice.core.models import Role
from auxpolice.core.scoping import Action, scope
from auxpolice.core.workbench import Item, days_since, register

from .models import PayrollRun, PayScale, RunStatus, ScaleStatus


@register(Role.SUPERVISOR, section=gettext_lazy("Approvals"), order=30)
def pay_approvals(*, user, today):
    scales = scope(PayScale.objects.filter(status=ScaleStatus.DRAFT), user, Action.APPROVE).aggregate(
        n=Count("pk"), first=Min("pk")
    )
    if scales["n"]:
        # A draft keeps no timestamp of its own: its first history row is when it was drafted.
        drafted = PayScale.history.filter(id=scales["first"]).aggregate(at=Min("history_date"))["at"]
        yield Item(
            _("Pay scales awaiting approval"),
            scales["n"],
            reverse("scale_detail", args=[scales["first"]]) if scales["n"] == 1 else reverse("pay_overview"),
            oldest_days=days_since(drafted),
        )
    runs = scope(PayrollRun.objects.filter(status=RunStatus.COMPUTED), user, Action.APPROVE).aggregate(
        n=Count("pk"), first=Min("pk"), oldest=Min("created_at")
    )
    if runs["n"]:
        yield Item(
            _("Payrolls awaiting approval"),
            runs["n"],
            reverse("payroll_detail", args=[runs["first"]]) if runs["n"] == 1 else reverse("pay_overview"),
            oldest_days=days_since(runs["oldest"]),
        )

"""Leave lengths by kind: the documents an administrator enters (a province's longer maternity leave, a
city's marriage leave), with the national minimums shown beneath."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from auxpolice.core.actions import form_action
from auxpolice.core.decorators import staff_required
from auxpolice.rules import national
from auxpolice.rules.citations import Citation

from . import selectors
from .models import LeaveKind
from .record_forms import LeaveEntitlementForm
from .services import leave


def _page(request, form=None) -> HttpResponse:
    agencies = selectors.leave_configurable_agencies(user=request.user)
    minimums = [
        (LeaveKind(kind).label, minimum.days, Citation.parse(minimum.ref).label_zh)
        for kind, minimum in national.LEAVE_MINIMUMS.items()
    ]
    return render(
        request,
        "personnel/leave_entitlements.html",
        {
            "entries": selectors.leave_entitlement_list_for(user=request.user)[:200],
            "minimums": minimums,
            "form": form or (LeaveEntitlementForm(agencies=agencies) if agencies.exists() else None),
        },
        status=400 if form is not None else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def leave_entitlements(request):
    if request.method == "GET":
        return _page(request)
    return form_action(
        request,
        LeaveEntitlementForm(request.POST, agencies=selectors.leave_configurable_agencies(user=request.user)),
        lambda data: leave.leave_entitlement_record(actor=request.user, **data),
        done=reverse("leave_entitlements"),
        page=lambda form: _page(request, form),
        success=_("Saved."),
    )

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_POST

from auxpolice.core.decorators import staff_required
from auxpolice.core.errors import NotPermitted
from auxpolice.core.models import Category

from . import deadlines, selectors, services
from .models import OfficerStatus


@staff_required
def auxiliary_list(request):
    filters = {key: request.GET.get(key, "") for key in ("category", "status", "q")}
    try:
        after = int(request.GET.get("after") or 0) or None
    except ValueError:
        after = None
    page = selectors.auxiliary_page_for(user=request.user, filters=filters, after=after)
    return render(request, "personnel/list.html", {
        "page": page, "filters": filters, "categories": Category.choices, "statuses": OfficerStatus.choices,
    })


@staff_required
def deadlines_due(request):
    return render(request, "personnel/deadlines.html", {"items": deadlines.due_for(user=request.user)})


@staff_required
def auxiliary_detail(request, pk):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    return render(request, "personnel/detail.html", {
        "person": person, "can_reveal": request.user.has_perm("personnel.view_full_id_number"),
    })


@staff_required
@require_POST
def id_number_reveal(request, pk):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    try:
        full = services.id_number_reveal(actor=request.user, officer=person, address=request.META.get("REMOTE_ADDR"))
    except NotPermitted:
        raise PermissionDenied from None
    return render(request, "personnel/detail.html", {"person": person, "full_id_number": full, "can_reveal": True})

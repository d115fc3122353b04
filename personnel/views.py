from django.shortcuts import render

from auxpolice.core.decorators import staff_required
from auxpolice.core.models import Category

from . import deadlines, selectors
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

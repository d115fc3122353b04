"""回避 pages: a staff member declares relationships; supervisors see who had to recuse themselves."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.actions import NoInput, form_action
from auxpolice.core.decorators import staff_required

from .. import selectors
from ..forms import RelationForm
from ..services import recusal


def _page(request, form=None) -> HttpResponse:
    return render(
        request,
        "recruitment/office/recusal.html",
        {
            "form": form or RelationForm(),
            "mine": selectors.relations_of(user=request.user),
            "declared": selectors.relation_list_for(user=request.user)[:200],
            "refused": selectors.recusal_refusals_for(user=request.user)[:100],
        },
        status=400 if form is not None else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def recusal_overview(request):
    if request.method == "GET":
        return _page(request)
    return form_action(
        request,
        RelationForm(request.POST),
        lambda data: recusal.relation_declare(actor=request.user, **data),
        done=reverse("recusal_overview"),
        page=lambda form: _page(request, form),
        success=_("Declared: you will not handle this person's application."),
    )


@staff_required
@require_POST
def recusal_withdraw(request, pk):
    relation = selectors.relations_of(user=request.user).filter(pk=pk).first()
    if relation is None:
        raise Http404
    return form_action(
        request,
        NoInput(request.POST),
        lambda _data: recusal.relation_withdraw(actor=request.user, relation=relation),
        done=reverse("recusal_overview"),
        page=lambda form: _page(request),
        success=_("Withdrawn."),
    )

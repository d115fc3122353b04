"""One set of pages for every day-to-day record type: a person's records with the form to add one and
the follow-up actions, and each type's list across the user's subtree."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.decorators import staff_required
from auxpolice.core.errors import DomainError
from auxpolice.core.forms import apply_domain_error, message_domain_error
from auxpolice.core.scoping import Action, can

from . import selectors
from .models import SensitiveAccess
from .record_kinds import KINDS

PAGE = 50


def _kind(slug):
    spec = KINDS.get(slug)
    if spec is None:
        raise Http404
    return spec


def _show(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cells(spec, record, *, show_restricted: bool) -> list[str]:
    cells = []
    for _label, attr in spec.columns:
        if attr in spec.restricted and not show_restricted:
            cells.append(_("restricted"))
            continue
        value = getattr(record, attr)
        cells.append(_show(value() if callable(value) else value))
    return cells


@staff_required
@require_http_methods(["GET", "POST"])
def person_records(request, pk, kind):
    spec = _kind(kind)
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    may_change = can(request.user, Action.CHANGE, person.agency)
    form = spec.form(person, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                spec.create(request.user, person, form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error, request)
            else:
                messages.success(request, _("Saved."))
                return redirect("person_records", pk=pk, kind=kind)
    show_restricted = not spec.grant or request.user.has_perm(spec.grant)
    records = list(spec.model.objects.filter(officer=person))
    if spec.restricted and show_restricted and records:
        SensitiveAccess.objects.create(
            user=request.user, officer=person, field=kind, address=request.META.get("REMOTE_ADDR")
        )
    rows = [
        (
            r,
            _cells(spec, r, show_restricted=show_restricted),
            [(slug, a.label, a.form()) for slug, a in spec.actions.items() if may_change and a.available(r)],
        )
        for r in records
    ]
    return render(
        request,
        "personnel/records.html",
        {
            "person": person,
            "spec": spec,
            "kinds": KINDS.values(),
            "form": form if may_change else None,
            "rows": rows,
            "headers": [label for label, _attr in spec.columns],
            "label": spec.model._meta.label_lower,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def record_action(request, kind, record_pk, action):
    spec = _kind(kind)
    step = spec.actions.get(action)
    record = selectors.records_of(spec.model)(user=request.user).filter(pk=record_pk).first()
    if step is None or record is None:
        raise Http404
    if not can(request.user, Action.CHANGE, record.officer.agency):
        raise PermissionDenied
    form = step.form(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fill in the form correctly."))
    else:
        try:
            step.run(request.user, record, form.cleaned_data)
            messages.success(request, _("Saved."))
        except DomainError as error:
            message_domain_error(request, error)
    return redirect("person_records", pk=record.officer_id, kind=kind)


@staff_required
def records_list(request, kind):
    """Every record of one type in the user's subtree, newest first, keyset-paginated (no COUNT)."""
    spec = _kind(kind)
    rows = (
        selectors.records_of(spec.model)(user=request.user).select_related("officer__agency").order_by("-id")
    )
    after = request.GET.get("after", "")
    if after.isdigit():
        rows = rows.filter(id__lt=int(after))
    page = list(rows[: PAGE + 1])
    return render(
        request,
        "personnel/records_list.html",
        {
            "spec": spec,
            "kinds": KINDS.values(),
            "headers": [label for label, _attr in spec.columns],
            "rows": [(r, _cells(spec, r, show_restricted=False)) for r in page[:PAGE]],
            "next_cursor": page[PAGE - 1].id if len(page) > PAGE else None,
        },
    )

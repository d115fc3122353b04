"""One set of pages for every day-to-day record type: a person's records with the form to add one and
the follow-up actions, and each type's list across the user's subtree."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.actions import form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.downloads import xlsx_response
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can
from auxpolice.core.templatetags.auxpolice import money

from . import selectors
from .exports import records_workbook
from .record_kinds import KINDS, record_values, records_shown

PAGE = 50
EXPORT_LIMIT = 20000  # the newest; a longer history is exported per agency


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
    if isinstance(value, Decimal):
        return money(value)  # 24,000.00, as every amount on the site
    return str(value)


def _cells(spec, record, *, show_restricted: bool) -> list[str]:
    return [_show(value) for value in record_values(spec, record, show_restricted=show_restricted)]


def _records_page(request, person, spec, *, form=None, bound_action=None) -> HttpResponse:
    """A person's records of one kind. `form` is the add form as submitted; `bound_action` a follow-up
    action's form as submitted, (record pk, action slug, form), shown open with its values and errors."""
    may_change = can(request.user, Action.CHANGE, person.agency)
    records, show_restricted = records_shown(
        spec, user=request.user, person=person, address=request.META.get("REMOTE_ADDR")
    )

    def action_form(record, slug, action):
        if bound_action and bound_action[:2] == (record.pk, slug):
            return bound_action[2], True
        return action.form(), False

    rows = [
        (
            r,
            _cells(spec, r, show_restricted=show_restricted),
            [
                (slug, a.label, *action_form(r, slug, a), reverse(f"record_{spec.slug}_{slug}", args=[r.pk]))
                for slug, a in spec.actions.items()
                if may_change and a.available(r)
            ],
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
            "form": (form or spec.form(person, None)) if may_change else None,
            "rows": rows,
            "headers": [label for label, _attr in spec.columns],
            "label": spec.model._meta.label_lower,
            "summary": spec.summary(person) if spec.summary else [],
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def person_records(request, pk, kind):
    spec = _kind(kind)
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    if request.method == "GET":
        return _records_page(request, person, spec)
    if not can(request.user, Action.CHANGE, person.agency):
        raise PermissionDenied
    return form_action(
        request,
        spec.form(person, request.POST),
        lambda data: spec.create(request.user, person, data),
        done=reverse("person_records", args=[pk, kind]),
        page=lambda form: _records_page(request, person, spec, form=form),
    )


@staff_required
@require_POST
def record_action(request, record_pk, *, kind, action):
    """One follow-up action of one record kind (ending a suspension, returning an item...): each has its own
    URL, generated from the record kinds (personnel/urls.py)."""
    spec = _kind(kind)
    step = spec.actions[action]
    record = selectors.records_of(spec.model)(user=request.user).filter(pk=record_pk).first()
    if record is None:
        raise Http404
    if not can(request.user, Action.CHANGE, record.officer.agency):
        raise PermissionDenied
    person = selectors.auxiliary_get_for(user=request.user, pk=record.officer_id)
    return form_action(
        request,
        step.form(request.POST),
        lambda data: step.run(request.user, record, data),
        done=reverse("person_records", args=[record.officer_id, kind]),
        page=lambda form: _records_page(request, person, spec, bound_action=(record.pk, action, form)),
    )


@staff_required
@replica_reads
def records_list(request, kind):
    """Every record of one type in the user's subtree, newest first, keyset-paginated (no COUNT)."""
    spec = _kind(kind)
    rows = (
        selectors.records_of(spec.model)(user=request.user).select_related("officer__agency").order_by("-id")
    )
    if request.GET.get("format") == "xlsx":
        records = rows[:EXPORT_LIMIT].iterator(chunk_size=2000)
        return xlsx_response(
            records_workbook(
                str(spec.title),
                [str(label) for label, _attr in spec.columns],
                ((r, record_values(spec, r, show_restricted=False)) for r in records),
            ),
            f"{spec.slug}.xlsx",
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

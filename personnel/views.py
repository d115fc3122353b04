from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.actions import form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.downloads import xlsx_response
from auxpolice.core.errors import DomainError, NotPermitted
from auxpolice.core.forms import apply_domain_error
from auxpolice.core.models import Category
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can, scope
from auxpolice.core.selectors import agency_list_for
from auxpolice.core.widgets import AgencyPickerInput
from auxpolice.rules.evaluators import working_life
from auxpolice.rules.registry import pack_for
from auxpolice.rules.selectors import agency_settings

from . import selectors, statistics
from .exports import personnel_workbook
from .forms import (
    ContractRenewForm,
    ContractSignForm,
    ContractTerminateForm,
    DetailsForm,
    ImportForm,
    StatisticsForm,
)
from .models import OfficerStatus, PersonnelImport, TermType
from .record_kinds import KINDS
from .services import auxiliaries, contracts, deadlines, imports


def _list_filters(request) -> dict:
    return selectors.roster_filters(user=request.user, query=request.GET)


@staff_required
@replica_reads
def auxiliary_export(request):
    rows = selectors.auxiliary_filtered_for(user=request.user, filters=_list_filters(request)).iterator(
        chunk_size=2000
    )
    return xlsx_response(personnel_workbook(rows), "personnel.xlsx")


@staff_required
@replica_reads
def personnel_statistics(request):
    """辅警队伍基本情况 for any agency subtree in scope and date, and the movements in a period."""
    form = StatisticsForm(request.GET or None, agencies=agency_list_for(user=request.user))
    today = timezone.localdate()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    root = data.get("agency") or request.user.agency
    if root is None:
        root = agency_list_for(user=request.user).order_by("path").first()
    on, since, until = (
        data.get("on") or today,
        data.get("since") or today.replace(month=1, day=1),
        data.get("until") or today,
    )
    tables = statistics.composition(user=request.user, root=root, on=on) if root else []
    moves = statistics.movements(user=request.user, root=root, since=since, until=until) if root else []
    if request.GET.get("format") == "xlsx" and root:
        return xlsx_response(
            statistics.workbook(root, on, since, until, tables, moves), f"statistics-{on}.xlsx"
        )
    return render(
        request,
        "personnel/statistics.html",
        {
            "form": form,
            "root": root,
            "on": on,
            "since": since,
            "until": until,
            "tables": tables,
            "moves": moves,
        },
    )


PRINT_LIMIT = 5000  # a longer roster is filed from the Excel export


@staff_required
@replica_reads
def auxiliary_print(request):
    """The roster (人员名册) as a bureau prints it: every matching person up to PRINT_LIMIT, A4."""
    rows = list(
        selectors.auxiliary_filtered_for(user=request.user, filters=_list_filters(request)).order_by(
            "agency__path", "full_name", "id"
        )[: PRINT_LIMIT + 1]
    )
    return render(
        request,
        "personnel/print.html",
        {
            "rows": rows[:PRINT_LIMIT],
            "cut": len(rows) > PRINT_LIMIT,
            "limit": PRINT_LIMIT,
            "query": request.GET.urlencode(),
        },
    )


@staff_required
@replica_reads
def auxiliary_list(request):
    filters = _list_filters(request)
    sort = request.GET.get("sort", "newest")
    page = selectors.auxiliary_page_for(
        user=request.user,
        filters=filters,
        after=request.GET.get("after") or None,
        before=request.GET.get("before") or None,
        sort=sort,
        count=True,
    )
    return render(
        request,
        "personnel/list.html",
        {
            "page": page,
            "filters": filters,
            "categories": Category.choices,
            "statuses": OfficerStatus.choices,
            "record_kinds": KINDS.values(),
            "sort": sort,
            "sorts": [("newest", _("Newest records")), ("hired", _("Hiring date")), ("name", _("Name"))],
            "agency_picker": AgencyPickerInput().render(
                "agency",
                filters.get("agency") or "",
                attrs={"id": "filter_agency", "aria-label": _("Agency")},
            ),
            "query": request.GET.copy(),
        },
    )


@staff_required
def deadlines_due(request):
    return render(request, "personnel/deadlines.html", {"items": deadlines.due_for(user=request.user)})


def _grounds(person, contract) -> list[tuple[str, str]]:
    try:
        pack = pack_for(person.agency.jurisdiction, timezone.localdate())
    except DomainError:
        return []
    return working_life.termination_grounds_offered(
        pack, contract_grounds=tuple(contract.contract_grounds), settings=agency_settings(person.agency)
    )


def _detail_context(request, person, **extra):
    active = selectors.active_contract_of(person)
    can_change = can(request.user, Action.CHANGE, person.agency)
    advice = selectors.renewal_advice(person, active) if active else None
    return {
        "person": person,
        "active_contract": active,
        "can_change": can_change,
        "record_kinds": KINDS.values(),
        "can_reveal": request.user.has_perm("personnel.view_full_id_number"),
        "sign_form": ContractSignForm() if can_change and not active else None,
        # An open-ended contract is not renewed; where one is owed, the form proposes it.
        "renew_form": ContractRenewForm(
            initial={"term_type": TermType.OPEN_ENDED if advice.findings else TermType.FIXED}
        )
        if can_change and advice is not None
        else None,
        "renewal_advice": advice,
        "terminate_form": ContractTerminateForm(grounds=_grounds(person, active))
        if can_change and active
        else None,
        "details_form": DetailsForm(initial={f: getattr(person, f) for f in auxiliaries.DETAIL_FIELDS})
        if can_change
        else None,
    } | extra


@staff_required
@require_POST
def auxiliary_details_save(request, pk):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    form = DetailsForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        photo = data.pop("photo")
        try:
            auxiliaries.auxiliary_update(actor=request.user, officer=person, photo=photo, **data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Details saved."))
            return redirect("auxiliary_detail", pk=pk)
    return render(
        request, "personnel/detail.html", _detail_context(request, person, details_form=form), status=400
    )


@staff_required
def auxiliary_photo(request, pk):
    """Photos live outside the web root; this view is the only way to them, within scope."""
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    if not person.photo:
        raise Http404
    return FileResponse(person.photo.open("rb"))


@staff_required
def auxiliary_detail(request, pk):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    return render(request, "personnel/detail.html", _detail_context(request, person))


def _contract_action(request, pk, form_name: str, make_form, act) -> HttpResponse:
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    active = selectors.active_contract_of(person)

    def run(data):
        if active is None and form_name != "sign_form":
            raise contracts.NoActiveContract()
        return act(person, active, data)

    return form_action(
        request,
        make_form(person, active),
        run,
        done=reverse("auxiliary_detail", args=[pk]),
        page=lambda form: render(
            request,
            "personnel/detail.html",
            _detail_context(
                request, selectors.auxiliary_get_for(user=request.user, pk=pk), **{form_name: form}
            ),
        ),
        success=_("Contract saved."),
    )


@staff_required
@require_POST
def contract_sign(request, pk):
    return _contract_action(
        request,
        pk,
        "sign_form",
        lambda person, active: ContractSignForm(request.POST),
        lambda person, active, data: contracts.contract_sign(actor=request.user, officer=person, **data),
    )


@staff_required
@require_POST
def contract_renew(request, pk):
    return _contract_action(
        request,
        pk,
        "renew_form",
        lambda person, active: ContractRenewForm(request.POST),
        lambda person, active, data: contracts.contract_renew(actor=request.user, contract=active, **data),
    )


@staff_required
@require_POST
def contract_terminate(request, pk):
    return _contract_action(
        request,
        pk,
        "terminate_form",
        lambda person, active: (
            ContractTerminateForm(request.POST, grounds=_grounds(person, active))
            if active
            else ContractTerminateForm(request.POST)
        ),
        lambda person, active, data: contracts.contract_terminate(
            actor=request.user, contract=active, **data
        ),
    )


@staff_required
@require_POST
def id_number_reveal(request, pk):
    person = selectors.auxiliary_get_for(user=request.user, pk=pk)
    try:
        full = auxiliaries.id_number_reveal(
            actor=request.user, officer=person, address=request.META.get("REMOTE_ADDR")
        )
    except NotPermitted:
        raise PermissionDenied from None
    return render(
        request, "personnel/detail.html", {"person": person, "full_id_number": full, "can_reveal": True}
    )


@staff_required
def import_template(request):
    return xlsx_response(imports.template_workbook(), "personnel-import-template.xlsx")


@staff_required
@require_http_methods(["GET", "POST"])
def import_new(request):
    agencies = agency_list_for(user=request.user, action=Action.CHANGE)
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            job = auxiliaries.import_start(
                actor=request.user, agency=form.cleaned_data["agency"], upload=form.cleaned_data["workbook"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("import_detail", pk=job.pk)
    return render(request, "personnel/import_new.html", {"form": form})


@staff_required
def import_detail(request, pk):
    job = get_object_or_404(scope(PersonnelImport.objects.select_related("agency"), request.user), pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "percent": job.percent,
                "processed": job.processed_rows,
                "total": job.total_rows,
                "errors": len(job.errors),
                "resumed_at": job.job_resumed_at,
            }
        )
    return render(request, "personnel/import_detail.html", {"job": job})

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core import selectors as core_selectors
from auxpolice.core.actions import NoInput, form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.downloads import xlsx_response
from auxpolice.core.errors import DomainError
from auxpolice.core.forms import apply_domain_error
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can

from . import selectors
from .exports import headcount_workbook
from .forms import PlanForm, QuotaRequestForm, RedistributionForm, StepDecisionForm
from .services import plans, quotas
from .services.redistribution import quota_redistribute


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@staff_required
def headcount_dashboard(request):
    return _dashboard_page(request)


def _dashboard_page(request, redistribution_form=None):
    year = _year(request)
    root = None
    if request.GET.get("agency"):
        root = core_selectors.agency_get_for(user=request.user, pk=request.GET["agency"])
    rows = selectors.headcount_for(user=request.user, year=year, root=root)
    year_quotas = selectors.quota_list_for(user=request.user, year=year).order_by("agency__path")
    if redistribution_form is None and request.user.role == "supervisor":
        redistribution_form = RedistributionForm(quotas=year_quotas)
    return render(
        request,
        "headcount/dashboard.html",
        {
            "rows": rows,
            "year": year,
            "root": root or request.user.agency,
            "pending": selectors.pending_steps_for(user=request.user),
            "quotas": year_quotas[:200],
            "redistribution_form": redistribution_form,
        },
    )


@staff_required
@require_POST
def quota_redistribute_view(request):
    form = RedistributionForm(request.POST, quotas=selectors.quota_list_for(user=request.user))
    return form_action(
        request,
        form,
        lambda data: quota_redistribute(
            actor=request.user,
            source=data["source"],
            target=data["target"],
            places=data["places"],
            category=data["category"] or None,
            reason=data["reason"],
        ),
        done=reverse("headcount_dashboard"),
        page=lambda bound: _dashboard_page(request, bound),
        success=_("Places moved."),
    )


@staff_required
@require_POST
def quota_request_withdraw_view(request, pk):
    quota_request = get_object_or_404(selectors.quota_request_list_for(user=request.user), pk=pk)
    return form_action(
        request,
        NoInput(request.POST),
        lambda data: quotas.quota_request_withdraw(actor=request.user, request=quota_request),
        done=reverse("quota_detail", args=[quota_request.quota_id]),
        page=lambda bound: redirect("quota_detail", pk=quota_request.quota_id),
        success=_("Request withdrawn."),
    )


@staff_required
@replica_reads
def headcount_export(request):
    year = _year(request)
    root = (
        core_selectors.agency_get_for(user=request.user, pk=request.GET["agency"])
        if request.GET.get("agency")
        else None
    )
    content = headcount_workbook(selectors.headcount_for(user=request.user, year=year, root=root), year)
    return xlsx_response(content, f"headcount-{year}.xlsx")


@staff_required
def quota_detail(request, pk):
    return _quota_page(request, selectors.quota_get_for(user=request.user, pk=pk))


def _quota_page(request, quota, decision_form=None):
    return render(
        request,
        "headcount/quota_detail.html",
        {
            "quota": quota,
            "can_change": can(request.user, Action.CHANGE, quota.agency),
            "decision_form": decision_form or StepDecisionForm(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def quota_request_new(request, agency_pk):
    agency = core_selectors.agency_get_for(user=request.user, pk=agency_pk, action=Action.CHANGE)
    form = QuotaRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            quota_request = quotas.quota_request_submit(
                actor=request.user, agency=agency, **form.cleaned_data
            )
        except DomainError as error:
            apply_domain_error(form, error, request)
        else:
            messages.success(request, _("Quota request submitted for approval."))
            return redirect("quota_detail", pk=quota_request.quota_id)
    return render(request, "headcount/quota_request_form.html", {"agency": agency, "form": form})


@staff_required
@replica_reads
def plan_list(request):
    return render(
        request,
        "headcount/plan_list.html",
        {
            "plans": selectors.plan_list_for(user=request.user).order_by("-requested_at")[:200],
        },
    )


@staff_required
def plan_detail(request, pk):
    return _plan_page(request, selectors.plan_get_for(user=request.user, pk=pk))


def _plan_page(request, plan, decision_form=None):
    return render(
        request,
        "headcount/plan_detail.html",
        {"plan": plan, "decision_form": decision_form or StepDecisionForm()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def plan_new(request, agency_pk):
    agency = core_selectors.agency_get_for(user=request.user, pk=agency_pk, action=Action.CHANGE)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = plans.plan_submit(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error, request)
        else:
            messages.success(request, _("Recruitment plan submitted for approval."))
            return redirect("plan_detail", pk=plan.pk)
    return render(request, "headcount/plan_form.html", {"agency": agency, "form": form})


@staff_required
@require_POST
def step_decide(request, pk):
    step = get_object_or_404(
        selectors.approval_step_list_for(user=request.user).select_related("quota_request", "plan"), pk=pk
    )
    if step.quota_request_id:
        decide, done = quotas.quota_step_decide, reverse("quota_detail", args=[step.quota_request.quota_id])
    else:
        decide, done = plans.plan_step_decide, reverse("plan_detail", args=[step.plan_id])
    return form_action(
        request,
        StepDecisionForm(request.POST, request.FILES),
        lambda data: decide(
            actor=request.user,
            step=step,
            approve=data["decision"] == "approve",
            note=data["note"],
            approving_body=data["approving_body"],
            document_number=data["document_number"],
            document_date=data["document_date"],
            scan=data["scan"],
        ),
        done=done,
        page=lambda bound: _step_page(request, step, bound),
        success=_("Step recorded: %(step)s.") % {"step": step.label_zh},
    )


def _step_page(request, step, decision_form):
    if step.quota_request_id:
        quota = selectors.quota_get_for(user=request.user, pk=step.quota_request.quota_id)
        return _quota_page(request, quota, decision_form)
    return _plan_page(request, selectors.plan_get_for(user=request.user, pk=step.plan_id), decision_form)


@staff_required
def step_scan(request, pk):
    """Scans are stored outside the web root and served only to those who may see the step."""
    step = get_object_or_404(selectors.approval_step_list_for(user=request.user), pk=pk)
    if not step.scan:
        raise Http404
    return FileResponse(step.scan.open("rb"), as_attachment=True, filename=step.scan.name.rsplit("/", 1)[-1])

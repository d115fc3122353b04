"""Assessment pages. Thin: parse, call a service or selector, render. Every view is staff-only and scoped."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core import services as core_services
from auxpolice.core.actions import NoInput, form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.downloads import xlsx_response
from auxpolice.core.errors import DomainError
from auxpolice.core.forms import apply_domain_error
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can, scope_paths
from auxpolice.core.selectors import agency_list_for
from auxpolice.rules.evaluators import grading
from auxpolice.rules.registry import pack_for
from personnel.selectors import auxiliary_get_for

from . import reports, selectors, sheets
from .forms import (
    AppealDecisionForm,
    AppealForm,
    BulkConfirmForm,
    ConfirmForm,
    CycleOpenForm,
    ScoreForm,
    TierForm,
)
from .models import AppealStatus, AssessmentStatus, ConsequenceKind, ConsequenceStatus, CycleStatus
from .services import assessments, batch, tiers


@staff_required
@replica_reads
def cycle_list(request):
    agencies = agency_list_for(user=request.user, action=Action.CHANGE)
    form = CycleOpenForm(
        request.POST or None, agencies=agencies, initial={"year": timezone.localdate().year - 1}
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle = assessments.cycle_open(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("cycle_detail", pk=cycle.pk)
    cycles = selectors.cycle_list_for(user=request.user)[:100]
    return render(
        request, "assessment/cycles.html", {"cycles": cycles, "form": form if agencies.exists() else None}
    )


@staff_required
def cycle_detail(request, pk):
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": cycle.status,
                "percent": cycle.percent,
                "done": cycle.job_done,
                "total": cycle.job_total,
                "resumed_at": cycle.job_resumed_at,
            }
        )
    return _cycle_page(request, cycle)


def _cycle_page(request, cycle, *, review_form=None, publish_form=None) -> HttpResponse:
    filters = {key: request.GET.get(key, "") for key in ("status", "grade", "q")}
    may_approve = scope_paths(request.user, Action.APPROVE) != []  # services scope each row they touch
    bulk = batch.bulk_counts(actor=request.user, cycle=cycle) if may_approve else {"review": 0, "publish": 0}
    to_review, to_publish = bulk["review"], bulk["publish"]
    page = selectors.assessment_page_for(
        user=request.user, cycle=cycle, filters=filters, after=request.GET.get("after")
    )
    counts = selectors.status_counts(user=request.user, cycle=cycle)
    return render(
        request,
        "assessment/cycle.html",
        {
            "cycle": cycle,
            "page": page,
            "filters": filters,
            "statuses": AssessmentStatus.choices,
            "count_rows": [(label, counts.get(value, 0)) for value, label in AssessmentStatus.choices],
            "may_approve": may_approve,
            "to_review": to_review,
            "to_publish": to_publish,
            "review_form": review_form or BulkConfirmForm(initial={"expected": to_review}),
            "publish_form": publish_form or BulkConfirmForm(initial={"expected": to_publish}),
            "may_change": scope_paths(request.user, Action.CHANGE)
            != [],  # anyone who may change something in scope
            "basis_kinds": [ConsequenceKind(kind).label for kind in cycle.scheme["consequence_kinds"]],
        },
    )


def _cycle_action(request, pk, act, success) -> HttpResponse:
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        NoInput(request.POST),
        lambda data: act(cycle),
        done=reverse("cycle_detail", args=[pk]),
        page=lambda form: redirect("cycle_detail", pk=pk),
        success=success,
    )


def _confirmed_bulk(request, pk, form_name, act, success) -> HttpResponse:
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        BulkConfirmForm(request.POST),
        lambda data: act(cycle, data["expected"]),
        done=reverse("cycle_detail", args=[pk]),
        page=lambda form: _cycle_page(request, cycle, **{form_name: form}),
        success=success,
    )


@staff_required
@require_POST
def cycle_review(request, pk):
    return _confirmed_bulk(
        request,
        pk,
        "review_form",
        lambda cycle, expected: batch.review_scored(actor=request.user, cycle=cycle, expected=expected),
        lambda counts: (
            _("%(reviewed)s reviewed; %(held)s top grades held back: they would exceed the agency's cap.")
            % counts
        ),
    )


@staff_required
@require_POST
def cycle_publish(request, pk):
    return _confirmed_bulk(
        request,
        pk,
        "publish_form",
        lambda cycle, expected: batch.publish_reviewed(actor=request.user, cycle=cycle, expected=expected),
        lambda count: _("%(count)s results published.") % {"count": count},
    )


@staff_required
@require_POST
def cycle_close(request, pk):
    return _cycle_action(
        request,
        pk,
        lambda cycle: batch.cycle_close(actor=request.user, cycle=cycle),
        lambda cycle: (
            _("Closing: the proposals are being made.")
            if cycle.status != CycleStatus.CLOSED
            else _("The cycle is closed.")
        ),
    )


def _assessment_context(request, assessment, **forms):
    scheme = assessment.cycle.scheme
    user = request.user
    editable = assessment.cycle.status == CycleStatus.OPEN
    may_change = editable and can(user, Action.CHANGE, assessment.agency)
    may_approve = editable and can(user, Action.APPROVE, assessment.agency)
    appeal = selectors.appeal_of(assessment)
    initial = {f"score_{code}": value for code, value in assessment.scores.items()}
    initial.update(grade=assessment.grade, assessor_name=assessment.assessor_name, comment=assessment.comment)
    context = {
        "assessment": assessment,
        "cycle": assessment.cycle,
        "scheme": scheme,
        "appeal": appeal,
        "person": assessment.officer,
        "conduct": selectors.conduct_for_year(assessment.officer, assessment.year),
        "score_rows": [(d["label"], assessment.scores.get(d["code"], "—")) for d in scheme["dimensions"]],
        "appeal_deadline": assessments.appeal_deadline(assessment),
        "score_form": None,
        "appeal_form": None,
        "decision_form": None,
        "may_review": may_approve and assessment.status == AssessmentStatus.SCORED,
        "may_publish": may_approve and assessment.status == AssessmentStatus.REVIEWED,
    }
    if may_change and assessment.status in (AssessmentStatus.PENDING, AssessmentStatus.SCORED):
        context["score_form"] = forms.get("score_form") or ScoreForm(scheme=scheme, initial=initial)
    if may_change and assessment.status == AssessmentStatus.PUBLISHED and appeal is None:
        context["appeal_form"] = forms.get("appeal_form") or AppealForm(
            initial={"filed_on": timezone.localdate()}
        )
    if may_approve and appeal and appeal.status == AppealStatus.PENDING:
        context["decision_form"] = forms.get("decision_form") or AppealDecisionForm(scheme=scheme)
    return context


@staff_required
def assessment_detail(request, pk):
    assessment = selectors.assessment_get_for(user=request.user, pk=pk)
    return render(request, "assessment/assessment.html", _assessment_context(request, assessment))


def _assessment_action(request, pk, form_name, make_form, act) -> HttpResponse:
    assessment = selectors.assessment_get_for(user=request.user, pk=pk)
    form = make_form(assessment)

    def page(bound):
        assessment.refresh_from_db()
        context = _assessment_context(request, assessment, **({form_name: bound} if form_name else {}))
        return render(request, "assessment/assessment.html", context)

    return form_action(
        request,
        form,
        lambda data: act(assessment, data, form),
        done=reverse("assessment_detail", args=[pk]),
        page=page,
    )


@staff_required
@require_POST
def assessment_score(request, pk):
    return _assessment_action(
        request,
        pk,
        "score_form",
        lambda a: ScoreForm(request.POST, scheme=a.cycle.scheme),
        lambda a, data, form: assessments.assessment_score(
            actor=request.user,
            assessment=a,
            scores=form.scores(),
            grade=data["grade"],
            assessor_name=data["assessor_name"],
            comment=data["comment"],
        ),
    )


@staff_required
@require_POST
def assessment_review(request, pk):
    return _assessment_action(
        request,
        pk,
        None,
        lambda a: NoInput(request.POST),
        lambda a, data, form: assessments.assessment_review(actor=request.user, assessment=a),
    )


@staff_required
@require_POST
def assessment_publish(request, pk):
    return _assessment_action(
        request,
        pk,
        None,
        lambda a: NoInput(request.POST),
        lambda a, data, form: assessments.assessment_publish(actor=request.user, assessment=a),
    )


@staff_required
@require_POST
def appeal_file(request, pk):
    return _assessment_action(
        request,
        pk,
        "appeal_form",
        lambda a: AppealForm(request.POST),
        lambda a, data, form: assessments.appeal_file(actor=request.user, assessment=a, **data),
    )


@staff_required
@require_POST
def appeal_decide(request, pk):
    def decide(assessment, data, form):
        appeal = selectors.appeal_of(assessment)
        if appeal is None:
            raise PermissionDenied
        assessments.appeal_decide(actor=request.user, appeal=appeal, **data)

    return _assessment_action(
        request,
        pk,
        "decision_form",
        lambda a: AppealDecisionForm(request.POST, scheme=a.cycle.scheme),
        decide,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def cycle_scores(request, pk):
    """The scoring workbook: download the user's open assessments, upload it filled in (all rows or none)."""
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    if request.method == "GET":
        return xlsx_response(
            sheets.template(request.user, cycle), f"scores-{cycle.year}-{cycle.agency.code}.xlsx"
        )
    try:
        job = core_services.sheet_import_start(
            actor=request.user,
            kind="assessment.scores",
            agency=cycle.agency,
            target={"cycle": cycle.pk},
            upload=request.FILES.get("workbook"),
            back_url=reverse("cycle_detail", args=[cycle.pk]),
        )
    except DomainError as error:
        errors = [{"row": None, "column": "", "message": str(error.message)}]
        return render(request, "assessment/score_errors.html", {"cycle": cycle, "errors": errors}, status=400)
    return redirect("sheet_import_detail", job.pk)


@staff_required
def consequence_list(request, pk):
    return _consequence_page(request, selectors.cycle_get_for(user=request.user, pk=pk))


def _consequence_page(request, cycle, form=None):
    filters = {key: request.GET.get(key, "") for key in ("kind", "status")}
    page = selectors.consequence_page_for(
        user=request.user, cycle=cycle, filters=filters, after=request.GET.get("after")
    )
    return render(
        request,
        "assessment/consequences.html",
        {
            "cycle": cycle,
            "page": page,
            "filters": filters,
            "form": form or ConfirmForm(initial={"effective_on": date(cycle.year + 1, 1, 1)}),
            "kinds": ConsequenceKind.choices,
            "statuses": ConsequenceStatus.choices,
            "counts": selectors.consequence_counts(user=request.user, cycle=cycle),
            "kind_labels": dict(ConsequenceKind.choices),
            "status_labels": dict(ConsequenceStatus.choices),
        },
    )


def _selected_ids(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("ids") if v.isdigit()]


@staff_required
@require_POST
def consequence_confirm(request, pk):
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        ConfirmForm(request.POST),
        lambda data: tiers.consequences_confirm(
            actor=request.user,
            cycle=cycle,
            ids=None if request.POST.get("all") else _selected_ids(request),
            kind=data["kind"] or None,
            effective_on=data["effective_on"],
        ),
        done=reverse("consequence_list", args=[cycle.pk]),
        page=lambda bound: _consequence_page(request, cycle, bound),
        success=lambda counts: (
            _("%(confirmed)s confirmed; %(stale)s not applied because the person's tier changed meanwhile.")
            % counts
        ),
    )


@staff_required
@require_POST
def consequence_reject(request, pk):
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        NoInput(request.POST),
        lambda data: tiers.consequences_reject(actor=request.user, cycle=cycle, ids=_selected_ids(request)),
        done=reverse("consequence_list", args=[cycle.pk]),
        page=lambda bound: _consequence_page(request, cycle),
        success=lambda count: _("%(count)s proposals rejected.") % {"count": count},
    )


@staff_required
@replica_reads
def cycle_report(request, pk):
    cycle = selectors.cycle_get_for(user=request.user, pk=pk)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            reports.report_workbook(user=request.user, cycle=cycle),
            f"assessment-{cycle.year}-{cycle.agency.code}.xlsx",
        )
    return render(
        request,
        "assessment/report.html",
        {
            "cycle": cycle,
            "sections": [
                (
                    _("Grades of %(year)s") % {"year": cycle.year},
                    reports.grade_distribution(user=request.user, cycle=cycle),
                ),
                (_("Tiers now"), reports.tier_distribution(user=request.user, cycle=cycle)),
            ],
        },
    )


@staff_required
def person_tier(request, pk):
    person = auxiliary_get_for(user=request.user, pk=pk)
    scheme = tiers.tier_scheme_for_agency(person.agency)
    may_assign = bool(scheme) and can(request.user, Action.APPROVE, person.agency)
    form = TierForm(request.POST or None, tiers=scheme, initial={"effective_on": timezone.localdate()})
    if request.method == "POST":
        if not may_assign:
            raise PermissionDenied
        if form.is_valid():
            try:
                tiers.tier_assign(actor=request.user, officer=person, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error, request)
            else:
                messages.success(request, _("Saved."))
                return redirect("person_tier", pk=pk)
    pack = pack_for(person.agency.jurisdiction, timezone.localdate())
    return render(
        request,
        "assessment/person_tier.html",
        {
            "person": person,
            "scheme": scheme,
            "form": form if may_assign else None,
            "changes": selectors.tier_changes_of(person),
            "assessments": person.assessments.select_related("cycle").order_by("-year"),
            "tier_basis": "；".join(c.label_zh for c in grading.tier_citations(pack)),
            "no_command": "；".join(c.label_zh for c in grading.no_command_between_tiers(pack)),
        },
        status=400 if form.errors else 200,
    )

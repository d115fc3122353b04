"""Pay pages. Thin: parse, call a service or selector, render. Every view is staff-only and scoped."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core.actions import NoInput, form_action
from auxpolice.core.decorators import staff_required
from auxpolice.core.downloads import pdf_response, xlsx_response
from auxpolice.core.errors import DomainError
from auxpolice.core.forms import apply_domain_error, message_domain_error
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can
from auxpolice.core.selectors import agency_get_for, agency_list_for
from auxpolice.rules import national
from auxpolice.rules.citations import Citation
from auxpolice.rules.evaluators import grading
from personnel.models import SensitiveAccess
from personnel.selectors import auxiliary_get_for

from . import exports, selectors, sheets
from .forms import (
    ApproveScaleForm,
    BankAccountForm,
    OvertimeForm,
    PayrollApproveForm,
    PolicyForm,
    RunForm,
    ScaleForm,
    SchemeForm,
    SpecialDeductionForm,
    SpecialDeductionImportForm,
    StatisticForm,
)
from .models import Overtime, RunStatus, ScaleStatus, SpecialDeduction
from .services import contributions, payroll, scales, special_deductions

FORMS = {"statistic": StatisticForm, "scheme": SchemeForm, "policy": PolicyForm, "run": RunForm}


def _overview_forms(agencies, bound=None):
    forms = {name: cls(agencies=agencies, prefix=name) for name, cls in FORMS.items()}  # one page, unique ids
    if bound:
        forms[bound[0]] = bound[1]
    return forms if agencies.exists() else {}


@staff_required
def pay_overview(request):
    return _overview(request)


def _overview(request, bound=None, status=200, import_form=None):
    user = request.user
    agencies = agency_list_for(user=user, action=Action.CHANGE)
    if import_form is None and agencies.exists():
        import_form = SpecialDeductionImportForm(agencies=agencies, prefix="deductions")
    return render(
        request,
        "compensation/overview.html",
        {
            "forms": _overview_forms(agencies, bound),
            "import_form": import_form,
            "runs": selectors.run_list_for(user=user)[:24],
            "scales": selectors.scale_list_for(user=user).order_by("-effective_from")[:20],
            "statistics": selectors.statistic_list_for(user=user).order_by("-year")[:20],
            "schemes": selectors.scheme_list_for(user=user).order_by("-effective_from")[:10],
            "policies": selectors.policy_list_for(user=user).order_by("-ends_on")[:10],
            "agencies": agencies,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def special_deductions_import(request):
    """The month's special additional deductions by workbook: GET the template, POST the workbook (read and
    recorded in Celery, all rows or none; the import's page shows the outcome)."""
    if request.method == "GET":
        return xlsx_response(sheets.template(), "special-deductions.xlsx")
    agencies = agency_list_for(user=request.user, action=Action.CHANGE)
    form = SpecialDeductionImportForm(request.POST, request.FILES, agencies=agencies, prefix="deductions")
    if form.is_valid():
        try:
            job = special_deductions.special_deductions_import_start(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return redirect("sheet_import_detail", job.pk)
    return _overview(request, status=400, import_form=form)


@staff_required
@require_POST
def pay_record(request, what):
    if what not in FORMS:
        raise PermissionDenied
    form = FORMS[what](
        request.POST, prefix=what, agencies=agency_list_for(user=request.user, action=Action.CHANGE)
    )
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if what == "statistic":
                scales.statistic_record(actor=request.user, **data)
            elif what == "scheme":
                contributions.scheme_record(actor=request.user, **data)
            elif what == "policy":
                contributions.accident_policy_record(actor=request.user, **data)
            else:
                run = payroll.payroll_start(actor=request.user, **data)
                return redirect("payroll_detail", pk=run.pk)
        except DomainError as error:
            apply_domain_error(form, error, request)
        else:
            messages.success(request, _("Saved."))
            return redirect("pay_overview")
    return _overview(request, bound=(what, form), status=400)


@staff_required
def scale_new(request, agency_pk):
    agency = agency_get_for(user=request.user, pk=agency_pk, action=Action.CHANGE)
    try:
        tiers, grades = selectors.scale_columns(agency)
    except grading.SchemeMissing as missing:
        messages.error(request, str(missing))
        return redirect("pay_overview")
    form = ScaleForm(request.POST or None, tiers=tiers, grades=grades)
    if request.method == "POST" and form.is_valid():
        try:
            scale = scales.scale_draft(actor=request.user, agency=agency, scale=form.scale())
        except DomainError as error:
            apply_domain_error(form, error, request)
        else:
            return redirect("scale_detail", pk=scale.pk)
    return render(
        request,
        "compensation/scale_new.html",
        {"form": form, "agency": agency},
        status=400 if form.errors else 200,
    )


@staff_required
def scale_detail(request, pk):
    scale = selectors.scale_get_for(user=request.user, pk=pk)
    may_approve = scale.status == ScaleStatus.DRAFT and can(request.user, Action.APPROVE, scale.agency)
    form = ApproveScaleForm(request.POST or None)
    if request.method == "POST":
        if not may_approve:
            raise PermissionDenied
        if form.is_valid():
            try:
                scales.scale_approve(actor=request.user, scale=scale, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
                message_domain_error(request, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("scale_detail", pk=pk)
    lines = sorted(scale.lines.all(), key=lambda line: (line.kind, line.pk))
    return render(
        request,
        "compensation/scale.html",
        {"scale": scale, "lines": lines, "form": form if may_approve else None},
        status=400 if form.errors else 200,
    )


@staff_required
def payroll_detail(request, pk):
    run = selectors.run_get_for(user=request.user, pk=pk)
    if request.GET.get("format") != "json":
        return _run_page(request, run)
    return JsonResponse(
        {
            "status": run.status,
            "percent": run.percent,
            "done": run.job_done,
            "total": run.job_total,
            "resumed_at": run.job_resumed_at,
        }
    )


def _run_page(request, run, *, approve_form=None):
    page = selectors.line_page_for(
        user=request.user, run=run, q=request.GET.get("q", ""), after=request.GET.get("after")
    )
    totals = selectors.run_totals(user=request.user, run=run) if run.status != RunStatus.COMPUTING else None
    confirmed = {"expected_people": totals["people"], "expected_net": totals["net"] or 0} if totals else {}
    return render(
        request,
        "compensation/run.html",
        {
            "run": run,
            "page": page,
            "q": request.GET.get("q", ""),
            "totals": totals,
            "approve_form": approve_form or PayrollApproveForm(initial=confirmed),
            "lock_summary": _run_summary(run, confirmed) if totals else "",
            "may_approve": run.status == RunStatus.COMPUTED and can(request.user, Action.APPROVE, run.agency),
            "may_rerun": run.status == RunStatus.COMPUTED and can(request.user, Action.CHANGE, run.agency),
            "may_bank": run.status == RunStatus.APPROVED
            and request.user.has_perm("compensation.export_bank_transfer"),
        },
        status=400 if approve_form is not None else 200,
    )


@staff_required
@require_POST
def payroll_approve(request, pk):
    run = selectors.run_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        PayrollApproveForm(request.POST),
        lambda data: payroll.payroll_approve(
            actor=request.user,
            run=run,
            expected_people=data["expected_people"],
            expected_net=data["expected_net"],
        ),
        done=reverse("payroll_detail", args=[pk]),
        page=lambda form: _run_page(request, run, approve_form=form),
        success=lambda approved: _("Locked: %(what)s.") % {"what": _run_summary(approved, request.POST)},
    )


def _run_summary(run, confirmed) -> str:
    """“2026年11月工资，30人，实发合计 120,481.76 元”: what a lock covers, in the words the approver reads."""
    return _("payroll of %(month)s, %(people)s people, net total %(net)s yuan") % {
        "month": f"{run.month:%Y年%m月}",
        "people": confirmed.get("expected_people", "—"),
        "net": f"{Decimal(confirmed.get('expected_net') or 0):,.2f}",
    }


@staff_required
@require_POST
def payroll_rerun(request, pk):
    run = selectors.run_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        NoInput(request.POST),
        lambda data: payroll.payroll_start(actor=request.user, agency=run.agency, month=run.month),
        done=lambda again: reverse("payroll_detail", args=[again.pk if again else pk]),
        page=lambda form: redirect("payroll_detail", pk=pk),
        success=_("Computing again."),
    )


@staff_required
@replica_reads
def payroll_export(request, pk, kind):
    run = selectors.run_get_for(user=request.user, pk=pk)
    if run.status == RunStatus.COMPUTING:
        raise PermissionDenied
    lines = (
        selectors.line_list_for(user=request.user)
        .filter(run=run)
        .select_related("officer", "agency")
        .order_by("pk")
    )
    if request.GET.get("line", "").isdigit():
        lines = lines.filter(pk=int(request.GET["line"]))
    if kind == "payslips":
        return pdf_response(
            exports.payslips(run, lines.defer("officer__id_number")), f"payslips-{run.month:%Y-%m}.pdf"
        )
    if kind == "summary":
        content = exports.summary(run, selectors.agency_totals(user=request.user, run=run))
    elif kind == "bank":
        if not request.user.has_perm("compensation.export_bank_transfer") or run.status != RunStatus.APPROVED:
            raise PermissionDenied
        lines = list(lines)
        SensitiveAccess.objects.bulk_create(
            [
                SensitiveAccess(
                    user=request.user,
                    officer_id=line.officer_id,
                    field="bank_account",
                    address=request.META.get("REMOTE_ADDR"),
                )
                for line in lines
            ]
        )
        content = exports.bank_transfer(lines)
    else:
        raise PermissionDenied
    return xlsx_response(content, f"payroll-{kind}-{run.month:%Y-%m}.xlsx")


@staff_required
def person_pay(request, pk):
    person = auxiliary_get_for(user=request.user, pk=pk)
    may_change = can(request.user, Action.CHANGE, person.agency)
    chosen = request.POST.get("form")
    overtime_form = OvertimeForm(request.POST if chosen == "overtime" else None)
    bank_form = BankAccountForm(request.POST if chosen == "bank" else None)
    special_form = SpecialDeductionForm(request.POST if chosen == "special" else None, prefix="special")
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = {"overtime": overtime_form, "special": special_form}.get(chosen, bank_form)
        if form.is_valid():
            try:
                if form is overtime_form:
                    contributions.overtime_record(actor=request.user, officer=person, **form.cleaned_data)
                elif form is special_form:
                    data = dict(form.cleaned_data)
                    special_deductions.special_deductions_set(
                        actor=request.user, officer=person, month=data.pop("month"), amounts=data
                    )
                else:
                    contributions.bank_account_set(actor=request.user, officer=person, **form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("person_pay", pk=pk)
    account = getattr(person, "bank_account", None)  # RelatedObjectDoesNotExist is an AttributeError
    return render(
        request,
        "compensation/person.html",
        {
            "person": person,
            "account": account,
            "may_change": may_change,
            "overtime_form": overtime_form,
            "overtime_rates": [
                (label, national.OVERTIME_RATES[kind], Citation.parse(national.OVERTIME_REFS[kind]))
                for kind, label in Overtime.DayKind.choices
            ],
            "bank_form": bank_form,
            "special_form": special_form,
            "special_kinds": [
                SpecialDeduction._meta.get_field(field).verbose_name for field, _c in SpecialDeduction.KINDS
            ],
            "special_deductions": person.special_deductions.order_by("-month")[:24],
            "overtime": person.overtime.order_by("-month", "-pk")[:24],
            "lines": person.payroll_lines.select_related("run").order_by("-run__month")[:24],
        },
        status=400 if (overtime_form.errors or bank_form.errors or special_form.errors) else 200,
    )

"""The back office: announcements and every recruitment stage, scoped to the officer's subtree."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
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
from auxpolice.core.forms import apply_domain_error, message_domain_error
from auxpolice.core.replicas import replica_reads
from auxpolice.core.scoping import Action, can
from headcount.selectors import plan_list_for

from .. import documents, selectors, stages
from ..forms import (
    AnnouncementForm,
    BatchReviewForm,
    CallNextForm,
    HireForm,
    MessageForm,
    ObjectionForm,
    ObjectionResolveForm,
    PhysicalResultForm,
    PositionFormSet,
    PublicityForm,
    RankForm,
    ReasonForm,
    ReleaseForm,
    ResultForm,
    ResultImportForm,
    ReviewForm,
    RevisionForm,
    ScoreImportForm,
    WithdrawalForm,
)
from ..models import (
    AnnouncementStatus,
    ApplicantDocument,
    ApplicationStatus,
    EducationRecord,
    SensitiveResultAccess,
    StageResult,
    VacancyReason,
)
from ..services import (
    announcements,
    hiring,
    notices,
    physical,
    places,
    publicity,
    ranking,
    releases,
    results,
    review,
    scoring,
)
from ..services.announcements import resolve_stages
from ..services.portal import declaration_items
from ..statuses import STATUS_CHOICES


@staff_required
@replica_reads
def announcement_list(request):
    rows = selectors.announcement_list_for(user=request.user)
    status = request.GET.get("status", "")
    if status in AnnouncementStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "recruitment/office/announcement_list.html",
        {"announcements": rows[:200], "status": status, "statuses": AnnouncementStatus.choices},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def announcement_new(request, plan_pk):
    plan = plan_list_for(user=request.user).filter(pk=plan_pk).first()
    if plan is None:
        raise Http404
    if not can(request.user, Action.CHANGE, plan.agency):
        raise PermissionDenied
    try:
        stage_choices, _source, _decision = resolve_stages(agency=plan.agency, on=timezone.localdate())
    except DomainError as error:
        stage_choices = []
        message_domain_error(request, error)
    form = AnnouncementForm(request.POST or None, stage_choices=stage_choices)
    positions = PositionFormSet(request.POST or None, prefix="positions")
    if request.method == "POST" and form.is_valid() and positions.is_valid():
        try:
            announcement = announcements.announcement_create(
                actor=request.user, plan=plan, **form.announcement(positions.cleaned_data)
            )
        except DomainError as error:
            apply_domain_error(form, error, request)
        else:
            messages.success(request, _("The announcement is saved as a draft."))
            return redirect("announcement_detail", announcement.pk)
    return render(
        request,
        "recruitment/office/announcement_form.html",
        {
            "plan": plan,
            "form": form,
            "positions": positions,
            "stages": [stages.label(s) for s in stage_choices],
        },
    )


def _announcement_page(request, announcement, **bound) -> HttpResponse:
    """The announcement page; `bound` replaces a form by the one just submitted (values and errors kept)."""
    counts = selectors.stage_counts(user=request.user, announcement=announcement)
    forms = {
        "revision_form": RevisionForm(
            initial={
                "exam_arrangements": announcement.exam_arrangements,
                "registration_closes": timezone.localtime(announcement.registration_closes),
            }
        ),
        "reason_form": ReasonForm(),
        "publicity_form": PublicityForm(initial={"starts_on": timezone.localdate()}),
        "release_form": bound.pop("release_form", None)
        or ReleaseForm(
            stage_choices=selectors.release_stage_choices(announcement),
            initial={"release_at": timezone.localtime()},
        ),
    }
    bound_results = bound.pop("results_form", None)
    forms["results_forms"] = [
        (
            stage,
            stages.label(stage),
            bound_results[1]
            if bound_results and bound_results[0] == stage
            else ResultImportForm(auto_id=f"results_{stage}_%s"),
        )
        for stage in announcement.stages
        if stage in stages.PASS_FAIL
    ]
    return render(
        request,
        "recruitment/office/announcement_detail.html",
        {
            "announcement": announcement,
            "counts": [
                dict(
                    c, stage_label=stages.label(c["stage"]), status_label=ApplicationStatus(c["status"]).label
                )
                for c in counts
            ],
            "stage_list": [(s, stages.label(s), stages.kind(s)) for s in announcement.stages],
            "may_change": can(request.user, Action.CHANGE, announcement.agency),
            "may_approve": can(request.user, Action.APPROVE, announcement.agency)
            and request.user.role == "supervisor",
            **forms,
            **bound,
            "publicities": announcement.publicities.all(),
            "releases": announcement.releases.order_by("release_at"),
            "vacancy_reasons": VacancyReason.choices,
            "next_candidates": {
                position: {
                    "names": "、".join(a.full_name for a in tied),
                    "count": len(tied),
                    "rank": tied[0].rank,
                    "score": tied[0].total_score,
                    "key": places.confirmation_key(tied),
                }
                for position, tied in selectors.next_candidates(announcement).items()
            },
        },
    )


@staff_required
def announcement_detail(request, pk):
    return _announcement_page(request, selectors.announcement_get_for(user=request.user, pk=pk))


def _announcement_action(request, pk, form_name, form_class, act, success) -> HttpResponse:
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        form_class(request.POST),
        lambda data: act(announcement, data),
        done=reverse("announcement_detail", args=[pk]),
        page=lambda form: _announcement_page(
            request, announcement, **({form_name: form} if form_name else {})
        ),
        success=success,
    )


@staff_required
@require_POST
def announcement_submit(request, pk):
    return _announcement_action(
        request,
        pk,
        None,
        NoInput,
        lambda a, data: announcements.announcement_submit(actor=request.user, announcement=a),
        _("Sent to a supervisor for approval."),
    )


@staff_required
@require_POST
def announcement_approve(request, pk):
    return _announcement_action(
        request,
        pk,
        None,
        NoInput,
        lambda a, data: announcements.announcement_approve(actor=request.user, announcement=a),
        _("Approved and published on the portal."),
    )


@staff_required
@require_POST
def announcement_return(request, pk):
    return _announcement_action(
        request,
        pk,
        "reason_form",
        ReasonForm,
        lambda a, data: announcements.announcement_return(actor=request.user, announcement=a, **data),
        _("Returned to the author."),
    )


@staff_required
@require_POST
def announcement_revise(request, pk):
    return _announcement_action(
        request,
        pk,
        "revision_form",
        RevisionForm,
        lambda a, data: announcements.announcement_revise(actor=request.user, announcement=a, **data),
        _("A new version is published; applicants are told."),
    )


@staff_required
@require_POST
def results_release(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    return form_action(
        request,
        ReleaseForm(request.POST, stage_choices=selectors.release_stage_choices(announcement)),
        lambda data: releases.release_schedule(actor=request.user, announcement=announcement, **data),
        done=reverse("announcement_detail", args=[pk]),
        page=lambda form: _announcement_page(request, announcement, release_form=form),
        success=lambda release: (
            _("The results of %(stage)s reach the applicants at %(at)s, with a notice to each.")
            % {
                "stage": stages.label(release.stage),
                "at": timezone.localtime(release.release_at).strftime("%Y-%m-%d %H:%M"),
            }
        ),
    )


@staff_required
@require_POST
def publicity_start(request, pk):
    return _announcement_action(
        request,
        pk,
        "publicity_form",
        PublicityForm,
        lambda a, data: publicity.publicity_start(actor=request.user, announcement=a, **data),
        lambda notice: (
            _("Publicity runs from %(start)s to %(end)s (%(n)s working days).")
            % {"start": notice.starts_on, "end": notice.ends_on, "n": notice.working_days}
        ),
    )


@staff_required
@require_POST
def announcement_plan_close(request, pk):
    return _announcement_action(
        request,
        pk,
        None,
        NoInput,
        lambda a, data: announcements.plan_close(actor=request.user, plan=a.plan),
        _("The plan is closed; unfilled places went back to the quota."),
    )


def _filters(request) -> dict:
    return {key: request.GET.get(key, "") for key in ("status", "stage", "position", "q", "order")}


@staff_required
@replica_reads
def application_list(request, pk):
    return _list_page(request, selectors.announcement_get_for(user=request.user, pk=pk))


@staff_required
@require_POST
def application_batch_review(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk, action=Action.CHANGE)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    return form_action(
        request,
        BatchReviewForm(request.POST),
        lambda data: review.review_batch(actor=request.user, announcement=announcement, ids=ids, **data),
        done=f"{reverse('application_list', args=[pk])}?{request.GET.urlencode()}",
        page=lambda form: _list_page(request, announcement, batch_form=form, selected=set(ids)),
        success=lambda decided: (
            _("%(n)s applications decided; each applicant is told.") % {"n": len(decided)}
        ),
    )


PRINT_LIMIT = 5000  # a printed list longer than this is filed from the Excel export


@staff_required
@replica_reads
def application_export(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    filters = _filters(request)
    rows = selectors.applications_in_list_order(user=request.user, announcement=announcement, filters=filters)
    title = documents.list_title(filters)
    printed = f"{timezone.localtime():%Y-%m-%d %H:%M}"
    return xlsx_response(
        documents.application_list_workbook(announcement, title, rows.iterator(chunk_size=2000), printed),
        f"applications-{announcement.pk}.xlsx",
    )


@staff_required
@replica_reads
def application_print(request, pk):
    """The list as a bureau prints and files it: every matching row (up to PRINT_LIMIT), A4."""
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    filters = _filters(request)
    rows = list(
        selectors.applications_in_list_order(user=request.user, announcement=announcement, filters=filters)[
            : PRINT_LIMIT + 1
        ]
    )
    return render(
        request,
        "recruitment/office/application_print.html",
        {
            "announcement": announcement,
            "title": documents.list_title(filters),
            "rows": [documents.list_cells(n, a) for n, a in enumerate(rows[:PRINT_LIMIT], start=1)],
            "columns": documents.LIST_COLUMNS,
            "cut": len(rows) > PRINT_LIMIT,
            "limit": PRINT_LIMIT,
            "query": request.GET.urlencode(),
        },
    )


@staff_required
@require_POST
def application_message(request, pk):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk, action=Action.CHANGE)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    return form_action(
        request,
        MessageForm(request.POST),
        lambda data: notices.message_send(actor=request.user, announcement=announcement, ids=ids, **data),
        done=f"{reverse('application_list', args=[pk])}?{request.GET.urlencode()}",
        page=lambda form: _list_page(request, announcement, message_form=form, selected=set(ids)),
        success=lambda sent: _("The message is sent to %(n)s applicants.") % {"n": sent},
    )


def _list_page(request, announcement, *, batch_form=None, message_form=None, selected=frozenset()):
    after = request.GET.get("after")
    page = selectors.application_page_for(
        user=request.user,
        announcement=announcement,
        filters=_filters(request),
        after=int(after) if after and after.isdigit() else None,
    )
    query = request.GET.copy()
    query.pop("after", None)
    return render(
        request,
        "recruitment/office/application_list.html",
        {
            "announcement": announcement,
            "page": page,
            "filters": _filters(request),
            "query": query.urlencode(),
            "statuses": ApplicationStatus.choices,
            "stage_list": [(s, stages.label(s)) for s in announcement.stages],
            "stage_labels": {s: stages.label(s) for s in [*announcement.stages, stages.HIRE]},
            # After an error in one of the two actions, the other keeps what was typed too (unbound).
            "batch_form": batch_form or BatchReviewForm(initial=request.POST or None),
            "message_form": message_form or MessageForm(initial=request.POST or None, auto_id="message_%s"),
            "selected": selected,
            "may_change": can(request.user, Action.CHANGE, announcement.agency),
        },
        status=400 if batch_form is not None or message_form is not None else 200,
    )


def _application_page(request, application, **bound) -> HttpResponse:
    """The application page; `bound` replaces a form by the one just submitted (values and errors kept)."""
    items = (
        selectors.physical_items(application.announcement_id, application.sex)
        if application.stage == "physical_test"
        else []
    )
    forms = {
        "physical_form": PhysicalResultForm(items=items, initial={"tested_on": timezone.localdate()})
        if items
        else None,
        "review_form": ReviewForm(citation_choices=selectors.review_citation_choices(application)),
        "result_form": ResultForm(),
        "objection_form": ObjectionForm(initial={"received_on": timezone.localdate()}),
        "resolve_form": ObjectionResolveForm(),
        "withdrawal_form": WithdrawalForm(),
        "hire_form": HireForm(item_choices=selectors.hire_item_choices(application)),
    }
    return render(
        request,
        "recruitment/office/application_detail.html",
        {
            "application": application,
            "may_change": can(request.user, Action.CHANGE, application.agency),
            "stage_label": stages.label(application.stage),
            "stage_kind": stages.kind(application.stage),
            "sensitive_allowed": request.user.has_perm("recruitment.view_sensitive_results"),
            "sensitive_stages": stages.SENSITIVE,
            **forms,
            **bound,
            "documents": ApplicantDocument.objects.filter(profile__user_id=application.applicant_id),
            "education": EducationRecord.objects.filter(profile__user_id=application.applicant_id),
            "status_labels": [label for code, label in STATUS_CHOICES if code in application.statuses],
            "declared": [
                item
                for item in declaration_items(position=application.position)
                if application.declaration.get("answers", {}).get(item["code"])
            ],
            "results": [(r, stages.label(r.stage)) for r in application.results.all()],
            "publicity_running": application.status == ApplicationStatus.IN_PUBLICITY
            and application.publicity.ends_on >= timezone.localdate(),
        },
    )


@staff_required
def application_detail(request, pk):
    return _application_page(request, selectors.application_get_for(user=request.user, pk=pk))


def _application_action(request, pk, form_name: str, make_form, act) -> HttpResponse:
    application = selectors.application_get_for(user=request.user, pk=pk, action=Action.CHANGE)
    return form_action(
        request,
        make_form(application),
        lambda data: act(application, data),
        done=reverse("application_detail", args=[pk]),
        page=lambda form: _application_page(request, application, **{form_name: form}),
    )


@staff_required
@require_POST
def application_review(request, pk):
    return _application_action(
        request,
        pk,
        "review_form",
        lambda app: ReviewForm(request.POST, citation_choices=selectors.review_citation_choices(app)),
        lambda app, data: review.review_decide(actor=request.user, application=app, **data),
    )


@staff_required
@require_POST
def application_result(request, pk):
    return _application_action(
        request,
        pk,
        "result_form",
        lambda app: ResultForm(request.POST),
        lambda app, data: results.result_record(actor=request.user, application=app, **data),
    )


@staff_required
@require_POST
def application_physical(request, pk):
    forms_made = {}

    def make(app):
        forms_made["form"] = PhysicalResultForm(
            request.POST, items=selectors.physical_items(app.announcement_id, app.sex)
        )
        return forms_made["form"]

    return _application_action(
        request,
        pk,
        "physical_form",
        make,
        lambda app, data: physical.physical_result_record(
            actor=request.user,
            application=app,
            tested_on=data["tested_on"],
            values=forms_made["form"].values(),
        ),
    )


@staff_required
@require_POST
def application_objection(request, pk):
    return _application_action(
        request,
        pk,
        "objection_form",
        lambda app: ObjectionForm(request.POST),
        lambda app, data: publicity.objection_record(actor=request.user, application=app, **data),
    )


@staff_required
@require_POST
def objection_resolve(request, pk, objection_pk):
    def resolve(app, data):
        objection = app.objections.filter(pk=objection_pk).first()
        if objection is None:
            raise Http404
        publicity.objection_resolve(actor=request.user, objection=objection, **data)

    return _application_action(
        request, pk, "resolve_form", lambda app: ObjectionResolveForm(request.POST), resolve
    )


@staff_required
@require_POST
def application_withdraw(request, pk):
    return _application_action(
        request,
        pk,
        "withdrawal_form",
        lambda app: WithdrawalForm(request.POST),
        lambda app, data: places.application_withdraw_recorded(
            actor=request.user, application=app, reason=data.get("reason", "")
        ),
    )


@staff_required
@require_POST
def application_hire(request, pk):
    def hire(app, data):
        hiring.hire(
            actor=request.user,
            application=app,
            hired_on=data["hired_on"],
            contract_ends_on=data["contract_ends_on"],
            probation_ends_on=data["probation_ends_on"],
            stated_items=tuple(data["stated_items"]),
        )

    return _application_action(
        request,
        pk,
        "hire_form",
        lambda app: HireForm(request.POST, item_choices=selectors.hire_item_choices(app)),
        hire,
    )


@staff_required
def sensitive_results(request, pk):
    """Medical and vetting findings in full: only with the permission, and every view is logged."""
    application = selectors.application_get_for(user=request.user, pk=pk)
    if not request.user.has_perm("recruitment.view_sensitive_results"):
        raise PermissionDenied
    rows = [r for r in application.results.all() if r.stage in stages.SENSITIVE]
    SensitiveResultAccess.objects.create(
        user=request.user,
        application=application,
        field="sensitive_results",
        address=request.META.get("REMOTE_ADDR"),
    )
    return render(
        request,
        "recruitment/office/sensitive.html",
        {"application": application, "rows": [(r, stages.label(r.stage)) for r in rows]},
    )


@staff_required
def applicant_document(request, pk):
    document = (
        selectors.applicant_document_list_for(user=request.user)
        .select_related("profile")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    # Logged like a full ID reveal, against the application through which this officer may see it.
    through = (
        selectors.application_list_for(user=request.user)
        .filter(applicant_id=document.profile.user_id)
        .order_by("-pk")
        .first()
    )
    SensitiveResultAccess.objects.create(
        user=request.user,
        application=through,
        field=f"document:{document.kind}",
        address=request.META.get("REMOTE_ADDR"),
    )
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    response["Cache-Control"] = "no-store"
    return response


def _scored_stage(request, pk, stage):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    if stage not in announcement.stages or stage not in stages.SCORED:
        raise Http404
    return announcement


def _scores_page(
    request, announcement, stage, *, typed=None, row_errors=None, import_form=None, rank_form=None
):
    """The scores of a stage. After a refused save, `typed` holds every value as typed and `row_errors` the
    message of each wrong one (naming the candidate and ticket), so nothing typed is lost."""
    position_code = request.GET.get("position", "")
    waiting = (
        selectors.application_list_for(user=request.user)
        .filter(announcement=announcement, stage=stage, status=ApplicationStatus.IN_PROGRESS)
        .select_related("position")
    )
    if position_code:
        waiting = waiting.filter(position__code=position_code)
    rows = list(waiting.order_by("position__code", "ticket_number")[:300])
    recorded = dict(
        StageResult.objects.filter(application__in=rows, stage=stage).values_list("application_id", "score")
    )
    typed, row_errors = typed or {}, row_errors or {}
    return render(
        request,
        "recruitment/office/scores.html",
        {
            "announcement": announcement,
            "stage": stage,
            "stage_label": stages.label(stage),
            "rows": [(a, typed.get(str(a.pk), recorded.get(a.pk)), row_errors.get(a.pk)) for a in rows],
            "row_errors": [row_errors[a.pk] for a in rows if a.pk in row_errors],
            "import_form": import_form or ScoreImportForm(),
            "rank_form": rank_form or RankForm(positions=announcement.positions.all()),
            "positions": announcement.positions.all(),
            "position_code": position_code,
            "settings": announcement.stage_settings.get(stage, {}),
            "rank_blocked_by": selectors.ranking_blocked_by(announcement),
        },
        status=400
        if row_errors or (import_form and import_form.errors) or (rank_form and rank_form.errors)
        else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def scores(request, pk, stage):
    """Scores typed into the table: all saved, or none, each wrong value named by candidate and ticket."""
    announcement = _scored_stage(request, pk, stage)
    if request.method == "GET":
        return _scores_page(request, announcement, stage)
    typed = {key[6:]: value for key, value in request.POST.items() if key.startswith("score-")}
    entered = {key: value for key, value in typed.items() if value.strip()}
    row_errors = scoring.scores_check(announcement=announcement, stage=stage, scores=entered)
    if not row_errors:
        try:
            count = scoring.scores_record(
                actor=request.user, announcement=announcement, stage=stage, scores=entered
            )
        except DomainError as error:
            message_domain_error(request, error)
        else:
            messages.success(request, _("%(n)s scores saved.") % {"n": count})
            return redirect(request.get_full_path())
    return _scores_page(request, announcement, stage, typed=typed, row_errors=row_errors)


@staff_required
@require_POST
def scores_import(request, pk, stage):
    """A workbook of scores, recorded in Celery (core.sheet_imports); the job page follows its progress."""
    announcement = _scored_stage(request, pk, stage)
    return form_action(
        request,
        ScoreImportForm(request.POST, request.FILES),
        lambda data: core_services.sheet_import_start(
            actor=request.user,
            kind="recruitment.scores",
            agency=announcement.agency,
            target={"announcement": announcement.pk, "stage": stage},
            upload=data["workbook"],
            back_url=reverse("stage_scores", args=[pk, stage]),
        ),
        done=lambda job: reverse("sheet_import_detail", args=[job.pk]),
        page=lambda form: _scores_page(request, announcement, stage, import_form=form),
        success=_("The workbook is being recorded."),
    )


@staff_required
@require_POST
def stage_rank(request, pk, stage):
    announcement = _scored_stage(request, pk, stage)
    return form_action(
        request,
        RankForm(request.POST, positions=announcement.positions.all()),
        lambda data: ranking.stage_rank(actor=request.user, position=data["position"], stage=stage),
        done=reverse("application_list", args=[pk]),
        page=lambda form: _scores_page(request, announcement, stage, rank_form=form),
        success=lambda outcome: _("Ranked: %(advanced)s advance, %(not_advanced)s do not.") % outcome,
    )


def _pass_fail_stage(request, pk, stage):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    if stage not in announcement.stages or stage not in stages.PASS_FAIL:
        raise Http404
    return announcement


@staff_required
def result_template(request, pk, stage):
    """The list of a pass/fail stage to fill in: ticket, name, position, result, finding."""
    announcement = _pass_fail_stage(request, pk, stage)
    rows = selectors.waiting_at_stage(user=request.user, announcement=announcement, stage=stage)
    items = selectors.physical_items(announcement.pk) if stage == "physical_test" else []
    if items:  # measured item by item against the announcement's standard
        book = documents.physical_template(rows.iterator(chunk_size=2000), items)
    else:
        book = documents.result_template(rows.iterator(chunk_size=2000), stage)
    return xlsx_response(book, f"results-{announcement.pk}-{stage}.xlsx")


@staff_required
@require_POST
def results_import(request, pk, stage):
    """A filled result list, recorded in Celery: every row, or none (errors by row and column)."""
    announcement = _pass_fail_stage(request, pk, stage)
    return form_action(
        request,
        ResultImportForm(request.POST, request.FILES, auto_id=f"results_{stage}_%s"),
        lambda data: core_services.sheet_import_start(
            actor=request.user,
            kind="recruitment.physical"
            if stage == "physical_test" and selectors.physical_items(announcement.pk)
            else "recruitment.results",
            agency=announcement.agency,
            target={"announcement": announcement.pk, "stage": stage},
            upload=data["workbook"],
            back_url=reverse("announcement_detail", args=[pk]),
        ),
        done=lambda job: reverse("sheet_import_detail", args=[job.pk]),
        page=lambda form: _announcement_page(request, announcement, results_form=(stage, form)),
        success=_("The workbook is being recorded."),
    )


@staff_required
def score_template(request, pk, stage):
    announcement = selectors.announcement_get_for(user=request.user, pk=pk)
    if stage not in announcement.stages or stage not in stages.SCORED:
        raise Http404
    rows = selectors.waiting_at_stage(user=request.user, announcement=announcement, stage=stage)
    return xlsx_response(
        documents.score_template(rows.iterator(chunk_size=2000), stage),
        f"scores-{announcement.pk}-{stage}.xlsx",
    )


@staff_required
@require_POST
def call_next(request, pk):
    position = (
        selectors.position_list_for(user=request.user).filter(pk=pk).select_related("announcement").first()
    )
    if position is None:
        raise Http404
    return form_action(
        request,
        CallNextForm(request.POST),
        lambda data: places.call_next_candidate(actor=request.user, position=position, **data),
        done=reverse("announcement_detail", args=[position.announcement_id]),
        page=lambda bound: redirect("announcement_detail", position.announcement_id),
        success=lambda called: (
            _("%(names)s called to fill the place and told so.")
            % {"names": "、".join(a.full_name for a in called)}
        ),
    )

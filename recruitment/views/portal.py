"""The public recruitment portal: announcements, profile, applying, and following one's case."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from auxpolice.core import throttle
from auxpolice.core.actions import form_action
from auxpolice.core.decorators import applicant_required
from auxpolice.core.downloads import pdf_response
from auxpolice.core.errors import DomainError
from auxpolice.core.forms import message_domain_error
from auxpolice.rules.evaluators.eligibility import EDUCATION_ZH

from .. import consent as consent_notices
from .. import documents, selectors, stages
from ..forms import DeclarationForm, DocumentForm, EducationForm, ProfileForm
from ..models import ApplicantDocument, ApplicantProfile, ApplicationStatus, Position
from ..services import portal
from ..statuses import RELAXATION_GROUPS


def portal_home(request):
    mine = []
    if request.user.is_authenticated and request.user.is_applicant:
        mine = list(selectors.my_applications(user=request.user)[:50])
    views = selectors.applicant_views(mine)
    return render(
        request,
        "recruitment/portal/home.html",
        {
            "announcements": selectors.published_announcements()[:50],
            "mine": [(a, views[a.pk]) for a in mine],
            "now": timezone.now(),
        },
    )


def announcement_public(request, pk):
    announcement = selectors.published_announcement_get(pk)
    return render(
        request,
        "recruitment/portal/announcement.html",
        {
            "announcement": announcement,
            "now": timezone.now(),
            "stage_labels": [stages.label(s) for s in announcement.stages],
            "publicity_batches": selectors.publicity_batches(announcement),
            "relaxations": [_relaxation_text(r) for r in announcement.relaxations],
            "applied": request.user.is_authenticated
            and request.user.is_applicant
            and request.user.applications.filter(announcement=announcement).exists(),
        },
    )


def _relaxation_text(relaxation: dict) -> str:
    who = RELAXATION_GROUPS.get(relaxation.get("group"), relaxation.get("group", ""))
    if relaxation.get("what") == "age":
        return f"{who}：年龄放宽至{relaxation.get('max_age') or '—'}周岁"
    return f"{who}：学历放宽至{EDUCATION_ZH.get(relaxation.get('min_education'), '—')}"


def _profile_page(request, form=None, *, document_form=None, education_form=None):
    current = ApplicantProfile.objects.filter(user=request.user).first()
    if form is None:
        initial = {
            "full_name": request.user.full_name,
            "phone": request.user.phone,
            "email": request.user.email,
        }
        if current:
            initial = {f: getattr(current, f) for f in (*portal.PROFILE_FIELDS, "id_number")}
        form = ProfileForm(initial=initial)
    return render(
        request,
        "recruitment/portal/profile.html",
        {
            "form": form,
            "profile": current,
            "documents": current.documents.all() if current else [],
            "document_form": document_form or DocumentForm(),
            "education": current.education_records.all() if current else [],
            "education_form": education_form or EducationForm(),
        },
    )


def _profile_done(request) -> str:
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if target and safe else reverse("portal_profile")


@applicant_required
@require_http_methods(["GET", "POST"])
def profile(request):
    if request.method != "POST":
        return _profile_page(request)
    form = ProfileForm(request.POST)
    return form_action(
        request,
        form,
        lambda data: portal.profile_save(user=request.user, address=throttle.address_of(request), **data),
        done=_profile_done(request),
        page=lambda bound: _profile_page(request, bound),
        success=_("Your profile is saved."),
    )


@applicant_required
@require_POST
def education_add(request):
    return form_action(
        request,
        EducationForm(request.POST),
        lambda data: portal.education_add(user=request.user, **data),
        done=reverse("portal_profile"),
        page=lambda bound: _profile_page(request, education_form=bound),
    )


@applicant_required
@require_POST
def education_remove(request, pk):
    try:
        portal.education_remove(user=request.user, record_id=pk)
    except DomainError:
        raise Http404 from None
    return redirect("portal_profile")


@applicant_required
@require_POST
def document_upload(request):
    return form_action(
        request,
        DocumentForm(request.POST, request.FILES),
        lambda data: portal.document_upload(user=request.user, kind=data["kind"], upload=data["file"]),
        done=reverse("portal_profile"),
        page=lambda bound: _profile_page(request, document_form=bound),
        success=_("The document is uploaded."),
    )


@applicant_required
def document_download(request, pk):
    document = get_object_or_404(ApplicantDocument, pk=pk, profile__user=request.user)
    return FileResponse(document.file.open("rb"), content_type=document.content_type)


def _apply_page(request, position, profile, form, decision=None):
    return render(
        request,
        "recruitment/portal/apply.html",
        {
            "position": position,
            "announcement": position.announcement,
            "form": form,
            "profile": profile,
            "decision": decision,
        },
        status=400 if form.errors else 200,
    )


def _apply_start(request, pk):
    """The position open for applications, the applicant's profile (None: fill it in first) and the
    declaration as sent."""
    position = get_object_or_404(
        Position.objects.select_related("announcement__agency"), pk=pk, announcement__status="published"
    )
    profile = ApplicantProfile.objects.filter(user=request.user).first()
    form = DeclarationForm(request.POST or None, items=portal.declaration_items(position=position))
    return position, profile, form


def _profile_first(request):
    messages.info(request, _("Fill in your profile first."))
    return redirect(f"{reverse('portal_profile')}?next={request.path}")


@applicant_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    """The declaration and the eligibility pre-check (POST checks, saves nothing)."""
    position, profile, form = _apply_start(request, pk)
    if profile is None:
        return _profile_first(request)
    decision = None
    if request.method == "POST" and form.is_valid():
        try:
            decision = portal.precheck(
                user=request.user, position=position, declaration=form.answers(), profile=profile
            )
        except DomainError as error:
            message_domain_error(request, error)
    return _apply_page(request, position, profile, form, decision)


@applicant_required
@require_POST
def apply_submit(request, pk):
    position, profile, form = _apply_start(request, pk)
    if profile is None:
        return _profile_first(request)
    return form_action(
        request,
        form,
        lambda data: portal.application_submit(
            user=request.user, position=position, declaration=form.answers()
        ),
        done=lambda application: reverse("portal_application", args=[application.pk]),
        page=lambda bound: _apply_page(request, position, profile, bound),
        success=_("Your application is submitted."),
    )


@applicant_required
def application_case(request, pk):
    return _case_page(request, selectors.my_application_get(user=request.user, pk=pk))


def _case_page(request, application, form=None):
    announcement = application.announcement
    if form is None and application.status == ApplicationStatus.RETURNED:
        form = DeclarationForm(items=portal.declaration_items(position=application.position))
    stage_list = [(s, stages.label(s)) for s in announcement.stages]
    given = {c.purpose: c for c in application.consents.all()}
    consents = [
        {"purpose": purpose, "notice": notice, "given": given.get(purpose)}
        for purpose, notice in consent_notices.NOTICES.items()
        if purpose in announcement.stages
    ]
    view = selectors.applicant_views([application])[application.pk]
    return render(
        request,
        "recruitment/portal/case.html",
        {
            "application": application,
            "view": view,
            "announcement": announcement,
            "stage_list": stage_list,
            "current_label": view.stage_label,
            "form": form,
            "consents": consents,
            "active": application.status in ("submitted", "returned", "in_progress", "in_publicity"),
        },
    )


@applicant_required
@require_POST
def application_resubmit(request, pk):
    application = selectors.my_application_get(user=request.user, pk=pk)
    form = DeclarationForm(request.POST, items=portal.declaration_items(position=application.position))
    return form_action(
        request,
        form,
        lambda data: portal.application_resubmit(
            user=request.user, application=application, declaration=form.answers()
        ),
        done=reverse("portal_application", args=[pk]),
        page=lambda bound: _case_page(request, application, bound),
        success=_("Your corrected application is sent for review again."),
    )


@applicant_required
@require_POST
def consent_give(request, pk):
    application = selectors.my_application_get(user=request.user, pk=pk)
    try:
        portal.consent_give(
            user=request.user,
            application=application,
            purpose=request.POST.get("purpose", ""),
            version=request.POST.get("version", ""),
            address=request.META.get("REMOTE_ADDR"),
        )
        messages.success(request, _("Your consent is recorded."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect("portal_application", pk)


@applicant_required
@require_POST
def application_withdraw(request, pk):
    application = selectors.my_application_get(user=request.user, pk=pk)
    try:
        portal.application_withdraw(user=request.user, application=application)
        messages.success(request, _("Your application is withdrawn."))
    except DomainError as error:
        message_domain_error(request, error)
    return redirect("portal_application", pk)


@applicant_required
def admission_ticket(request, pk):
    application = selectors.my_application_get(user=request.user, pk=pk)
    if not application.ticket_number or application.status in (
        ApplicationStatus.WITHDRAWN,
        ApplicationStatus.REJECTED,
    ):
        raise Http404
    photo = (
        ApplicantDocument.objects.filter(profile__user=request.user, kind="photo")
        .order_by("-uploaded_at")
        .first()
    )
    pdf = documents.admission_ticket(application, photo.file.open("rb") if photo else None)
    return pdf_response(pdf, f"ticket-{application.ticket_number}.pdf")


@applicant_required
def notice_list(request):
    rows = list(selectors.my_notices(user=request.user)[:100])
    selectors.my_notices(user=request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return render(request, "recruitment/portal/notices.html", {"notices": rows})

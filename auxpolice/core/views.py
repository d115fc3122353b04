from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from auxpolice.core.replicas import replica_reads
from auxpolice.rules.forms import AgencySettingForm
from auxpolice.rules.jurisdictions import Jurisdiction
from auxpolice.rules.notices import expiring_packs
from auxpolice.rules.selectors import agency_setting_rows

from . import audit, exports, registration, second_factor, selectors, services, throttle, workbench
from .agency_field import agency_matches
from .decorators import applicant_required, staff_required
from .downloads import xlsx_response
from .errors import DomainError
from .forms import (
    AccessLogFilterForm,
    AgencyForm,
    ApplicantRegistrationForm,
    RegistrationCodeForm,
    apply_domain_error,
)
from .models import AgencyLevel, Role
from .scoping import may_configure
from .tasks import HEARTBEAT_KEY
from .widgets import agency_label

LIST_PAGE_SIZE = 50


def healthz(request):
    """Liveness for load balancers and compose: database, cache and the beat heartbeat. No data."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "down"
    try:
        cache.set("auxpolice:healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("auxpolice:healthz") == "ok" else "down"
    except Exception:  # any cache backend error means the cache is down
        checks["cache"] = "down"
    checks["beat_last_seen"] = cache.get(HEARTBEAT_KEY) if checks["cache"] == "ok" else None
    healthy = checks["database"] == "ok" and checks["cache"] == "ok"
    return JsonResponse(checks, status=200 if healthy else 503)


@login_required
@replica_reads
def home(request):
    if request.user.is_applicant:
        return redirect("portal_home")
    if not request.user.is_back_office:
        return redirect("logout")
    if second_factor.needs_second_factor(request.user):
        return redirect("two_factor")
    if request.user.password_expired:
        return redirect("password_change")
    context = {
        "expiring_rules": expiring_packs(),
        "agency": request.user.agency,
        "sections": workbench.sections_for(request.user),
    }
    if request.user.role in (Role.SYSADMIN, Role.SECURITY_ADMIN):
        context["agency_count"] = selectors.agency_list_for(user=request.user).count()
        context["staff_count"] = selectors.staff_list_for(user=request.user).count()
    return render(request, "core/home.html", context)


@staff_required
def agency_lookup(request):
    """The agency picker's matches for what was typed (code or name): agencies in the person's scope, 20 at
    most, in tree order."""
    agencies = (
        selectors.agency_list_for(user=request.user).select_related(None).only("id", "code", "name", "path")
    )
    rows = agency_matches(agencies, request.GET.get("q", "")[:50])
    return JsonResponse(
        {"results": [{"id": a.pk, "code": a.code, "name": a.name, "label": agency_label(a)} for a in rows]}
    )


@staff_required
@replica_reads
def agency_list(request):
    filters = {key: request.GET.get(key, "") for key in ("jurisdiction", "level", "q")}
    # The agency tree is small (thousands of rows), so page numbers are fine here.
    page = Paginator(selectors.agency_list_for(user=request.user, filters=filters), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/agency_list.html",
        {
            "page": page,
            "filters": filters,
            "jurisdictions": Jurisdiction.choices,
            "levels": AgencyLevel.choices,
        },
    )


@staff_required
def agency_detail(request, pk):
    return agency_page(request, selectors.agency_get_for(user=request.user, pk=pk))


def agency_page(request, agency, setting_form=None):
    children = selectors.agency_list_for(user=request.user).filter(parent=agency)
    staff = selectors.staff_list_for(user=request.user).filter(agency=agency)
    can_change = may_configure(request.user, agency)
    return render(
        request,
        "core/agency_detail.html",
        {
            "agency": agency,
            "children": children,
            "staff": staff,
            "can_change": can_change,
            "rule_settings": agency_setting_rows(agency),
            "setting_form": (setting_form or AgencySettingForm()) if can_change else None,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, pk):
    agency = selectors.agency_to_configure(user=request.user, pk=pk)
    initial = {field: getattr(agency, field) for field in services.AGENCY_EDITABLE_FIELDS}
    form = AgencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_update(actor=request.user, agency=agency, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Agency saved."))
            return redirect("agency_detail", pk=pk)
    return render(request, "core/agency_form.html", {"agency": agency, "form": form})


@staff_required
@replica_reads
def staff_list(request):
    page = Paginator(selectors.staff_list_for(user=request.user), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "core/staff_list.html", {"page": page})


@staff_required
def history(request, label, pk):
    obj, entries = audit.history_for(user=request.user, label=label, pk=pk)
    return render(request, "core/history.html", {"object": obj, "entries": entries, "label": label})


EXPORT_ROWS = 50_000
REGISTRATION_SESSION_KEY = "auxpolice_registration"


@require_http_methods(["GET", "POST"])
def applicant_register(request):
    """Step one: the form. Whatever the username, the next page asks for the code texted to the phone."""
    if request.user.is_authenticated:
        return redirect("home")
    form = ApplicantRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pending = registration.registration_start(
                username=data["username"],
                password=data["password"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                address=throttle.address_of(request),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            request.session[REGISTRATION_SESSION_KEY] = pending
            return redirect("applicant_register_verify")
    return render(request, "core/register.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def applicant_register_verify(request):
    """Step two: the code from the text message creates the account."""
    pending = request.session.get(REGISTRATION_SESSION_KEY)
    if request.user.is_authenticated or not pending:
        return redirect("applicant_register")
    form = RegistrationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            throttle.spend(f"register-code:address:{throttle.address_of(request)}", limit=30, window=3600)
            user = registration.registration_finish(pending=pending, code=form.cleaned_data["code"])
        except DomainError as error:
            request.session[REGISTRATION_SESSION_KEY] = pending  # wrong tries counted
            apply_domain_error(form, error)
        else:
            del request.session[REGISTRATION_SESSION_KEY]
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account has been created."))
            return redirect("portal_home")
    masked = pending["phone"][:3] + "****" + pending["phone"][-4:]
    return render(
        request,
        "core/register_verify.html",
        {"form": form, "phone": masked},
        status=400 if form.errors else 200,
    )


@applicant_required
def portal_account(request):
    return render(request, "core/portal_account.html")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Enter the authenticator's current code (every log-in), or set the authenticator up: first the enrolment
    code the security administrator gave, then the QR code."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if not second_factor.needs_second_factor(request.user):
        return redirect(target or "home")
    setting_up = second_factor.confirmed_device(request.user) is None
    enrolling = setting_up and not second_factor.may_enrol(request)
    error = ""
    if request.method == "POST" and enrolling:
        if second_factor.enrolment_code_redeem(request, request.POST.get("enrolment_code", "")):
            return redirect(
                f"{reverse('two_factor')}?{urlencode({'next': target})}" if target else "two_factor"
            )
        error = _(
            "That enrolment code is not right, has been used or has expired. Ask your security administrator "
            "for a new one."
        )
    elif request.method == "POST":
        if second_factor.verify(request, request.POST.get("token", "")):
            return redirect(target or "home")
        error = _(
            "That code is not right or has been used. Enter the six digits your authenticator shows now."
        )
    context = {"setting_up": setting_up, "enrolling": enrolling, "error": error, "next": target}
    if setting_up and not enrolling:
        pending = second_factor.pending_device(request.user)
        context.update(secret=second_factor.secret_of(pending), qr=mark_safe(second_factor.qr_svg(pending)))
    return render(request, "registration/two_factor.html", context, status=400 if error else 200)


@staff_required
def sheet_import_detail(request, pk):
    """A workbook being recorded: progress while it runs, then the count recorded or every row to correct."""
    job = selectors.sheet_import_get_for(user=request.user, pk=pk)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "percent": job.percent,
                "processed": job.job_done,
                "total": job.job_total,
                "errors": len(job.errors),
                "resumed_at": job.job_resumed_at,
            }
        )
    return render(request, "core/sheet_import.html", {"job": job}, status=400 if job.errors else 200)


@staff_required
def access_log(request):
    """For the audit administrator (安全审计员) only: who saw full ID numbers, health, medical, vetting or
    bank data or an applicant's documents, account changes and what the retention job purged, in the auditor's
    agency subtree; filtered by person, user, kind and dates, and exported to Excel."""
    if request.user.role != Role.AUDITOR:
        raise PermissionDenied
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if request.GET.get("format") == "xlsx" and form.is_valid():
        log = selectors.access_log_for(user=request.user, filters=filters, limit=EXPORT_ROWS)
        return xlsx_response(
            exports.access_log_workbook(log), f"access-log-{timezone.localdate():%Y%m%d}.xlsx"
        )
    context = selectors.access_log_for(user=request.user, filters=filters) | {"form": form}
    return render(request, "core/access_log.html", context)


class PasswordChange(auth_views.PasswordChangeView):
    """Change one's password (back-office accounts are sent here when theirs is older than the policy allows).
    The session stays valid: Django rotates the session hash for the new password."""

    template_name = "registration/password_change.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and second_factor.needs_second_factor(request.user):
            return redirect("two_factor")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.conf import settings

        return {
            **super().get_context_data(**kwargs),
            "password_max_age": settings.STAFF_PASSWORD_MAX_AGE_DAYS,
        }

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("home")

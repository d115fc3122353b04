from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import accounts, second_factor, services
from .audit import authored
from .errors import DomainError
from .models import Agency, CalendarDay, CalendarYear, Role, User


class RoleAdmin(admin.ModelAdmin):
    """三员分立: each part of the admin belongs to one administrator role (system: the agency tree, calendar
    and rule settings; security: accounts, second factors, lockouts and grants). Superusers exist only as a
    break-glass bootstrap."""

    admin_role = Role.SYSADMIN

    def _mine(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or user.role == self.admin_role)

    def has_module_permission(self, request):
        return self._mine(request)

    def has_view_permission(self, request, obj=None):
        return self._mine(request)

    def has_add_permission(self, request):
        return self._mine(request)

    def has_change_permission(self, request, obj=None):
        return self._mine(request)

    def has_delete_permission(self, request, obj=None):
        return False  # records are deactivated, never deleted


class AgencyAdminForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = ["code", "name", "level", "jurisdiction", "parent", "address", "phone", "is_active"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("level"):
            try:
                services.agency_placement_check(
                    level=data["level"], parent=data.get("parent"), jurisdiction=data.get("jurisdiction")
                )
            except DomainError as error:
                raise forms.ValidationError({error.field: str(error.message)}) from None
        return data


@admin.register(Agency)
class AgencyAdmin(RoleAdmin, GuardedModelAdmin, SimpleHistoryAdmin):
    form = AgencyAdminForm
    list_display = ["name", "code", "level", "jurisdiction", "parent", "is_active"]
    list_filter = ["jurisdiction", "level", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
    raw_id_fields = ["parent"]

    # Object grants on an agency (its subtree for one action) are the security administrator's (三员分立):
    # they see agencies read-only and manage their grants; the system administrator edits agencies but grants
    # nothing.
    def _grants(self, request) -> bool:
        return request.user.is_active and (
            request.user.is_superuser or request.user.role == Role.SECURITY_ADMIN
        )

    def has_module_permission(self, request):
        return self._mine(request) or self._grants(request)

    def has_view_permission(self, request, obj=None):
        return self._mine(request) or self._grants(request)

    def has_change_permission(self, request, obj=None):
        if getattr(request, "_agency_grants", False):
            return self._grants(request)
        return self._mine(request)

    def _grant_view(self, view, request, *args, **kwargs):
        if not self._grants(request):
            raise PermissionDenied
        request._agency_grants = True
        return view(request, *args, **kwargs)

    def obj_perms_manage_view(self, request, object_pk):
        return self._grant_view(super().obj_perms_manage_view, request, object_pk)

    def obj_perms_manage_user_view(self, request, object_pk, user_id):
        return self._grant_view(super().obj_perms_manage_user_view, request, object_pk, user_id)

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        return self._grant_view(super().obj_perms_manage_group_view, request, object_pk, group_id)

    def get_readonly_fields(self, request, obj=None):
        # code, level, parent and jurisdiction fix the agency's place in the tree.
        return ["path", "code", "level", "parent", "jurisdiction"] if obj else ["path"]

    def save_model(self, request, obj, form, change):
        # Writes go through the services, like everywhere else.
        if change:
            changes = {field: form.cleaned_data[field] for field in services.AGENCY_EDITABLE_FIELDS}
            fresh = Agency.objects.get(pk=obj.pk)
            services.agency_update(actor=request.user, agency=fresh, **changes)
        else:
            created = services.agency_create(
                actor=request.user,
                code=obj.code,
                name=obj.name,
                level=obj.level,
                jurisdiction=obj.jurisdiction,
                parent=obj.parent,
                address=obj.address,
                phone=obj.phone,
            )
            obj.pk = created.pk


class AccountForm(UserChangeForm):
    """The security administrator's view of an account: no superuser flag, no groups, no raw permissions; only
    the listed access to personal data, checked by `accounts.account_change_check` (so errors land on their
    field)."""

    grants = forms.MultipleChoiceField(
        label=_("Access to personal data"),
        required=False,
        choices=list(accounts.SENSITIVE_GRANTS.items()),
        widget=forms.CheckboxSelectMultiple,
    )
    actor = None

    class Meta:
        model = User
        fields = ["username", "password", "full_name", "email", "phone", "role", "agency", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "grants" in self.fields and not self.is_bound:
            self.initial["grants"] = sorted(accounts.grants_of(self.instance))
        if "role" in self.fields:
            allowed = {*accounts.ASSIGNABLE_ROLES, self.instance.role}
            self.fields["role"].choices = [(v, label) for v, label in Role.choices if v in allowed]

    def clean(self):
        data = super().clean()
        current = User.objects.get(pk=self.instance.pk)
        try:
            self.changes = accounts.account_change_check(
                actor=self.actor,
                user=current,
                role=data.get("role", current.role),
                agency=data["agency"] if "agency" in self.fields else current.agency,
                is_active=data.get("is_active", current.is_active),
                grants=set(data["grants"]) if "grants" in self.fields else accounts.grants_of(current),
            )
        except DomainError as error:
            raise forms.ValidationError(
                {error.field if error.field in self.fields else None: str(error.message)}
            ) from None
        return data


class AccountCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["username", "full_name", "email", "role", "agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (v, label) for v, label in Role.choices if v in accounts.ASSIGNABLE_ROLES
        ]
        self.fields.pop("usable_password", None)  # staff always log in with a password


@admin.register(User)
class UserAdmin(RoleAdmin, DjangoUserAdmin, SimpleHistoryAdmin):
    admin_role = Role.SECURITY_ADMIN

    form = AccountForm
    add_form = AccountCreationForm
    list_display = ["username", "full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["agency"]
    filter_horizontal = []
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "full_name", "email", "role", "agency"]})
    ]
    actions = ["issue_enrolment_codes"]

    @admin.action(description=_("Issue second-factor enrolment codes"))
    def issue_enrolment_codes(self, request, queryset):
        """Each code is shown once, on this page only (never stored in clear, never in a message cookie)."""
        issued, refused = [], []
        for user in queryset.order_by("username"):
            try:
                issued.append(
                    (
                        user,
                        second_factor.enrolment_code_issue(
                            actor=request.user, user=user, address=request.META.get("REMOTE_ADDR")
                        ),
                    )
                )
            except DomainError as error:
                refused.append((user, str(error.message)))
        response = TemplateResponse(
            request,
            "admin/core/enrolment_codes.html",
            {
                **self.admin_site.each_context(request),
                "issued": issued,
                "refused": refused,
                "title": _("Second-factor enrolment codes"),
                "opts": self.model._meta,
            },
        )
        response["Cache-Control"] = "no-store"
        return response

    def _locked(self, request, obj) -> bool:
        """Own account and administrators' accounts: role, agency, status and access are not changed here."""
        return obj is not None and (obj.pk == request.user.pk or obj.role in accounts.ADMINISTRATOR_ROLES)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        access = ["role", "agency", "is_active", "granted_access" if self._locked(request, obj) else "grants"]
        return [
            (None, {"fields": ["username", "password"]}),
            (_("Person"), {"fields": ["full_name", "email", "phone"]}),
            (_("Access"), {"fields": access}),
            (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["last_login", "date_joined"]
        return (
            fixed + ["role", "agency", "is_active", "granted_access"] if self._locked(request, obj) else fixed
        )

    @admin.display(description=_("Access to personal data"))
    def granted_access(self, obj):
        return "、".join(str(accounts.SENSITIVE_GRANTS[g]) for g in sorted(accounts.grants_of(obj))) or "—"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def save_model(self, request, obj, form, change):
        # Writes go through the services, like everywhere else.
        if not change:
            created = services.staff_user_create(
                actor=request.user,
                username=obj.username,
                password=form.cleaned_data["password1"],
                role=obj.role,
                agency=obj.agency,
                full_name=obj.full_name,
                email=obj.email,
            )
            obj.pk = created.pk
            return
        details = ["username", "full_name", "email", "phone"]
        current = User.objects.get(pk=obj.pk)
        edited = [field for field in details if getattr(current, field) != getattr(obj, field)]
        if edited:
            for field in edited:
                setattr(current, field, getattr(obj, field))
            authored(current, request.user)
            current.save(update_fields=edited)
        data = form.cleaned_data
        accounts.account_update(
            actor=request.user,
            user=current,
            role=data.get("role", current.role),
            agency=data.get("agency", current.agency),
            is_active=data.get("is_active", current.is_active),
            grants=set(data["grants"]) if "grants" in data else accounts.grants_of(current),
            address=request.META.get("REMOTE_ADDR"),
        )

    def save_related(self, request, form, formsets, change):
        pass  # no groups or raw permissions are edited here

    def user_change_password(self, request, id, form_url=""):
        target = self.get_object(request, id)
        if target is not None:
            try:
                accounts.password_reset_check(actor=request.user, user=target)
            except DomainError:
                raise PermissionDenied from None
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and target is not None:
            accounts.account_change_log(
                actor=request.user,
                user=target,
                changes={"password": ("", "reset")},
                address=request.META.get("REMOTE_ADDR"),
            )
        return response


@admin.register(CalendarDay)
class CalendarDayAdmin(RoleAdmin, SimpleHistoryAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(RoleAdmin, SimpleHistoryAdmin):
    list_display = ["year", "source"]


def _security_admin_for(model, base, **extra):
    """Re-register a third-party admin (second factors, lockouts) for the security administrator."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(
        model,
        type(
            f"Security{base.__name__}",
            (RoleAdmin, base),
            {
                "admin_role": Role.SECURITY_ADMIN,
                "has_delete_permission": lambda self, request, obj=None: self._mine(request),
                **extra,
            },
        ),
    )


class SecondFactorResets:
    """Second factors are only reset (deleted), never added or edited here: a device typed in by the
    administrator would be a second factor the administrator holds. Not one's own, not another
    administrator's; every reset is an account change."""

    search_help_text = _("Search by username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        # django-otp titles its sections in English; shown in the interface's language.
        return [
            (_(title) if title else title, options) for title, options in super().get_fieldsets(request, obj)
        ]

    def has_delete_permission(self, request, obj=None):
        if not self._mine(request):
            return False
        return obj is None or accounts.may_reset_second_factor(actor=request.user, user=obj.user)

    def delete_queryset(self, request, queryset):
        for device in queryset.select_related("user"):
            self.delete_model(request, device)

    def delete_model(self, request, obj):
        if not accounts.may_reset_second_factor(actor=request.user, user=obj.user):
            raise PermissionDenied
        accounts.account_change_log(
            actor=request.user,
            user=obj.user,
            changes={"second_factor": (obj.name, "reset")},
            address=request.META.get("REMOTE_ADDR"),
        )
        obj.delete()


def _reregister():
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Resetting someone's second factor or lifting a lockout is deleting the device or the attempt record.
    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(
        TOTPDevice,
        type(
            "SecurityTOTPDeviceAdmin",
            (SecondFactorResets, RoleAdmin, TOTPDeviceAdmin),
            {"admin_role": Role.SECURITY_ADMIN},
        ),
    )
    _security_admin_for(AccessAttempt, AccessAttemptAdmin)


_reregister()

# Roles, not groups, say who may do what (三员分立): no group or raw permission is ever granted in the admin.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)

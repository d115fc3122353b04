from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .errors import DomainError
from .models import Agency, CalendarDay, CalendarYear, Role, User


class RoleAdmin(admin.ModelAdmin):
    """三员分立: each part of the admin belongs to one administrator role (system: the agency tree, calendar and
    rule settings; security: accounts, second factors, lockouts and grants). Superusers exist only as a
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
        fields = "__all__"

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("level"):
            try:
                services.agency_placement_check(level=data["level"], parent=data.get("parent"),
                                                jurisdiction=data.get("jurisdiction"))
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

    # Object grants on an agency (its subtree for one action) are the security administrator's (三员分立): they see
    # agencies read-only and manage their grants; the system administrator edits agencies but grants nothing.
    def _grants(self, request) -> bool:
        return request.user.is_active and (request.user.is_superuser or request.user.role == Role.SECURITY_ADMIN)

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
                actor=request.user, code=obj.code, name=obj.name, level=obj.level,
                jurisdiction=obj.jurisdiction, parent=obj.parent, address=obj.address, phone=obj.phone,
            )
            obj.pk = created.pk


@admin.register(User)
class UserAdmin(RoleAdmin, DjangoUserAdmin, SimpleHistoryAdmin):
    admin_role = Role.SECURITY_ADMIN

    list_display = ["username", "full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["agency"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("auxpolice", {"fields": ["role", "agency", "full_name", "phone"]}),
    ]


@admin.register(CalendarDay)
class CalendarDayAdmin(RoleAdmin, SimpleHistoryAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(RoleAdmin, SimpleHistoryAdmin):
    list_display = ["year", "source"]


def _security_admin_for(model, base):
    """Re-register a third-party admin (second factors, lockouts) for the security administrator."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(f"Security{base.__name__}", (RoleAdmin, base),
                                    {"admin_role": Role.SECURITY_ADMIN,
                                     "has_delete_permission": lambda self, request, obj=None: self._mine(request)}))


def _reregister():
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Resetting someone's second factor or lifting a lockout is deleting the device or the attempt record.
    _security_admin_for(TOTPDevice, TOTPDeviceAdmin)
    _security_admin_for(AccessAttempt, AccessAttemptAdmin)


_reregister()

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .errors import DomainError
from .models import Agency, CalendarDay, CalendarYear, User


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
class AgencyAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    form = AgencyAdminForm
    list_display = ["name", "code", "level", "jurisdiction", "parent", "is_active"]
    list_filter = ["jurisdiction", "level", "is_active"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
    raw_id_fields = ["parent"]

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
class UserAdmin(DjangoUserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "full_name", "role", "agency", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name"]
    raw_id_fields = ["agency"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("auxpolice", {"fields": ["role", "agency", "full_name", "phone"]}),
    ]


@admin.register(CalendarDay)
class CalendarDayAdmin(SimpleHistoryAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    list_display = ["year", "source"]

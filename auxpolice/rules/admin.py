from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from auxpolice.core.admin import RoleAdmin

from .models import AgencyRuleSetting


@admin.register(AgencyRuleSetting)
class AgencyRuleSettingAdmin(RoleAdmin, SimpleHistoryAdmin):
    list_display = ["agency", "key", "value", "basis", "updated_by"]
    list_filter = ["key"]
    raw_id_fields = ["agency"]
    readonly_fields = ["agency", "key", "value", "basis", "updated_by"]  # changes go through the agency page

    def has_add_permission(self, request):
        return False

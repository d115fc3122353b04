from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "auxpolice.rules"
    label = "rules"
    verbose_name = _("Rules")

    def ready(self):
        from auxpolice.core import audit

        from . import selectors
        from .models import AgencyRuleSetting

        audit.register(AgencyRuleSetting, selectors.setting_list_for)
        post_save.connect(
            selectors.settings_changed, sender=AgencyRuleSetting, dispatch_uid="settings-changed-save"
        )
        post_delete.connect(
            selectors.settings_changed, sender=AgencyRuleSetting, dispatch_uid="settings-changed-del"
        )

from django.apps import AppConfig
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

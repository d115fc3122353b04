from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "auxpolice.core"
    label = "core"
    verbose_name = _("Agencies and accounts")

    def ready(self):
        from . import audit, selectors
        from .models import Agency, User

        audit.register(Agency, selectors.agency_list_for)
        audit.register(User, selectors.staff_list_for)

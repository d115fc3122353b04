from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personnel")

    def ready(self):
        from auxpolice.core import audit

        from . import selectors
        from .models import AuxiliaryOfficer, LaborContract, PersonnelImport

        audit.register(AuxiliaryOfficer, selectors.auxiliary_list_for)
        audit.register(LaborContract, selectors.contract_list_for)
        audit.register(PersonnelImport, selectors.import_list_for)

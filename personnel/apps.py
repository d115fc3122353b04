from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def RECORD_MODELS():  # noqa: N802 - a constant that needs the app registry
    from . import models

    return [
        models.Qualification,
        models.TrainingRecord,
        models.DutyAssignment,
        models.IssuedItem,
        models.Separation,
        models.HealthCheck,
        models.WorkInjury,
        models.Reward,
        models.Complaint,
        models.Suspension,
        models.Recusal,
        models.Discipline,
        models.LeaveRequest,
    ]


class PersonnelConfig(AppConfig):
    name = "personnel"
    verbose_name = _("Personnel")

    def ready(self):
        from auxpolice.core import access_log, audit, batches

        from . import (
            selectors,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .models import (
            AuxiliaryOfficer,
            LaborContract,
            LeaveEntitlement,
            PersonnelImport,
            SensitiveAccess,
        )

        access_log.register(
            "personnel",
            title=_("Personnel records"),
            model=SensitiveAccess,
            agency_field="officer__agency",
            person_path="officer__full_name",
        )

        audit.register(AuxiliaryOfficer, selectors.auxiliary_list_for)
        audit.register(LaborContract, selectors.contract_list_for)
        audit.register(PersonnelImport, selectors.import_list_for)
        audit.register(LeaveEntitlement, selectors.leave_entitlement_list_for)
        for model in RECORD_MODELS():
            audit.register(model, selectors.records_of(model))
        batches.register(
            PersonnelImport,
            tasks={"pending": "personnel.tasks.run_import", "running": "personnel.tasks.run_import"},
        )

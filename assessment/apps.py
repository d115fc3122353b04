from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from auxpolice.core import audit, batches, sheet_imports

        from . import (
            selectors,
            sheets,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .models import Appeal, Assessment, AssessmentCycle, Consequence, TierChange

        audit.register(AssessmentCycle, selectors.cycle_list_for)
        audit.register(Assessment, selectors.assessment_list_for)
        audit.register(Appeal, selectors.appeal_list_for)
        audit.register(Consequence, selectors.consequence_list_for)
        audit.register(TierChange, selectors.tier_change_list_for)
        batches.register(
            AssessmentCycle,
            tasks={"opening": "assessment.tasks.open_cycle", "closing": "assessment.tasks.close_cycle"},
        )
        sheet_imports.register("assessment.scores", sheets.workbook_import)

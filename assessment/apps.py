from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from auxpolice.core import audit, batches

        from . import selectors
        from .models import Appeal, Assessment, AssessmentCycle, Consequence, TierChange

        audit.register(AssessmentCycle, selectors.cycle_list_for)
        audit.register(Assessment, selectors.assessment_list_for)
        audit.register(Appeal, selectors.appeal_list_for)
        audit.register(Consequence, selectors.consequence_list_for)
        audit.register(TierChange, selectors.tier_change_list_for)
        batches.register(AssessmentCycle, tasks={"opening": "assessment.tasks.open_cycle",
                                                 "closing": "assessment.tasks.close_cycle"})

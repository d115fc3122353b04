from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from auxpolice.core import audit

        from . import selectors
        from .models import ApprovalStep, Quota, QuotaRequest, RecruitmentPlan

        audit.register(Quota, selectors.quota_list_for)
        audit.register(QuotaRequest, selectors.quota_request_list_for)
        audit.register(RecruitmentPlan, selectors.plan_list_for)
        audit.register(ApprovalStep, selectors.approval_step_list_for)

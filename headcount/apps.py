from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeadcountConfig(AppConfig):
    """用人额度 and headcount: quotas and their versions, recruitment plans, the approval chains both go
    through, redistribution by a superior agency, and the one place where a hire takes or frees a quota
    place."""

    name = "headcount"
    verbose_name = _("Quotas and headcount")

    def ready(self):
        from auxpolice.core import audit

        from . import (
            selectors,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .models import ApprovalStep, Quota, QuotaRequest, RecruitmentPlan

        audit.register(Quota, selectors.quota_list_for)
        audit.register(QuotaRequest, selectors.quota_request_list_for)
        audit.register(RecruitmentPlan, selectors.plan_list_for)
        audit.register(ApprovalStep, selectors.approval_step_list_for)

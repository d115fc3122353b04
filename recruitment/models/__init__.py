from .approval import ApprovalStep, StepStatus
from .plan import PlanStatus, RecruitmentPlan
from .quota import Quota, QuotaRequest, QuotaRequestKind, RequestStatus

__all__ = [
    "ApprovalStep", "StepStatus", "PlanStatus", "RecruitmentPlan", "Quota", "QuotaRequest", "QuotaRequestKind",
    "RequestStatus",
]

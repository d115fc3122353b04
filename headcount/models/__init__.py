from .approval import ApprovalStep, ApprovalSubject, StepStatus
from .plan import PlanStatus, RecruitmentPlan
from .quota import Quota, QuotaRequest, QuotaRequestKind, RequestStatus

__all__ = [
    "ApprovalStep",
    "ApprovalSubject",
    "StepStatus",
    "PlanStatus",
    "RecruitmentPlan",
    "Quota",
    "QuotaRequest",
    "QuotaRequestKind",
    "RequestStatus",
]

from .announcement import Announcement, AnnouncementRevision, AnnouncementStatus, Position
from .application import (
    ACTIVE_STATUSES,
    ApplicantDocument,
    ApplicantNotice,
    ApplicantProfile,
    Application,
    ApplicationStatus,
    EducationRecord,
    Objection,
    Publicity,
    RetentionPurge,
    SensitiveDataConsent,
    SensitiveResultAccess,
    StageResult,
)
from .approval import ApprovalStep, StepStatus
from .plan import PlanStatus, RecruitmentPlan
from .quota import Quota, QuotaRequest, QuotaRequestKind, RequestStatus

__all__ = [
    "ApprovalStep",
    "StepStatus",
    "PlanStatus",
    "RecruitmentPlan",
    "Quota",
    "QuotaRequest",
    "QuotaRequestKind",
    "RequestStatus",
    "Announcement",
    "AnnouncementRevision",
    "AnnouncementStatus",
    "Position",
    "ACTIVE_STATUSES",
    "ApplicantDocument",
    "ApplicantNotice",
    "ApplicantProfile",
    "Application",
    "ApplicationStatus",
    "Objection",
    "Publicity",
    "SensitiveResultAccess",
    "StageResult",
    "EducationRecord",
    "SensitiveDataConsent",
    "RetentionPurge",
]

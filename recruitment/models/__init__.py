from .announcement import Announcement, AnnouncementRevision, AnnouncementStatus, Position
from .applications import (
    ACTIVE_STATUSES,
    Application,
    ApplicationStatus,
    EligibilityDecision,
    Objection,
    Publicity,
    ResultRelease,
    StageResult,
    VacancyReason,
)
from .exams import ExamRoom, ExamSession, Seat
from .notices import ApplicantNotice
from .physical import PhysicalItemResult, PhysicalMark, PhysicalStandard
from .privacy import RetentionPurge, SensitiveDataConsent, SensitiveResultAccess
from .profiles import ApplicantDocument, ApplicantProfile, EducationRecord
from .recusal import RecusalCheck, RelationKind, StaffRelation

__all__ = [
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
    "EligibilityDecision",
    "Objection",
    "Publicity",
    "SensitiveResultAccess",
    "StageResult",
    "EducationRecord",
    "SensitiveDataConsent",
    "RetentionPurge",
    "RecusalCheck",
    "PhysicalItemResult",
    "PhysicalMark",
    "PhysicalStandard",
    "VacancyReason",
    "ExamRoom",
    "ExamSession",
    "Seat",
    "ResultRelease",
    "RelationKind",
    "StaffRelation",
]

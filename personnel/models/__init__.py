from .conduct import Complaint, Discipline, HealthCheck, Recusal, Reward, Suspension, WorkInjury
from .contracts import (
    ContractKind,
    ContractStatus,
    DeadlineNotice,
    DispatchPost,
    LaborContract,
    NoticeKind,
    TermType,
)
from .duties import (
    DutyAssignment,
    IssuedItem,
    ItemStatus,
    Qualification,
    TrainingKind,
    TrainingRecord,
    TrainingResult,
)
from .imports import ImportStatus, PersonnelImport
from .leave import DayCount, LeaveEntitlement, LeaveKind, LeaveRequest, LeaveStatus
from .officers import AuxiliaryOfficer, OfficerStatus, SensitiveAccess
from .separation import Separation, SeparationKind, SeveranceGround

__all__ = [
    "DayCount",
    "LeaveEntitlement",
    "LeaveKind",
    "LeaveRequest",
    "LeaveStatus",
    "AuxiliaryOfficer",
    "ContractKind",
    "ContractStatus",
    "DispatchPost",
    "TermType",
    "DeadlineNotice",
    "ImportStatus",
    "LaborContract",
    "NoticeKind",
    "OfficerStatus",
    "PersonnelImport",
    "SensitiveAccess",
    "DutyAssignment",
    "IssuedItem",
    "ItemStatus",
    "TrainingKind",
    "TrainingResult",
    "Qualification",
    "Separation",
    "SeparationKind",
    "SeveranceGround",
    "TrainingRecord",
    "Complaint",
    "Discipline",
    "HealthCheck",
    "Recusal",
    "Reward",
    "Suspension",
    "WorkInjury",
]

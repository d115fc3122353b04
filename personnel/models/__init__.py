from .conduct import Complaint, Discipline, HealthCheck, Recusal, Reward, Suspension, WorkInjury
from .duty import (
    DutyAssignment, IssuedItem, ItemStatus, Qualification, Separation, SeparationKind, TrainingKind, TrainingRecord,
    TrainingResult,
)
from .records import (
    EDUCATION_CHOICES, AuxiliaryOfficer, ContractKind, ContractStatus, DeadlineNotice, ImportStatus, LaborContract,
    NoticeKind, OfficerStatus, PersonnelImport, SensitiveAccess,
)

__all__ = [
    "EDUCATION_CHOICES", "AuxiliaryOfficer", "ContractKind", "ContractStatus", "DeadlineNotice", "ImportStatus",
    "LaborContract", "NoticeKind", "OfficerStatus", "PersonnelImport", "SensitiveAccess", "DutyAssignment",
    "IssuedItem", "ItemStatus", "TrainingKind", "TrainingResult", "Qualification", "Separation", "SeparationKind", "TrainingRecord", "Complaint",
    "Discipline", "HealthCheck", "Recusal", "Reward", "Suspension", "WorkInjury",
]

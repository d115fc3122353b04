from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from auxpolice.core import access_log, audit, sheet_imports
        from auxpolice.core.models import Agency

        from . import (
            selectors,
            workbench,  # noqa: F401  (registers the app's workbench items)
        )
        from .models import (
            Announcement,
            AnnouncementRevision,
            ApplicantDocument,
            ApplicantProfile,
            Application,
            EducationRecord,
            ExamRoom,
            ExamSession,
            Objection,
            PhysicalItemResult,
            PhysicalMark,
            PhysicalStandard,
            Position,
            Publicity,
            ResultRelease,
            Seat,
            SensitiveDataConsent,
            SensitiveResultAccess,
            StaffRelation,
            StageResult,
        )

        access_log.register(
            "applicants",
            title=_("Applicants"),
            model=SensitiveResultAccess,
            agency_field="application__agency",
            person_path="application__full_name",
        )
        access_log.register_extra(selectors.purges_for)
        from .services import physical, results, scoring

        sheet_imports.register("recruitment.scores", scoring.scores_workbook_import)
        sheet_imports.register("recruitment.results", results.results_workbook_import)
        sheet_imports.register("recruitment.physical", physical.physical_workbook_import)

        from .services.portal import announcements_changed

        for model in (Announcement, Position, Agency):
            post_save.connect(
                announcements_changed, sender=model, dispatch_uid=f"announcements-changed-{model.__name__}"
            )
            post_delete.connect(
                announcements_changed, sender=model, dispatch_uid=f"announcements-deleted-{model.__name__}"
            )
        audit.register(Announcement, selectors.announcement_list_for)
        audit.register(AnnouncementRevision, selectors.revision_list_for)
        audit.register(Position, selectors.position_list_for)
        audit.register(Application, selectors.application_list_for)
        audit.register(StageResult, selectors.stage_result_list_for)
        audit.register(Publicity, selectors.publicity_list_for)
        audit.register(Objection, selectors.objection_list_for)
        audit.register(ApplicantProfile, selectors.applicant_profile_list_for)
        audit.register(ApplicantDocument, selectors.applicant_document_list_for)
        audit.register(EducationRecord, selectors.education_record_list_for)
        audit.register(SensitiveDataConsent, selectors.consent_list_for)
        audit.register(StaffRelation, selectors.relation_list_for)
        audit.register(ResultRelease, selectors.release_list_for)
        audit.register(ExamRoom, selectors.exam_room_list_for)
        audit.register(ExamSession, selectors.exam_session_list_for)
        audit.register(Seat, selectors.seat_list_for)
        audit.register(PhysicalStandard, selectors.physical_standard_list_for)
        audit.register(PhysicalMark, selectors.physical_mark_list_for)
        audit.register(PhysicalItemResult, selectors.physical_item_list_for)

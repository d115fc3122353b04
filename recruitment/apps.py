from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from auxpolice.core import access_log, audit, sheet_imports
        from auxpolice.core.models import Agency

        from . import application_selectors as apps_selectors
        from .models import (
            Announcement,
            AnnouncementRevision,
            ApplicantDocument,
            ApplicantProfile,
            Application,
            EducationRecord,
            Objection,
            Position,
            Publicity,
            SensitiveDataConsent,
            SensitiveResultAccess,
            StageResult,
        )

        access_log.register(
            "applicants",
            title=_("Applicants"),
            model=SensitiveResultAccess,
            agency_field="application__agency",
            person_path="application__full_name",
        )
        access_log.register_extra(apps_selectors.purges_for)
        from .services import process

        sheet_imports.register("recruitment.scores", process.scores_workbook_import)

        from .services.portal import announcements_changed

        for model in (Announcement, Position, Agency):
            post_save.connect(
                announcements_changed, sender=model, dispatch_uid=f"announcements-changed-{model.__name__}"
            )
            post_delete.connect(
                announcements_changed, sender=model, dispatch_uid=f"announcements-deleted-{model.__name__}"
            )
        audit.register(Announcement, apps_selectors.announcement_list_for)
        audit.register(AnnouncementRevision, apps_selectors.revision_list_for)
        audit.register(Position, apps_selectors.position_list_for)
        audit.register(Application, apps_selectors.application_list_for)
        audit.register(StageResult, apps_selectors.stage_result_list_for)
        audit.register(Publicity, apps_selectors.publicity_list_for)
        audit.register(Objection, apps_selectors.objection_list_for)
        audit.register(ApplicantProfile, apps_selectors.applicant_profile_list_for)
        audit.register(ApplicantDocument, apps_selectors.applicant_document_list_for)
        audit.register(EducationRecord, apps_selectors.education_record_list_for)
        audit.register(SensitiveDataConsent, apps_selectors.consent_list_for)

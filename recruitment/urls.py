from django.urls import path

from .views import office, portal, recusal

urlpatterns = [
    # back office
    path("announcements/", office.announcement_list, name="announcement_list"),
    path("recusal/", recusal.recusal_overview, name="recusal_overview"),
    path("recusal/<int:pk>/withdraw/", recusal.recusal_withdraw, name="recusal_withdraw"),
    path("plans/<int:plan_pk>/announcements/new/", office.announcement_new, name="announcement_new"),
    path("announcements/<int:pk>/", office.announcement_detail, name="announcement_detail"),
    path("announcements/<int:pk>/applications/", office.application_list, name="application_list"),
    path(
        "announcements/<int:pk>/results/<slug:stage>/template.xlsx",
        office.result_template,
        name="result_template",
    ),
    path("announcements/<int:pk>/results/<slug:stage>/import/", office.results_import, name="results_import"),
    path("announcements/<int:pk>/applications.xlsx", office.application_export, name="application_export"),
    path("announcements/<int:pk>/applications/print/", office.application_print, name="application_print"),
    path(
        "announcements/<int:pk>/applications/message/", office.application_message, name="application_message"
    ),
    path(
        "announcements/<int:pk>/applications/review/",
        office.application_batch_review,
        name="application_batch_review",
    ),
    path("announcements/<int:pk>/scores/<slug:stage>/", office.scores, name="stage_scores"),
    path(
        "announcements/<int:pk>/scores/<slug:stage>/import/",
        office.scores_import,
        name="stage_scores_import",
    ),
    path("announcements/<int:pk>/scores/<slug:stage>/rank/", office.stage_rank, name="stage_rank"),
    path(
        "announcements/<int:pk>/scores/<slug:stage>/template.xlsx",
        office.score_template,
        name="score_template",
    ),
    path("announcements/<int:pk>/submit/", office.announcement_submit, name="announcement_submit"),
    path("announcements/<int:pk>/approve/", office.announcement_approve, name="announcement_approve"),
    path("announcements/<int:pk>/return/", office.announcement_return, name="announcement_return"),
    path("announcements/<int:pk>/revise/", office.announcement_revise, name="announcement_revise"),
    path("announcements/<int:pk>/release/", office.results_release, name="results_release"),
    path("announcements/<int:pk>/publicity/", office.publicity_start, name="publicity_start"),
    path(
        "announcements/<int:pk>/close-plan/",
        office.announcement_plan_close,
        name="announcement_plan_close",
    ),
    path("positions/<int:pk>/call-next/", office.call_next, name="call_next_candidate"),
    path("applications/<int:pk>/", office.application_detail, name="application_detail"),
    path("applications/<int:pk>/sensitive/", office.sensitive_results, name="application_sensitive"),
    path("applications/<int:pk>/review/", office.application_review, name="application_review"),
    path("applications/<int:pk>/result/", office.application_result, name="application_result"),
    path("applications/<int:pk>/objection/", office.application_objection, name="application_objection"),
    path(
        "applications/<int:pk>/objections/<int:objection_pk>/resolve/",
        office.objection_resolve,
        name="objection_resolve",
    ),
    path("applications/<int:pk>/withdraw/", office.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/hire/", office.application_hire, name="application_hire"),
    path("applicant-documents/<int:pk>/", office.applicant_document, name="applicant_document"),
    # portal
    path("portal/", portal.portal_home, name="portal_home"),
    path("portal/announcements/<int:pk>/", portal.announcement_public, name="portal_announcement"),
    path("portal/profile/", portal.profile, name="portal_profile"),
    path("portal/documents/", portal.document_upload, name="portal_document_upload"),
    path("portal/education/", portal.education_add, name="portal_education_add"),
    path("portal/education/<int:pk>/remove/", portal.education_remove, name="portal_education_remove"),
    path("portal/documents/<int:pk>/", portal.document_download, name="portal_document"),
    path("portal/positions/<int:pk>/apply/", portal.apply, name="portal_apply"),
    path("portal/positions/<int:pk>/apply/submit/", portal.apply_submit, name="portal_apply_submit"),
    path("portal/applications/<int:pk>/", portal.application_case, name="portal_application"),
    path("portal/applications/<int:pk>/ticket.pdf", portal.admission_ticket, name="portal_ticket"),
    path("portal/applications/<int:pk>/resubmit/", portal.application_resubmit, name="portal_resubmit"),
    path("portal/applications/<int:pk>/consent/", portal.consent_give, name="portal_consent"),
    path("portal/applications/<int:pk>/withdraw/", portal.application_withdraw, name="portal_withdraw"),
    path("portal/notices/", portal.notice_list, name="portal_notices"),
]

from django.urls import path

from . import office_views, portal_views

urlpatterns = [
    # back office
    path("announcements/", office_views.announcement_list, name="announcement_list"),
    path("plans/<int:plan_pk>/announcements/new/", office_views.announcement_new, name="announcement_new"),
    path("announcements/<int:pk>/", office_views.announcement_detail, name="announcement_detail"),
    path("announcements/<int:pk>/applications/", office_views.application_list, name="application_list"),
    path("announcements/<int:pk>/scores/<slug:stage>/", office_views.scores, name="stage_scores"),
    path(
        "announcements/<int:pk>/scores/<slug:stage>/import/",
        office_views.scores_import,
        name="stage_scores_import",
    ),
    path("announcements/<int:pk>/scores/<slug:stage>/rank/", office_views.stage_rank, name="stage_rank"),
    path(
        "announcements/<int:pk>/scores/<slug:stage>/template.xlsx",
        office_views.score_template,
        name="score_template",
    ),
    path("announcements/<int:pk>/submit/", office_views.announcement_submit, name="announcement_submit"),
    path("announcements/<int:pk>/approve/", office_views.announcement_approve, name="announcement_approve"),
    path("announcements/<int:pk>/return/", office_views.announcement_return, name="announcement_return"),
    path("announcements/<int:pk>/revise/", office_views.announcement_revise, name="announcement_revise"),
    path("announcements/<int:pk>/publicity/", office_views.publicity_start, name="publicity_start"),
    path(
        "announcements/<int:pk>/close-plan/",
        office_views.announcement_plan_close,
        name="announcement_plan_close",
    ),
    path("positions/<int:pk>/call-next/", office_views.call_next, name="call_next_candidate"),
    path("applications/<int:pk>/", office_views.application_detail, name="application_detail"),
    path("applications/<int:pk>/sensitive/", office_views.sensitive_results, name="application_sensitive"),
    path("applications/<int:pk>/review/", office_views.application_review, name="application_review"),
    path("applications/<int:pk>/result/", office_views.application_result, name="application_result"),
    path(
        "applications/<int:pk>/objection/", office_views.application_objection, name="application_objection"
    ),
    path(
        "applications/<int:pk>/objections/<int:objection_pk>/resolve/",
        office_views.objection_resolve,
        name="objection_resolve",
    ),
    path("applications/<int:pk>/withdraw/", office_views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/hire/", office_views.application_hire, name="application_hire"),
    path("applicant-documents/<int:pk>/", office_views.applicant_document, name="applicant_document"),
    # portal
    path("portal/", portal_views.portal_home, name="portal_home"),
    path("portal/announcements/<int:pk>/", portal_views.announcement_public, name="portal_announcement"),
    path("portal/profile/", portal_views.profile, name="portal_profile"),
    path("portal/documents/", portal_views.document_upload, name="portal_document_upload"),
    path("portal/education/", portal_views.education_add, name="portal_education_add"),
    path("portal/education/<int:pk>/remove/", portal_views.education_remove, name="portal_education_remove"),
    path("portal/documents/<int:pk>/", portal_views.document_download, name="portal_document"),
    path("portal/positions/<int:pk>/apply/", portal_views.apply, name="portal_apply"),
    path("portal/positions/<int:pk>/apply/submit/", portal_views.apply_submit, name="portal_apply_submit"),
    path("portal/applications/<int:pk>/", portal_views.application_case, name="portal_application"),
    path("portal/applications/<int:pk>/ticket.pdf", portal_views.admission_ticket, name="portal_ticket"),
    path("portal/applications/<int:pk>/resubmit/", portal_views.application_resubmit, name="portal_resubmit"),
    path("portal/applications/<int:pk>/consent/", portal_views.consent_give, name="portal_consent"),
    path("portal/applications/<int:pk>/withdraw/", portal_views.application_withdraw, name="portal_withdraw"),
    path("portal/notices/", portal_views.notice_list, name="portal_notices"),
]

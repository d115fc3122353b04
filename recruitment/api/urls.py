from django.urls import path

from . import announcements as a
from . import applications as app
from . import exams
from . import portal as portal_api

urlpatterns = [
    path(
        "portal/announcements/", portal_api.PortalAnnouncementsApi.as_view(), name="api-portal-announcements"
    ),
    path("portal/applications/", portal_api.PortalApplicationsApi.as_view(), name="api-portal-applications"),
    path(
        "announcements/<int:pk>/applications/",
        portal_api.AnnouncementApplicationsApi.as_view(),
        name="api-announcement-applications",
    ),
    # announcements
    path("announcements/", a.AnnouncementsApi.as_view(), name="api-announcements"),
    path(
        "plans/<int:plan_pk>/announcements/",
        a.AnnouncementCreateApi.as_view(),
        name="api-announcement-create",
    ),
    path("announcements/<int:pk>/", a.AnnouncementApi.as_view(), name="api-announcement"),
    path("announcements/<int:pk>/submit/", a.AnnouncementSubmitApi.as_view(), name="api-announcement-submit"),
    path(
        "announcements/<int:pk>/approve/", a.AnnouncementApproveApi.as_view(), name="api-announcement-approve"
    ),
    path("announcements/<int:pk>/return/", a.AnnouncementReturnApi.as_view(), name="api-announcement-return"),
    path("announcements/<int:pk>/revise/", a.AnnouncementReviseApi.as_view(), name="api-announcement-revise"),
    path("announcements/<int:pk>/release/", a.ResultsReleaseApi.as_view(), name="api-results-release"),
    path("announcements/<int:pk>/publicity/", a.PublicityStartApi.as_view(), name="api-publicity-start"),
    path("announcements/<int:pk>/close-plan/", a.PlanCloseApi.as_view(), name="api-plan-close"),
    path(
        "announcements/<int:pk>/applications/review/",
        a.BatchReviewApi.as_view(),
        name="api-applications-review",
    ),
    path(
        "announcements/<int:pk>/applications/message/",
        a.MessageApi.as_view(),
        name="api-applications-message",
    ),
    path("announcements/<int:pk>/scores/<slug:stage>/", a.StageScoresApi.as_view(), name="api-stage-scores"),
    path(
        "announcements/<int:pk>/scores/<slug:stage>/import/",
        a.StageScoresImportApi.as_view(),
        name="api-stage-scores-import",
    ),
    path("announcements/<int:pk>/scores/<slug:stage>/rank/", a.StageRankApi.as_view(), name="api-stage-rank"),
    path(
        "announcements/<int:pk>/results/<slug:stage>/import/",
        a.ResultsImportApi.as_view(),
        name="api-results-import",
    ),
    path("positions/<int:pk>/call-next/", a.CallNextApi.as_view(), name="api-call-next"),
    # applications
    path("applications/<int:pk>/", app.ApplicationApi.as_view(), name="api-application"),
    path("applications/<int:pk>/review/", app.ApplicationReviewApi.as_view(), name="api-application-review"),
    path("applications/<int:pk>/result/", app.ApplicationResultApi.as_view(), name="api-application-result"),
    path(
        "applications/<int:pk>/physical/",
        app.ApplicationPhysicalApi.as_view(),
        name="api-application-physical",
    ),
    path("applications/<int:pk>/objections/", app.ObjectionRecordApi.as_view(), name="api-objection-record"),
    path(
        "applications/<int:pk>/objections/<int:objection_pk>/resolve/",
        app.ObjectionResolveApi.as_view(),
        name="api-objection-resolve",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        app.ApplicationWithdrawApi.as_view(),
        name="api-application-withdraw",
    ),
    path("applications/<int:pk>/hire/", app.ApplicationHireApi.as_view(), name="api-application-hire"),
    # exams and recusal
    path("announcements/<int:pk>/exam-rooms/", exams.ExamRoomsApi.as_view(), name="api-exam-rooms"),
    path("announcements/<int:pk>/exam-sessions/", exams.ExamSessionsApi.as_view(), name="api-exam-sessions"),
    path(
        "announcements/<int:pk>/physical-standard/",
        exams.PhysicalStandardApi.as_view(),
        name="api-physical-standard",
    ),
    path("exam-sessions/<int:pk>/seats/", exams.SeatsAssignApi.as_view(), name="api-exam-seats"),
    path(
        "exam-sessions/<int:pk>/rooms/<int:room_pk>/absent/",
        exams.AbsentRecordApi.as_view(),
        name="api-exam-absent",
    ),
    path("relations/", exams.RelationsApi.as_view(), name="api-relations"),
    path("relations/<int:pk>/withdraw/", exams.RelationWithdrawApi.as_view(), name="api-relation-withdraw"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("assessments/<int:pk>/", views.AssessmentApi.as_view(), name="api-assessment"),
    path("assessments/<int:pk>/score/", views.AssessmentScoreApi.as_view(), name="api-assessment-score"),
    path("assessments/<int:pk>/review/", views.AssessmentReviewApi.as_view(), name="api-assessment-review"),
    path(
        "assessments/<int:pk>/publish/", views.AssessmentPublishApi.as_view(), name="api-assessment-publish"
    ),
    path("assessments/<int:pk>/appeal/", views.AppealFileApi.as_view(), name="api-appeal-file"),
    path("assessments/<int:pk>/appeal/decision/", views.AppealDecideApi.as_view(), name="api-appeal-decide"),
    path("assessment-cycles/", views.CyclesApi.as_view(), name="api-cycles"),
    path("assessment-cycles/<int:pk>/", views.CycleApi.as_view(), name="api-cycle"),
    path(
        "assessment-cycles/<int:pk>/consequences/confirm/",
        views.ConsequenceConfirmApi.as_view(),
        name="api-consequences-confirm",
    ),
    path(
        "assessment-cycles/<int:pk>/consequences/reject/",
        views.ConsequenceRejectApi.as_view(),
        name="api-consequences-reject",
    ),
    path("personnel/<int:pk>/tier/", views.TierAssignApi.as_view(), name="api-tier-assign"),
    path("assessment-cycles/<int:pk>/review/", views.CycleReviewApi.as_view(), name="api-cycle-review"),
    path("assessment-cycles/<int:pk>/publish/", views.CyclePublishApi.as_view(), name="api-cycle-publish"),
    path(
        "assessment-cycles/<int:pk>/scores/",
        views.CycleScoresImportApi.as_view(),
        name="api-cycle-scores-import",
    ),
    path("assessment-cycles/<int:pk>/close/", views.CycleCloseApi.as_view(), name="api-cycle-close"),
]

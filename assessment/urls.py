from django.urls import path

from . import views

urlpatterns = [
    path("assessment/", views.cycle_list, name="cycle_list"),
    path("assessment/cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("assessment/cycles/<int:pk>/consequences/", views.consequence_list, name="consequence_list"),
    path(
        "assessment/cycles/<int:pk>/consequences/confirm/",
        views.consequence_confirm,
        name="consequence_confirm",
    ),
    path(
        "assessment/cycles/<int:pk>/consequences/reject/", views.consequence_reject, name="consequence_reject"
    ),
    path("assessment/cycles/<int:pk>/report/", views.cycle_report, name="cycle_report"),
    path("assessment/cycles/<int:pk>/scores/", views.cycle_scores, name="cycle_scores"),
    path("assessment/cycles/<int:pk>/review/", views.cycle_review, name="cycle_review"),
    path("assessment/cycles/<int:pk>/publish/", views.cycle_publish, name="cycle_publish"),
    path("assessment/cycles/<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("assessment/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessment/<int:pk>/score/", views.assessment_score, name="assessment_score"),
    path("assessment/<int:pk>/review/", views.assessment_review, name="assessment_review"),
    path("assessment/<int:pk>/publish/", views.assessment_publish, name="assessment_publish"),
    path("assessment/<int:pk>/appeal/", views.appeal_file, name="appeal_file"),
    path("assessment/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
    path("personnel/<int:pk>/tier/", views.person_tier, name="person_tier"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("assessment/", views.cycle_list, name="cycle_list"),
    path("assessment/cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("assessment/cycles/<int:pk>/consequences/", views.consequence_list, name="consequence_list"),
    path("assessment/cycles/<int:pk>/report/", views.cycle_report, name="cycle_report"),
    path("assessment/cycles/<int:pk>/scores/", views.cycle_scores, name="cycle_scores"),
    path("assessment/cycles/<int:pk>/<slug:action>/", views.cycle_action, name="cycle_action"),
    path("assessment/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessment/<int:pk>/<slug:action>/", views.assessment_action, name="assessment_action"),
    path("personnel/<int:pk>/tier/", views.person_tier, name="person_tier"),
]

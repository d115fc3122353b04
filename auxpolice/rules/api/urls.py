from django.urls import path

from . import views

urlpatterns = [
    path("agencies/<int:pk>/settings/", views.AgencySettingApi.as_view(), name="api-agency-setting"),
    path("rules/evaluate/", views.RulesEvaluateApi.as_view(), name="api-rules-evaluate"),
]

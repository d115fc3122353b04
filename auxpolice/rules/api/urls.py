from django.urls import path

from . import views

urlpatterns = [
    path("rules/evaluate/", views.RulesEvaluateApi.as_view(), name="api-rules-evaluate"),
]

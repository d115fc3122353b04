from django.urls import path

from . import views

urlpatterns = [
    path("", views.rules_index, name="rules_index"),
    path("compare/", views.rules_compare, name="rules_compare"),
    path("<str:jurisdiction>/", views.rules_jurisdiction, name="rules_jurisdiction"),
]

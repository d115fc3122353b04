from django.urls import path

from . import views

urlpatterns = [
    path("personnel/", views.auxiliary_list, name="auxiliary_list"),
    path("deadlines/", views.deadlines_due, name="deadlines_due"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("personnel/", views.auxiliary_list, name="auxiliary_list"),
]

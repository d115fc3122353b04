from django.urls import path

from . import views

urlpatterns = [
    path("personnel/", views.PersonnelListApi.as_view(), name="api-personnel-list"),
    path("personnel/<int:pk>/", views.PersonnelDetailApi.as_view(), name="api-personnel-detail"),
    path("personnel/<int:pk>/id-number/", views.IdNumberRevealApi.as_view(), name="api-personnel-id-number"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("auth/token/", views.TokenApi.as_view(), name="api-token"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("agencies/", views.AgencyListApi.as_view(), name="api-agency-list"),
    path("agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"),
    path("history/<str:label>/<int:pk>/", views.HistoryApi.as_view(), name="api-history"),
]

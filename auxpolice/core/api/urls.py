from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from . import views

urlpatterns = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("agencies/", views.AgencyListApi.as_view(), name="api-agency-list"),
    path("agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"),
    path("history/<str:label>/<int:pk>/", views.HistoryApi.as_view(), name="api-history"),
]

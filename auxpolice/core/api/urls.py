from django.urls import path

from . import tokens, views

urlpatterns = [
    path("auth/token/", tokens.TokenApi.as_view(), name="api-token"),
    path("tokens/", tokens.TokenListApi.as_view(), name="api-token-list"),
    path("tokens/<int:pk>/", tokens.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("agencies/", views.AgencyListApi.as_view(), name="api-agency-list"),
    path("agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"),
    path("history/<str:label>/<int:pk>/", views.HistoryApi.as_view(), name="api-history"),
]

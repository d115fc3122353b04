from django.urls import path

from . import imports, tokens, views, webhooks

urlpatterns = [
    path("auth/token/", tokens.TokenApi.as_view(), name="api-token"),
    path("tokens/", tokens.TokenListApi.as_view(), name="api-token-list"),
    path("tokens/<int:pk>/", tokens.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("me/", views.MeApi.as_view(), name="api-me"),
    path("agencies/", views.AgencyListApi.as_view(), name="api-agency-list"),
    path("agencies/<int:pk>/", views.AgencyDetailApi.as_view(), name="api-agency-detail"),
    path("sheet-imports/<int:pk>/", imports.SheetImportApi.as_view(), name="api-sheet-import"),
    path("webhooks/", webhooks.WebhooksApi.as_view(), name="api-webhooks"),
    path("webhooks/<int:pk>/", webhooks.WebhookApi.as_view(), name="api-webhook"),
    path(
        "webhooks/<int:pk>/deliveries/",
        webhooks.WebhookDeliveriesApi.as_view(),
        name="api-webhook-deliveries",
    ),
    path("history/<str:label>/<int:pk>/", views.HistoryApi.as_view(), name="api-history"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("quotas/", views.QuotaListApi.as_view(), name="api-quota-list"),
    path("quotas/<int:pk>/", views.QuotaDetailApi.as_view(), name="api-quota-detail"),
    path("quota-requests/", views.QuotaRequestSubmitApi.as_view(), name="api-quota-request-submit"),
    path(
        "quota-requests/<int:pk>/withdraw/",
        views.QuotaRequestWithdrawApi.as_view(),
        name="api-quota-request-withdraw",
    ),
    path("quotas/redistribute/", views.RedistributeApi.as_view(), name="api-quota-redistribute"),
    path("approval-steps/pending/", views.PendingStepsApi.as_view(), name="api-steps-pending"),
    path("approval-steps/<int:pk>/decide/", views.StepDecideApi.as_view(), name="api-step-decide"),
    path("plans/", views.PlanListApi.as_view(), name="api-plan-list"),
    path("plans/submit/", views.PlanSubmitApi.as_view(), name="api-plan-submit"),
    path("headcount/", views.HeadcountApi.as_view(), name="api-headcount"),
]

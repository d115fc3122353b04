from django.urls import path

from . import views

urlpatterns = [
    path("headcount/", views.headcount_dashboard, name="headcount_dashboard"),
    path("headcount/export.xlsx", views.headcount_export, name="headcount_export"),
    path("headcount/redistribute/", views.quota_redistribute_view, name="quota_redistribute"),
    path("quotas/<int:pk>/", views.quota_detail, name="quota_detail"),
    path(
        "quota-requests/<int:pk>/withdraw/", views.quota_request_withdraw_view, name="quota_request_withdraw"
    ),
    path("agencies/<int:agency_pk>/quota-request/", views.quota_request_new, name="quota_request_new"),
    path("agencies/<int:agency_pk>/plans/new/", views.plan_new, name="plan_new"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("approval-steps/<int:pk>/decide/", views.step_decide, name="step_decide"),
    path("approval-steps/<int:pk>/scan/", views.step_scan, name="step_scan"),
]

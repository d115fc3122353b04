from django.urls import path

from . import views

urlpatterns = [
    path("payroll-runs/", views.PayrollRunsApi.as_view(), name="api-payroll-runs"),
    path("payroll-runs/<int:pk>/", views.PayrollRunApi.as_view(), name="api-payroll-run"),
    path("payroll-runs/<int:pk>/approve/", views.PayrollApproveApi.as_view(), name="api-payroll-approve"),
    path("payroll-runs/<int:pk>/lines/", views.PayrollLinesApi.as_view(), name="api-payroll-lines"),
    path("payroll-runs/<int:pk>/payslips.pdf", views.PayslipsApi.as_view(), name="api-payroll-payslips"),
]
urlpatterns += [
    path(f"pay-records/{kind}/", view.as_view(), name=f"api-pay-{kind}")
    for kind, view in views.PAY_FACT_APIS.items()
]

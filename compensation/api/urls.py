from django.urls import path

from . import deductions, scales, views

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
urlpatterns += [
    path("agencies/<int:agency_pk>/pay-scales/", scales.ScaleDraftApi.as_view(), name="api-pay-scale-draft"),
    path("pay-scales/<int:pk>/", scales.ScaleApi.as_view(), name="api-pay-scale"),
    path("pay-scales/<int:pk>/approve/", scales.ScaleApproveApi.as_view(), name="api-pay-scale-approve"),
    path("personnel/<int:pk>/overtime/", scales.OvertimeApi.as_view(), name="api-overtime"),
    path("personnel/<int:pk>/bank-account/", scales.BankAccountApi.as_view(), name="api-bank-account"),
    path(
        "personnel/<int:pk>/special-deductions/",
        deductions.SpecialDeductionsApi.as_view(),
        name="api-special-deductions",
    ),
    path(
        "special-deductions/import/",
        deductions.SpecialDeductionsImportApi.as_view(),
        name="api-special-deductions-import",
    ),
]

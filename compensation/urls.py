from django.urls import path

from . import views

urlpatterns = [
    path("pay/", views.pay_overview, name="pay_overview"),
    path("pay/record/<slug:what>/", views.pay_record, name="pay_record"),
    path("pay/special-deductions/", views.special_deductions_import, name="special_deductions_import"),
    path("pay/scales/new/<int:agency_pk>/", views.scale_new, name="scale_new"),
    path("pay/scales/<int:pk>/", views.scale_detail, name="scale_detail"),
    path("pay/runs/<int:pk>/", views.payroll_detail, name="payroll_detail"),
    path("pay/runs/<int:pk>/export/<slug:kind>/", views.payroll_export, name="payroll_export"),
    path("pay/runs/<int:pk>/approve/", views.payroll_approve, name="payroll_approve"),
    path("pay/runs/<int:pk>/rerun/", views.payroll_rerun, name="payroll_rerun"),
    path("personnel/<int:pk>/pay/", views.person_pay, name="person_pay"),
]

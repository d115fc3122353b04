from django.urls import path

from . import leave_views, record_views, views
from .record_kinds import KINDS

urlpatterns = [
    path("personnel/", views.auxiliary_list, name="auxiliary_list"),
    path("personnel/export.xlsx", views.auxiliary_export, name="auxiliary_export"),
    path("personnel/print/", views.auxiliary_print, name="auxiliary_print"),
    path("personnel/statistics/", views.personnel_statistics, name="personnel_statistics"),
    path("personnel/<int:pk>/", views.auxiliary_detail, name="auxiliary_detail"),
    path("personnel/<int:pk>/id-number/", views.id_number_reveal, name="id_number_reveal"),
    path("personnel/<int:pk>/details/", views.auxiliary_details_save, name="auxiliary_details_save"),
    path("personnel/<int:pk>/photo/", views.auxiliary_photo, name="auxiliary_photo"),
    path("personnel/<int:pk>/contract/sign/", views.contract_sign, name="contract_sign"),
    path("personnel/<int:pk>/contract/renew/", views.contract_renew, name="contract_renew"),
    path("personnel/<int:pk>/contract/terminate/", views.contract_terminate, name="contract_terminate"),
    path("personnel/<int:pk>/records/<slug:kind>/", record_views.person_records, name="person_records"),
    path("records/<slug:kind>/", record_views.records_list, name="records_list"),
    path("leave/entitlements/", leave_views.leave_entitlements, name="leave_entitlements"),
    path("deadlines/", views.deadlines_due, name="deadlines_due"),
    path("personnel/import/", views.import_new, name="import_new"),
    path("personnel/import/template.xlsx", views.import_template, name="import_template"),
    path("personnel/import/<int:pk>/", views.import_detail, name="import_detail"),
]

# One URL per follow-up action of each record kind (ending a suspension, returning an item...), from the
# registry.
urlpatterns += [
    path(
        f"records/{spec.slug}/<int:record_pk>/{slug}/",
        record_views.record_action,
        {"kind": spec.slug, "action": slug},
        name=f"record_{spec.slug}_{slug}",
    )
    for spec in KINDS.values()
    for slug in spec.actions
]

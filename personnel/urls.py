from django.urls import path, re_path

from . import record_views, views

urlpatterns = [
    path("personnel/", views.auxiliary_list, name="auxiliary_list"),
    path("personnel/export.xlsx", views.auxiliary_export, name="auxiliary_export"),
    path("personnel/<int:pk>/", views.auxiliary_detail, name="auxiliary_detail"),
    path("personnel/<int:pk>/id-number/", views.id_number_reveal, name="id_number_reveal"),
    path("personnel/<int:pk>/details/", views.auxiliary_details_save, name="auxiliary_details_save"),
    path("personnel/<int:pk>/photo/", views.auxiliary_photo, name="auxiliary_photo"),
    re_path(
        r"^personnel/(?P<pk>\d+)/contract/(?P<action>sign|renew|terminate)/$",
        views.contract_action,
        name="contract_action",
    ),
    path("personnel/<int:pk>/records/<slug:kind>/", record_views.person_records, name="person_records"),
    path("records/<slug:kind>/", record_views.records_list, name="records_list"),
    path(
        "records/<slug:kind>/<int:record_pk>/<slug:action>/", record_views.record_action, name="record_action"
    ),
    path("deadlines/", views.deadlines_due, name="deadlines_due"),
    path("personnel/import/", views.import_new, name="import_new"),
    path("personnel/import/template.xlsx", views.import_template, name="import_template"),
    path("personnel/import/<int:pk>/", views.import_detail, name="import_detail"),
]

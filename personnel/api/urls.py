from django.urls import path

from . import contracts, details, imports, records, views

urlpatterns = [
    path("personnel/", views.PersonnelListApi.as_view(), name="api-personnel-list"),
    path("personnel/<int:pk>/", views.PersonnelDetailApi.as_view(), name="api-personnel-detail"),
    path("personnel/imports/", imports.ImportsApi.as_view(), name="api-personnel-imports"),
    path("personnel/imports/<int:pk>/", imports.ImportApi.as_view(), name="api-personnel-import"),
    path("personnel/<int:pk>/details/", details.DetailsApi.as_view(), name="api-personnel-details"),
    path("deadlines/", details.DeadlinesApi.as_view(), name="api-deadlines"),
    path("leave-entitlements/", details.LeaveEntitlementsApi.as_view(), name="api-leave-entitlements"),
    path("personnel/<int:pk>/id-number/", views.IdNumberRevealApi.as_view(), name="api-personnel-id-number"),
    path("personnel/<int:pk>/contract/sign/", contracts.ContractSignApi.as_view(), name="api-contract-sign"),
    path(
        "personnel/<int:pk>/contract/renew/", contracts.ContractRenewApi.as_view(), name="api-contract-renew"
    ),
    path(
        "personnel/<int:pk>/contract/terminate/",
        contracts.ContractTerminateApi.as_view(),
        name="api-contract-terminate",
    ),
]
urlpatterns += [
    path(f"personnel/<int:pk>/records/{kind}/", view.as_view(), name=f"api-records-{kind}")
    for kind, view in records.RECORDS_APIS.items()
]
urlpatterns += [
    path(f"records/{kind}/<int:record_pk>/{action}/", view.as_view(), name=f"api-record-{kind}-{action}")
    for (kind, action), view in records.ACTION_APIS.items()
]

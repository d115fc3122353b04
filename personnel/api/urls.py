from django.urls import path

from . import contracts, views

urlpatterns = [
    path("personnel/", views.PersonnelListApi.as_view(), name="api-personnel-list"),
    path("personnel/<int:pk>/", views.PersonnelDetailApi.as_view(), name="api-personnel-detail"),
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

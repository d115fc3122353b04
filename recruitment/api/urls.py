from django.urls import path

from . import portal as portal_api

urlpatterns = [
    path(
        "portal/announcements/", portal_api.PortalAnnouncementsApi.as_view(), name="api-portal-announcements"
    ),
    path("portal/applications/", portal_api.PortalApplicationsApi.as_view(), name="api-portal-applications"),
    path(
        "announcements/<int:pk>/applications/",
        portal_api.AnnouncementApplicationsApi.as_view(),
        name="api-announcement-applications",
    ),
]

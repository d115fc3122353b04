from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

api_v1 = [
    path("", include("auxpolice.core.api.urls")),
    path("", include("auxpolice.rules.api.urls")),
    path("", include("headcount.api.urls")),
    path("", include("recruitment.api.urls")),
    path("", include("personnel.api.urls")),
    path("", include("compensation.api.urls")),
    path("", include("assessment.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# The admin, like every back-office page, only opens to a session that passed the second factor.
admin.site.__class__ = OTPAdminSite
admin.site.site_header = admin.site.site_title = _("Auxiliary police HR: administration")
admin.site.index_title = _("System administration")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(api_v1)),
    path("rules/", include("auxpolice.rules.urls")),
    path("", include("headcount.urls")),
    path("", include("recruitment.urls")),
    path("", include("personnel.urls")),
    path("", include("assessment.urls")),
    path("", include("compensation.urls")),
    path("", include("auxpolice.core.urls")),
]

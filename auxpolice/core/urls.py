from django.contrib.auth import views as auth_views
from django.urls import path

from auxpolice.rules import views as rules_views

from . import token_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/2fa/", views.two_factor, name="two_factor"),
    path("accounts/password/", views.PasswordChange.as_view(), name="password_change"),
    path("accounts/tokens/", token_views.token_list, name="api_tokens"),
    path("accounts/tokens/<int:pk>/revoke/", token_views.token_revoke, name="api_token_revoke"),
    path("audit/access/", views.access_log, name="access_log"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/lookup/", views.agency_lookup, name="agency_lookup"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/settings/", rules_views.agency_setting_save, name="agency_setting_save"),
    path("staff/", views.staff_list, name="staff_list"),
    path("imports/<int:pk>/", views.sheet_import_detail, name="sheet_import_detail"),
    path("history/<str:label>/<int:pk>/", views.history, name="history"),
    path("portal/register/", views.applicant_register, name="applicant_register"),
    path("portal/register/verify/", views.applicant_register_verify, name="applicant_register_verify"),
    path("portal/account/", views.portal_account, name="portal_account"),
]

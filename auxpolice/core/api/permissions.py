from rest_framework.permissions import BasePermission

from auxpolice.core.models import ApiToken


class IsStaffRole(BasePermission):
    """Back-office endpoints: any active non-applicant account that passed the second factor (a session
    verified by TOTP, or a token, which is only issued with a TOTP code). Object scope is the selector's
    job."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_back_office) or user.password_expired:
            return False
        return isinstance(request.auth, ApiToken) or bool(getattr(user, "is_verified", lambda: False)())


class IsApplicant(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_applicant)


class IsApplicantOrStaffRole(BasePermission):
    """Endpoints for every signed-in user: applicants, and back-office users past the second factor."""

    def has_permission(self, request, view):
        return IsApplicant().has_permission(request, view) or IsStaffRole().has_permission(request, view)

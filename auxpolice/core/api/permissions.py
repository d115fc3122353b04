from rest_framework.permissions import BasePermission


class IsStaffRole(BasePermission):
    """Back-office endpoints: any active non-applicant account. Object scope is the selector's job."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_back_office)


class IsApplicant(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_applicant)

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from .second_factor import needs_second_factor


def _role_required(check):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_second_factor(request.user):
                return redirect_to_login(request.get_full_path(), login_url=reverse("two_factor"))
            if request.user.password_expired:
                return redirect_to_login(request.get_full_path(), login_url=reverse("password_change"))
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = _role_required(lambda user: user.is_back_office)
applicant_required = _role_required(lambda user: user.is_active and user.is_applicant)
# Any active account: applicants, and back-office users past the second factor (their own settings).
account_required = _role_required(lambda user: user.is_active)

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import patch_cache_control

from auxpolice.core import replicas

SESSION_STARTED = "auxpolice_session_started"
LAST_SEEN = "auxpolice_last_seen"
# The last-seen stamp is written at most this often, so ordinary requests cost no session write.
TOUCH_EVERY_SECONDS = 60


class ClientAddressMiddleware:
    """Behind TRUSTED_PROXY_COUNT proxies (a load balancer), REMOTE_ADDR is the proxy's: take the client's
    address from X-Forwarded-For as the outermost trusted proxy saw it, so that lockouts, throttles and logs
    see people, not the balancer. Without trusted proxies the header is ignored (anyone can send it)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.proxies:
            hops = [
                hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()
            ]
            if len(hops) >= self.proxies:
                request.META["REMOTE_ADDR"] = hops[-self.proxies]
        return self.get_response(request)


class SessionLimitsMiddleware:
    """Idle and absolute session timeouts (MLPS level 3 habits): a session ends after
    SESSION_IDLE_SECONDS without a request, and SESSION_ABSOLUTE_SECONDS after login however busy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no session to limit (API calls with a token): the session user is
        # not loaded for nothing.
        user = getattr(request, "user", None) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if user is not None and user.is_authenticated:
            now = time.time()
            session = request.session
            started = session.setdefault(SESSION_STARTED, now)
            last_seen = session.setdefault(LAST_SEEN, now)
            if (
                now - started > settings.SESSION_ABSOLUTE_SECONDS
                or now - last_seen > settings.SESSION_IDLE_SECONDS
            ):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if now - last_seen > TOUCH_EVERY_SECONDS:
                session[LAST_SEEN] = now
        return self.get_response(request)


def stamp_session_at_login(sender, request, user, **kwargs):
    """Start both clocks at login, so that ordinary requests need no session write."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED] = request.session[LAST_SEEN] = time.time()


class BodySizeLimitMiddleware:
    """Refuse a request whose declared body is larger than MAX_REQUEST_BODY_BYTES before anything reads
    it (413). The largest legitimate body is an upload: 5 MB documents, 10 MB import workbooks."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.MAX_REQUEST_BODY_BYTES

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > self.limit:
            return too_large(request, declared, self.limit)
        return self.get_response(request)


def too_large(request, declared: int, limit: int):
    """413 in the site's layout (or as the API's structured error), stating the limit."""
    from django.http import JsonResponse
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    sizes = {"sent": f"{declared / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
    if request.path.startswith("/api/"):
        message = _("The request is %(sent)s MB; at most %(limit)s MB are accepted.") % sizes
        return JsonResponse({"code": "too_large", "message": message, "field": None}, status=413)
    from django.http import HttpResponse

    return HttpResponse(render_to_string("413.html", sizes, request=None), status=413)


ADDRESS_FAILURES = "login-failures:{address}"


def count_failed_login(sender, credentials, request=None, **kwargs):
    """Per-address count of failed log-ins (any account), for LoginAddressThrottleMiddleware."""
    from django.core.cache import cache

    if request is None:
        return
    key = ADDRESS_FAILURES.format(address=request.META.get("REMOTE_ADDR", ""))
    if not cache.add(key, 1, settings.LOGIN_ADDRESS_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, settings.LOGIN_ADDRESS_WINDOW_SECONDS)


class LoginAddressThrottleMiddleware:
    """Per-address throttling of log-in attempts (password guessing across many accounts from one place):
    after LOGIN_ADDRESS_FAILURE_LIMIT failures from an address within the window, log-in posts from it get 429
    until the window passes. Per-account lockout (axes) is keyed on account and address together, so nobody
    elsewhere can lock an applicant out; this limit only slows the address that is failing."""

    PATHS = ("/accounts/login/", "/api/v1/auth/token/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path in self.PATHS:
            from django.core.cache import cache
            from django.http import HttpResponse
            from django.utils.translation import gettext as _

            failures = cache.get(ADDRESS_FAILURES.format(address=request.META.get("REMOTE_ADDR", ""))) or 0
            if failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
                return HttpResponse(
                    _("Too many failed log-ins from your address. Try again in a few minutes."),
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A Content-Security-Policy on every response (scripts from our own files only: no inline script, no
    eval), and `Cache-Control: no-store` on everything served to a signed-in user: every such page or file can
    hold personal data (lists, records, exports, payslips), and none of it may stay in a shared or back-button
    cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response


class ReadYourWritesMiddleware:
    """After a user's write (a request that is not GET or HEAD), their reads stay on the primary for a while.

    Placed after authentication; API token users are known here too, after the view (DRF sets request.user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            replicas.replica_aliases()
            and request.method not in replicas.SAFE_METHODS
            and user is not None
            and user.is_authenticated
        ):
            replicas.pin_to_primary(user.pk)
        return response

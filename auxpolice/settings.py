"""One settings module, configured from the environment (12-factor).

AUXPOLICE_PROFILE=development (default) runs on an embedded SQLite file with Celery eager;
AUXPOLICE_PROFILE=production requires a real SECRET_KEY and turns on every deploy safeguard.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from auxpolice.core.object_storage import backup_storage_setting, default_storage_setting

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PROFILE = os.environ.get("AUXPOLICE_PROFILE", "development")
if PROFILE not in {"development", "production"}:
    raise ImproperlyConfigured(f"AUXPOLICE_PROFILE must be 'development' or 'production', not {PROFILE!r}")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in the production profile")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

# Sensitive-field keys (see auxpolice/core/crypto.py); development derives keys from SECRET_KEY.
FIELD_ENCRYPTION_KEYS = os.environ.get("FIELD_ENCRYPTION_KEYS", "")
FIELD_HMAC_KEY = os.environ.get("FIELD_HMAC_KEY", "")
# aes-256-gcm (HMAC-SHA256 blind indexes) or sm4-gcm (HMAC-SM3), see auxpolice.core.crypto; after changing it,
# run `manage.py rotate_field_key`.
FIELD_CIPHER = os.environ.get("FIELD_CIPHER", "aes-256-gcm")
if PRODUCTION and not (FIELD_ENCRYPTION_KEYS and FIELD_HMAC_KEY):
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS and FIELD_HMAC_KEY must be set in the production profile"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "simple_history",
    "auxpolice.core.third_party.AxesConfig",
    "django_otp",
    "auxpolice.core.third_party.TotpConfig",
    "auxpolice.core",
    "auxpolice.rules",
    "headcount",
    "recruitment",
    "personnel",
    "assessment",
    "compensation",
]

MIDDLEWARE = [
    "auxpolice.core.middleware.ClientAddressMiddleware",
    "auxpolice.core.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "auxpolice.core.middleware.ReadYourWritesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "auxpolice.core.middleware.SessionLimitsMiddleware",
    "auxpolice.core.middleware.SecurityHeadersMiddleware",
    "auxpolice.core.middleware.LoginAddressThrottleMiddleware",
    # Axes must come last so that it sees every authentication attempt's outcome.
    "axes.middleware.AxesMiddleware",
]

# Scripts and styles from our own files only. Inline style attributes stay allowed (progress bars set their
# width); inline <script> and event handlers do not (static/js/behaviour.js does what onsubmit/onchange did).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# Larger declared bodies are refused before they are read (uploads: 5 MB documents, 10 MB workbooks).
MAX_REQUEST_BODY_BYTES = int(os.environ.get("MAX_REQUEST_BODY_BYTES", str(12 * 1024 * 1024)))

ROOT_URLCONF = "auxpolice.urls"
WSGI_APPLICATION = "auxpolice.wsgi.application"

# Widgets render through the project templates too (templates/widgets/, e.g. the agency picker).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "auxpolice.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas (optional): lists, reports, exports and the workbench read from them where a little lag
# is harmless (auxpolice.core.replicas); a user's reads stay on the primary for REPLICA_PIN_SECONDS after
# their write.
DATABASE_REPLICAS = []
for _number, _url in enumerate(filter(None, os.environ.get("DATABASE_REPLICA_URLS", "").split(",")), 1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url.strip(),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
        test_options={"MIRROR": "default"},
    )
    DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["auxpolice.core.replicas.ReplicaRouter"]
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "15"))
# Behind PgBouncer in transaction pooling (DB_POOLER=pgbouncer) a server-side cursor cannot outlive the
# transaction it was opened in, and a pooled connection is not ours to keep: no server-side cursors, and
# connections closed after each request (the pooler keeps them open); and no prepared statements (the hot
# path's bound statements are prepared after their fifth use, per server connection, which a pooler in
# transaction mode does not keep for us).
# Otherwise the hot path's bound statements (auxpolice.core.precompiled.bound_cursor: the token read, the
# application's one-statement insert) are prepared on their fifth use: Django turns psycopg's preparing off
# unless told, and planning them cost PostgreSQL more than running them. Django's own queries bind on the
# client and are never prepared either way.
PREPARE_THRESHOLD = 5
for _database in DATABASES.values():
    if _database["ENGINE"].endswith("postgresql"):
        _options = _database.setdefault("OPTIONS", {})
        if os.environ.get("DB_POOLER") == "pgbouncer":
            _database["DISABLE_SERVER_SIDE_CURSORS"] = True
            _database["CONN_MAX_AGE"] = 0
            _options["prepare_threshold"] = None
        else:
            _options.setdefault("prepare_threshold", PREPARE_THRESHOLD)
DATABASE_VENDOR_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "auxpolice.core.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "auxpolice.core.passwords.AccountKindPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Guardian grants are exceptions on agencies (direct-FK tables); no anonymous user is needed.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Login lockout: failures are counted per (username, address) so that nobody can lock another
# person out from elsewhere; the limit and cool-off are settings.
# Proxies in front of the web nodes that set X-Forwarded-For (the compose `scale` profile's nginx: 1).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Besides the per-(account, address) lockout: failed log-ins from one address, any account, within a window.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
LOGIN_ADDRESS_WINDOW_SECONDS = int(os.environ.get("LOGIN_ADDRESS_WINDOW_SECONDS", "900"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# collectstatic's target; in development WhiteNoise serves straight from the app folders instead.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (str(BASE_DIR / "staticfiles") if PRODUCTION else None)
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": default_storage_setting(os.environ),
    "backups": backup_storage_setting(
        os.environ, local_folder=os.environ.get("BACKUP_ROOT") or str(BASE_DIR / "var" / "backups")
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads (STORAGE_BACKEND=filesystem, the default) live outside the web root; with STORAGE_BACKEND=s3 in a
# private bucket (auxpolice.core.object_storage). Either way they are served only by permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "auxpolice@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: a refused token answers 401 with WWW-Authenticate (the first class names the challenge).
        "auxpolice.core.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["auxpolice.core.api.permissions.IsStaffRole"],
    "DEFAULT_PARSER_CLASSES": [
        "auxpolice.core.api.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "auxpolice.core.api.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "auxpolice.core.api.schema.AppTaggedSchema",
    "EXCEPTION_HANDLER": "auxpolice.core.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["auxpolice.core.api.throttles.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute"},
}
# API tokens (auxpolice.core.api_tokens): how long one lasts unless its owner says, and at most.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "1200/minute")  # requests per token
# Webhooks (auxpolice.core.webhooks): off unless switched on; endpoints are https:// except on these hosts.
WEBHOOKS_ENABLED = env_bool("WEBHOOKS_ENABLED", False)
WEBHOOK_PLAIN_HTTP_HOSTS = [h for h in os.environ.get("WEBHOOK_PLAIN_HTTP_HOSTS", "").split(",") if h]
SPECTACULAR_SETTINGS = {
    "TITLE": "auxpolice API",
    "DESCRIPTION": "警务辅助人员管理系统 API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["auxpolice.core.api.permissions.IsStaffRole"],
    # Served from our own static files: bureau networks have no internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "auxpolice.core.api.schema.add_examples",
    ],
    # Grouped by app (auxpolice.core.api.schema), in this order.
    "TAGS": [
        {"name": "core", "description": "账户、令牌、单位、审计 · accounts, tokens, agencies, audit"},
        {"name": "rules", "description": "规则与单位设置 · rules and agency settings"},
        {"name": "headcount", "description": "用人额度与招聘计划 · quotas and recruitment plans"},
        {"name": "recruitment", "description": "招聘与门户 · recruitment and the portal"},
        {
            "name": "personnel",
            "description": "人员、合同、在职记录、假期 · personnel, contracts, records, leave",
        },
        {"name": "assessment", "description": "考核与层级 · assessment and tiers"},
        {"name": "compensation", "description": "薪酬与社保 · pay and social insurance"},
    ],
    # Several models name a field `status` with their own choices: each set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "OfficerStatusEnum": "personnel.models.OfficerStatus",
        "PayrollRunStatusEnum": "compensation.models.RunStatus",
        "AnnouncementStatusEnum": "recruitment.models.AnnouncementStatus",
        "ObjectionStatusEnum": "recruitment.models.Objection.Status",
        "SheetImportStatusEnum": "auxpolice.core.models.SheetImportStatus",
        "WebhookEventEnum": "auxpolice.core.models.WebhookEvent",
    },
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without a broker the app still works: tasks run in-process at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# A batch task records progress after every chunk (seconds apart). With no progress for BATCH_STALL_SECONDS
# its worker is taken for dead and the beat sweep queues it again (auxpolice.core.batches); Redis redelivers
# an unacknowledged message after the visibility timeout, which must outlast the longest task (a province's
# payroll: well under 5 min).
BATCH_STALL_SECONDS = int(os.environ.get("BATCH_STALL_SECONDS", "600"))
# Items per slice of a batch run (payroll, assessment open/close): each slice is one task of a Celery group,
# so the slices of a province's run spread over every worker process (auxpolice.core.slices).
BATCH_SLICE_SIZE = int(os.environ.get("BATCH_SLICE_SIZE", "5000"))
# Queues by kind, so that a province-wide payroll never delays an applicant's notice: notices (short, someone
# waits), batches (payroll, assessment, imports: minutes of work in slices) and maintenance (the rest: scans,
# purges, sweeps). One worker may take all three (`-Q notices,batches,maintenance`, as docker-compose's does);
# at scale each queue gets its own pool of workers.
WORKER_QUEUES = ("notices", "batches", "maintenance")
CELERY_TASK_DEFAULT_QUEUE = "maintenance"
CELERY_TASK_ROUTES = {
    "recruitment.tasks.deliver_applicant_notices": {"queue": "notices"},
    "personnel.tasks.deliver_notices": {"queue": "notices"},
    "auxpolice.core.tasks.beat_heartbeat": {"queue": "notices"},
    "auxpolice.core.tasks.deliver_webhook": {"queue": "notices"},
    "auxpolice.core.tasks.deliver_due_webhooks": {
        "queue": "notices"
    },  # the scheduler's liveness, seen at once
    "compensation.tasks.*": {"queue": "batches"},
    "assessment.tasks.open_cycle*": {"queue": "batches"},
    "assessment.tasks.close_cycle*": {"queue": "batches"},
    "auxpolice.core.tasks.run_sheet_import": {"queue": "batches"},
    "personnel.tasks.run_import": {"queue": "batches"},
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "1800"))
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "heartbeat": {"task": "auxpolice.core.tasks.beat_heartbeat", "schedule": 60.0},
    "sweep-stalled-batches": {"task": "auxpolice.core.tasks.sweep_stalled_batches", "schedule": 120.0},
    "rules-expiry": {
        "task": "auxpolice.rules.tasks.warn_expiring_rule_packs",
        "schedule": crontab(hour=7, minute=0),
    },
    "personnel-deadlines": {"task": "personnel.tasks.scan_deadlines", "schedule": crontab(hour=6, minute=0)},
    "recruitment-retention-purge": {
        "task": "recruitment.tasks.purge_unsuccessful_applicants",
        "schedule": crontab(hour=2, minute=0),
    },
    "assessment-apply-tier-changes": {
        "task": "assessment.tasks.apply_due_tier_changes",
        "schedule": crontab(hour=0, minute=20),
    },
    "personnel-purge-import-files": {
        "task": "personnel.tasks.purge_import_files",
        "schedule": crontab(minute=15),
    },
    "purge-sheet-import-files": {
        "task": "auxpolice.core.tasks.purge_sheet_import_files",
        "schedule": crontab(minute=20),
    },
    "personnel-expire-contracts": {
        "task": "personnel.tasks.expire_contracts",
        "schedule": crontab(hour=0, minute=30),
    },
    "recruitment-release-results": {"task": "recruitment.tasks.release_due_results", "schedule": 300.0},
    "recruitment-publicity-ended": {
        "task": "recruitment.tasks.close_ended_publicities",
        "schedule": crontab(hour=8, minute=0),
    },
    # Notices are delivered right after the event; this sweep catches any a failed delivery left behind.
    "recruitment-deliver-notices": {"task": "recruitment.tasks.deliver_applicant_notices", "schedule": 60.0},
    "webhooks-deliver-due": {"task": "auxpolice.core.tasks.deliver_due_webhooks", "schedule": 60.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Contract-expiry notices go out this many days ahead (comma-separated).
CONTRACT_NOTICE_DAYS = tuple(int(d) for d in env_list("CONTRACT_NOTICE_DAYS", "90,60,30"))

# Back-office passwords are changed at least this often (MLPS); 0 turns the rule off. Applicants are never
# forced.
STAFF_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("STAFF_PASSWORD_MAX_AGE_DAYS", "90"))

# Second factor for back-office accounts (TOTP, RFC 6238): the issuer name shown in authenticator apps.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "辅警人事系统")
# Nobody reads another person's TOTP secret or QR code in the admin: that would be holding their second
# factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Idle and absolute session timeouts, enforced by auxpolice.core.middleware.SessionLimitsMiddleware.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

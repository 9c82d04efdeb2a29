"""Settings for Overgang.

Everything comes from environment variables (django-environ) with defaults that work on a
laptop: SQLite, a Celery broker on the file system, e-mail to the console. Set DATABASE_URL and
REDIS_URL to use PostgreSQL and Redis. See the README for the full table.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.database import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdefghijkl"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The address `make run` serves (HOST, PORT; Procfile.dev reads the same two), so that links in
# e-mails and meeting invitations point at the port actually served unless SITE_URL says else.
# honcho gives each process of Procfile.dev its own PORT (web 8123, worker 8223, beat 8323), so
# `make run` also passes the served port as RUN_PORT, which the worker's e-mails then use.
SERVE_HOST = env.str("HOST", default="127.0.0.1")
SERVE_PORT = env.int("RUN_PORT", default=env.int("PORT", default=8000))
# Listening on every interface is not an address to link to: links then name the loopback.
_ANY_INTERFACE = ("", "0.0.0.0", "::")  # noqa: S104  (compared with, not bound to)
_link_host = "127.0.0.1" if SERVE_HOST in _ANY_INTERFACE else SERVE_HOST
if ":" in _link_host and not _link_host.startswith("["):
    _link_host = f"[{_link_host}]"
SITE_URL = env.str("SITE_URL", default=f"http://{_link_host}:{SERVE_PORT}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "core",
    "cases",
    "treatment_options",
    "transitions",
    "notifications",
    "reports",
    "rights",
    "api",
]

MIDDLEWARE = [
    # /healthz and /readyz, before host validation, the HTTPS redirect and sessions.
    "core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy of SECURE_CSP on every response.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database connection raised by a view answers 503 (core.unavailable; handler500
    # covers the middlewares below).
    "core.unavailable.DatabaseUnavailableMiddleware",
    # Django's, saving the session only when it changed or is due for a touch (idle timeout).
    "accounts.session_idle.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page requires login unless the view is marked public (accounts.policies.public).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A logged-in user who still owes the second factor is sent to verification or enrolment.
    "accounts.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.current_user",
                "notifications.context_processors.unread_notifications",
            ],
        },
    },
]

DATABASES = {"default": database_settings(env, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Seconds a Redis connection or command may block (cache, broker, result backend).
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=3.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The per-request frame (sessions, each user's groups and permissions) is read from the cache
# only when every process shares it (accounts.cache_guard): a local memory cache per process
# would keep what another process has changed (a logout, a role change).
FRAME_CACHE = env.bool("FRAME_CACHE", default=bool(REDIS_URL))

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes must come first so that it can refuse a locked-out login.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UsernameOrEmailBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions live in the database and are read from the cache (accounts.session_store): a warm
# request reads no session row, and a cache outage falls back to the database.
SESSION_ENGINE = "accounts.session_store"
# Idle timeout: the session expires 30 minutes after the last request. The row is written
# again only once per SESSION_TOUCH_SLACK_SECONDS of activity, not on every request, so it is
# stored for the timeout plus that slack: it ends between 30 minutes and 30 minutes plus the
# slack after the last request, never earlier (accounts.session_idle).
SESSION_IDLE_TIMEOUT_SECONDS = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_TOUCH_SLACK_SECONDS = env.int("SESSION_TOUCH_SLACK_SECONDS", default=60)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT_SECONDS + SESSION_TOUCH_SLACK_SECONDS
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# django-axes: 5 failed logins lock the account for 15 minutes. Failures are counted per
# account, whatever spelling or e-mail address was typed, and unknown names by their
# normalised text (accounts.lockout).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Not on the password step: the failures are forgotten when the whole login (password and,
# where needed, the two-factor code) has succeeded (accounts.lockout).
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
SILENCED_SYSTEM_CHECKS = [
    # Lock by username, not by IP address: a town hall's staff share one NAT address, and
    # locking the address would lock out every caseworker in the building.
    "axes.W006",
]

# Two-factor login (TOTP, django-otp) with recovery codes: required for every role when
# REQUIRE_2FA=1, the default when DEBUG is off. The demo (DEBUG=1) keeps it optional.
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = "Overgang"
# django-otp's own back-off would make a right code fail after a typo; wrong codes count in the
# account's lock-out instead (5 wrong, passwords and codes together, lock it for 15 minutes).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# django-guardian: no anonymous user row; object permissions only for signed-in users.
ANONYMOUS_USER_NAME = None
GUARDIAN_RENDER_403 = False
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("Engelsk"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# The one date style per language (dates "24.11.2026", date-times "24.11.2026 kl. 10:00").
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("STATIC_MANIFEST", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))

# The console backend prints the decoded text (config/console_email.py), not quoted-printable.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="config.console_email.EmailBackend")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Overgang <noreply@overgang.local>")
if env.str("EMAIL_FILE_PATH", default=""):
    # For EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (tests, demos).
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds an SMTP connection may block; well below NOTIFICATION_CLAIM_TIMEOUT_SECONDS.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# Security: strict in production (DEBUG off), relaxed on a laptop.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (DESIGN §1), the same in development and production: scripts, styles,
# images, fonts and requests only from this site, no inline script or style. Our templates never
# use the nonce; it is there for the few third-party pages that mark their inline code with
# {% csp_nonce_attr %} (Django's admin and CSRF failure page), and the header carries it only on
# a page that used it. The API documentation page adds data: images (api.docs).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Celery: Redis when REDIS_URL is set; otherwise kombu's file-system transport, which needs no
# server, so `make run` works on a bare laptop.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # CELERY_FILESYSTEM_DIR: where the file-system broker keeps its folders (tests give each
    # worker a folder of its own).
    _broker_dir = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "celery")))
    _queue_dir = _broker_dir / "queue"
    _processed_dir = _broker_dir / "processed"
    _control_dir = _broker_dir / "control"
    for _folder in (_queue_dir, _processed_dir, _control_dir):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "control_folder": str(_control_dir),
        "store_processed": False,
    }
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=REDIS_URL or f"file://{VAR_DIR / 'celery' / 'results'}"
)
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    # Redis redelivers a message not acknowledged within the visibility timeout (acks_late: a
    # task is acknowledged when it ends). It must outlast the longest task (the hard time
    # limit) or a long task runs twice; the default of one hour would delay the recovery of a
    # task whose worker died by an hour. Socket timeouts: a Redis that has gone away fails
    # fast instead of hanging the worker or beat.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_TASK_TIME_LIMIT + 60,
        "socket_timeout": REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
        "retry_on_timeout": True,
    }
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
        "socket_timeout": REDIS_SOCKET_TIMEOUT,
        "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
    }
    CELERY_REDIS_SOCKET_TIMEOUT = REDIS_SOCKET_TIMEOUT
    CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_SOCKET_TIMEOUT
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
REMINDER_SWEEP_MINUTES = env.int("REMINDER_SWEEP_MINUTES", default=15)
# DESIGN §5.10: how far (in per cent) delivered contacts may fall below the agreed level over
# the last 4 weeks before the commitment shows a shortfall and the reminder tells people.
DELIVERY_SHORTFALL_TOLERANCE_PERCENT = env.int("DELIVERY_SHORTFALL_TOLERANCE_PERCENT", default=25)
# DESIGN §5.9: the first outpatient appointment counts as missed when no attended contact is
# recorded by this local time (HH:MM, Europe/Copenhagen) of its day (transitions.first_weeks).
FIRST_APPOINTMENT_CUTOFF = env.str("FIRST_APPOINTMENT_CUTOFF", default="16:00")
try:
    time.fromisoformat(FIRST_APPOINTMENT_CUTOFF)
except ValueError as error:
    raise ImproperlyConfigured("FIRST_APPOINTMENT_CUTOFF must be a time, HH:MM.") from error
# The outboxes (notification rows, queued report jobs) are published by dispatcher tasks that
# beat runs this often, and once when a worker starts: web requests never talk to the broker.
OUTBOX_DISPATCH_SECONDS = env.int("OUTBOX_DISPATCH_SECONDS", default=30)
# A delivery claim older than this belongs to a worker that died mid-send; the dispatcher then
# sends the e-mail again (same Message-ID). Must exceed EMAIL_TIMEOUT; with the dispatcher every
# 30 s a dead worker's e-mail goes out within 2 minutes.
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = env.int("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", default=60)
if NOTIFICATION_CLAIM_TIMEOUT_SECONDS <= EMAIL_TIMEOUT:
    raise ImproperlyConfigured("NOTIFICATION_CLAIM_TIMEOUT_SECONDS must exceed EMAIL_TIMEOUT.")
# The hour (Europe/Copenhagen) of the nightly retention run.
RETENTION_HOUR = env.int("RETENTION_HOUR", default=2)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "reminder-sweep": {
        "task": "notifications.tasks.reminder_sweep_task",
        "schedule": timedelta(minutes=REMINDER_SWEEP_MINUTES),
    },
    "notifications-dispatch": {
        "task": "notifications.tasks.notifications_dispatch_task",
        "schedule": timedelta(seconds=OUTBOX_DISPATCH_SECONDS),
    },
    "report-jobs-dispatch": {
        "task": "reports.tasks.report_jobs_dispatch_task",
        "schedule": timedelta(seconds=OUTBOX_DISPATCH_SECONDS),
    },
    "access-revocation-sweep": {
        "task": "cases.tasks.access_expiry_sweep_task",
        "schedule": timedelta(hours=1),
    },
    # The nightly retention run (docs/retention.md §6), at night Danish time.
    "retention-nightly": {
        "task": "rights.tasks.retention_task",
        "schedule": crontab(hour=RETENTION_HOUR, minute=15),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TwoFactorSessionAuthentication",
        "api.authentication.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Overgang API",
    "DESCRIPTION": (
        "REST-API for Overgang: borgere, sager med behandlingsgaranti, forløb, overgange, "
        "overgangsplan, statusnotater, statusmøder og tjek-ind. Samme adgangsregler som "
        "siderne: hvad brugeren ikke må se, svarer 404; skrivning uden ret svarer 403. Hver "
        "læsning skrives i adgangsloggen. Login: session (browser) eller "
        "`Authorization: Token <nøgle>` (systemer). / REST API for Overgang: citizens, cases "
        "with their treatment guarantee, episodes, transitions, handover plan, status notes, "
        "status meetings and check-ins. The same access rules as the pages: what the user may "
        "not see is 404; a write without the right is 403. Every read is written to the access "
        "log. Sign-in: session (browser) or `Authorization: Token <key>` (systems)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and the docs page are for signed-in users and token clients only; the docs
    # page's assets come from drf-spectacular-sidecar (static files), never from a CDN.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No deep links: Swagger UI puts each link inside the operation's button, a control nested
    # in a control that screen readers and keyboards cannot use (axe: nested-interactive).
    # No syntax colouring: its colours on the dark code blocks miss WCAG AA contrast.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Code docstrings are for developers; operation descriptions are written (in Danish and
    # English) with extend_schema.
    "DISABLE_DOCSTRING_DESCRIPTIONS": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "cases.models.CaseStatus",
        "TransitionStatusEnum": "transitions.models.Transition.Status",
        "CaseEventKindEnum": "cases.models.CaseEvent.Kind",
        "StatusNoteKindEnum": "transitions.models.StatusNote.Kind",
        "ActionItemKindEnum": "transitions.models.ActionItem.Kind",
        "ContactKindEnum": "treatment_options.models.Contact.Kind",
    },
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Every operation's error answers with their bodies (api.schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The access log's anchors reach the system log whatever LOG_LEVEL says.
        "overgang.access_log.anchor": {"level": "INFO"},
    },
}

# The access log's HMAC key (DESIGN §1, docs/access-log.md). It must not live in the database:
# whoever can write there must not be able to recompute the chain. After a rotation the earlier
# keys stay in ACCESS_LOG_OLD_KEYS (comma-separated), so that the entries they chained verify.
ACCESS_LOG_KEY = env.str("ACCESS_LOG_KEY", default="")
if not ACCESS_LOG_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ACCESS_LOG_KEY must be set when DEBUG is off: the secret that chains the access "
            "log (at least 32 characters; see docs/access-log.md)."
        )
    ACCESS_LOG_KEY = "dev-only-access-log-key-never-use-in-production-0123456789"
if len(ACCESS_LOG_KEY) < 32:
    raise ImproperlyConfigured("ACCESS_LOG_KEY must be at least 32 characters long.")
ACCESS_LOG_OLD_KEYS = env.list("ACCESS_LOG_OLD_KEYS", default=[])
# Where every reminder sweep appends the head of the chain (append-only, one JSON line each).
ACCESS_LOG_ANCHOR_FILE = BASE_DIR / env.str(
    "ACCESS_LOG_ANCHOR_FILE", default="var/access-log-anchors.jsonl"
)
# How long a purpose the user picked for a case (DESIGN §10) is remembered in the session.
ACCESS_PURPOSE_REMEMBER_MINUTES = env.int("ACCESS_PURPOSE_REMEMBER_MINUTES", default=60)
# The managers' access log marks a user who opens more cases outside their own in one day.
ACCESS_LOG_UNUSUAL_CASES_PER_DAY = env.int("ACCESS_LOG_UNUSUAL_CASES_PER_DAY", default=20)

# Product rules that a municipality may tune.
BREAK_GLASS_HOURS = env.int("BREAK_GLASS_HOURS", default=4)
RESIDENTIAL_READ_ACCESS_DAYS = env.int("RESIDENTIAL_READ_ACCESS_DAYS", default=30)

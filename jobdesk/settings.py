"""jobdesk settings: one module, driven by environment variables.

Every setting an operator may change is read here from the environment (see docs/configuration.md).
Secrets may also be given as files: ``SECRET_KEY_FILE``, ``JOBDESK_FIELD_KEY_FILE``,
``JOBDESK_LOOKUP_KEY_FILE`` and ``DATABASE_URL_FILE`` name a file whose contents are the value.
SQLite (WAL) under ``var/`` is the default database; PostgreSQL is chosen by ``DATABASE_URL``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JOBDESK_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    """Read ``name`` from the environment, or from the file named by ``name_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


# Production mode: secure cookies, HSTS, no DEBUG, explicit secrets required.
PRODUCTION = env_bool("JOBDESK_PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

_secret = env("SECRET_KEY")
if not _secret:
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) must be set when JOBDESK_PRODUCTION=1")
    _secret = "dev-only-insecure-key-" + hashlib.sha256(str(BASE_DIR).encode()).hexdigest()
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not PRODUCTION else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "jobdesk.background",
    "jobdesk.common",
    "jobdesk.accounts",
    "jobdesk.audit",
    "jobdesk.taxonomy",
    "jobdesk.standard",
    "jobdesk.cases",
    "jobdesk.employers",
    "jobdesk.matching",
    "jobdesk.referrals",
    "jobdesk.privacy",
    "jobdesk.reports",
    "jobdesk.statutory",
    "jobdesk.api",
    "jobdesk.demo",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jobdesk.common.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jobdesk.common.input_guard.RejectNulMiddleware",
    "jobdesk.accounts.middleware.SessionTimeoutMiddleware",
    "jobdesk.privacy.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jobdesk.common.middleware.RequestContextMiddleware",
    "jobdesk.common.middleware.NoStoreForStaffMiddleware",
    "jobdesk.common.middleware.DatabaseUnavailableMiddleware",
    "jobdesk.common.db_router.ReplicaPagesMiddleware",
]

ROOT_URLCONF = "jobdesk.urls"
WSGI_APPLICATION = "jobdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jobdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jobdesk.common.context_processors.navigation",
            ],
        },
    }
]

# Database: SQLite (WAL) under var/ unless DATABASE_URL names another.
_database_url = env("DATABASE_URL")
if _database_url:
    DATABASES: dict[str, dict[str, Any]] = {
        # Persistent connections, checked before reuse (CONN_HEALTH_CHECKS): the first request
        # after a database restart reconnects instead of failing.
        "default": dict(
            dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("JOBDESK_SQLITE_PATH", str(VAR_DIR / "jobdesk.sqlite3")),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
# A read replica (streaming replica of the primary) for the read-only pages: reports, the
# labour-market pages, lists (jobdesk/common/db_router.py, docs/scaling.md). Writes, and every
# other read, go to the primary.
_replica_url = env("DATABASE_REPLICA_URL")
if _replica_url:
    DATABASES["replica"] = dict(
        dj_database_url.parse(_replica_url, conn_max_age=60, conn_health_checks=True)
    ) | {"TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["jobdesk.common.db_router.ReplicaRouter"]
# URL names whose GET requests read from the replica (``namespace:*``: the whole app).
JOBDESK_REPLICA_PAGES = frozenset(
    (
        env(
            "JOBDESK_REPLICA_PAGES",
            "reports:*,employers:labour_market,employers:vacancy_list,employers:employer_list",
        )
        or ""
    ).split(",")
) - {""}
# After a browser's POST its pages read the primary this long (the replica may lag behind).
JOBDESK_REPLICA_PIN_SECONDS = int(env("JOBDESK_REPLICA_PIN_SECONDS", "10") or 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["jobdesk.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout after repeated failures (per account), see jobdesk/accounts/backends.py.
JOBDESK_LOCKOUT_THRESHOLD = int(env("JOBDESK_LOCKOUT_THRESHOLD", "5") or 5)
JOBDESK_LOCKOUT_MINUTES = int(env("JOBDESK_LOCKOUT_MINUTES", "15") or 15)
JOBDESK_LOGIN_ADDRESS_THRESHOLD = int(env("JOBDESK_LOGIN_ADDRESS_THRESHOLD", "30") or 30)
JOBDESK_LOGIN_ADDRESS_WINDOW_MINUTES = int(env("JOBDESK_LOGIN_ADDRESS_WINDOW_MINUTES", "15") or 15)
JOBDESK_IMPORT_MAX_ROWS = int(env("JOBDESK_IMPORT_MAX_ROWS", "5000") or 5000)
JOBDESK_IMPORT_STAGE_HOURS = int(env("JOBDESK_IMPORT_STAGE_HOURS", "24") or 24)
# A list export above this many rows is made by a background task, with a progress page; its file
# is kept this many hours for the member of staff who asked (jobdesk purge_exports removes it).
JOBDESK_EXPORT_SYNC_MAX_ROWS = int(env("JOBDESK_EXPORT_SYNC_MAX_ROWS", "5000") or 5000)
JOBDESK_EXPORT_KEEP_HOURS = int(env("JOBDESK_EXPORT_KEEP_HOURS", "24") or 24)
JOBDESK_OTP_THRESHOLD = int(env("JOBDESK_OTP_THRESHOLD", "5") or 5)
# A running month's report snapshot (jobdesk report-figures --running) is read by the report
# pages while younger than this; older, the running month is counted from the rows
# (reports/freshness.py).
JOBDESK_REPORT_FRESH_MINUTES = int(env("JOBDESK_REPORT_FRESH_MINUTES", "60") or 60)
# Idle session timeout in minutes (PDPA Art. 27 security measure).
JOBDESK_SESSION_IDLE_MINUTES = int(env("JOBDESK_SESSION_IDLE_MINUTES", "30") or 30)
# The match index re-fits its text model (a full rebuild) when it is this many days old; in
# between, a new day only re-checks the vacancies whose closing date or employer dispute moved.
JOBDESK_MATCH_REFIT_DAYS = int(env("JOBDESK_MATCH_REFIT_DAYS", "7") or 7)
# ... on a background thread while the old index keeps serving (off: the query that finds it due
# waits for the rebuild).
JOBDESK_MATCH_BACKGROUND_REFIT = env_bool("JOBDESK_MATCH_BACKGROUND_REFIT", True)
# Where the worker writes the match index snapshot that every web process memory-maps
# (jobdesk build-match-index, after each nightly batch; docs/scaling.md). No snapshot there: each
# process builds its own index from the database, as before.
JOBDESK_MATCH_SNAPSHOT_DIR = Path(
    env("JOBDESK_MATCH_SNAPSHOT_DIR", str(VAR_DIR / "match-index")) or VAR_DIR / "match-index"
)
# Check the snapshot's checksums (CRC-32 of state.pickle before loading, of the arrays on a thread
# once the index answers; a failure drops it). Off: sizes only.
JOBDESK_MATCH_SNAPSHOT_VERIFY = env_bool("JOBDESK_MATCH_SNAPSHOT_VERIFY", True)

# Field encryption (national IDs, PDPA Art. 6 categories). Comma-separated Fernet keys, newest
# first: new values are written with the first, all are tried when reading (key rotation).
_field_keys = env("JOBDESK_FIELD_KEY")
if not _field_keys:
    if PRODUCTION:
        raise RuntimeError(
            "JOBDESK_FIELD_KEY (or JOBDESK_FIELD_KEY_FILE) must be set in production"
        )
    _field_keys = base64.urlsafe_b64encode(
        hashlib.sha256(b"jobdesk-dev-field-key:" + SECRET_KEY.encode()).digest()
    ).decode()
JOBDESK_FIELD_KEYS = [k.strip() for k in _field_keys.split(",") if k.strip()]
# Key for the keyed hash (HMAC) that finds a national ID again without decrypting.
_lookup_key = env("JOBDESK_LOOKUP_KEY")
if not _lookup_key:
    if PRODUCTION:
        raise RuntimeError(
            "JOBDESK_LOOKUP_KEY (or JOBDESK_LOOKUP_KEY_FILE) must be set in production"
        )
    _lookup_key = hashlib.sha256(b"jobdesk-dev-lookup-key:" + SECRET_KEY.encode()).hexdigest()
JOBDESK_LOOKUP_KEY = _lookup_key

# Background work: the Django tasks API; database backend by default, RQ for scale-out.
# The database worker (jobdesk worker) writes a heartbeat for the task it runs every
# JOBDESK_TASK_HEARTBEAT seconds; a RUNNING task without one for JOBDESK_TASK_VISIBILITY_TIMEOUT
# seconds was abandoned by a killed worker and is queued again (jobdesk/background/recovery.py).
JOBDESK_TASK_HEARTBEAT = float(env("JOBDESK_TASK_HEARTBEAT", "15") or 15)
JOBDESK_TASK_VISIBILITY_TIMEOUT = float(env("JOBDESK_TASK_VISIBILITY_TIMEOUT", "120") or 120)
_task_backend = env("JOBDESK_TASK_BACKEND", "database")
if _task_backend == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif _task_backend == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LANGUAGE_CODE = "zh-hant"
# Traditional Chinese only: the English catalogue (locale/en) covers the shell but not the pages,
# so no language is offered that the pages cannot keep (docs/configuration.md, "Language").
LANGUAGES = [("zh-hant", "繁體中文")]
LOCALE_PATHS = [BASE_DIR / "jobdesk" / "locale"]
# Dates on the printed forms (求職登記表, 就業計畫書, 同意書 …) in 民國 years, as Taiwanese
# government forms write them; screens keep ISO dates (the `form_date` template filter).
JOBDESK_ROC_DATES = env_bool("JOBDESK_ROC_DATES", True)
TIME_ZONE = env("TIME_ZONE", "Asia/Taipei") or "Asia/Taipei"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "static")) or VAR_DIR / "static")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")) or VAR_DIR / "media")
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy: everything is served by the app itself (closed network, no CDN).
JOBDESK_CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000") or 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
if PRODUCTION and not env_bool("SECURE_HSTS_PRELOAD"):
    # Preloading is a decision for the operator of the domain, not for the application.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO") or "INFO"},
}

# The REST API (docs/api.md, ADR 0002): tokens or the browser session, per-token rate limits in
# the cache, cursor pagination, one exception handler; OpenAPI 3.1 generated from the code.
JOBDESK_API_RATE = env("JOBDESK_API_RATE", "600/min") or "600/min"
REST_FRAMEWORK: dict[str, Any] = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jobdesk.api.authentication.TokenAuthentication",
        "jobdesk.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["jobdesk.api.permissions.ApiAccess"],
    "DEFAULT_THROTTLE_CLASSES": ["jobdesk.api.throttling.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "jobdesk.api.pagination.CursorPage",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "jobdesk.api.exceptions.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": "jobdesk API",
    "DESCRIPTION": "就業服務工作台的 API：與畫面相同的服務函式、範圍與紀錄（docs/api.md）。",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jobdesk.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CaseStatusEnum": "jobdesk.cases.models.CaseStatus",
        "ClosureStatusEnum": "jobdesk.cases.models.ClosureStatus",
        "ClosureReasonEnum": "jobdesk.cases.models.ClosureReason",
        "PlanStepStatusEnum": "jobdesk.cases.models.PlanStepStatus",
        "ActivityKindEnum": "jobdesk.cases.models.ActivityKind",
        "SeekerPayBasisEnum": "jobdesk.cases.models.PayBasis",
        "SeekerShiftEnum": "jobdesk.cases.models.Shift",
        "VacancyPayBasisEnum": "jobdesk.employers.models.PayBasis",
        "VacancyShiftEnum": "jobdesk.employers.models.Shift",
        "VacancyStatusEnum": "jobdesk.employers.models.VacancyStatus",
        "FindingStatusEnum": "jobdesk.employers.models.FindingStatus",
        "DisputeKindEnum": "jobdesk.employers.models.DisputeKind",
        "RecommendationStatusEnum": "jobdesk.matching.models.RecommendationStatus",
        "NotHiredReasonEnum": "jobdesk.matching.models.NotHiredReason",
        "ReferralStatusEnum": "jobdesk.referrals.models.ReferralStatus",
        "ReferralOutcomeEnum": "jobdesk.referrals.models.Outcome",
        "RequestKindEnum": "jobdesk.privacy.models.RequestKind",
        "RequestStatusEnum": "jobdesk.privacy.models.RequestStatus",
    },
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
}

# Where the shared data (taxonomy sources, sample ads) lies for demos, tests and benchmarks.
JOBDESK_SHARED_DIR = Path(env("JOBDESK_SHARED", str(BASE_DIR.parent / "shared")) or "")

"""Django settings. Every value that varies between machines comes from `env.Env`."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from .env import ConfigError, Env

env = Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env.path("ONEWINDOW_VAR_DIR", Path.cwd() / "var")

# Values that are fine on a developer's machine and refused by `onewindow serve`.
DEV_SECRET_KEY = "onewindow-insecure-development-key-do-not-use-in-production"
DEV_FIELD_KEY = "0123456789abcdeffedcba9876543210"

DEBUG = env.bool("ONEWINDOW_DEBUG", False)
SECRET_KEY = env.str("ONEWINDOW_SECRET_KEY", DEV_SECRET_KEY)
if len(SECRET_KEY) < 32:
    raise ConfigError("环境变量 ONEWINDOW_SECRET_KEY 太短: 至少需要 32 个字符")
# SM4 key (16 bytes, hex) for personal data stored encrypted (resident ID numbers, phones).
FIELD_ENCRYPTION_KEY = env.hex_key("ONEWINDOW_FIELD_KEY", DEV_FIELD_KEY, nbytes=16)

ALLOWED_HOSTS = env.list("ONEWINDOW_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("ONEWINDOW_CSRF_TRUSTED_ORIGINS", [])
# Name shown in the letterhead, titles and notices.
COUNTY_NAME = env.str("ONEWINDOW_COUNTY_NAME", "眉县")
# Where people reach the platform, for links printed on paper (the QR code on a notice).
# Empty: taken from the request that renders the document.
PUBLIC_URL = env.str("ONEWINDOW_PUBLIC_URL", "").rstrip("/")
# A TrueType/OpenType font (or collection) with Chinese glyphs for PDF documents; empty:
# the first of Noto Sans CJK, Noto Serif CJK, WenQuanYi Zen Hei / Micro Hei found.
CJK_FONT = env.str("ONEWINDOW_CJK_FONT", "")
PLATFORM_NAME = env.str("ONEWINDOW_PLATFORM_NAME", "眉县一体化政务服务平台")

INSTALLED_APPS = [
    # First, so its templates (the admin home's calendar warning) override Django's.
    "onewindow.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI from its own static files instead of a CDN
    "django_tasks",
    "django_tasks_db",
    "onewindow.org",
    "onewindow.identity",
    "onewindow.notifications",
    "onewindow.catalog",
    "onewindow.cases",
    "onewindow.assist",
    "onewindow.bundles",
    "onewindow.consult",
    "onewindow.portal",
    "onewindow.frontdesk",
    "onewindow.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "onewindow.identity.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "onewindow.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "onewindow.config.urls"
WSGI_APPLICATION = "onewindow.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onewindow.web.context_processors.platform",
            ],
        },
    },
]

# --- Database: SQLite under ./var/ by default, PostgreSQL in production -----------------
_default_db_url = f"sqlite:///{VAR_DIR / 'onewindow.sqlite3'}"
DATABASE_URL = env.str("DATABASE_URL", _default_db_url)
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=env.int("ONEWINDOW_DB_CONN_MAX_AGE", 60))
except Exception as exc:  # dj_database_url raises several types for a bad URL
    raise ConfigError(f"环境变量 DATABASE_URL 无效: {exc}") from exc
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database lives in a file under ./var/, created on first use.
    if _db["NAME"] != ":memory:":
        Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE transactions take
        # the write lock up front so two writers queue on busy_timeout instead of deadlocking.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif _db["ENGINE"] == "django.db.backends.postgresql":
    # Short OLTP queries: JIT compilation costs more than it saves (15 ms on an inbox page
    # whose cost the planner overestimates) — off for the platform's own connections.
    _db.setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    raise ConfigError("环境变量 DATABASE_URL 只支持 sqlite:// 与 postgres:// 两种数据库")
# Connections are kept between requests (ONEWINDOW_DB_CONN_MAX_AGE seconds, one per server
# thread): opening one costs more than a whole inbox page (the SQLite PRAGMAs, the PostgreSQL
# handshake). A connection the database dropped is noticed and replaced at the next request.
_db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ----------------------------------------------------------------------------
AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = ["onewindow.identity.auth.LockoutModelBackend"]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "onewindow.identity.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "onewindow.identity.passwords.CharacterClassValidator"},
]
LOGIN_MAX_FAILURES = env.int("ONEWINDOW_LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCK_MINUTES = env.int("ONEWINDOW_LOGIN_LOCK_MINUTES", 15, minimum=1)
# Idle timeout: a session ends after this many minutes without a request from the person
# (identity.middleware.IdleTimeoutMiddleware; background polls do not count). The cookie
# itself lasts at most a working day.
SESSION_IDLE_MINUTES = env.int("ONEWINDOW_SESSION_MINUTES", 30, minimum=1)
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("ONEWINDOW_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# API bearer tokens issued by administrators expire after this many days unless set.
API_TOKEN_DEFAULT_DAYS = env.int("ONEWINDOW_API_TOKEN_DAYS", 365, minimum=1)

# --- Language and time -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Working-day calendar ----------------------------------------------------------------
# Applications received at or after this time (or on a non-working day) count as received on
# the next working day.
OFFICE_HOURS_END = env.time("ONEWINDOW_OFFICE_HOURS_END", "17:00")
# 首问负责: a referred or deferred consultation still open this many working days after it
# was asked is overdue (docs/consultations.md).
CONSULT_FOLLOW_UP_DAYS = env.int("ONEWINDOW_CONSULT_FOLLOW_UP_DAYS", 2, minimum=1)

# --- Static files: vendored libraries served by whitenoise -------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("ONEWINDOW_MEDIA_DIR", VAR_DIR / "media")
# Largest file an applicant or clerk may attach to a case.
CASE_UPLOAD_MAX_BYTES = env.int("ONEWINDOW_UPLOAD_MAX_MB", 20, minimum=1) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = DEBUG

# --- Background work ---------------------------------------------------------------------
TASK_BACKEND = env.choice("ONEWINDOW_TASK_BACKEND", "db", ("db", "rq", "immediate"))
REDIS_URL = env.str("ONEWINDOW_REDIS_URL", "redis://127.0.0.1:6379/0")
_TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASK_BACKEND], "QUEUES": ["default"]}}
if TASK_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
# Seconds between runs of the periodic-job scheduler inside `onewindow worker`.
SCHEDULER_TICK_SECONDS = env.int("ONEWINDOW_SCHEDULER_TICK", 30, minimum=1)

# --- Notifications -----------------------------------------------------------------------
SMS_BACKEND = env.str("ONEWINDOW_SMS_BACKEND", "onewindow.notifications.backends.LogSmsBackend")
_email = env.choice("ONEWINDOW_EMAIL", "console", ("console", "smtp", "locmem"))
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}[_email]
EMAIL_HOST = env.str("ONEWINDOW_SMTP_HOST", "localhost")
EMAIL_PORT = env.int("ONEWINDOW_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.str("ONEWINDOW_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env.str("ONEWINDOW_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env.bool("ONEWINDOW_SMTP_TLS", False)
DEFAULT_FROM_EMAIL = env.str("ONEWINDOW_MAIL_FROM", "noreply@onewindow.local")
NOTIFICATION_MAX_ATTEMPTS = env.int("ONEWINDOW_NOTIFY_MAX_ATTEMPTS", 5, minimum=1)

# --- Logging -----------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("ONEWINDOW_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

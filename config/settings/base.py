"""Settings shared by every environment; everything that varies is read from the environment."""

from __future__ import annotations

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is a convenience for development; the process environment always wins.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="django-insecure-only-for-local-development-never-in-production",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_tasks_db",
    "core",
    "units",
    "blocs",
    "meetings",
    "awards",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# SQLite needs nothing to start; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two requests writing at once (a double click, a second tab) wait for each other instead of
    # one failing with "database is locked": a write transaction takes the lock as it begins.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out pair never reaches the password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
# A link to set or reset a password works once, for three days (an invitation waits a weekend).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# A whole office often sits behind one address: lock the username and address pair only.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_IPWARE_PROXY_COUNT", default=0)

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# In the database, so that every app server shares it (the public check's rate limit counts
# there); `manage.py createcachetable` makes its table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "khoithidua_cache",
    }
}

# Background work (e-mail, reminders) waits in the database for `manage.py db_worker`; a request
# never waits for a mail server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail: the console by default (development prints the mails), SMTP in production, e.g.
# EMAIL_URL=smtp+tls://user:password@mail.example.gov.vn:587 (smtp+ssl:// for port 465).
_mail = env.email_url("EMAIL_URL", default="consolemail://")
if _mail["EMAIL_BACKEND"].endswith("console.EmailBackend"):
    # The console, with the Vietnamese text printed readably.
    _mail["EMAIL_BACKEND"] = "core.mail.ConsoleBackend"
_MAIL_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
}
MAILERS = {"default": {"BACKEND": _mail["EMAIL_BACKEND"]}}
if _mail["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        _MAIL_OPTIONS[key]: value for key, value in _mail.items() if key in _MAIL_OPTIONS
    } | {"timeout": env.int("EMAIL_TIMEOUT", default=30)}
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Khối thi đua <khoithidua@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How many working days before a date of the year's calendar `send_reminders` reminds.
REMINDER_WORKING_DAYS = env.int("REMINDER_WORKING_DAYS", default=3)

# The certificate authorities whose certificates a signed original must come from (a PEM or DER
# file, or a folder of them: for example the root of the Government's CA). Unset, a signature is
# checked to be intact and to cover the issued file, but not who issued its certificate.
DOCUMENT_TRUST_ROOTS = env.str("DJANGO_DOCUMENT_TRUST_ROOTS", default="")
# The address of the app as its users reach it, for the links in mails sent by the worker.
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

LANGUAGE_CODE = "vi"
# Vietnamese for everyone, whatever the browser asks for; English exists for development only.
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Everything the pages load is served by the app itself: no CDN, no inline script without a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # A signed original's certificate chain is not checked against trusted authorities;
        # pyHanko's reports of the untrusted chain are expected, not errors.
        "pyhanko_certvalidator": {"level": "CRITICAL"},
        "pyhanko.sign.validation": {"level": "CRITICAL"},
    },
}

# The demo's logins share this password; it is published in README, so a server with DEBUG off
# (production) never gets it, and loads the demo at all only when DJANGO_DEMO_ALLOWED says so.
PUBLISHED_DEMO_PASSWORD = "khoithidua2026"
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default=PUBLISHED_DEMO_PASSWORD)
DEMO_ALLOWED = env.bool("DJANGO_DEMO_ALLOWED", default=DEBUG)
AXES_VERBOSE = env.bool("AXES_VERBOSE", default=False)

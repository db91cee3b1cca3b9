"""
Settings for the health-information CMS.

Everything that differs between a laptop and production is read from the
environment. The defaults are for development (SQLite file, console email,
in-process cache); production is selected with ``DJANGO_DEBUG=0`` and then
refuses to start with a development secret key or without allowed hosts.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", True)

_DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-this-key-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    # Fail loudly rather than run production with guessable keys or open hosts.
    if SECRET_KEY == _DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
            "when DJANGO_DEBUG=0."
        )
    if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must list the site's host names when DJANGO_DEBUG=0."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "django_tasks_db",
    "django_prose_editor",
    "healthinfo",
    "healthinfo.outbox",
    "healthinfo.pagecache",
    "comments",
]

MIDDLEWARE = [
    # First: an address with a NUL byte is refused before anything looks it up.
    "healthinfo.middleware.MalformedRequestMiddleware",
    # Readers without a session get a shared page kept in this process with the
    # headers the whole stack below gave it, without running it again.
    "healthinfo.shared_pages.SharedPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "healthinfo.reader_state.ReaderStateMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, which has refused a host not in ALLOWED_HOSTS.
    "healthinfo.site_address.SiteAddressMiddleware",
    # Before the CSRF check, which would read the body: oversized public posts get 413.
    "healthinfo.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "healthinfo.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "healthinfo.urls"
WSGI_APPLICATION = "healthinfo.wsgi.application"

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
                "healthinfo.context_processors.site",
                "healthinfo.context_processors.shared_page",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

# SQLite by default; PostgreSQL with DATABASE_URL=postgres://user@host:5432/name.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A persistent connection that died (database restarted, failover) is
        # noticed at the start of the next request and replaced, so the site
        # recovers from an outage without restarting the app servers.
        conn_health_checks=True,
    )
}
# While answering a request, the longest one wait for PostgreSQL may take
# (seconds; 0: no limit). A server that does not answer (frozen, a hung host)
# then gets the reader the 503 page instead of a hung request; a slow query on
# a live server is cancelled by the server a second earlier (statement_timeout).
# See healthinfo/postgresql/base.py.
DATABASE_REQUEST_TIMEOUT = env_int("DATABASE_REQUEST_TIMEOUT", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with the request deadline above for app servers.
    DATABASES["default"]["ENGINE"] = "healthinfo.postgresql"
    _statement_timeout_ms = env_int("DATABASE_STATEMENT_TIMEOUT", 60) * 1000
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # An unreachable database host must cost a request seconds (then the
            # 503 page), not the operating system's two-minute TCP timeout.
            "connect_timeout": env_int("DATABASE_CONNECT_TIMEOUT", 5),
            # A connection whose server or network died while idle is noticed
            # within a minute (keepalives), and one whose data goes unacknowledged
            # for 10 s is dropped (a cut network), instead of hanging on.
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            "tcp_user_timeout": 10_000,
            # Server side: no statement runs longer than DATABASE_STATEMENT_TIMEOUT
            # (worker, commands; app servers get a shorter one), and a query whose
            # client has gone is stopped within 2 s (PostgreSQL 14 or later).
            "options": f"-c statement_timeout={_statement_timeout_ms} "
            "-c client_connection_check_interval=2000",
        }
    )

# --- Cache ------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, but a stopped or hung Redis degrades to "no
            # cache" (logged) within milliseconds instead of failing requests.
            "BACKEND": "healthinfo.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "healthinfo"),
            "OPTIONS": {
                # Seconds: connecting, and waiting for any answer (a hung Redis).
                "socket_connect_timeout": float(os.environ.get("REDIS_CONNECT_TIMEOUT", 0.25)),
                "socket_timeout": float(os.environ.get("REDIS_SOCKET_TIMEOUT", 0.5)),
                "socket_keepalive": True,
                # After a failure, serve without Redis this long before trying again.
                "retry_interval": 5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "healthinfo",
        }
    }

# Reader pages shared by every reader without a session (healthinfo.shared_pages):
# seconds a standard HTTP cache in front (Varnish, a CDN) may keep one (s-maxage).
# It is purged sooner when the page changes, if HTTP_CACHE_PURGE_URLS names it.
HTTP_CACHE_SECONDS = env_int("HTTP_CACHE_SECONDS", 600)
# Varnish servers to send BAN requests to (comma-separated, e.g. http://127.0.0.1:6081),
# or HTTP_CACHE_PURGER=dotted.path.to.a.Purger for another cache (see healthinfo.pagecache).
_purge_urls = env_list("HTTP_CACHE_PURGE_URLS")
HTTP_CACHE_PURGER = None
if _purge_urls or os.environ.get("HTTP_CACHE_PURGER"):
    HTTP_CACHE_PURGER = {
        "BACKEND": os.environ.get(
            "HTTP_CACHE_PURGER", "healthinfo.pagecache.http_cache.VarnishPurger"
        ),
        "OPTIONS": {"urls": _purge_urls} if _purge_urls else {},
    }
# While one request renders a page again after a change, others get the previous
# copy for at most this many seconds after the change (then they wait for the new one).
SHARED_PAGE_GRACE_SECONDS = float(os.environ.get("SHARED_PAGE_GRACE_SECONDS", "1"))
# A shared page is served on cache generation tokens this process read from the
# database less than this many seconds ago (no query), so a change shows within
# this time (at most 1; 0: every request asks the database). Answers an HTTP cache
# in front may keep always ask (healthinfo.shared_pages).
SHARED_PAGE_RECHECK_SECONDS = float(os.environ.get("SHARED_PAGE_RECHECK_SECONDS", "0.5"))
if not 0 <= SHARED_PAGE_RECHECK_SECONDS <= 1:
    raise ImproperlyConfigured(
        "SHARED_PAGE_RECHECK_SECONDS must be between 0 and 1: readers are promised "
        f"a change within a second (got {SHARED_PAGE_RECHECK_SECONDS:g})."
    )
# Shared pages each app server process keeps in memory too (bytes), saving a cache round trip.
SHARED_PAGE_LOCAL_BYTES = env_int("SHARED_PAGE_LOCAL_BYTES", 32 * 1024 * 1024)

# Sessions live in the database so that they survive cache restarts and work
# across several app servers (Django's database store, with outages answered 503).
SESSION_ENGINE = "healthinfo.sessions"
# Readers without an account (a vote, a question awaiting review) get no session: a small
# signed cookie of numbers, kept this long after her last vote or question
# (healthinfo.reader_state).
READER_STATE_COOKIE_NAME = "reader"
READER_STATE_COOKIE_AGE = env_int("READER_STATE_COOKIE_AGE", 30 * 24 * 3600)

# --- Authentication -----------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Internationalisation -----------------------------------------------------

LANGUAGE_CODE = "en"
# Add a language here (and a catalogue under locale/) to offer it to readers.
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
]
# PostgreSQL text-search configuration per language (stemming, stop words) for search.
SEARCH_CONFIGURATIONS = {"en": "english", "es": "spanish"}
# How long a query's results are kept in the cache (until any page changes); 0: never kept.
SEARCH_RESULTS_CACHE_SECONDS = env_int("SEARCH_RESULTS_CACHE_SECONDS", 300)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/London")
FORMAT_MODULE_PATH = ["healthinfo.formats"]

# --- Static and media files --------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email --------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "HealthInfo <no-reply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Django 6.1 mailers: console in development, SMTP in production. Tests
# swap every mailer for the in-memory one automatically.
_SMTP_OPTIONS = {
    "host": os.environ.get("EMAIL_HOST", "localhost"),
    "port": env_int("EMAIL_PORT", 587),
    "username": os.environ.get("EMAIL_HOST_USER", ""),
    "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
    "use_tls": env_bool("EMAIL_USE_TLS", True),
    "timeout": env_int("EMAIL_TIMEOUT", 10),
}
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = _SMTP_OPTIONS

# Background work (emails) goes through Django's tasks framework on a durable
# queue in the database (django_tasks_db): requests only enqueue, and the
# worker (`manage.py run_worker`, started by `make run`; a systemd service in
# production, see README) runs the jobs. The test suite runs them at once
# with Django's immediate backend (conftest.py); the fault tests run the worker.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Emails wait in the outbox (healthinfo.outbox) until the mail server takes
# them. While it cannot be reached they are tried again after 30 s, then
# 1, 2, 4 … minutes, at most an hour apart; unsent after three days, an email
# is given up on (and listed as failed in the admin).
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 30)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 3600)
OUTBOX_GIVE_UP_AFTER_HOURS = env_int("OUTBOX_GIVE_UP_AFTER_HOURS", 72)
# Sent emails (with readers' addresses) are deleted from the outbox after this many days.
OUTBOX_KEEP_SENT_DAYS = env_int("OUTBOX_KEEP_SENT_DAYS", 7)

# --- Security -------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Load balancers probe app servers over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Nothing is ever loaded from another host: no CDN, no fonts, no analytics.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        # Only trust this header when a proxy in front of us always sets it.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Third-party ----------------------------------------------------------------

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Product settings ---------------------------------------------------------

SITE_NAME = os.environ.get("SITE_NAME", "HealthInfo")
# Whole-page medical reviews are due this many months after the last one,
# unless the category or the article says otherwise.
DEFAULT_REVIEW_INTERVAL_MONTHS = env_int("DEFAULT_REVIEW_INTERVAL_MONTHS", 36)
# None: overdue pages stay up with a notice. A number: pages more than that many
# days past their next review date are hidden from readers until reviewed.
REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE = env_int("REVIEW_UNPUBLISH_AFTER_DAYS_OVERDUE", None)
# True: an editor may publish a draft without a medical sign-off by declaring the
# change non-clinical (typo, formatting, link), with a reason shown in the page
# history and the audit trail. False: every change to a page needs a sign-off.
NON_CLINICAL_PUBLISHING = env_bool("NON_CLINICAL_PUBLISHING", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"without_traceback": {"()": "healthinfo.log_filters.WithoutTraceback"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "console_one_line": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["without_traceback"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # A wrong Host header, a body over Django's limit, a forged session: a
        # client's doing, not a bug. One line each, no traceback.
        "django.security": {"handlers": ["console_one_line"], "propagate": False},
    },
}

# --- Reader questions ---------------------------------------------------------

# The public address of the site (https://health.example.org): absolute links in
# pages, feeds, JSON-LD, citations and emails. Empty in development: links follow
# the address each request came to, and jobs no request started use the first of
# ALLOWED_HOSTS (see healthinfo.site_address; `check --deploy` says what it uses).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
# Number of reverse proxies in front of the app that append to X-Forwarded-For.
# 0 trusts only REMOTE_ADDR; never raise it without such a proxy, or readers
# could choose their own IP address and escape the rate limit.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

QUESTIONS_PER_PAGE = 20
# A reader (per hashed IP address and per browser session) may send this many
# questions per window.
QUESTIONS_RATE_LIMIT = env_int("QUESTIONS_RATE_LIMIT", 3)
QUESTIONS_RATE_LIMIT_SECONDS = env_int("QUESTIONS_RATE_LIMIT_SECONDS", 600)
# Posts of the question form per reader and window, valid or not, counted
# before the form is validated. Empty: five times QUESTIONS_RATE_LIMIT (so off
# when that is); 0 turns it off.
QUESTIONS_ATTEMPT_LIMIT = env_int("QUESTIONS_ATTEMPT_LIMIT", None)
# Bots post the instant they load a form; people need a few seconds.
QUESTIONS_MIN_FILL_SECONDS = env_int("QUESTIONS_MIN_FILL_SECONDS", 3)
# A form older than this must be sent again, so a harvested token cannot be replayed forever.
QUESTIONS_FORM_MAX_AGE_SECONDS = env_int("QUESTIONS_FORM_MAX_AGE_SECONDS", 24 * 3600)
QUESTIONS_MAX_LINKS = env_int("QUESTIONS_MAX_LINKS", 2)
QUESTIONS_DUPLICATE_WINDOW_HOURS = env_int("QUESTIONS_DUPLICATE_WINDOW_HOURS", 24)
# Threads close this many days after the article's last published question (0: never).
QUESTIONS_CLOSE_AFTER_DAYS = env_int("QUESTIONS_CLOSE_AFTER_DAYS", 365)

# Retention (see README "Privacy"): run `manage.py purge_personal_data` daily.
QUESTIONS_IP_HASH_RETENTION_DAYS = env_int("QUESTIONS_IP_HASH_RETENTION_DAYS", 30)
QUESTIONS_EMAIL_RETENTION_DAYS = env_int("QUESTIONS_EMAIL_RETENTION_DAYS", 90)
QUESTIONS_REFUSED_RETENTION_DAYS = env_int("QUESTIONS_REFUSED_RETENTION_DAYS", 90)
# Removed personal details and deleted questions survive in the audit log for
# this long, for accountability, then their text is blanked.
QUESTIONS_AUDIT_TEXT_RETENTION_DAYS = env_int("QUESTIONS_AUDIT_TEXT_RETENTION_DAYS", 365)

# The emergency box readers see at once when their question shows a red flag
# (comments/emergency.py): the emergency number for every category, and a
# crisis line for thoughts of suicide or self-harm. Texts are built in and
# translated; a site may replace them per language with the *_EN / *_ES
# variables (%(phone)s is the emergency number, %(crisis_phone)s the crisis
# line, %(abuse_phone)s the domestic abuse line).
EMERGENCY_PHONE_NUMBER = os.environ.get("EMERGENCY_PHONE_NUMBER", "999")
QUESTIONS_CRISIS_LINE_NUMBER = os.environ.get("QUESTIONS_CRISIS_LINE_NUMBER", "116 123")
QUESTIONS_ABUSE_LINE_NUMBER = os.environ.get("QUESTIONS_ABUSE_LINE_NUMBER", "0808 2000 247")
QUESTIONS_EMERGENCY_TEXT = {
    "en": os.environ.get("QUESTIONS_EMERGENCY_TEXT_EN", ""),
    "es": os.environ.get("QUESTIONS_EMERGENCY_TEXT_ES", ""),
}
QUESTIONS_CRISIS_TEXT = {
    "en": os.environ.get("QUESTIONS_CRISIS_TEXT_EN", ""),
    "es": os.environ.get("QUESTIONS_CRISIS_TEXT_ES", ""),
}

# When readers can expect an answer, and where to get help meanwhile: shown
# with the question form and after a question is sent. The helpline is the
# charity's own midwives' line (empty: readers are pointed to their own
# midwife or maternity unit instead).
QUESTIONS_HELPLINE_NUMBER = os.environ.get("QUESTIONS_HELPLINE_NUMBER", "")
QUESTIONS_HELPLINE_EMAIL = os.environ.get("QUESTIONS_HELPLINE_EMAIL", "")
QUESTIONS_MIDWIFE_HOURS = {
    "en": os.environ.get("QUESTIONS_MIDWIFE_HOURS_EN", "Monday to Friday, 9am to 5pm"),
    "es": os.environ.get("QUESTIONS_MIDWIFE_HOURS_ES", "de lunes a viernes, de 9:00 a 17:00"),
}

# Phone numbers and email addresses that are not anybody's personal details:
# midwives may give them in replies, and readers may quote them. The
# emergency, crisis, abuse and helpline numbers above are always included.
QUESTIONS_ALLOWED_CONTACTS = env_list("QUESTIONS_ALLOWED_CONTACTS")

# Red flags are clinical rules in comments/red_flags.py, measured with
# `manage.py triage_report`. A site may add its own patterns per language and
# category, in the rules' notation: {"en": {"bleeding": ["pad|pads soak*"]}}.
QUESTIONS_EXTRA_RED_FLAGS = {}

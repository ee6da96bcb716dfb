"""Settings shared by every environment. Everything that differs comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
# Domain reference data (OGRS3 tables, licence conditions) shipped beside the repository.
SHARED_DIR = Path(os.environ.get("THROUGHCARE_SHARED_DIR", BASE_DIR.parent / "shared"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Trigram indexes for name search on PostgreSQL (people migration 0004); inert on SQLite.
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    # Django Ninja's templates and its Swagger UI files, served from our own static files.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "throughcare.ui",
    "throughcare.access",
    "throughcare.audit",
    "throughcare.people",
    "throughcare.notifications",
    "throughcare.record",
    "throughcare.caseload",
    "throughcare.casework",
    "throughcare.records",
    "throughcare.assessment",
    "throughcare.planning",
    "throughcare.planning.resettlement",
    "throughcare.planning.riskplan",
    "throughcare.planning.release",
    "throughcare.planning.running",
    "throughcare.insight.equality",
    "throughcare.insight.outcomes",
    "throughcare.partners",
    "throughcare.sharing",
    "throughcare.documents",
    "throughcare.oversight",
    "throughcare.insight",
    "throughcare.insight.team",
    "throughcare.api",
    "throughcare.imports",
    "throughcare.demo",
]

# Background work (Django's tasks framework, the django_tasks backport) is queued in the database
# by django-tasks-db's backend and run by its worker, `manage.py db_worker --queue-name
# default,email`, which `make run` starts beside the server (docs/operations.md, "The worker").
# Queues: "default" for imports, "email" for every email (notifications/email.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email"],
    }
}
# The backend (an alias in TASKS) that emails are queued on: the tests send them at once.
THROUGHCARE_EMAIL_TASKS = "default"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "throughcare.audit.middleware.RequestIdMiddleware",
    "throughcare.core.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "throughcare.access.signin.middleware.OTPMiddleware",
    "throughcare.access.signin.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "throughcare.access.signin.middleware.TwoFactorMiddleware",
    "throughcare.ui.middleware.NoStoreMiddleware",
    # The service's own not-found and method-not-allowed pages, whatever DEBUG says.
    "throughcare.ui.error_pages.ErrorPagesMiddleware",
    "throughcare.access.middleware.AccessRefusalMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lock-out into a page
]

ROOT_URLCONF = "throughcare.urls"
WSGI_APPLICATION = "throughcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "throughcare" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "throughcare.notifications.context_processors.attention",
            ],
        },
    },
]


def _postgresql_options(database: Any) -> None:  # a dj_database_url DBConfig
    """- No JIT compilation: the pages' queries each touch a few hundred rows, but the planner's
      cost for a search reaches JIT's threshold and compiling took 0.7 s of a 0.75 s search
      (docs/operations.md, "Search").
    - Prepared statements: parameters are sent apart from the SQL (server-side binding), and a
      connection prepares a statement it has run `DATABASE_PREPARE_THRESHOLD` times (5), so
      PostgreSQL plans it once instead of on every request: planning the person's page's one
      query took 2.5 to 6 ms, running it under 1 ms (docs/decisions.md, "Prepared
      statements"). "off" sends parameters in the SQL and prepares nothing, for a connection
      pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
    """
    options = database.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    threshold = os.environ.get("DATABASE_PREPARE_THRESHOLD", "5")
    if threshold != "off":
        options["server_side_binding"] = True
        options["prepare_threshold"] = int(threshold)


DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'throughcare.sqlite3'}"),
        # Persistent connections: a worker keeps its connection for this many seconds instead
        # of opening one per request (about 1.6 times the throughput under load), and Django
        # checks it still works before reusing it after a request, so a restarted database
        # costs one failed check, not a failed request. 0 closes it after every request.
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Transactions take SQLite's write lock when they begin, so two requests writing at once
    # (each appending to the audit chain) wait for each other instead of failing; the
    # write-ahead log lets pages be read meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _postgresql_options(DATABASES["default"])
# A read replica (a PostgreSQL streaming standby of the default database): list and report pages
# read from it, everything else from the primary (throughcare/core/db_router.py,
# docs/operations.md "Read replicas"). In tests it mirrors the default database, and the router's
# tests point it at the standby's copy of the test database.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    _postgresql_options(DATABASES["replica"])
DATABASE_ROUTERS = ["throughcare.core.db_router.ReplicaRouter"]
# After a request that wrote, the same browser reads from the primary for this many seconds.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "access.User"
# django-axes first: it refuses a locked-out email address and IP address before the password
# is checked (see "Sign-in, lock-out and sessions" below and docs/security.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user with the header's count (access.signin.backends).
    "throughcare.access.signin.backends.ModelBackend",
]
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "caseload:home"
LOGOUT_REDIRECT_URL = "access:sign-in"

# Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane) rather than Django's 100 MiB:
# docs/decisions.md, "Password hashing". Hashes made with Django's still verify and are re-made
# with these at their owner's next sign-in.
PASSWORD_HASHERS = [
    "throughcare.access.signin.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/assets/"
# GOV.UK Frontend's compiled CSS refers to /assets/fonts and /assets/images, so the set-up
# copies the npm packages' built files into var/frontend and they are served under /assets/.
STATICFILES_DIRS = [VAR_DIR / "frontend"]
STATIC_ROOT = VAR_DIR / "static"

# Django's database sessions, read with SQL built once per process (issue 15).
SESSION_ENGINE = "throughcare.access.signin.session_store"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Signing in rotates the CSRF token: a sign-in page left open in another tab gets a clear page.
CSRF_FAILURE_VIEW = "throughcare.access.signin.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sign-in, lock-out and sessions (issue 3). docs/security.md says what each value is and why.
# Sessions: signed out after 30 minutes without a request, and 10 hours after signing in
# whatever happens (throughcare.access.signin.middleware.SessionTimeoutMiddleware); the cookie
# goes when the browser closes.
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
THROUGHCARE_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
THROUGHCARE_SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=10)
# Demo accounts (@throughcare.example) may skip the second factor: only development.py turns
# this on, production.py refuses it, and `check --deploy` reports it (access.E001).
THROUGHCARE_DEMO_SKIP_TWO_FACTOR = False
# How many reverse proxies that append to X-Forwarded-For stand in front of Django: the
# lock-out counts failures per client address, so it must see the client's, not a proxy's.
THROUGHCARE_TRUSTED_PROXIES = 0

# Accounts (docs/security.md, "Accounts"): a new account, or one whose second factor was reset,
# gets a one-time invitation by email, through which its owner sets the password and the
# authenticator app. The link works once and expires after this long.
THROUGHCARE_INVITATION_VALID_FOR = timedelta(days=3)
# The address the service is reached at, for links in emails (no trailing slash).
THROUGHCARE_BASE_URL = os.environ.get("THROUGHCARE_BASE_URL", "").rstrip("/")
# How many recovery codes are given with a new authenticator app (django-otp static tokens).
THROUGHCARE_RECOVERY_CODES = 10
# Email: Django's SMTP backend, configured from the environment (development.py prints to the
# console; the tests keep an outbox in memory).
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "throughcare@localhost")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "0") == "1"
EMAIL_SUBJECT_PREFIX = ""

# Second factor: a time-based one-time password (TOTP) app, set up through an invitation.
OTP_TOTP_ISSUER = "Throughcare"
OTP_TOTP_THROTTLE_FACTOR = 1  # after n wrong codes, wait 2^(n-1) seconds before the next
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Lock-out: 5 wrong passwords for one email address from one IP address lock that pair (and
# only that pair) for 15 minutes from the fifth failure; attempts during the lock do not extend
# it; a correct password clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"  # the key Django's authenticate() is called with
AXES_USERNAME_CALLABLE = "throughcare.access.signin.lockout.client_username"
AXES_CLIENT_IP_CALLABLE = "throughcare.access.signin.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "throughcare.access.signin.lockout.lockout_response"

# Content Security Policy: no inline script or style anywhere, no framing, nothing from
# other sites. The QR code on the set-up page is inline SVG markup, which needs no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The audit log (docs/security.md, "The audit trail"; docs/operations.md). The HMAC keys that
# make each event's hash, newest first, as "id:secret id:secret": from the environment only,
# never the database. development.py has a published key; production.py refuses a missing or
# short one, or that one.
THROUGHCARE_AUDIT_KEYS = os.environ.get("THROUGHCARE_AUDIT_KEYS", "")
# Where `manage.py audit_checkpoint` appends its signed checkpoints and `verify_audit` reads the
# latest: a file outside the database, or unset for standard output (the operator's log store).
THROUGHCARE_AUDIT_CHECKPOINT_FILE = os.environ.get("THROUGHCARE_AUDIT_CHECKPOINT_FILE", "")
# How many chains (shards) the audit log is written in, each under its own lock, so that
# audited requests append in parallel (throughcare/audit/shards.py, docs/decisions.md).
THROUGHCARE_AUDIT_SHARDS = int(os.environ.get("THROUGHCARE_AUDIT_SHARDS", "16"))
# On PostgreSQL: the role the application connects as. `migrate`, run as the role that owns the
# tables, grants it what it needs and no more: SELECT and INSERT only on the audit log.
THROUGHCARE_DATABASE_APP_ROLE = os.environ.get("THROUGHCARE_DATABASE_APP_ROLE", "")

# Application logs carry no case data: only request ids, status codes and record ids.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

CASELOAD_PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 25

# How many days old a source of the assessment may be before the sufficiency check (P17) calls
# it out of date, by source: a local policy each service sets (the domain facts give none).
# docs/operations.md, "Local policy: how old an assessment's sources may be".
ASSESSMENT_SOURCE_MAX_AGE_DAYS = {
    "interview": 182,
    "custody": 182,
    "programmes": 182,
    "police domestic abuse": 182,
    "children's services": 182,
    "criminal record": 182,
}

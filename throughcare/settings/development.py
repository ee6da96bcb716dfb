"""Local development on a laptop: SQLite under var/, debug pages, demo data."""

import os

from throughcare.audit.keys import DEVELOPMENT_KEYS

from .base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "development-only-not-secret-" + "x" * 32)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# A published audit key, for a laptop only: production.py refuses it.
THROUGHCARE_AUDIT_KEYS = os.environ.get("THROUGHCARE_AUDIT_KEYS", DEVELOPMENT_KEYS)
# Emails (invitations, notices of a new authenticator app) are printed by runserver.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
THROUGHCARE_BASE_URL = os.environ.get("THROUGHCARE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo accounts that `make run` prints sign in with their password only, here and nowhere
# else (production.py refuses the switch). THROUGHCARE_DEMO_SKIP_TWO_FACTOR=0 tries the real thing.
THROUGHCARE_DEMO_SKIP_TWO_FACTOR = os.environ.get("THROUGHCARE_DEMO_SKIP_TWO_FACTOR", "1") == "1"

"""The test suite: development settings with a fast password hasher."""

from .development import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The tests' own audit key (and an older one, for the rotation tests), whatever the environment.
THROUGHCARE_AUDIT_KEYS = (
    "test-2:test-audit-key-two-not-secret-0000000 test-1:test-audit-key-one-not-secret-0000000"
)
THROUGHCARE_AUDIT_CHECKPOINT_FILE = ""
THROUGHCARE_DATABASE_APP_ROLE = ""
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Emails are sent as soon as their transaction commits (Django's immediate task backend), so
# the tests read them from `mail.outbox`; imports stay on the database queue and its worker.
# throughcare/notifications/tests/test_email_queue.py puts emails on the database queue too.
TASKS = {
    **TASKS,  # noqa: F405
    "email": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["email"]},
}
THROUGHCARE_EMAIL_TASKS = "email"
THROUGHCARE_BASE_URL = "http://testserver"
# The tests sign in with both factors; the `client_for` fixture (conftest.py) gives a client
# whose session has already passed the second factor.
THROUGHCARE_DEMO_SKIP_TWO_FACTOR = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A throwaway test database need not wait for each commit to reach the disk (the browser
    # tests and the demo's tests commit thousands of times): the suite's own setting only.
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c synchronous_commit=off".strip()

"""Production: every secret and host from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from throughcare.audit import keys as _audit_keys

from .base import *  # noqa: F403

# The demo accounts' password-only sign-in exists for a laptop. Refuse to start with it set.
if os.environ.get("THROUGHCARE_DEMO_SKIP_TWO_FACTOR", "").strip() not in ("", "0"):
    raise ImproperlyConfigured(
        "THROUGHCARE_DEMO_SKIP_TWO_FACTOR is for local development only: unset it in production"
    )
THROUGHCARE_DEMO_SKIP_TWO_FACTOR = False

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# The audit log's HMAC keys: required, each secret at least 32 characters, never the published
# development key. Without a key the audit chain would be a plain hash anyone could recompute.
THROUGHCARE_AUDIT_KEYS = os.environ.get("THROUGHCARE_AUDIT_KEYS", "")
try:
    _audit_key_ids = _audit_keys.parse(THROUGHCARE_AUDIT_KEYS)
except _audit_keys.AuditKeyError as problem:
    raise ImproperlyConfigured(str(problem)) from None
if set(_audit_keys.parse(_audit_keys.DEVELOPMENT_KEYS).items()) & set(_audit_key_ids.items()):
    raise ImproperlyConfigured(
        "THROUGHCARE_AUDIT_KEYS holds the development settings' published key: make a new one"
    )
# Links in emails: the service's address, by default the first allowed host over HTTPS.
THROUGHCARE_BASE_URL = os.environ.get(
    "THROUGHCARE_BASE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",  # noqa: F405
).rstrip("/")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The number of reverse proxies in front of Django that append to X-Forwarded-For (the proxy
# that terminates HTTPS, as SECURE_PROXY_SSL_HEADER assumes). Set it to 0 if there is none, or
# the lock-out would trust a header any client can write.
THROUGHCARE_TRUSTED_PROXIES = int(os.environ.get("THROUGHCARE_TRUSTED_PROXIES", "1"))

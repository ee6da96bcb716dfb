"""The test suite: development settings with a fast password hasher."""

from .development import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The tests sign in with both factors; the `client_for` fixture (conftest.py) gives a client
# whose session has already passed the second factor.
THROUGHCARE_DEMO_SKIP_TWO_FACTOR = False

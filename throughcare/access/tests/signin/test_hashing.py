"""The password hasher's parameters (docs/decisions.md, "Password hashing") and the database
connection settings (docs/operations.md, "The production server"): what base.py chooses, and
that a hash made with Django's default Argon2 parameters still signs its owner in and is re-made
with the chosen ones.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from types import ModuleType

import argon2
import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings

from throughcare.access.models import Role, User
from throughcare.access.signin import hashers

from .helpers import CODE, PASSWORD, REPO, sign_in, with_app

pytestmark = pytest.mark.django_db

BASE = REPO / "throughcare" / "settings" / "base.py"
HASHERS = [
    "throughcare.access.signin.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def base_settings(monkeypatch: pytest.MonkeyPatch, **environ: str) -> ModuleType:
    """throughcare/settings/base.py as it reads with this environment (a fresh copy)."""
    for name in ("DATABASE_URL", "DATABASE_CONN_MAX_AGE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("base_settings_copy", BASE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_base_settings_hash_with_the_chosen_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    assert base_settings(monkeypatch).PASSWORD_HASHERS == HASHERS


def test_new_hashes_use_owasp_parameters() -> None:
    with override_settings(PASSWORD_HASHERS=HASHERS):
        encoded = make_password(PASSWORD)
    parameters = argon2.extract_parameters(encoded.removeprefix("argon2"))
    assert parameters.type is argon2.Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (
        19 * 1024,
        2,
        1,
    )
    assert hashers.MEMORY_COST_KIB * 1024 == 19 * 2**20


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_an_old_hash_signs_in_and_is_remade(make_user: Callable[..., User]) -> None:
    user = make_user(Role.COM)
    with_app(user)
    old = DjangoArgon2().encode(PASSWORD, DjangoArgon2().salt())
    assert argon2.extract_parameters(old.removeprefix("argon2")).memory_cost == 102_400
    User.objects.filter(pk=user.pk).update(password=old)

    response = sign_in(Client(), user)

    assert response.status_code == 302 and response["Location"] == CODE
    user.refresh_from_db()
    assert user.password != old
    remade = argon2.extract_parameters(user.password.removeprefix("argon2"))
    assert (remade.memory_cost, remade.time_cost, remade.parallelism) == (19 * 1024, 2, 1)
    assert user.check_password(PASSWORD)


@override_settings(PASSWORD_HASHERS=HASHERS)
def test_a_wrong_password_does_not_remake_the_hash(make_user: Callable[..., User]) -> None:
    user = make_user(Role.COM)
    old = DjangoArgon2().encode(PASSWORD, DjangoArgon2().salt())
    User.objects.filter(pk=user.pk).update(password=old)

    response = sign_in(Client(), user, password="not-the-password-at-all")

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old


@pytest.mark.parametrize(
    "url", ["sqlite:////tmp/throughcare-settings-test.sqlite3", "postgres://app@db.invalid/tc"]
)
def test_connections_persist_with_health_checks(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    database = base_settings(monkeypatch, DATABASE_URL=url).DATABASES["default"]
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_connection_age_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    database = base_settings(monkeypatch, DATABASE_CONN_MAX_AGE="0").DATABASES["default"]
    assert database["CONN_MAX_AGE"] == 0
    assert database["CONN_HEALTH_CHECKS"] is True

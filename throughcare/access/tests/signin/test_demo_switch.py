"""The demo switch: demo accounts may skip the second factor only where development settings
turn it on; production settings refuse it and `check --deploy` reports it (access.E001).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import Client, override_settings

from throughcare.access.models import Role, User

from .helpers import (
    CASELOAD,
    HOME,
    PASSWORD,
    REPO,
    SET_UP,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_the_demo_switch_lets_demo_accounts_skip_the_code_and_nobody_else(
    organisations: dict, com: User
) -> None:
    demo_user = User.objects.create_user(
        "com.northbridge@throughcare.example",
        PASSWORD,
        full_name="Demo",
        role=Role.COM,
        organisation=organisations["team"],
    )
    client, other = Client(), Client()
    with override_settings(THROUGHCARE_DEMO_SKIP_TWO_FACTOR=True):
        assert sign_in(client, demo_user)["Location"] == HOME
        assert client.get(CASELOAD).status_code == 200
        assert sign_in(other, com)["Location"] == SET_UP  # not a demo account
    # Without the switch (the test and production settings) the demo session is not verified.
    assert client.get(CASELOAD)["Location"].startswith(SET_UP)
    fresh = Client()
    assert sign_in(fresh, demo_user)["Location"] == SET_UP


def test_the_settings_leave_the_demo_switch_off_except_in_development() -> None:
    from django.conf import settings

    assert settings.THROUGHCARE_DEMO_SKIP_TWO_FACTOR is False  # the test settings


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "THROUGHCARE_DEMO", "THROUGHCARE_AUDIT"))
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


SECRET = "a-long-random-test-secret-" + "k" * 40
AUDIT_KEYS = "deploy-check:" + "a-long-random-audit-key-" + "a" * 40


def test_production_settings_refuse_the_demo_switch() -> None:
    result = _python(
        "import throughcare.settings.production",
        DJANGO_SECRET_KEY=SECRET,
        THROUGHCARE_AUDIT_KEYS=AUDIT_KEYS,
        THROUGHCARE_DEMO_SKIP_TWO_FACTOR="1",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "THROUGHCARE_DEMO_SKIP_TWO_FACTOR" in result.stderr

    result = _python(
        "import throughcare.settings.production as s; print(s.THROUGHCARE_DEMO_SKIP_TWO_FACTOR,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)",
        DJANGO_SECRET_KEY=SECRET,
        THROUGHCARE_AUDIT_KEYS=AUDIT_KEYS,
    )
    assert result.returncode == 0, result.stderr
    skip, hsts, redirect, secure_cookie = result.stdout.split()
    assert skip == "False" and int(hsts) >= 31_536_000
    assert redirect == "True" and secure_cookie == "True"


def test_development_settings_turn_the_demo_switch_on() -> None:
    result = _python(
        "import throughcare.settings.development as s; print(s.THROUGHCARE_DEMO_SKIP_TWO_FACTOR)"
    )
    assert result.stdout.strip() == "True", result.stderr


def test_check_deploy_refuses_the_demo_switch() -> None:
    with override_settings(THROUGHCARE_DEMO_SKIP_TWO_FACTOR=True):
        ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "access.E001" in ids
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "access.E001" not in ids


def test_check_deploy_is_clean_with_the_production_settings() -> None:
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=throughcare.settings.production",
        ],
        cwd=REPO,
        env={
            **{
                k: v
                for k, v in os.environ.items()
                if not k.startswith(("DJANGO_", "THROUGHCARE_AUDIT"))
            },
            "THROUGHCARE_AUDIT_KEYS": AUDIT_KEYS,
            "DJANGO_SECRET_KEY": "".join(chr(33 + (i * 7) % 90) for i in range(60)),
            "DJANGO_ALLOWED_HOSTS": "throughcare.example.gov.uk",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

"""The audit keys come from the environment: production refuses to start without one, with a
short one, or with the development settings' published one; `check --deploy` says the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from throughcare.audit import keys

REPO = Path(__file__).resolve().parents[3]
GOOD = "prod-1:" + "p" * 43


def _production(audit_keys: str | None) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "THROUGHCARE_AUDIT", "THROUGHCARE_DEMO"))
    }
    env["DJANGO_SECRET_KEY"] = "a-long-random-test-secret-" + "k" * 40
    if audit_keys is not None:
        env["THROUGHCARE_AUDIT_KEYS"] = audit_keys
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", "import throughcare.settings.production as s; print('started')"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("audit_keys", "problem"),
    [
        (None, "THROUGHCARE_AUDIT_KEYS is not set"),
        ("", "THROUGHCARE_AUDIT_KEYS is not set"),
        ("prod-1:too-short", "the secret must be at least 32 characters"),
        ("p" * 50, "write it as id:secret"),
        (f"{GOOD} {GOOD}", "appears twice"),
        (keys.DEVELOPMENT_KEYS, "the development settings' published key"),
    ],
)
def test_production_refuses_a_missing_short_or_published_audit_key(
    audit_keys: str | None, problem: str
) -> None:
    result = _production(audit_keys)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and problem in result.stderr
    assert "p" * 43 not in result.stderr  # the message never shows a secret


def test_production_starts_with_a_good_key() -> None:
    result = _production(f"{GOOD} prod-0:{'q' * 40}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_keys_are_listed_newest_first() -> None:
    parsed = keys.parse(f"{GOOD}, prod-0:{'q' * 40}")
    assert list(parsed) == ["prod-1", "prod-0"]
    with override_settings(THROUGHCARE_AUDIT_KEYS=f"{GOOD}, prod-0:{'q' * 40}"):
        assert keys.current() == ("prod-1", b"p" * 43)
        assert keys.age("prod-1") > keys.age("prod-0") > keys.age(keys.LEGACY_KEY_ID)


def test_check_deploy_refuses_a_missing_or_published_audit_key() -> None:
    for bad in ("", keys.DEVELOPMENT_KEYS):
        with override_settings(THROUGHCARE_AUDIT_KEYS=bad):
            ids = {m.id for m in run_checks(include_deployment_checks=True)}
        assert "audit.E001" in ids
    with override_settings(THROUGHCARE_AUDIT_KEYS=GOOD):
        ids = {m.id for m in run_checks(include_deployment_checks=True)}
    assert "audit.E001" not in ids

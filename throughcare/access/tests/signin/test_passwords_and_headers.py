"""Passwords strong enough, and the security headers on every page (content security policy,
no framing, HSTS as production sets it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from throughcare.access.models import User
from throughcare.people.models import Person

from .helpers import (
    CASELOAD,
    REPO,
    SET_UP,
    SIGN_IN,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short-pass1", "This password is too short. It must contain at least 12 characters."),
        ("password1234", "This password is too common."),
        ("qwertyuiop123", "This password is too common."),
        ("839201746352", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused(password: str, problem: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert problem in refused.value.messages


def test_a_long_uncommon_password_is_accepted(com: User) -> None:
    """Every validator in force (the ones that refuse the weak passwords above) accepts it."""
    validators = get_default_password_validators()
    refused = []
    for validator in validators:
        try:
            validator.validate("lantern-orchard-gravel-42", com)
        except ValidationError as refusal:
            refused.extend(refusal.messages)
    assert len(validators) >= 4
    assert refused == []


# Headers ----------------------------------------------------------------------------------------


def test_case_pages_carry_the_security_headers(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    client = client_for(com)
    for url in (CASELOAD, reverse("record:overview", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 200
        policy = response["Content-Security-Policy"]
        directives = dict(
            (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
        )
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "same-origin"


def test_the_sign_in_pages_carry_the_policy_too(com: User) -> None:
    client = Client()
    assert "frame-ancestors 'none'" in client.get(SIGN_IN)["Content-Security-Policy"]
    sign_in(client, com)
    response = client.get(SET_UP)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "no-store"  # the page shows the app's secret key


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_https_responses_carry_hsts_as_production_sets_it() -> None:
    response = Client().get(SIGN_IN, secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_our_sign_in_templates_have_no_inline_script_or_style() -> None:
    folder = REPO / "throughcare" / "access" / "templates" / "access"
    for name in ("two_factor_set_up.html", "two_factor_code.html", "lockout.html"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "style=" not in text and "<style" not in text, name
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), name

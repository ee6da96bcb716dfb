"""`make run` prints the address it serves on, from its HOST and PORT; the demo accounts are the
ones the demo switch lets skip the second factor."""

from io import StringIO

import pytest
from django.core.management import call_command

from throughcare.access.models import Organisation, Role, User
from throughcare.access.signin import two_factor
from throughcare.demo import builder as demo

pytestmark = pytest.mark.django_db


def _demo_user() -> None:
    email, _, _ = demo.USERS[0]
    team = Organisation.objects.create(
        name="Demo team", kind=Organisation.Kind.PROBATION_TEAM, code="DMT"
    )
    User.objects.create_user(email, "x", full_name="Demo", role=Role.COM, organisation=team)


def test_prints_the_address_it_is_given() -> None:
    _demo_user()
    out = StringIO()
    call_command("demo_accounts", "--address", "http://0.0.0.0:8123", stdout=out)
    assert "Throughcare demo: http://0.0.0.0:8123" in out.getvalue()
    assert "127.0.0.1:8000" not in out.getvalue()


def test_make_run_passes_its_host_and_port() -> None:
    from django.conf import settings

    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "demo_accounts --address http://$(HOST):$(PORT)" in makefile
    assert "runserver $(HOST):$(PORT)" in makefile


def test_demo_accounts_are_the_ones_the_switch_covers() -> None:
    assert demo.USERS
    assert all(email.endswith(two_factor.DEMO_EMAIL_DOMAIN) for email, _, _ in demo.USERS)

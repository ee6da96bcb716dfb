"""Fixtures of the records tests: the sample kind, the team's SPO, and versions in each state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from throughcare.access.models import Role, User
from throughcare.people.models import Person
from throughcare.records import services
from throughcare.records.models import Version

from . import sample_kind

KEY = sample_kind.KEY
ABOUT = {"summary": "Settled at home", "level": "medium"}


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


@pytest.fixture
def draft(com: User, person: Person) -> Version:
    version = services.start(com, person, KEY)
    services.save_section(com, version, "about", ABOUT, expected=0, complete=True)
    return version


@pytest.fixture
def submitted(draft: Version, com: User, spo: User) -> Version:
    return services.submit(
        com, draft, countersignature_reason="The level is high", note="No police information yet"
    )


@pytest.fixture
def locked(draft: Version, com: User) -> Version:
    return services.submit(com, draft, countersignature_reason="")


def reload(version: Version) -> Any:
    return Version.objects.get(pk=version.pk)

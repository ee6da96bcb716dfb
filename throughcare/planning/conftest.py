"""Fixtures the planning apps' tests share: for a partner's part of the plan (the resettlement
plan's and the risk management plan's), a second partner organisation, whose rows the first
must never see."""

from __future__ import annotations

import pytest

from throughcare.access.models import Organisation


@pytest.fixture
def other_org(db: None) -> Organisation:
    return Organisation.objects.create(name="Other Charity", kind=Organisation.Kind.PARTNER)

"""The access matrix for the referral grant: a partner worker of an organisation with no
sharing agreement for the person, sent a referral about one of the person's release options,
against every page of the project.

While the referral is not withdrawn (waiting, or answered) they may open its page, which shows
what it shares (the person's name, CRN and date of birth among it) and nothing else of the
person: no other option, no assessment, no victim, no prison number; every page of the record
answers them as it did before (a 404). Once it is withdrawn its page says only that, and the
person's name leaves every page they can open.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import search
from tests import access_matrix_partners as partners_matrix
from tests import access_matrix_planning as planning_matrix
from tests.access_matrix_pages import item_for
from tests.test_access_matrix import (
    CONCERN,
    EXCLUSION_REASON,
    RECORD,
    SENSITIVE,
    SIGNED,
    SIGNING_NOTE,
    VICTIM,
    WITHHELD,
    _kwargs,
    expected_status,
    named_patterns,
    page_for,
    world,
)
from throughcare.access import policy
from throughcare.access.models import Organisation, User
from throughcare.partners import services
from throughcare.partners.models import Referral

__all__ = ["world"]  # the fixture, shared with the person matrix

R = policy.Relation
# Pages that may name the person to the organisation a referral was sent to, while it is not
# withdrawn: the referral, their landing page ("Referrals to us") and what needs attention.
# `caseload:home` serves the partner's landing page, the caseload ("Shared with you").
NAMING_PAGES = {
    "partners:referral-to-us",
    "caseload:caseload",
    "caseload:home",
    "caseload:attention",
}
NEVER = (VICTIM, SENSITIVE, WITHHELD, EXCLUSION_REASON, RECORD, CONCERN, SIGNED, SIGNING_NOTE)


def _referral_to_other_partner(world: dict[str, Any], how: str) -> tuple[User, Referral]:
    com, person = world["users"][R.ALLOCATED], world["person"]
    organisation = Organisation.objects.get(name="Unrelated Partner")
    worker = User.objects.get(organisation=organisation)
    sent = partners_matrix.plant(com, person, organisation)["referral"]
    if how == "accepted":
        services.answer(user=worker, referral=sent, decision=services.ACCEPT, note="Room 1")
    elif how == "withdrawn":
        services.withdraw(user=com, referral=sent)
    sent.refresh_from_db()
    return worker, sent


@pytest.mark.parametrize("how", ["waiting", "accepted", "withdrawn"])
def test_the_partner_sees_only_the_referral_shared_with_them(
    world: dict[str, Any], client_for: Any, how: str
) -> None:
    worker, referral = _referral_to_other_partner(world, how)
    person = world["person"]
    assert policy.relation(worker, person) == R.PARTNER  # outside the record, as before
    client = client_for(worker)
    own = client.get(reverse("partners:referral-to-us", args=[referral.pk]))
    assert own.status_code == 200
    body = own.content.decode()
    if how == "withdrawn":
        assert "was withdrawn" in body and partners_matrix.REFERRAL not in body
    else:
        assert partners_matrix.REFERRAL in body and person.crn in body
    # The world's own referral, to the partner with an agreement: none of their business.
    other = client.get(reverse("partners:referral-to-us", args=[world["referral"].pk]))
    assert other.status_code == 404
    world = {**world, "referral": referral}
    failures = []
    for name, pattern in named_patterns():
        if name.startswith("admin:"):
            continue
        page = page_for(name, pattern)
        url = reverse(name, kwargs=_kwargs(pattern, world, person))
        response = (
            search(client, person.family_name) if name == "caseload:search" else client.get(url)
        )
        status = expected_status(page, R.PARTNER, worker, item_for(page, world))
        if response.status_code != status:
            failures.append(f"GET {name}: {response.status_code}, expected {status}")
        text = response.content.decode(errors="replace")
        for value in (*NEVER, *planning_matrix.VALUES):
            if value in text:
                failures.append(f"GET {name}: shows {value!r}")
        allowed = partners_matrix.entitled(R.PARTNER, name, worker, referral)
        if partners_matrix.REFERRAL in text and partners_matrix.REFERRAL not in allowed:
            failures.append(f"GET {name}: shows what the referral asks")
        may_name = not referral.is_withdrawn and name in NAMING_PAGES
        if (person.full_name in text or person.listed_name in text) and not may_name:
            failures.append(f"GET {name}: shows the person's name")
    assert not failures, "\n".join(failures)

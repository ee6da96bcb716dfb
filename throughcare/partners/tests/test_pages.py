"""The referral pages: alerting the option's partner organisation (what will be shared shown
first, errors that keep what was typed), the partner's list and page (only what was shared),
their answer back on the option and the Options section, a question answered, a withdrawal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Organisation, Role, User
from throughcare.partners.models import Referral
from throughcare.people.models import Person
from throughcare.planning.tests.helpers import locked_assessment, option

pytestmark = pytest.mark.django_db
Clients = Callable[[User], Client]
ASKED = "A room from the day of release, please"


def _alert(client: Client, person: Person, option_id: int, **data: str) -> object:
    return client.post(
        reverse("partners:referral-create", args=[person.pk, option_id]),
        {"kind": "referral", "asked": ASKED, **data},
    )


def test_the_com_alerts_the_provider_and_the_partner_sees_only_what_is_shared(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    client_for: Clients,
    make_user: Callable[..., User],
) -> None:
    housing = organisations["partner"]
    locked_assessment(com, person, level="high")
    found = option(com, person, provider=housing, description="OPTION-DETAILS-NOT-SHARED")
    option(com, person, title="ANOTHER-OPTION", provider=housing)
    com_client = client_for(com)
    page = com_client.get(reverse("planning:option", args=[person.pk, found.pk])).content.decode()
    assert "Alert Test Housing" in page
    form = com_client.get(reverse("partners:referral-create", args=[person.pk, found.pk]))
    body = form.content.decode()
    assert "What will be shared" in body and person.crn in body
    assert "Risk of serious harm in the community: High" in body
    # An empty "what is asked": an error, what was typed kept.
    bad = _alert(com_client, person, found.pk, asked="", reply_by_day="40")
    assert bad.status_code == 200  # type: ignore[attr-defined]
    text = bad.content.decode()  # type: ignore[attr-defined]
    assert "Enter what you are asking of them" in text and 'value="40"' in text
    assert not Referral.objects.exists()
    sent = _alert(com_client, person, found.pk, risks="overall_community")
    referral = Referral.objects.get()
    assert sent["Location"] == reverse("partners:referral", args=[person.pk, referral.pk])  # type: ignore[index]

    worker = client_for(make_user(Role.PARTNER, "partner"))
    landing = worker.get(reverse("caseload:caseload")).content.decode()
    assert "Referrals to us" in landing and person.crn in landing
    shown = worker.get(reverse("partners:referral-to-us", args=[referral.pk])).content.decode()
    assert ASKED in shown and "Risk of serious harm in the community: High" in shown
    assert "OPTION-DETAILS-NOT-SHARED" not in shown and "ANOTHER-OPTION" not in shown
    # The record itself stays closed to them.
    assert worker.get(reverse("planning:option", args=[person.pk, found.pk])).status_code == 404

    # A decline without a reason: an error; then accepted, and the answer is on the option.
    url = reverse("partners:referral-to-us", args=[referral.pk])
    refused = worker.post(url, {"decision": "decline", "note": "Kept note"})
    assert "Enter why you are declining" in refused.content.decode()
    assert "Kept note" in refused.content.decode()
    assert worker.post(url, {"decision": "accept", "note": "Room 4"}).status_code == 302
    option_page = com_client.get(reverse("planning:option", args=[person.pk, found.pk]))
    assert "Accepted" in option_page.content.decode() and "Room 4" in option_page.content.decode()
    section = com_client.get(reverse("planning:options", args=[person.pk])).content.decode()
    assert "Partner&#x27;s answer" in section and "Accepted" in section


def test_a_question_is_answered_on_the_referral_and_a_withdrawal_leaves_a_notice(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    client_for: Clients,
    make_user: Callable[..., User],
) -> None:
    found = option(com, person, provider=organisations["partner"])
    com_client = client_for(com)
    _alert(com_client, person, found.pk, kind="notice")
    referral = Referral.objects.get()
    worker = client_for(make_user(Role.PARTNER, "partner"))
    url = reverse("partners:referral-to-us", args=[referral.pk])
    worker.post(url, {"decision": "ask", "question": "Does he have a dog?"})
    own = reverse("partners:referral", args=[person.pk, referral.pk])
    page = com_client.get(own).content.decode()
    assert "Does he have a dog?" in page and "Send your answer" in page
    assert "Enter your answer" in com_client.post(own, {"reply": ""}).content.decode()
    assert com_client.post(own, {"reply": "No dog"}).status_code == 302
    assert "No dog" in worker.get(url).content.decode()
    withdraw = reverse("partners:referral-withdraw", args=[person.pk, referral.pk])
    assert com_client.post(withdraw, {"reason": "Moved on"}).status_code == 302
    gone = worker.get(url).content.decode()
    assert "was withdrawn" in gone and person.full_name not in gone and "No dog" not in gone
    assert worker.post(url, {"decision": "accept"}).status_code == 404
    landing = worker.get(reverse("caseload:caseload")).content.decode()
    assert "Withdrawn notice" in landing and person.full_name not in landing


def test_another_partner_organisation_sees_nothing(
    com: User, person: Person, organisations: dict[str, Organisation], client_for: Clients
) -> None:
    found = option(com, person, provider=organisations["partner"])
    _alert(client_for(com), person, found.pk)
    referral = Referral.objects.get()
    elsewhere = Organisation.objects.create(name="Elsewhere", kind=Organisation.Kind.PARTNER)
    other = User.objects.create_user(
        "x@test.example", "correct-horse-battery", role=Role.PARTNER, organisation=elsewhere
    )
    client = client_for(other)
    assert client.get(reverse("partners:referral-to-us", args=[referral.pk])).status_code == 404
    assert person.crn not in client.get(reverse("caseload:caseload")).content.decode()

"""Making and ending sharing agreements: no agreement that has already ended; ending one asks
for confirmation and a reason, which the audit log keeps."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access import services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, SharingAgreement, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def _share(client: Client, person: Person, partner: Organisation, start: date, end: date) -> str:
    response = client.post(
        reverse("sharing:share", args=[person.pk]),
        {
            "organisation": partner.pk,
            "purpose": "Housing referral",
            "sections": ["identity"],
            **_date("start_date", start),
            **_date("end_date", end),
        },
    )
    return str(response.status_code) + response.content.decode()


def test_an_agreement_that_has_already_ended_is_refused(
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    today = clock.today()
    body = _share(
        client_for(com),
        person,
        organisations["partner"],
        today - timedelta(days=30),
        today - timedelta(days=1),
    )
    assert body.startswith("200")
    assert "There is a problem" in body
    assert "End date must be today or in the future" in body
    assert 'href="#id_end_date-day"' in body
    assert not SharingAgreement.objects.exists()
    assert not AuditEvent.objects.filter(operation=Operation.DISCLOSURE).exists()


def test_an_agreement_ending_today_is_made(
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    today = clock.today()
    body = _share(
        client_for(com), person, organisations["partner"], today - timedelta(days=5), today
    )
    assert body.startswith("302")
    assert SharingAgreement.objects.get().end_date == today


@pytest.fixture
def agreement(
    organisations: dict[str, Organisation], com: User, person: Person
) -> SharingAgreement:
    today = clock.today()
    return services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing on release",
            sections=("identity", "sentence"),
            start_date=today,
            end_date=today + timedelta(days=60),
        ),
    )


def _ended_events(agreement: SharingAgreement) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            record_type="sharing agreement",
            record_id=str(agreement.pk),
            operation=Operation.ALTERATION,
        )
    )


def test_ending_an_agreement_asks_for_confirmation_and_a_reason(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
    agreement: SharingAgreement,
) -> None:
    client = client_for(com)
    sharing = client.get(reverse("sharing:person", args=[person.pk])).content.decode()
    url = reverse("sharing:end-agreement", args=[person.pk, agreement.pk])
    assert f'href="{url}"' in sharing  # a link to the confirmation page, not a button that ends it

    confirm = client.get(url)
    body = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Are you sure you want to end sharing with Test Housing?" in body
    assert "Why are you ending sharing?" in body
    assert "Housing on release" in body
    agreement.refresh_from_db()
    assert agreement.ended_at is None

    refused = client.post(url, {"reason": "  "})
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "There is a problem" in body and "Enter why you are ending sharing" in body
    agreement.refresh_from_db()
    assert agreement.ended_at is None and not _ended_events(agreement)

    partner = client_for(make_user(Role.PARTNER, "partner"))
    assert partner.get(reverse("record:overview", args=[person.pk])).status_code == 200
    done = client.post(url, {"reason": "Housing found, no longer needed"})
    assert done.status_code == 302
    assert done["Location"] == reverse("sharing:person", args=[person.pk])
    agreement.refresh_from_db()
    assert agreement.ended_at == clock.now()
    [event] = _ended_events(agreement)
    assert event.reason == "Housing found, no longer needed"
    assert event.recipient == "Test Housing" and event.user_id == com.pk
    assert partner.get(reverse("record:overview", args=[person.pk])).status_code == 404

    # Opening the confirmation again, or sending it twice, changes nothing more.
    again = client.get(url)
    assert again.status_code == 302
    assert client.post(url, {"reason": "Sent twice"}).status_code == 302
    assert len(_ended_events(agreement)) == 1


def test_ending_with_a_stale_copy_of_the_agreement_writes_once(
    com: User, agreement: SharingAgreement
) -> None:
    stale = SharingAgreement.objects.get(pk=agreement.pk)
    services.end_agreement(by=com, agreement=agreement, reason="Housing found")
    clock.advance(timedelta(minutes=1))
    services.end_agreement(by=com, agreement=stale, reason="Sent from another tab")
    assert stale.ended_at == agreement.ended_at
    [event] = _ended_events(agreement)
    assert event.reason == "Housing found"


def test_the_team_cannot_end_an_agreement(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
    agreement: SharingAgreement,
) -> None:
    colleague = client_for(make_user(Role.COM, "team"))
    url = reverse("sharing:end-agreement", args=[person.pk, agreement.pk])
    assert colleague.get(url).status_code == 403
    assert colleague.post(url, {"reason": "Not mine to end"}).status_code == 403
    agreement.refresh_from_db()
    assert agreement.ended_at is None and not _ended_events(agreement)

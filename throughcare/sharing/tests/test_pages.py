from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import AccessExclusion, Organisation, Role, SharingAgreement, User
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


def test_com_shares_with_a_partner_who_then_sees_the_record_until_it_is_ended(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    client = client_for(com)
    today = clock.today()
    page = client.get(reverse("sharing:person", args=[person.pk])).content.decode()
    assert "Nothing is shared with partners" in page
    missing = client.post(reverse("sharing:share", args=[person.pk]), {})
    assert "Choose the partner organisation" in missing.content.decode()
    response = client.post(
        reverse("sharing:share", args=[person.pk]),
        {
            "organisation": organisations["partner"].pk,
            "purpose": "Housing referral",
            "sections": ["identity", "sentence"],
            **_date("start_date", today),
            **_date("end_date", today.replace(year=today.year + 1)),
        },
    )
    assert response.status_code == 302
    agreement = SharingAgreement.objects.get()
    assert AuditEvent.objects.filter(
        operation=Operation.DISCLOSURE, recipient=organisations["partner"].name
    ).exists()
    partner = client_for(make_user(Role.PARTNER, "partner"))
    assert partner.get(reverse("record:overview", args=[person.pk])).status_code == 200
    client.post(
        reverse("sharing:end-agreement", args=[person.pk, agreement.pk]),
        {"reason": "Housing found"},
    )
    assert partner.get(reverse("record:overview", args=[person.pk])).status_code == 404


def test_end_date_before_start_is_refused(
    client_for: Callable[[User], Client],
    organisations: dict[str, Organisation],
    com: User,
    person: Person,
) -> None:
    today = clock.today()
    response = client_for(com).post(
        reverse("sharing:share", args=[person.pk]),
        {
            "organisation": organisations["partner"].pk,
            "purpose": "Housing referral",
            "sections": ["identity"],
            **_date("start_date", today),
            **_date("end_date", today.replace(year=today.year - 1)),
        },
    )
    assert "End date must be on or after the start date" in response.content.decode()
    assert not SharingAgreement.objects.exists()


def test_only_the_spo_manages_exclusions(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    spo = make_user(Role.SPO, "team")
    colleague = make_user(Role.COM, "team")
    url = reverse("sharing:limit", args=[person.pk, "exclude"])
    data = {"user": colleague.pk, "reason": "Lives next door to the victim"}
    assert client_for(com).post(url, data).status_code == 403
    assert (
        "Exclude a member of staff"
        not in client_for(com).get(reverse("sharing:person", args=[person.pk])).content.decode()
    )
    assert client_for(spo).post(url, data).status_code == 302
    assert AccessExclusion.objects.filter(person=person, user=colleague).exists()
    assert (
        client_for(colleague).get(reverse("record:overview", args=[person.pk])).status_code == 403
    )

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework.models import CaseNote
from throughcare.core import clock
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_note_too_long_and_dated_in_the_future_shows_both_errors_at_once(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    future = clock.today() + timedelta(days=3)
    before = AuditEvent.objects.exclude(operation=Operation.CONSULTATION).count()
    response = client_for(com).post(
        reverse("casework:activity", args=[person.pk]),
        {
            "note_type": "contact",
            "occurred_on_day": str(future.day),
            "occurred_on_month": str(future.month),
            "occurred_on_year": str(future.year),
            "text": "x" * 20_001,
        },
    )
    body = response.content.decode()
    start = body.index("govuk-error-summary")
    summary = body[start : body.index("</ul>", start)]
    assert "Date must be today or in the past" in summary
    assert "The note must be 20,000 characters or fewer" in summary
    assert not CaseNote.objects.exists()
    assert AuditEvent.objects.exclude(operation=Operation.CONSULTATION).count() == before

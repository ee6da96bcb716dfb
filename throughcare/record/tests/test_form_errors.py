"""The GOV.UK pattern on the person's forms: every error shown at once (the form's own checks
and the service's together), and dates of birth that would make a child of a prisoner or of
someone convicted are refused. Refused posts write nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from conftest import TODAY
from throughcare.access.models import Organisation, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people import rules
from throughcare.people.models import Offence, Person, Sentence

pytestmark = pytest.mark.django_db


def changes_audited() -> int:
    return AuditEvent.objects.exclude(operation=Operation.CONSULTATION).count()


def _date(prefix: str, value: date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(value.day),
        f"{prefix}_month": str(value.month),
        f"{prefix}_year": str(value.year),
    }


def _details(person: Person, **changes: str) -> dict[str, str]:
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        **_date("date_of_birth", person.date_of_birth),
        "sex": person.sex,
        "version": str(person.version),
    }
    data.update(changes)
    return data


def _summary(body: str) -> str:
    start = body.index("govuk-error-summary")
    return body[start : body.index("</ul>", start)]


def test_change_details_shows_every_error_at_once(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    """A future date of birth, a badly formed prison number and PNC, and a nationality that is
    too long: all four in the error summary after one save."""
    before = changes_audited()
    response = client_for(com).post(
        reverse("record:change", args=[person.pk]),
        _details(
            person,
            **_date("date_of_birth", TODAY + timedelta(days=3)),
            prison_number="1234ABC",
            pnc_number="12/345X",
            nationality="x" * 101,
        ),
    )
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert "Date of birth must be in the past" in summary
    assert "Enter a prison number in the format" in summary
    assert "Enter a PNC number in the format" in summary
    assert "Nationality must be 100 characters or fewer" in summary
    person.refresh_from_db()
    assert person.date_of_birth == date(1990, 1, 1) and person.nationality == ""
    assert changes_audited() == before


def test_add_a_person_shows_form_and_service_errors_together(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    """A date that is not real (the form's check) and a prison number already on another
    record (the service's check) are both reported by the first save."""
    existing = make_person(prison_number="A1234BC")
    before = changes_audited()
    response = client_for(com).post(
        reverse("caseload:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            "date_of_birth_day": "31",
            "date_of_birth_month": "2",
            "date_of_birth_year": "1990",
            "sex": "female",
            "prison_number": "A1234BC",
            "pnc_number": "nonsense",
        },
    )
    body = response.content.decode()
    summary = _summary(body)
    assert "Date of birth must be a real date" in summary
    assert "A person with this prison number already has a record" in summary
    assert "Enter a PNC number in the format" in summary
    assert reverse("record:overview", args=[existing.pk]) in body
    assert Person.objects.count() == 1
    assert changes_audited() == before


def test_add_a_sentence_shows_form_and_service_errors_together(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    before = Sentence.objects.count(), changes_audited()
    response = client_for(com).post(
        reverse("record:sentence-create", args=[person.pk]),
        {
            "sentence_type": "sds",
            **_date("sentence_date", TODAY + timedelta(days=10)),
            **_date("sed", TODAY.replace(year=TODAY.year + 150)),
            "crd_day": "31",
            "crd_month": "2",
            "crd_year": "2027",
            "length_years": "100",
        },
    )
    summary = _summary(response.content.decode())
    assert "Date of sentence must be today or in the past" in summary
    assert "Enter a date within 100 years of today" in summary
    assert "Conditional release date (CRD) must be a real date" in summary
    assert "Years must be 99 or less" in summary
    assert (Sentence.objects.count(), changes_audited()) == before


def test_a_child_in_prison_is_refused(
    client_for: Callable[[User], Client], com: User, organisations: dict[str, Organisation]
) -> None:
    """Nobody under the age of criminal responsibility (10) can be in prison or have a
    prison number."""
    five_years_old = TODAY.replace(year=TODAY.year - 5)
    response = client_for(com).post(
        reverse("caseload:create"),
        {
            "given_name": "Ada",
            "family_name": "Lovelace",
            **_date("date_of_birth", five_years_old),
            "sex": "female",
            "prison": str(organisations["prison"].pk),
        },
    )
    tenth = TODAY.replace(year=TODAY.year - 10).strftime("%-d %B %Y")
    assert (
        f"Date of birth must be on or before {tenth}: nobody under 10 can be in prison"
        in _summary(response.content.decode())
    )
    assert not Person.objects.exists()


def test_changing_the_date_of_birth_to_make_a_prisoner_a_child_is_refused(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    """The person (in HMP Testmoor, sentenced 400 days ago) cannot have been born 8 years ago."""
    before = changes_audited()
    response = client_for(com).post(
        reverse("record:change", args=[person.pk]),
        _details(
            person,
            **_date("date_of_birth", TODAY.replace(year=TODAY.year - 8)),
            prison=str(person.prison_id),
        ),
    )
    summary = _summary(response.content.decode())
    assert "Date of birth must be on or before" in summary
    person.refresh_from_db()
    assert person.date_of_birth == date(1990, 1, 1)
    assert changes_audited() == before


def test_changing_the_date_of_birth_to_after_a_conviction_is_refused(
    client_for: Callable[[User], Client], com: User, make_person: Callable[..., Person]
) -> None:
    """Out of prison now, but convicted in 2020: they were at least 10 then."""
    person = make_person(prison=None, release_in_days=30)
    sentence = person.sentences.get()
    Offence.objects.create(
        person=person,
        sentence=sentence,
        description="Theft",
        conviction_date=date(2020, 3, 1),
    )
    response = client_for(com).post(
        reverse("record:change", args=[person.pk]),
        _details(person, **_date("date_of_birth", date(2012, 1, 1))),
    )
    summary = _summary(response.content.decode())
    assert (
        "Date of birth must be on or before 1 March 2010: they were convicted on 1 March 2020"
        in summary
    )
    person.refresh_from_db()
    assert person.date_of_birth == date(1990, 1, 1)


def test_sentence_and_conviction_before_the_tenth_birthday_are_refused() -> None:
    born = date(2010, 6, 1)
    assert rules.sentence_date_problems(
        sentence_date=date(2020, 5, 31), birth_date=born, key_dates={}, today=TODAY
    ) == {"sentence_date": "Date of sentence must be on or after their 10th birthday, 1 June 2020"}
    assert (
        rules.sentence_date_problems(
            sentence_date=date(2020, 6, 1), birth_date=born, key_dates={}, today=TODAY
        )
        == {}
    )
    assert rules.conviction_date_problem(
        conviction_date=date(2019, 1, 1), birth_date=born, today=TODAY
    ) == ("Date of conviction must be on or after their 10th birthday, 1 June 2020")

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from conftest import TODAY
from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people import rules, services
from throughcare.people.commands import NewOffence, NewPerson, NewSentence, PersonChanges
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_create_person_gives_a_crn_and_audits_the_collection(com: User) -> None:
    person = services.create_person(
        user=com,
        details=NewPerson(
            given_name="Ada",
            family_name="Lovelace",
            date_of_birth=date(1990, 5, 1),
            sex="female",
            prison_number="a1234bc",
            pnc_number="2012/52494x",
        ),
        today=TODAY,
    )
    assert rules.is_valid_crn(person.crn)
    assert person.prison_number == "A1234BC"
    assert person.pnc_number == "2012/0052494X"
    event = AuditEvent.objects.get(person_id=person.pk)
    assert event.operation == Operation.COLLECTION
    assert event.user == com
    assert "given_name" in event.fields
    assert "Ada" not in event.hash and "Ada" not in str(event.fields)


def test_a_second_record_with_the_same_identifier_is_refused(
    com: User, make_person: Callable[..., Person]
) -> None:
    first = make_person(prison_number="A1234BC")
    with pytest.raises(services.DuplicateIdentifierError) as refused:
        make_person(prison_number="a1234bc")
    assert refused.value.existing == first
    assert refused.value.field == "prison_number"
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"), [("prison_number", "1234ABC"), ("pnc_number", "12/345X")]
)
def test_badly_formed_identifiers_are_refused(
    make_person: Callable[..., Person], field: str, value: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        make_person(**{field: value})
    assert field in refused.value.error_dict


def test_birth_date_in_the_future_is_refused(make_person: Callable[..., Person]) -> None:
    with pytest.raises(ValidationError) as refused:
        make_person(date_of_birth=date(2030, 1, 1))
    assert "date_of_birth" in refused.value.error_dict


def test_adding_a_sentence_sets_the_shown_release_and_eligibility_dates(
    com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person()
    services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": date(2025, 1, 10),
                "crd": date(2027, 1, 10),
                "hdcad": date(2026, 12, 20),
                "ped": date(2026, 12, 1),
                "hdced": date(2026, 11, 30),
                "sed": date(2029, 1, 10),
            }
        ),
        today=TODAY,
    )
    person.refresh_from_db()
    assert person.release_date == date(2026, 12, 20)
    assert person.release_date_source == "home detention curfew approved date"
    assert person.eligibility_date == date(2026, 11, 30)
    kinds = list(
        AuditEvent.objects.filter(person_id=person.pk).values_list("record_type", "operation")
    )
    assert ("sentence", "collection") in kinds
    assert ("person", "alteration") in kinds


def test_release_before_sentence_is_refused_and_nothing_is_saved(
    com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person()
    with pytest.raises(ValidationError) as refused:
        services.add_sentence(
            user=com,
            person=person,
            sentence=NewSentence.from_cleaned(
                {
                    "sentence_type": "sds",
                    "sentence_date": date(2025, 1, 10),
                    "crd": date(2024, 1, 10),
                }
            ),
            today=TODAY,
        )
    assert "crd" in refused.value.error_dict
    assert person.sentences.count() == 0


def test_offence_conviction_after_sentence_or_before_birth_is_refused(
    com: User, person: Person
) -> None:
    sentence = person.sentences.get()
    for conviction_date in (date(2026, 11, 1), date(1980, 1, 1)):
        with pytest.raises(ValidationError):
            services.add_offence(
                user=com,
                person=person,
                sentence=sentence,
                offence=NewOffence.from_cleaned(
                    {"description": "Theft", "conviction_date": conviction_date}
                ),
                today=TODAY,
            )
    assert sentence.offences.count() == 0


def test_only_one_main_offence_per_sentence(com: User, person: Person) -> None:
    sentence = person.sentences.get()
    data = {"description": "Theft", "conviction_date": sentence.sentence_date, "is_main": True}
    first = services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(data),
        today=TODAY,
    )
    second = services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(data),
        today=TODAY,
    )
    first.refresh_from_db()
    assert not first.is_main and second.is_main
    assert AuditEvent.objects.filter(
        record_type="offence", record_id=str(first.pk), operation=Operation.ALTERATION
    ).exists()


def test_a_partial_update_keeps_the_fields_it_was_not_given(
    com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person(prison_number="A1234BC", pnc_number="2012/0052494X")
    services.update_person(
        user=com,
        person=person,
        changes=PersonChanges(preferred_name="Sam"),
        expected_version=person.version,
    )
    person.refresh_from_db()
    assert person.preferred_name == "Sam"
    assert person.prison_number == "A1234BC"
    assert person.pnc_number == "2012/0052494X"
    event = AuditEvent.objects.filter(person_id=person.pk).latest("id")
    assert event.operation == Operation.ALTERATION
    assert event.fields == ["preferred_name"]

"""The typed inputs hold every field their forms and services know."""

from dataclasses import fields

from throughcare.people import rules, services
from throughcare.people.commands import UNCHANGED, NewPerson, NewSentence, PersonChanges
from throughcare.record.forms import PersonDetailsForm, PersonForm, SentenceForm


def test_a_new_sentence_holds_every_key_date_and_every_field_of_its_form() -> None:
    names = {f.name for f in fields(NewSentence)}
    assert set(rules.KEY_DATES) <= names
    assert set(SentenceForm().fields) == names


def test_a_new_person_holds_every_field_of_the_add_a_person_form() -> None:
    names = {f.name for f in fields(NewPerson)}
    assert set(PersonForm().fields) == names
    assert set(services.PERSON_FIELDS) == names


def test_person_changes_hold_every_field_of_the_change_details_page() -> None:
    names = {f.name for f in fields(PersonChanges)}
    assert set(PersonDetailsForm().fields) - {"version", "loaded"} == names
    assert set(services.EDITABLE_FIELDS) == names


def test_person_changes_carry_only_the_fields_given() -> None:
    assert PersonChanges().given() == {}
    assert PersonChanges(pnc_number="", prison=None).given() == {"pnc_number": "", "prison": None}
    read = PersonChanges.from_cleaned({"preferred_name": "Sam", "version": 3, "loaded": ""})
    assert read.given() == {"preferred_name": "Sam"}
    assert read.prison_number is UNCHANGED

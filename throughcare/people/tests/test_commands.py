"""The typed inputs hold every field their forms and services know."""

from dataclasses import fields

from throughcare.people import rules
from throughcare.people.commands import NewSentence
from throughcare.record.forms import SentenceForm


def test_a_new_sentence_holds_every_key_date_and_every_field_of_its_form() -> None:
    names = {f.name for f in fields(NewSentence)}
    assert set(rules.KEY_DATES) <= names
    assert set(SentenceForm().fields) == names

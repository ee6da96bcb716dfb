"""`person_url` gives what `reverse` gives for every section and button of the record, for
any person, and refuses a URL that does not take a person's id once."""

from __future__ import annotations

import uuid

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from throughcare.core.links import person_url
from throughcare.record import header, sections


def url_names() -> list[str]:
    names = [section.url_name for section in sections.sections() if section.url_name]
    names += [button.url_name for button in header._buttons.values()]
    return names


def test_it_is_what_reverse_gives_for_every_section_and_button() -> None:
    assert len(url_names()) > 8
    for name in url_names():
        for person_id in (uuid.uuid4(), str(uuid.uuid4())):
            assert person_url(name, person_id) == reverse(name, args=[person_id])


def test_it_follows_the_script_prefix() -> None:
    person_id = uuid.uuid4()
    try:
        set_script_prefix("/throughcare/")
        assert person_url("record:overview", person_id) == f"/throughcare/people/{person_id}/"
    finally:
        set_script_prefix("/")
    assert person_url("record:overview", person_id) == f"/people/{person_id}/"


def test_a_url_without_a_person_id_is_refused() -> None:
    with pytest.raises(NoReverseMatch):
        person_url("caseload:caseload", uuid.uuid4())
    with pytest.raises(ValueError):
        person_url("record:overview", "not a person's id")

"""The overview's lists read with SQL built once (`record.queries.overview_rows`) hold what
the person's related managers give, in the same order: other names, sentences (current first)
each with its own offences (main first), and victims only for those who may see them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from throughcare.access import gate
from throughcare.access.models import User
from throughcare.access.policy import Action
from throughcare.core import clock
from throughcare.people import services
from throughcare.people.commands import NewAlias, NewOffence, NewSentence, NewVictim
from throughcare.people.models import Person
from throughcare.record import queries

pytestmark = pytest.mark.django_db


def _sentence(com: User, person: Person, days_ago: int) -> None:
    today = clock.today()
    sentence = services.add_sentence(
        user=com,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": today - timedelta(days=days_ago),
                "crd": today + timedelta(days=200),
                "sed": today + timedelta(days=500),
            }
        ),
    )
    for n, is_main in ((1, False), (2, True), (3, False)):
        services.add_offence(
            user=com,
            person=person,
            sentence=sentence,
            offence=NewOffence(
                description=f"Offence {n} of the sentence {days_ago} days ago",
                conviction_date=today - timedelta(days=days_ago + n),
                is_main=is_main,
            ),
        )


def test_the_lists_are_those_of_the_related_managers_in_their_order(
    com: User, make_person: Callable[..., Person]
) -> None:
    person, other = make_person(), make_person()
    for days_ago in (400, 30):
        _sentence(com, person, days_ago)
        _sentence(com, other, days_ago + 1)
    for family_name in ("Zed", "Able"):
        services.add_alias(user=com, person=person, alias=NewAlias(family_name=family_name))
    for name in ("Vera", "Alice"):
        services.add_victim(
            user=com, person=person, victim=NewVictim(name=name, relationship="Neighbour")
        )
    access = gate.access_person(com, person.pk, action=Action.VIEW, channel=gate.Channel.JOB)
    rows = queries.overview_rows(access)
    assert rows.aliases == list(person.aliases.all())
    assert rows.sentences == list(person.sentences.all())
    for sentence in rows.sentences:
        assert sentence.offence_list == list(sentence.offences.all())  # type: ignore[attr-defined]
        assert sentence.offence_list[0].is_main  # type: ignore[attr-defined]
    assert rows.victims == list(person.victims.all())
    assert [v.name for v in rows.victims] == ["Alice", "Vera"]


def test_victims_are_not_read_for_those_who_may_not_see_them(
    com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person()
    services.add_victim(user=com, person=person, victim=NewVictim(name="Vera", relationship="Ex"))
    access = gate.access_person(com, person.pk, action=Action.VIEW, channel=gate.Channel.JOB)
    assert access.can(Action.VIEW_VICTIMS)
    # The same access, less the victims (as for a user outside the allocated team).
    object.__setattr__(access, "can", lambda action: action != Action.VIEW_VICTIMS)
    rows = queries.overview_rows(access)
    assert rows.victims is None and rows.sentences == [] and rows.aliases == []

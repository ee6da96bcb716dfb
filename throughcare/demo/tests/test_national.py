"""seed_scale's national shape: caseloads of 30 to 60, an SPO for every team, the audit events
its history implies, and re-runs that add only what is missing."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command
from django.db.models import Count

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent
from throughcare.audit.verify import verify_chain
from throughcare.casework.models import CaseNote
from throughcare.demo import national
from throughcare.people.models import Alias, Person


@pytest.mark.parametrize("people", [30, 61, 100, 999, 10_000, 250_000])
def test_caseloads_are_30_to_60_and_add_up(people: int) -> None:
    sizes = national.caseloads(random.Random(people), people)
    assert sum(sizes) == people
    assert all(30 <= size <= 60 for size in sizes)


def test_caseloads_are_drawn_from_the_seed() -> None:
    first = national.caseloads(random.Random(7), 5_000)
    assert national.caseloads(random.Random(7), 5_000) == first
    assert national.caseloads(random.Random(8), 5_000) != first


@pytest.mark.django_db
def test_seed_scale_builds_the_shape_and_tops_up() -> None:
    call_command("seed_scale", people=150, notes_per_person=2)
    first = list(Person.objects.order_by("crn").values_list("crn", "com__email"))
    assert len(first) == 150

    call_command("seed_scale", people=150, notes_per_person=2)
    assert Person.objects.count() == 150

    call_command("seed_scale", people=1_200, notes_per_person=2)
    assert Person.objects.count() == 1_200
    assert set(first) <= set(Person.objects.values_list("crn", "com__email"))
    loads = Person.objects.values("com").annotate(n=Count("id")).values_list("n", flat=True)
    assert loads and all(30 <= n <= 60 for n in loads)
    teams = set(Person.objects.values_list("com__organisation", flat=True))
    spos = set(User.objects.filter(role=Role.SPO).values_list("organisation", flat=True))
    assert teams <= spos
    assert CaseNote.objects.count() == 1_200 * 2
    # About one person in eight known by another name too, each name once.
    aliases = Alias.objects.count()
    assert 100 <= aliases <= 200
    assert Alias.objects.values("person").distinct().count() == aliases
    assert not Alias.objects.filter(name_key="").exists()
    # Collection of each person, sentence, offence, other name and note; each note's by its
    # author.
    assert AuditEvent.objects.count() == 1_200 * 5 + aliases
    assert AuditEvent.objects.filter(record_type="alias").count() == aliases
    note_events = AuditEvent.objects.filter(record_type="case note")
    assert not note_events.filter(user__isnull=True).exists()
    checked, finding = verify_chain()
    assert finding is None and checked == 1_200 * 5 + aliases

"""The same other name, submitted twice (a double click, two tabs, a retry), is recorded once
and audited once, even when the two submissions arrive at the same moment (issue 7, item 12)."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from throughcare.access.models import User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.audit.verify import verify_chain
from throughcare.people import rules, services
from throughcare.people.commands import NewAlias
from throughcare.people.models import Alias, Person


def _collections(person: Person) -> int:
    return AuditEvent.objects.filter(
        person_id=person.pk, record_type="alias", operation=Operation.COLLECTION
    ).count()


def test_names_that_differ_only_in_case_or_spacing_are_the_same_name() -> None:
    assert rules.name_key("Mary  Ann", "STRASSE") == rules.name_key(" mary ann", "Straße")
    assert rules.name_key("Jay", "Moniker") != rules.name_key("Jay Moniker", "")


@pytest.mark.django_db
def test_the_database_refuses_a_second_copy_of_an_other_name(
    com: User, make_person: Callable[..., Person]
) -> None:
    person, other = make_person(), make_person()
    services.add_alias(
        user=com,
        person=person,
        alias=NewAlias.from_cleaned({"given_name": "Jay", "family_name": "Moniker"}),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(person=person, given_name="JAY", family_name="moniker")
    # Someone else may be known by the same name.
    Alias.objects.create(person=other, given_name="Jay", family_name="Moniker")
    assert (person.aliases.count(), other.aliases.count()) == (1, 1)


@pytest.mark.django_db(transaction=True)
def test_the_same_other_name_posted_twice_at_once_is_recorded_once(
    client_for: Callable[[User], Client],
    com: User,
    make_person: Callable[..., Person],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On PostgreSQL the two posts race in two threads: a barrier just before the insert holds
    each until both have checked for the name and found nothing, so both try to write it.

    SQLite's in-memory test database cannot hold two writing connections (its shared cache
    answers "table is locked" instead of waiting), so there the posts go one after the
    other: what SQLite's IMMEDIATE transactions make of two concurrent posts in production."""
    person = make_person()
    url = reverse("record:alias-create", args=[person.pk])
    clients = [client_for(com), client_for(com)]
    responses: list[Any] = []

    def post(client: Client) -> None:
        try:
            responses.append(client.post(url, {"given_name": "Jay", "family_name": "Moniker"}))
        finally:
            connection.close()

    if connection.vendor == "sqlite":
        for client in clients:
            responses.append(client.post(url, {"given_name": "Jay", "family_name": "Moniker"}))
    else:
        barrier = threading.Barrier(2, timeout=10)
        original_create = Alias.objects.create

        def create_together(**kwargs: Any) -> Alias:
            barrier.wait()
            return original_create(**kwargs)

        monkeypatch.setattr(Alias.objects, "create", create_together)
        threads = [threading.Thread(target=post, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200)
    assert "This name is already recorded" in refused.content.decode()
    assert list(person.aliases.values_list("given_name", "family_name")) == [("Jay", "Moniker")]
    assert _collections(person) == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_one_of_each_name_and_audits_the_copies_it_removes() -> None:
    # Written without audit events: going back to people.0001 takes back the audit log's
    # migrations too, and events written in shards (audit.0013) cannot outlive that (their
    # hashes cover the shard and place), so that migration refuses to go back over them.
    person, other = (
        Person.objects.create(
            crn=f"X00000{n}",
            given_name="Given",
            family_name=f"Family{n}",
            sex="male",
            date_of_birth=datetime.date(1990, 1, 1),
        )
        for n in (1, 2)
    )
    before = [("people", "0001_initial")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_alias = executor.loader.project_state(before).apps.get_model("people", "Alias")
    jay, jay_again, jay_once_more, jo, others_jay = (
        old_alias.objects.create(person_id=owner.pk, given_name=given, family_name=family).pk
        for owner, given, family in (
            (person, "Jay", "Moniker"),
            (person, "JAY", "moniker "),  # a copy
            (person, "Jay", "Moniker"),  # a copy
            (person, "Jo", "Moniker"),
            (other, "Jay", "Moniker"),  # someone else's: kept
        )
    )

    # Going back to people.0001 also took back the migrations that follow people.0002 (the
    # audit log's among them): apply everything again, as a real upgrade would.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    kept = Alias.objects.filter(person=person).order_by("pk")
    assert [(a.pk, a.given_name) for a in kept] == [(jay, "Jay"), (jo, "Jo")]
    assert list(other.aliases.values_list("pk", flat=True)) == [others_jay]
    # people.0006 gave each person the other names that search matches, from those kept.
    person.refresh_from_db()
    other.refresh_from_db()
    assert (person.other_names, other.other_names) == ("Jay Moniker\nJo Moniker", "Jay Moniker")
    removed = AuditEvent.objects.filter(
        person_id=person.pk, record_type="alias", operation=Operation.ERASURE
    )
    assert sorted(int(e.record_id) for e in removed) == [jay_again, jay_once_more]
    assert verify_chain() == (AuditEvent.objects.count(), None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Alias.objects.create(person=person, given_name="jo", family_name="MONIKER")


def test_other_names_are_written_one_a_line_for_search() -> None:
    assert rules.other_names([("Jay", "Moniker"), ("", "Smith"), ("Ann", "")]) == (
        "Jay Moniker\nSmith\nAnn"
    )
    assert rules.other_names([]) == ""


@pytest.mark.django_db
def test_adding_an_other_name_keeps_the_persons_searched_names_in_step(
    com: User, make_person: Callable[..., Person]
) -> None:
    person = make_person()
    version = person.version
    for given, family in (("Jay", "Moniker"), ("Jo", "Smitham")):
        services.add_alias(
            user=com, person=person, alias=NewAlias(given_name=given, family_name=family)
        )
    assert person.other_names == "Jay Moniker\nJo Smitham"
    person.refresh_from_db()
    assert person.other_names == "Jay Moniker\nJo Smitham"
    assert person.version == version + 2
    # Each change of the person audited as an alteration of that field, as every other.
    changes = AuditEvent.objects.filter(
        person_id=person.pk, record_type="person", operation=Operation.ALTERATION
    )
    assert [event.fields for event in changes] == [["other_names"], ["other_names"]]
    assert verify_chain() == (AuditEvent.objects.count(), None)

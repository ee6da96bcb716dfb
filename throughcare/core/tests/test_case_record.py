"""Every case table inherits CaseRecord: the person, who made each row and when, who last
changed it and when, a version and the audited queryset. Rows written before a table had
these columns get them from the audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from conftest import NOW, TODAY
from throughcare.access import services as access_services
from throughcare.access.commands import ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.audit import services as audit
from throughcare.audit.models import Operation
from throughcare.casework import services as casework
from throughcare.casework.models import CaseNote
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.core.models import CaseQuerySet, CaseRecord
from throughcare.people import services as people_services
from throughcare.people.commands import NewAlias, NewOffence, NewVictim
from throughcare.people.models import Person

# Tables that carry a person and are not case records, and why.
NOT_CASE_RECORDS = {
    # The person: the row every case record points to. It has its own created_at,
    # updated_at and version.
    "people.Person",
    # The audit log: append-only, never changed, and it outlives erasure, so its person_id
    # is not a foreign key.
    "audit.AuditEvent",
    # A break-glass opening: a grant a member of staff writes for themselves for one
    # signed-in session (its `user` made it, at its created_at); it never changes.
    "access.BreakGlassAccess",
}


def _carries_a_person(model: type[models.Model]) -> bool:
    return model is Person or any(
        (field.is_relation and field.related_model is Person)
        or getattr(field, "attname", None) == "person_id"
        for field in model._meta.get_fields()
        if not field.auto_created
    )


def test_every_table_that_carries_a_person_is_a_case_record() -> None:
    carrying = {m._meta.label: m for m in apps.get_models() if _carries_a_person(m)}
    assert set(carrying) >= NOT_CASE_RECORDS
    others = [label for label, m in carrying.items() if label not in NOT_CASE_RECORDS]
    assert others, "no case tables found"
    for label in others:
        model = carrying[label]
        assert issubclass(model, CaseRecord), f"{label} must inherit core.models.CaseRecord"
        assert isinstance(model._default_manager.all(), CaseQuerySet), label


@pytest.mark.django_db
def test_a_new_row_says_who_made_it_and_when_and_a_change_who_changed_it(
    com: User, make_user: Callable[..., User], person: Person
) -> None:
    note = casework.add_case_note(
        user=com,
        person=person,
        note=NewCaseNote.from_cleaned(
            {"note_type": "contact", "occurred_on": TODAY, "text": "Met"}
        ),
    )
    note.refresh_from_db()
    assert (note.created_at, note.created_by, note.version) == (NOW, com, 1)
    assert (note.updated_at, note.updated_by) == (NOW, com)

    clock.advance(timedelta(hours=2))
    casework.mark_sensitive(user=com, note=note)
    note.refresh_from_db()
    assert (note.created_at, note.created_by) == (NOW, com)
    assert (note.updated_at, note.updated_by, note.version) == (
        NOW + timedelta(hours=2),
        com,
        2,
    )
    spo = make_user(Role.SPO, "team")
    clock.advance(timedelta(hours=1))
    casework.unmark_sensitive(user=spo, note=note)
    note.refresh_from_db()
    assert (note.updated_at, note.updated_by, note.version) == (NOW + timedelta(hours=3), spo, 3)


@pytest.mark.django_db
def test_the_services_name_who_made_and_changed_the_person_s_other_tables(
    com: User, organisations: dict[str, Organisation], person: Person
) -> None:
    sentence = person.sentences.get()
    first = people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(
            {"description": "Theft", "conviction_date": TODAY - timedelta(days=400)}
        ),
        today=TODAY,
    )
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(
            {"description": "Robbery", "conviction_date": TODAY - timedelta(days=400)}
        ),
        today=TODAY,
    )
    clock.advance(timedelta(minutes=5))
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(
            {
                "description": "Burglary",
                "conviction_date": TODAY - timedelta(days=400),
                "is_main": True,
            }
        ),
        today=TODAY,
    )
    victim = people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned({"name": "V", "relationship": "Neighbour"}),
    )
    alias = people_services.add_alias(
        user=com,
        person=person,
        alias=NewAlias.from_cleaned({"given_name": "Al", "family_name": "Ias"}),
    )
    agreement = access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing",
            sections=("identity",),
            start_date=TODAY,
            end_date=TODAY + timedelta(days=30),
        ),
    )
    for row in (sentence, victim, alias, agreement):
        row.refresh_from_db()
        assert row.created_by == com and row.updated_by == com, row
    first.refresh_from_db()
    assert first.created_by == com and first.created_at == NOW
    assert first.version == 1 and first.updated_at == NOW  # not the main offence before
    clock.advance(timedelta(minutes=5))
    access_services.end_agreement(by=com, agreement=agreement, reason="Housed")
    agreement.refresh_from_db()
    assert agreement.updated_at == NOW + timedelta(minutes=10) and agreement.version == 2


@pytest.mark.django_db(transaction=True)
def test_rows_written_before_the_columns_get_them_from_the_audit_log(
    com: User, make_user: Callable[..., User], person: Person
) -> None:
    spo = make_user(Role.SPO, "team")
    before = [("casework", "0001_initial"), ("people", "0002_alias_name_key")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    note = old.get_model("casework", "CaseNote").objects.create(
        person_id=person.pk, note_type="contact", occurred_on=TODAY, text="Met", author_id=com.pk
    )
    alias = old.get_model("people", "Alias").objects.create(
        person_id=person.pk, given_name="Al", family_name="Ias", name_key="al\x1fias"
    )
    unknown = old.get_model("people", "Alias").objects.create(
        person_id=person.pk, given_name="No", family_name="Trail", name_key="no\x1ftrail"
    )
    made_at = NOW - timedelta(days=3)
    with clock.fixed_at(made_at):
        audit.record(
            user=com,
            operation=Operation.COLLECTION,
            record_type="case note",
            record_id=note.pk,
            person_id=person.pk,
        )
        audit.record(
            user=com,
            operation=Operation.COLLECTION,
            record_type="alias",
            record_id=alias.pk,
            person_id=person.pk,
        )
    with clock.fixed_at(NOW - timedelta(days=1)):
        audit.record(
            user=spo,
            operation=Operation.ALTERATION,
            record_type="case note",
            record_id=note.pk,
            person_id=person.pk,
            fields=["sensitive"],
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([key for key in executor.loader.graph.leaf_nodes() if key[0] != "demo"])

    migrated = CaseNote.objects.get(pk=note.pk)
    assert migrated.created_at == note.created_at  # the table had it: kept
    assert migrated.created_by == com
    assert (migrated.updated_at, migrated.updated_by) == (NOW - timedelta(days=1), spo)
    migrated_alias = person.aliases.get(pk=alias.pk)
    assert (migrated_alias.created_at, migrated_alias.created_by) == (made_at, com)
    assert (migrated_alias.updated_at, migrated_alias.updated_by) == (made_at, com)
    assert migrated_alias.version == 1
    no_trail = person.aliases.get(pk=unknown.pk)
    assert no_trail.created_by is None and no_trail.updated_at == no_trail.created_at

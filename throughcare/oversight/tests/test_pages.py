"""The oversight pages over the audit log: who has seen a record, a user's activity, the CSV
export."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from throughcare.access.models import Organisation, Role, User
from throughcare.audit import queries as log
from throughcare.audit import services as audit
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.core import clock
from throughcare.oversight import queries
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _at(when: datetime.datetime, **kwargs: object) -> AuditEvent:
    """An audit event recorded as if at `when`."""
    with clock.fixed_at(when):
        return audit.record(**kwargs)  # type: ignore[arg-type]


def _break_glass(client: Client, person: Person) -> None:
    response = client.post(
        reverse("access:break-glass", args=[person.pk]),
        {"reason": "Covering the duty desk this afternoon"},
    )
    assert response.status_code == 302


# Who has seen this record ----------------------------------------------------------------


def test_allocated_staff_and_team_spo_see_who_has_seen_the_record(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    pom: User,
    person: Person,
) -> None:
    colleague = make_user(Role.COM, "team")
    outsider = make_user(Role.COM, "other_team")
    assert (
        client_for(colleague).get(reverse("record:overview", args=[person.pk])).status_code == 200
    )
    outsider_client = client_for(outsider)
    outsider_client.get(reverse("record:overview", args=[person.pk]))  # refused: asks a reason
    _break_glass(outsider_client, person)
    assert outsider_client.get(reverse("record:overview", args=[person.pk])).status_code == 200
    spo = make_user(Role.SPO, "team")

    url = reverse("oversight:who-has-seen", args=[person.pk])
    for viewer in (com, pom, spo):
        response = client_for(viewer).get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        body = response.content.decode()
        assert colleague.full_name in body and colleague.email in body
        assert outsider.full_name in body and "Elsewhere probation team" in body
        assert "Refused" in body
        assert "Covering the duty desk this afternoon" in body  # the break-glass reason
        assert "Community offender manager" in body
        assert "Consultation of person" in body
    # Looking at who has seen the record is itself a consultation, shown on the page.
    assert AuditEvent.objects.filter(
        user=spo, person_id=person.pk, record_type="who has seen", outcome=Outcome.ALLOWED
    ).exists()


def test_who_has_seen_is_refused_to_the_team_and_hidden_from_everyone_else(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    person: Person,
) -> None:
    url = reverse("oversight:who-has-seen", args=[person.pk])
    assert client_for(make_user(Role.COM, "team")).get(url).status_code == 403
    for stranger in (
        make_user(Role.COM, "other_team"),
        make_user(Role.SPO, "other_team"),
        make_user(Role.PARTNER, "partner"),
        make_user(Role.ADMIN, None),
    ):
        response = client_for(stranger).get(url)
        assert response.status_code == 404
        assert person.family_name not in response.content.decode()


def test_who_has_seen_shows_uk_time_and_disclosures_with_their_recipient(
    client_for: Callable[[User], Client], com: User, person: Person
) -> None:
    _at(
        datetime.datetime(2026, 7, 1, 12, 30, tzinfo=UTC),
        user=com,
        operation=Operation.DISCLOSURE,
        record_type="sharing agreement",
        person_id=person.pk,
        recipient="Test Housing",
    )
    body = client_for(com).get(reverse("oversight:who-has-seen", args=[person.pk])).content.decode()
    assert "1 July 2026, 13:30:00" in body  # British Summer Time
    assert "Disclosure of sharing agreement, to Test Housing" in body


def test_who_has_seen_is_paginated_in_a_constant_number_of_queries(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(queries, "PAGE_SIZE", 5)
    client = client_for(com)
    url = reverse("oversight:who-has-seen", args=[person.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(12):
        viewer = make_user(Role.COM, "team")
        audit.record(
            user=viewer,
            operation=Operation.CONSULTATION,
            record_type="person",
            person_id=person.pk,
        )
    assert count() == few
    body = client.get(url).content.decode()
    assert "govuk-pagination" in body
    assert body.count('class="govuk-table__row"') == 5 + 1  # a page of events and the head


# A user's activity ------------------------------------------------------------------------


def test_spo_sees_activity_of_their_team_naming_only_people_they_may_see(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    com: User,
    person: Person,
) -> None:
    other_com = make_user(Role.COM, "other_team")
    elsewhere = make_person(com=other_com, pom=None, prison=None, given_name="Faraway")
    client = client_for(com)
    client.get(reverse("record:overview", args=[person.pk]))
    _break_glass(client, elsewhere)
    client.get(reverse("record:overview", args=[elsewhere.pk]))

    spo = make_user(Role.SPO, "team")
    response = client_for(spo).get(reverse("oversight:user-activity", args=[com.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert person.full_name in body and person.crn in body
    assert "Faraway" not in body and elsewhere.crn not in body
    assert "Covering the duty desk" not in body  # reasons only for the SPO's own cases
    assert "Not one of your team&#x27;s cases" in body
    # Showing a person's name to the SPO is a consultation of that person.
    shown = AuditEvent.objects.filter(user=spo, record_type="user activity report")
    assert {e.person_id for e in shown} == {person.pk}
    assert AuditEvent.objects.filter(
        user=spo, record_type="user activity", record_id=str(com.pk)
    ).exists()


def test_spo_cannot_see_users_outside_their_organisation(
    client_for: Callable[[User], Client], make_user: Callable[..., User], com: User
) -> None:
    spo = make_user(Role.SPO, "team")
    outsider = make_user(Role.COM, "other_team")
    client = client_for(spo)
    assert client.get(reverse("oversight:user-activity", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("oversight:user-activity", args=[999_999])).status_code == 404
    listing = client.get(reverse("oversight:users")).content.decode()
    assert com.email in listing and spo.email in listing
    assert outsider.email not in listing


def test_administrator_sees_anyones_activity_without_any_case_record(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    outsider = make_user(Role.COM, "other_team")
    client_for(com).get(reverse("record:overview", args=[person.pk]))
    admin = make_user(Role.ADMIN, None)
    client = client_for(admin)
    response = client.get(reverse("oversight:user-activity", args=[com.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Consultation of person" in body
    for identifying in (person.full_name, person.family_name, person.crn, str(person.pk)):
        assert identifying not in body
    assert not AuditEvent.objects.filter(user=admin, person_id__isnull=False).exists()
    listing = client.get(reverse("oversight:users")).content.decode()
    assert com.email in listing and outsider.email in listing
    assert client.get(reverse("oversight:user-activity", args=[outsider.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.COM, Role.POM, Role.PARTNER])
def test_other_roles_may_not_see_users_activity(
    client_for: Callable[[User], Client], make_user: Callable[..., User], com: User, role: str
) -> None:
    client = client_for(make_user(role, "partner" if role == Role.PARTNER else "team"))
    assert client.get(reverse("oversight:users")).status_code == 403
    assert client.get(reverse("oversight:user-activity", args=[com.pk])).status_code == 403


# Export ---------------------------------------------------------------------------------


def _dates(prefix: str, day: datetime.date) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def _export(client: Client, first: datetime.date, last: datetime.date) -> list[dict[str, str]]:
    response = client.post(
        reverse("oversight:export"), {**_dates("first_day", first), **_dates("last_day", last)}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == (
        f'attachment; filename="audit-{first.isoformat()}-to-{last.isoformat()}.csv"'
    )
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == log.EXPORT_COLUMNS
    return list(reader)


def test_administrator_exports_the_events_of_uk_days_as_csv_and_the_export_is_audited(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    def consult(when: datetime.datetime, reason: str) -> AuditEvent:
        return _at(
            when,
            user=com,
            operation=Operation.CONSULTATION,
            record_type="person",
            record_id=person.pk,
            person_id=person.pk,
            reason=reason,
        )

    # 1 June 2026 in London runs from 23:00 UTC on 31 May to 23:00 UTC on 1 June.
    consult(datetime.datetime(2026, 5, 31, 22, 30, tzinfo=UTC), "before")
    first = consult(datetime.datetime(2026, 5, 31, 23, 30, tzinfo=UTC), "first")
    last = consult(datetime.datetime(2026, 6, 2, 22, 59, tzinfo=UTC), "=HYPERLINK(evil)")
    consult(datetime.datetime(2026, 6, 2, 23, 0, tzinfo=UTC), "after")
    admin = make_user(Role.ADMIN, None)

    rows = _export(client_for(admin), datetime.date(2026, 6, 1), datetime.date(2026, 6, 2))

    assert [row["id"] for row in rows] == [str(first.pk), str(last.pk)]
    row = rows[0]
    assert row["occurred_at"] == "2026-05-31T23:30:00+00:00"
    assert row["user_email"] == com.email and row["user_role"] == "com"
    assert row["person_id"] == str(person.pk)
    assert row["record_type"] == "person" and row["record_id"] == str(person.pk)
    assert row["operation"] == "consultation" and row["outcome"] == "allowed"
    assert row["fields"] == "[]"
    assert row["hash"] == first.hash and row["previous_hash"] == first.previous_hash
    assert rows[1]["reason"] == "'=HYPERLINK(evil)"  # never run as a spreadsheet formula

    export = AuditEvent.objects.get(record_type="audit export")
    assert export.operation == Operation.DISCLOSURE
    assert export.user == admin
    assert admin.email in export.recipient
    assert export.reason == "Audit events from 2026-06-01 to 2026-06-02 (UK days)"
    assert export.person_id is None


def test_the_export_of_today_includes_its_own_audit_event(
    client_for: Callable[[User], Client], make_user: Callable[..., User]
) -> None:

    today = clock.today()
    rows = _export(client_for(make_user(Role.ADMIN, None)), today, today)
    assert rows[-1]["record_type"] == "audit export"
    assert rows[-1]["operation"] == "disclosure"


def test_export_form_checks_the_dates(
    client_for: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    client = client_for(make_user(Role.ADMIN, None))
    assert client.get(reverse("oversight:export")).status_code == 200
    response = client.post(
        reverse("oversight:export"),
        {
            **_dates("first_day", datetime.date(2026, 6, 2)),
            **_dates("last_day", datetime.date(2026, 6, 1)),
        },
    )
    assert response.status_code == 200
    assert "must be the same as or after" in response.content.decode()
    assert not AuditEvent.objects.filter(record_type="audit export").exists()


@pytest.mark.parametrize("role", [Role.COM, Role.POM, Role.SPO, Role.PARTNER])
def test_only_administrators_may_export_the_audit_log(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    organisations: dict[str, Organisation],
    role: str,
) -> None:
    client = client_for(make_user(role, "partner" if role == Role.PARTNER else "team"))
    day = datetime.date(2026, 6, 1)
    assert client.get(reverse("oversight:export")).status_code == 403
    response = client.post(
        reverse("oversight:export"), {**_dates("first_day", day), **_dates("last_day", day)}
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(record_type="audit export").exists()

"""Exports through the access policy, audited as disclosures: the caseload (a user sees only
the people of their own caseload) and a person's record summary (the case team only)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation
from throughcare.people.models import Person


def test_the_caseload_export_holds_only_the_users_people_and_is_a_disclosure(
    make_person: Callable[..., Person],
    make_user: Callable[..., User],
    com: User,
    client_for: Callable[[User], Client],
) -> None:
    mine = make_person(release_in_days=30, prison_number="C1234DE")
    other_com = make_user(Role.COM, "other_team")
    theirs = make_person(com=other_com, pom=None, family_name="Notmine")
    response = client_for(com).get(reverse("caseload:export-csv"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["crn"], r["prison_number"]) for r in rows] == [(mine.crn, "C1234DE")]
    assert rows[0]["release_date"] == mine.release_date.isoformat()  # type: ignore[union-attr]
    disclosed = AuditEvent.objects.filter(operation=Operation.DISCLOSURE)
    assert [(e.record_type, e.person_id, e.user_id) for e in disclosed] == [
        ("caseload export", mine.pk, com.pk)
    ]
    as_json = client_for(other_com).get(reverse("caseload:export-json")).json()
    assert [p["crn"] for p in as_json["people"]] == [theirs.crn]


def test_administrators_and_partners_have_no_caseload_to_export(
    make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    for role, organisation in ((Role.ADMIN, None), (Role.PARTNER, "partner")):
        response = client_for(make_user(role, organisation)).get(reverse("caseload:export-csv"))
        assert response.status_code == 403


def test_the_record_summary_export_is_for_the_case_team_and_a_disclosure(
    person: Person,
    com: User,
    make_user: Callable[..., User],
    client_for: Callable[[User], Client],
) -> None:
    response = client_for(com).get(reverse("documents:record-export-json", args=[person.pk]))
    assert response.status_code == 200
    summary = json.loads(response.content)
    assert summary["identity"]["crn"] == person.crn
    assert summary["custody_and_allocation"]["community_offender_manager"]["email"] == com.email
    assert summary["sentences"][0]["key_dates"]["crd"] == person.release_date.isoformat()  # type: ignore[union-attr]
    disclosure = AuditEvent.objects.get(operation=Operation.DISCLOSURE)
    assert (disclosure.record_type, disclosure.person_id, disclosure.user_id) == (
        "record export",
        person.pk,
        com.pk,
    )
    csv_text = client_for(com).get(reverse("documents:record-export-csv", args=[person.pk]))
    assert "identity,crn," + person.crn in csv_text.content.decode()
    stranger = make_user(Role.COM, "other_team")
    refused = client_for(stranger).get(reverse("documents:record-export-csv", args=[person.pk]))
    assert refused.status_code == 404
    assert person.crn not in refused.content.decode()
    assert AuditEvent.objects.filter(operation=Operation.DISCLOSURE).count() == 2

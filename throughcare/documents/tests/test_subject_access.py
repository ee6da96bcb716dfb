"""The subject access export: JSON and PDF, what is in them, what is withheld, who may have
them, and the audit of each as a disclosure."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import TODAY
from throughcare.access import policy
from throughcare.access import services as access_services
from throughcare.access.commands import Exclusion, ShareRequest
from throughcare.access.models import Organisation, Role, User
from throughcare.access.subject_access import LIMITED_ACCESS_REASON
from throughcare.audit.models import AuditEvent, Operation
from throughcare.casework import services as casework
from throughcare.casework.services import NewCaseNote
from throughcare.core import clock
from throughcare.documents import pdf, queries, services
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence, NewSentence, NewVictim
from throughcare.people.models import Alias, Person
from throughcare.people.subject_access import VICTIM_REASON

pytestmark = pytest.mark.django_db

VICTIM_NAME = "Vera Victimname"
VICTIM_RELATIONSHIP = "Former-neighbour-of-record"
VICTIM_SAFETY = "VICTIM-SAFETY-CONCERNS-TEXT"
EXCLUSION_REASON = "EXCLUSION-REASON-TEXT"
SENSITIVE_NOTE = "A sensitive note the person may still see"
PARTNER_NOTE = "A note not for partners"


@pytest.fixture
def subject(
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> Person:
    """The person with a sentence and offence, an alias, notes, a victim, an exclusion and a
    sharing agreement."""
    sentence = person.sentences.get()
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence.from_cleaned(
            {
                "description": "Burglary of a dwelling",
                "ogrs3_category": "Burglary (domestic)",
                "conviction_date": TODAY - timedelta(days=420),
                "is_main": True,
            }
        ),
        today=TODAY,
    )
    Alias.objects.create(person=person, given_name="Jonny", family_name="Aliasname")
    for text, flags in (
        (SENSITIVE_NOTE, {"sensitive": True, "acute_change": "bereavement"}),
        (PARTNER_NOTE, {"withheld_from_partners": True}),
    ):
        casework.add_case_note(
            user=com,
            person=person,
            note=NewCaseNote.from_cleaned(
                {"note_type": "contact", "occurred_on": TODAY, "text": text, **flags}
            ),
            today=TODAY,
        )
    people_services.add_victim(
        user=com,
        person=person,
        victim=NewVictim.from_cleaned(
            {
                "name": VICTIM_NAME,
                "relationship": VICTIM_RELATIONSHIP,
                "safety_concerns": VICTIM_SAFETY,
            }
        ),
    )
    spo = make_user(Role.SPO, "team")
    access_services.exclude_user(
        by=spo,
        person=person,
        exclusion=Exclusion(user=make_user(Role.COM, "team"), reason=EXCLUSION_REASON),
    )
    access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing on release",
            sections=("identity", "allocation"),
            start_date=clock.today() - timedelta(days=1),
            end_date=clock.today() + timedelta(days=60),
        ),
    )
    return person


def _json(client: Client, person: Person) -> tuple[Any, dict[str, Any], bytes]:
    response = client.get(reverse("documents:subject-access-json", args=[person.pk]))
    assert response.status_code == 200
    return response, json.loads(response.content), response.content


def test_json_holds_identity_sentences_and_notes_and_withholds_victims(
    client_for: Callable[[User], Client], com: User, subject: Person
) -> None:
    response, data, raw = _json(client_for(com), subject)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert subject.crn in disposition
    assert subject.given_name not in disposition and subject.family_name not in disposition

    assert list(data) == list(queries.section_keys())
    assert data["identity"]["first_name"] == subject.given_name
    assert data["identity"]["last_name"] == subject.family_name
    assert data["identity"]["date_of_birth"] == "1990-01-01"
    assert data["identity"]["other_names"] == ["Jonny Aliasname"]
    assert data["identifiers"]["crn"] == subject.crn
    [sentence] = data["sentences"]
    assert sentence["sentence_type"] == "Standard determinate"
    assert sentence["key_dates"]["Conditional release date (CRD)"] == (
        subject.release_date.isoformat() if subject.release_date else None
    )
    assert sentence["offences"][0]["description"] == "Burglary of a dwelling"
    notes = {note["text"]: note for note in data["case_notes"]}
    assert notes[SENSITIVE_NOTE]["marked_sensitive"] is True
    assert notes[PARTNER_NOTE]["not_for_disclosure_to_partners"] is True
    assert notes[SENSITIVE_NOTE]["sudden_change"] == "Bereavement"
    assert notes[PARTNER_NOTE]["sudden_change"] == ""
    assert data["allocation"]["community_offender_manager"]["name"] == com.full_name
    [agreement] = data["sharing_agreements"]
    assert agreement["organisation"] == "Test Housing"

    assert data["victims"] == [
        {"withheld": True, "category": "victim details", "reason": VICTIM_REASON}
    ]
    assert VICTIM_REASON.startswith("Third-party information: victim details")
    assert data["limited_access"] == [
        {
            "withheld": True,
            "category": "limited-access lists",
            "reason": LIMITED_ACCESS_REASON,
        }
    ]
    text = raw.decode()
    for secret in (VICTIM_NAME, VICTIM_RELATIONSHIP, VICTIM_SAFETY, EXCLUSION_REASON):
        assert secret not in text


def test_each_download_is_audited_as_a_disclosure_to_the_person_and_listed_next_time(
    client_for: Callable[[User], Client], com: User, subject: Person
) -> None:
    client = client_for(com)
    _json(client, subject)
    assert client.get(reverse("documents:subject-access-pdf", args=[subject.pk])).status_code == 200
    events = AuditEvent.objects.filter(
        person_id=subject.pk, operation=Operation.DISCLOSURE, recipient=services.RECIPIENT
    ).order_by("id")
    assert [e.reason for e in events] == [
        "Subject access request: JSON copy",
        "Subject access request: PDF copy",
    ]
    assert all(e.user == com and e.record_type == "subject access export" for e in events)
    assert "victims" in events[0].fields

    _, data, _ = _json(client, subject)
    recipients = [d["recipient"] for d in data["disclosures"]]
    assert recipients == ["Test Housing", services.RECIPIENT, services.RECIPIENT]


def test_pdf_is_a_pdf_made_from_html_without_the_victim(
    client_for: Callable[[User], Client], com: User, subject: Person
) -> None:
    response = client_for(com).get(reverse("documents:subject-access-pdf", args=[subject.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert subject.crn in response["Content-Disposition"]
    assert subject.family_name not in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")

    access = policy.Access(com, subject, policy.Relation.ALLOCATED)
    html = pdf.subject_access_html(queries.subject_access(access))
    assert subject.given_name in html and subject.crn in html
    assert "Burglary of a dwelling" in html and SENSITIVE_NOTE in html
    assert "Withheld: victim details" in html
    assert "victim details are withheld under the Data Protection Act 2018" in html
    for secret in (VICTIM_NAME, VICTIM_RELATIONSHIP, VICTIM_SAFETY, EXCLUSION_REASON):
        assert secret not in html


def test_pdf_text_has_the_record_and_not_the_victim(
    client_for: Callable[[User], Client], com: User, subject: Person
) -> None:
    content = (
        client_for(com).get(reverse("documents:subject-access-pdf", args=[subject.pk])).content
    )
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert subject.crn in text and "Burglary of a dwelling" in text
    assert VICTIM_NAME not in text and VICTIM_SAFETY not in text


def test_subject_access_page_offers_both_downloads(
    client_for: Callable[[User], Client], make_user: Callable[..., User], subject: Person
) -> None:
    spo = make_user(Role.SPO, "team")
    response = client_for(spo).get(reverse("documents:subject-access", args=[subject.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Download PDF" in body and "Download JSON" in body
    assert reverse("documents:subject-access-pdf", args=[subject.pk]) in body
    assert reverse("documents:subject-access-json", args=[subject.pk]) in body
    assert VICTIM_NAME not in body
    # Opening the page is a consultation, not a disclosure.
    assert not AuditEvent.objects.filter(
        person_id=subject.pk, recipient=services.RECIPIENT
    ).exists()


def test_team_spo_may_export_the_team_gets_403_and_others_404(
    client_for: Callable[[User], Client], make_user: Callable[..., User], subject: Person
) -> None:
    names = (
        "documents:subject-access",
        "documents:subject-access-json",
        "documents:subject-access-pdf",
    )
    spo = client_for(make_user(Role.SPO, "team"))
    team = client_for(make_user(Role.COM, "team"))
    others = [
        client_for(make_user(Role.COM, "other_team")),
        client_for(make_user(Role.SPO, "other_team")),
        client_for(make_user(Role.ADMIN, None)),
    ]
    for name in names:
        url = reverse(name, args=[subject.pk])
        assert spo.get(url).status_code == 200
        assert team.get(url).status_code == 403
        for client in others:
            response = client.get(url)
            assert response.status_code == 404
            assert subject.family_name.encode() not in response.content
    refused = AuditEvent.objects.filter(person_id=subject.pk, outcome="refused")
    assert refused.count() == len(names) * 4
    disclosed = AuditEvent.objects.filter(person_id=subject.pk, recipient=services.RECIPIENT)
    assert disclosed.count() == 2  # only the SPO's two downloads


def test_partner_may_not_export(
    client_for: Callable[[User], Client], make_user: Callable[..., User], subject: Person
) -> None:
    partner = client_for(make_user(Role.PARTNER, "partner"))  # has a current agreement
    url = reverse("documents:subject-access-json", args=[subject.pk])
    assert partner.get(url).status_code == 403


def test_the_export_refuses_an_access_without_subject_access(
    make_user: Callable[..., User], subject: Person
) -> None:
    access = policy.Access(make_user(Role.COM, "team"), subject, policy.Relation.TEAM)
    with pytest.raises(PermissionDenied):
        queries.subject_access(access)


def test_the_export_takes_a_constant_number_of_queries(com: User, subject: Person) -> None:
    def count() -> int:
        person = Person.objects.select_related(
            "prison", "pom__organisation", "com__organisation"
        ).get(pk=subject.pk)
        access = policy.Access(com, person, policy.Relation.ALLOCATED)
        with CaptureQueriesContext(connection) as captured:
            queries.subject_access(access)
        return len(captured)

    before = count()
    sentence = people_services.add_sentence(
        user=com,
        person=subject,
        sentence=NewSentence.from_cleaned(
            {"sentence_type": "sds", "sentence_date": TODAY - timedelta(days=900)}
        ),
        today=TODAY,
    )
    for n in range(3):
        people_services.add_offence(
            user=com,
            person=subject,
            sentence=sentence,
            offence=NewOffence.from_cleaned(
                {"description": f"Offence {n}", "conviction_date": TODAY - timedelta(days=950)}
            ),
            today=TODAY,
        )
        casework.add_case_note(
            user=com,
            person=subject,
            note=NewCaseNote.from_cleaned(
                {"note_type": "contact", "occurred_on": TODAY, "text": f"Note {n}"}
            ),
            today=TODAY,
        )
        people_services.add_victim(
            user=com,
            person=subject,
            victim=NewVictim.from_cleaned({"name": f"Victim {n}", "relationship": "stranger"}),
        )
        Alias.objects.create(person=subject, given_name=f"Alias{n}", family_name="Other")
    assert count() == before


def test_documents_page_lists_what_this_user_may_produce(
    client_for: Callable[[User], Client],
    make_user: Callable[..., User],
    com: User,
    person: Person,
) -> None:
    mine = client_for(com).get(reverse("documents:index", args=[person.pk])).content.decode()
    assert reverse("documents:subject-access", args=[person.pk]) in mine
    assert reverse("oversight:who-has-seen", args=[person.pk]) in mine
    team = client_for(make_user(Role.COM, "team")).get(reverse("documents:index", args=[person.pk]))
    assert team.status_code == 200
    body = team.content.decode()
    assert reverse("documents:subject-access", args=[person.pk]) not in body
    assert reverse("oversight:who-has-seen", args=[person.pk]) not in body

"""Which gathered entries meet which source of the assessment (P17), and the "request it"
links: the new-request page filled in for the need."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.assessment import sources
from throughcare.assessment.rules.sufficiency import Facts, Held, Need, Status
from throughcare.casework.concerns import services as concerns
from throughcare.casework.interview.models import Interview
from throughcare.casework.requests import services as requests
from throughcare.casework.requests.models import InformationRequest, RecipientKind, Topic
from throughcare.casework.tests.requests_helpers import send
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.rules.times import LONDON

pytestmark = pytest.mark.django_db


def _reply(by: User, to: User, person: Person, **addressed: Any) -> InformationRequest:
    request = send(by, person, **addressed)
    answers = dict.fromkeys(request.topics, "What I know")
    requests.answer_request(user=to, request=request, reply=requests.NewReply(answers=answers))
    return request


def _concern(user: User, person: Person, kind: str, name: str = "") -> Any:
    now = clock.now().astimezone(LONDON) - timedelta(minutes=30)
    return concerns.record_concern(
        user=user,
        person=person,
        concern=concerns.NewConcern(
            concern_type="other",
            account="What was said.",
            occurred_on=now.date(),
            occurred_time=time(now.hour, now.minute),
            source_kind=kind,
            source_name=name,
        ),
    )


def _needs(person: Person) -> list[Need]:
    return [entry.need for entry in sources.held(person)]


def test_nothing_gathered_meets_nothing(person: Person) -> None:
    assert sources.held(person) == []


def test_a_submitted_interview_meets_the_interview_on_the_day_it_was_submitted(
    com: User, person: Person
) -> None:
    Interview.objects.create(person=person, started_by=com, created_by=com)  # not submitted
    assert sources.held(person) == []
    submitted = Interview.objects.create(
        person=person,
        started_by=com,
        created_by=com,
        submitted_at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC),  # 1 July in London
    )
    assert sources.held(person) == [
        Held(
            Need.INTERVIEW,
            date(2026, 7, 1),
            "Interview with the person",
            reverse("casework:interview-summary", args=[person.pk, submitted.pk]),
        )
    ]


def test_a_reply_meets_the_needs_of_the_topics_it_answered(
    com: User, person: Person, make_user: Callable[..., User]
) -> None:
    colleague = make_user(Role.COM, "other_team")
    request = _reply(
        com,
        colleague,
        person,
        colleague=colleague,
        topics=(Topic.BEHAVIOUR, Topic.PROGRAMMES, Topic.RELEASE_PLANS),
    )
    ref = reverse("casework:requests", args=[person.pk]) + f"#request-{request.pk}"
    role = "Community offender manager, Elsewhere probation team"
    label = f"Reply to an information request (A colleague: {colleague.full_name} ({role}))"
    assert sources.held(person) == [
        Held(Need.CUSTODY, clock.today(), label, ref),
        Held(Need.PROGRAMMES, clock.today(), label, ref),
    ]


def test_a_reply_on_other_topics_meets_nothing(
    com: User, person: Person, make_user: Callable[..., User]
) -> None:
    colleague = make_user(Role.COM, "other_team")
    _reply(com, colleague, person, colleague=colleague, topics=(Topic.OFFENDING, Topic.RISKS))
    assert sources.held(person) == []


def test_any_reply_from_the_prison_is_custody_information(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
) -> None:
    key_worker = make_user(Role.POM, "prison", functions=[Function.KEY_WORKER])
    _reply(
        com,
        key_worker,
        person,
        recipient_kind=RecipientKind.FUNCTION,
        organisation=organisations["prison"],
        function=Function.KEY_WORKER,
        topics=(Topic.RELEASE_PLANS, Topic.BEHAVIOUR),
    )
    [held] = sources.held(person)
    assert held.need == Need.CUSTODY
    assert held.label.startswith("Reply to an information request (The prison: ")


@pytest.mark.parametrize(
    ("topic", "need"),
    [
        (Topic.DOMESTIC_ABUSE, Need.POLICE_DA),
        (Topic.SAFEGUARDING, Need.CHILDRENS_SERVICES),
        (Topic.CRIMINAL_RECORD, Need.CRIMINAL_RECORD),
    ],
)
def test_replies_from_a_partner_on_the_assessments_topics(
    com: User,
    person: Person,
    organisations: dict[str, Organisation],
    make_user: Callable[..., User],
    topic: str,
    need: Need,
) -> None:
    worker = make_user(Role.PARTNER, "partner")
    _reply(
        com,
        worker,
        person,
        recipient_kind=RecipientKind.PARTNER,
        partner=organisations["partner"],
        topics=(topic,),
    )
    assert _needs(person) == [need]


@pytest.mark.parametrize(
    ("kind", "name", "needs"),
    [
        ("police", "", [Need.POLICE_DA]),
        ("children's services", "", [Need.CHILDRENS_SERVICES]),
        ("prison", "", [Need.CUSTODY]),
        ("document", "PNC printout, 3 March", [Need.CRIMINAL_RECORD]),
        ("document", "Police National Computer record", [Need.CRIMINAL_RECORD]),
        ("document", "Criminal Record (previous convictions)", [Need.CRIMINAL_RECORD]),
        ("document", "Pre-sentence report", []),
        ("document", "Unpncd notes", []),
        ("person", "", []),
        ("colleague", "Sam Patel", []),
        ("partner", "Test Housing", []),
    ],
)
def test_an_entry_meets_a_need_by_its_source(
    com: User, person: Person, kind: str, name: str, needs: list[Need]
) -> None:
    if kind == "colleague":
        concern = _concern_with_role(com, person, name)
    else:
        concern = _concern(com, person, kind, name)
    held = sources.held(person)
    assert [entry.need for entry in held] == needs
    for entry in held:
        assert entry.ref == reverse("casework:concern", args=[person.pk, concern.pk])
        assert entry.label == f"Urgent concern ({concern.source_label})"
        assert entry.obtained_on == concern.obtained_on


def _concern_with_role(user: User, person: Person, name: str) -> Any:
    now = clock.now().astimezone(LONDON) - timedelta(minutes=30)
    return concerns.record_concern(
        user=user,
        person=person,
        concern=concerns.NewConcern(
            concern_type="other",
            account="What was said.",
            occurred_on=now.date(),
            occurred_time=time(now.hour, now.minute),
            source_kind="colleague",
            source_name=name,
            source_role="Key worker",
        ),
    )


def test_entries_about_someone_else_do_not_count(
    com: User, person: Person, make_person: Callable[..., Person]
) -> None:
    _concern(com, make_person(), "police")
    assert sources.held(person) == []


# The sufficiency check over what is held -----------------------------------------------------


def test_findings_combine_what_is_held_with_the_assessments_own(com: User, person: Person) -> None:
    _concern(com, person, "police")
    own = Held(Need.CRIMINAL_RECORD, clock.today(), "Criminal record (OGRS3 section)")
    facts = Facts(partner_or_ex_partner=True, children_in_contact=None, attended_programmes=False)
    found = {f.need: f.status for f in sources.findings(person, facts, also=[own])}
    assert found == {
        Need.INTERVIEW: Status.MISSING,
        Need.CUSTODY: Status.MISSING,
        Need.PROGRAMMES: Status.NOT_NEEDED,
        Need.POLICE_DA: Status.PRESENT,
        Need.CHILDRENS_SERVICES: Status.MISSING,
        Need.CRIMINAL_RECORD: Status.PRESENT,
    }


def test_how_old_a_source_may_be_is_a_setting(settings: Any) -> None:
    assert sources.max_age_days() == dict.fromkeys(Need, 182)
    settings.ASSESSMENT_SOURCE_MAX_AGE_DAYS = {"criminal record": 28}
    assert sources.max_age_days() == {**dict.fromkeys(Need, 182), Need.CRIMINAL_RECORD: 28}
    settings.ASSESSMENT_SOURCE_MAX_AGE_DAYS = {"criminal records": 28}
    with pytest.raises(ValueError, match="not a source"):
        sources.max_age_days()
    settings.ASSESSMENT_SOURCE_MAX_AGE_DAYS = {"interview": -1}
    with pytest.raises(ValueError, match="cannot be negative"):
        sources.max_age_days()


def test_findings_use_the_setting(com: User, person: Person, settings: Any) -> None:
    interview = Interview.objects.create(
        person=person,
        started_by=com,
        created_by=com,
        submitted_at=clock.now() - timedelta(days=40),
    )
    facts = Facts(partner_or_ex_partner=False, children_in_contact=False, attended_programmes=False)
    [first, *_] = sources.findings(person, facts)
    assert (first.need, first.status) == (Need.INTERVIEW, Status.PRESENT)
    assert first.newest is not None and first.newest.ref.endswith(f"/{interview.pk}/summary/")
    settings.ASSESSMENT_SOURCE_MAX_AGE_DAYS = {"interview": 30}
    [first, *_] = sources.findings(person, facts)
    assert first.status == Status.OUT_OF_DATE


# "Request it" -------------------------------------------------------------------------------


def _query(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


def test_the_interview_is_started_not_requested(person: Person) -> None:
    assert sources.request_url(person, Need.INTERVIEW) == reverse(
        "casework:information", args=[person.pk]
    )


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        (
            Need.CUSTODY,
            {"recipient_kind": ["function"], "function": ["key worker"], "topics": ["behaviour"]},
        ),
        (
            Need.PROGRAMMES,
            {"recipient_kind": ["function"], "function": ["programmes"], "topics": ["programmes"]},
        ),
        (Need.POLICE_DA, {"recipient_kind": ["partner"], "topics": ["domestic abuse"]}),
        (Need.CHILDRENS_SERVICES, {"recipient_kind": ["partner"], "topics": ["safeguarding"]}),
        (Need.CRIMINAL_RECORD, {"recipient_kind": ["colleague"], "topics": ["criminal record"]}),
    ],
)
def test_request_links_are_filled_in_for_the_need(
    person: Person, need: Need, expected: dict[str, list[str]]
) -> None:
    path, query = _query(sources.request_url(person, need))
    assert path == reverse("casework:request-new", args=[person.pk])
    [purpose] = query.pop("purpose")
    assert purpose.startswith("For the assessment of risk of serious harm and of reoffending")
    if "function" in expected:
        assert query.pop("organisation") == [str(person.prison_id)]
    assert query == expected


def test_a_person_with_no_prison_gets_no_organisation(make_person: Callable[..., Person]) -> None:
    person = make_person(prison=None, pom=None)
    _, query = _query(sources.request_url(person, Need.CUSTODY))
    assert "organisation" not in query


@pytest.mark.parametrize("need", [n for n in Need if n != Need.INTERVIEW])
def test_each_request_link_opens_the_page_filled_in_without_errors(
    com: User, person: Person, client_for: Callable[[User], Client], need: Need
) -> None:
    response = client_for(com).get(sources.request_url(person, need))
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" not in body
    assert "For the assessment of risk of serious harm and of reoffending" in body
    _, query = _query(sources.request_url(person, need))
    for topic in query["topics"]:
        assert f'name="topics" type="checkbox" value="{topic}" checked' in body
    assert not InformationRequest.objects.exists()

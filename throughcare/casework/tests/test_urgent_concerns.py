"""Urgent concerns (P13): recorded by the case team, the team's SPOs told at once (in
Throughcare, and by email after commit), acknowledged by the SPO, actions with their
references, resolved only after an action; the times to acknowledge and to resolve come from
the clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from throughcare.access import gate
from throughcare.access.models import Role, User
from throughcare.access.policy import Access, Action
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.casework.concerns import queries, services
from throughcare.casework.concerns.models import ConcernAction, UrgentConcern
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.notifications import queries as notifications
from throughcare.notifications.models import Notification
from throughcare.people.models import Person
from throughcare.rules.times import LONDON

pytestmark = pytest.mark.django_db

ACCOUNT = "He said he would go round to his ex-partner's house tonight and hurt her."


def new_concern(**changes: Any) -> services.NewConcern:
    now = clock.now().astimezone(LONDON) - timedelta(minutes=30)
    values: dict[str, Any] = {
        "concern_type": UrgentConcern.Type.NAMED_PERSON,
        "account": ACCOUNT,
        "occurred_on": now.date(),
        "occurred_time": time(now.hour, now.minute),
        "source_kind": "person",
        **changes,
    }
    return services.NewConcern(**values)


def police(**changes: Any) -> services.NewAction:
    now = clock.now().astimezone(LONDON)
    values: dict[str, Any] = {
        "kind": ConcernAction.Kind.POLICE,
        "taken_on": now.date(),
        "taken_time": time(now.hour, now.minute),
        "reference": "CAD 1234 24/11",
        **changes,
    }
    return services.NewAction(**values)


@pytest.fixture
def spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "team")


@pytest.fixture
def prison_spo(make_user: Callable[..., User]) -> User:
    return make_user(Role.SPO, "prison")


def test_recording_tells_the_spos_of_the_com_team_and_the_pom_prison_after_commit(
    com: User,
    spo: User,
    prison_spo: User,
    make_user: Callable[..., User],
    person: Person,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    elsewhere = make_user(Role.SPO, "other_team")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        concern = services.record_concern(user=com, person=person, concern=new_concern())
        assert mail.outbox == []  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([spo.email, prison_spo.email])
    assert all(ACCOUNT not in m.body and person.crn not in m.body for m in mail.outbox)
    assert notifications.count_open(spo) == 1 and notifications.count_open(prison_spo) == 1
    assert notifications.count_open(elsewhere) == 0 and notifications.count_open(com) == 0
    item = notifications.open_for(spo).get()
    assert item.kind == Notification.Kind.URGENT_CONCERN and item.due_on == clock.today()
    assert item.url == reverse("casework:concern", args=[person.pk, concern.pk])
    assert concern.source_label == "The person" and concern.obtained_on == clock.today()
    event = AuditEvent.objects.get(record_type=RecordType.URGENT_CONCERN)
    assert event.operation == Operation.COLLECTION and event.user == com


def test_a_team_colleague_may_record_one_but_not_a_partner_or_other_staff(
    make_user: Callable[..., User], person: Person
) -> None:
    colleague = make_user(Role.COM, "team")
    assert services.record_concern(user=colleague, person=person, concern=new_concern())
    for outsider in (make_user(Role.COM, "other_team"), make_user(Role.PARTNER, "partner")):
        with pytest.raises(Refused):
            services.record_concern(user=outsider, person=person, concern=new_concern())


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"account": "  "}, "account", "Enter what was said or seen"),
        ({"account": "x" * 20_001}, "account", "What was said or seen must be 20,000"),
        ({"occurred_time": time(23, 59)}, "occurred_time", "must be now or in the past"),
        ({"source_kind": "colleague"}, "source_name", "Enter the colleague's name"),
    ],
)
def test_bad_concerns_are_refused_with_every_problem(
    com: User, person: Person, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(Invalid) as refused:
        services.record_concern(user=com, person=person, concern=new_concern(**changes))
    assert message in refused.value.fields[field][0]
    assert not UrgentConcern.objects.exists() and not Notification.objects.exists()


def test_a_date_in_the_future_is_refused(com: User, person: Person) -> None:
    tomorrow = clock.today() + timedelta(days=1)
    with pytest.raises(Invalid) as refused:
        services.record_concern(user=com, person=person, concern=new_concern(occurred_on=tomorrow))
    assert refused.value.fields["occurred_on"] == [
        "The date it was said or seen must be today or in the past"
    ]


def test_the_spo_acknowledges_once_and_the_time_to_acknowledge_comes_from_the_clock(
    com: User, spo: User, person: Person
) -> None:
    concern = services.record_concern(user=com, person=person, concern=new_concern())
    with pytest.raises(Refused):
        services.acknowledge(user=com, concern=concern)
    clock.advance(timedelta(minutes=42))
    acknowledged = services.acknowledge(user=spo, concern=concern)
    assert acknowledged.time_to_acknowledge == timedelta(minutes=42)
    assert acknowledged.acknowledged_by == spo and notifications.count_open(spo) == 0
    clock.advance(timedelta(minutes=5))
    again = services.acknowledge(user=spo, concern=concern)
    assert again.time_to_acknowledge == timedelta(minutes=42)
    assert (
        AuditEvent.objects.filter(
            record_type=RecordType.URGENT_CONCERN, operation=Operation.ALTERATION
        ).count()
        == 1
    )


def test_agencies_need_their_reference_and_another_action_its_description(
    com: User, person: Person
) -> None:
    concern = services.record_concern(user=com, person=person, concern=new_concern())
    with pytest.raises(Invalid) as refused:
        services.add_action(user=com, concern=concern, action=police(reference=""))
    assert refused.value.fields == {"reference": ["Enter the police reference"]}
    with pytest.raises(Invalid) as refused:
        services.add_action(
            user=com, concern=concern, action=police(kind=ConcernAction.Kind.OTHER, details="")
        )
    assert refused.value.fields == {"details": ["Enter what was done"]}
    with pytest.raises(Invalid) as refused:
        services.add_action(
            user=com, concern=concern, action=police(taken_on=clock.today() + timedelta(days=1))
        )
    assert "taken_on" in refused.value.fields
    action = services.add_action(user=com, concern=concern, action=police())
    assert action.reference == "CAD 1234 24/11" and action.created_by == com


def test_a_resolution_needs_an_action_and_records_the_time_to_resolve(
    com: User, spo: User, person: Person
) -> None:
    concern = services.record_concern(user=com, person=person, concern=new_concern())
    with pytest.raises(Invalid) as refused:
        services.resolve(user=spo, concern=concern, resolution="Police attended")
    assert refused.value.fields == {
        "resolution": ["Record at least one action taken before resolving the concern"]
    }
    services.add_action(user=spo, concern=concern, action=police())
    clock.advance(timedelta(hours=3, minutes=10))
    resolved = services.resolve(user=spo, concern=concern, resolution="Police attended")
    assert resolved.time_to_resolve == timedelta(hours=3, minutes=10)
    assert not resolved.is_open and notifications.count_open(spo) == 0
    with pytest.raises(Refused):
        services.add_action(user=spo, concern=resolved, action=police())
    # Resolving it again (a form sent twice) writes nothing.
    events = AuditEvent.objects.count()
    services.resolve(user=spo, concern=resolved, resolution="Something else")
    assert AuditEvent.objects.count() == events
    resolved.refresh_from_db()
    assert resolved.resolution == "Police attended"


def test_the_team_may_record_but_only_the_allocated_staff_and_spo_act_and_resolve(
    make_user: Callable[..., User], com: User, person: Person
) -> None:
    colleague = make_user(Role.COM, "team")
    concern = services.record_concern(user=colleague, person=person, concern=new_concern())
    with pytest.raises(Refused):
        services.add_action(user=colleague, concern=concern, action=police())
    assert services.add_action(user=com, concern=concern, action=police())


def _concern_pages(person: Person, concern: UrgentConcern) -> list[str]:
    return [
        reverse("record:overview", args=[person.pk]),
        reverse("record:change", args=[person.pk]),
        reverse("record:alias-create", args=[person.pk]),
        reverse("casework:activity", args=[person.pk]),
        reverse("casework:concerns", args=[person.pk]),
        reverse("casework:concern", args=[person.pk, concern.pk]),
        reverse("documents:index", args=[person.pk]),
        reverse("sharing:person", args=[person.pk]),
    ]


def test_the_banner_shows_on_every_page_of_the_record_until_resolved(
    client_for: Callable[[User], Client], com: User, spo: User, person: Person
) -> None:
    client = client_for(com)
    overview = client.get(reverse("record:overview", args=[person.pk])).content.decode()
    assert "urgent-concern-banner" not in overview
    assert "Record an urgent concern" in overview
    concern = services.record_concern(user=com, person=person, concern=new_concern())
    for url in _concern_pages(person, concern):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="urgent-concern-banner"' in response.content.decode(), url
    services.add_action(user=com, concern=concern, action=police())
    services.resolve(user=spo, concern=concern, resolution="Police attended")
    for url in _concern_pages(person, concern):
        assert 'data-testid="urgent-concern-banner"' not in client.get(url).content.decode()


def test_the_banner_links_to_the_one_open_concern_or_to_the_list_of_them(
    client_for: Callable[[User], Client], com: User, spo: User, person: Person
) -> None:
    """The gate reads the newest two open concerns with the person: the banner links to the
    one, or to the list when there are more, as asking the database separately says."""
    client = client_for(com)
    overview = reverse("record:overview", args=[person.pk])
    access = gate.access_person(com, person.pk, action=Action.VIEW, channel=gate.Channel.JOB)
    assert queries.open_concern_ids(access) == []
    first = services.record_concern(user=com, person=person, concern=new_concern())
    second = services.record_concern(user=com, person=person, concern=new_concern())
    page = client.get(overview).content.decode()
    assert reverse("casework:concerns", args=[person.pk]) in page
    assert "There are open urgent concerns about this person." in page
    access = gate.access_person(com, person.pk, action=Action.VIEW, channel=gate.Channel.JOB)
    asked_apart = Access(com, Person.objects.get(pk=person.pk), access.relation)
    assert queries.open_concern_ids(access) == [second.pk, first.pk]
    assert queries.open_concern_ids(asked_apart) == [second.pk, first.pk]
    services.add_action(user=com, concern=second, action=police())
    services.resolve(user=spo, concern=second, resolution="Police attended")
    page = client.get(overview).content.decode()
    assert reverse("casework:concern", args=[person.pk, first.pk]) in page
    assert "There is an open urgent concern about this person." in page


def test_partners_never_see_the_banner_or_the_button(
    client_for: Callable[[User], Client],
    com: User,
    person: Person,
    make_user: Callable[..., User],
    organisations: dict[str, Any],
) -> None:
    from throughcare.access import services as access_services
    from throughcare.access.commands import ShareRequest

    access_services.share_with_partner(
        by=com,
        person=person,
        share=ShareRequest(
            organisation=organisations["partner"],
            purpose="Housing",
            sections=("identity", "case_notes"),
            start_date=clock.today(),
            end_date=clock.today() + timedelta(days=30),
        ),
    )
    services.record_concern(user=com, person=person, concern=new_concern())
    partner = client_for(make_user(Role.PARTNER, "partner"))
    page = partner.get(reverse("record:overview", args=[person.pk])).content.decode()
    assert "urgent-concern-banner" not in page and "Record an urgent concern" not in page
    assert "Concerns and advice" not in page


def test_the_caseload_flags_people_with_an_open_concern(
    client_for: Callable[[User], Client],
    com: User,
    spo: User,
    person: Person,
    make_person: Callable[..., Person],
) -> None:
    other = make_person()
    concern = services.record_concern(user=com, person=person, concern=new_concern())
    page = client_for(spo).get(reverse("caseload:caseload")).content.decode()
    assert page.count("Urgent concern</strong>") == 1
    row = next(r for r in page.split("<tr") if person.crn in r)
    assert "Urgent concern" in row
    assert "Urgent concern" not in next(r for r in page.split("<tr") if other.crn in r)
    services.add_action(user=com, concern=concern, action=police())
    services.resolve(user=com, concern=concern, resolution="Police attended")
    assert (
        "Urgent concern</strong>"
        not in client_for(spo).get(reverse("caseload:caseload")).content.decode()
    )

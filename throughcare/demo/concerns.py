"""The demo's urgent concerns and advice, made through the services as staff would make them,
for people of the Northbridge probation team (so that spo.northbridge@throughcare.example sees
them): one open concern, not yet acknowledged; one acknowledged, acted on and resolved; one
request for advice, answered by the SPO; one, still open, to psychology at HMP Northbridge (the
demo's psychology.northbridge@throughcare.example)."""

from __future__ import annotations

from datetime import date, time, timedelta

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.casework.advice import services as advice
from throughcare.casework.concerns import services as concerns
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.rules.times import LONDON

TEAM = "Northbridge probation team"


def _at(minutes_ago: int) -> tuple[date, time]:
    moment = (clock.now() - timedelta(minutes=minutes_ago)).astimezone(LONDON)
    return moment.date(), moment.time().replace(second=0, microsecond=0)


def add_concerns_and_advice() -> int:
    """Adds them once; returns how many things it made (0 without the Northbridge team)."""
    spo = User.objects.filter(role=Role.SPO, organisation__name=TEAM).order_by("pk").first()
    people = list(
        Person.objects.filter(com__organisation__name=TEAM, com__role=Role.COM)
        .select_related("com", "pom")
        .order_by("release_date", "crn")[:2]
    )
    if spo is None or len(people) < 2:
        return 0
    first, second = people
    assert first.com is not None and second.com is not None  # noqa: S101 - filtered above
    day, moment = _at(25)
    concerns.record_concern(
        user=first.com,
        person=first,
        concern=concerns.NewConcern(
            concern_type="harm to a named person",
            account="During the video call he said that when he is out he will 'sort out' his "
            "former partner, and that he knows where she lives now.",
            occurred_on=day,
            occurred_time=moment,
            source_kind="person",
        ),
    )
    day, moment = _at(90)
    resolved = concerns.record_concern(
        user=second.com,
        person=second,
        concern=concerns.NewConcern(
            concern_type="harm to self",
            account="The prison's safer custody team reported that he had said he could not "
            "see a way through his release.",
            occurred_on=day,
            occurred_time=moment,
            source_kind="prison",
        ),
    )
    concerns.acknowledge(user=spo, concern=resolved)
    day, moment = _at(60)
    concerns.add_action(
        user=second.com,
        concern=resolved,
        action=concerns.NewAction(
            kind="other",
            taken_on=day,
            taken_time=moment,
            details="Spoke to the safer custody team; an ACCT plan was opened the same day.",
        ),
    )
    concerns.resolve(
        user=spo,
        concern=resolved,
        resolution="ACCT plan in place; reviewed with him by the prison and the POM.",
    )
    asked = advice.ask(
        user=first.com,
        person=first,
        request=advice.NewAdviceRequest(
            specialism="management oversight",
            question="Should we ask for an exclusion zone around his former partner's address?",
            adviser=spo,
        ),
    )
    advice.answer(
        user=spo,
        request=asked,
        text="Yes: propose an exclusion zone and a non-contact condition, and refer to MAPPA.",
    )
    prison = Organisation.objects.filter(name="HMP Northbridge").first()
    if prison is None:
        return 3
    advice.ask(
        user=second.com,
        person=second,
        request=advice.NewAdviceRequest(
            specialism="psychology",
            question="He has twice said he cannot see a way through his release. Would a "
            "psychology assessment before release help us plan his support?",
            adviser=None,
            organisation=prison,
            function=Function.PSYCHOLOGY,
        ),
    )
    return 4

"""The one access gate, called as the API (or an export, or a job) calls it: with a user and a
person's id, no HTTP request and no session. Every call is audited, with its channel."""

from collections.abc import Callable
from typing import Any

import pytest

from throughcare.access import policy, services
from throughcare.access.commands import Exclusion, Restriction
from throughcare.access.gate import (
    BreakGlassRequiredError,
    Channel,
    LimitedAccessError,
    access_person,
)
from throughcare.access.models import BreakGlassAccess, Role, User
from throughcare.audit.models import AuditEvent, Operation, Outcome
from throughcare.core.errors import NotFound, Refused
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def _events(user: User) -> list[tuple[Any, ...]]:
    return list(
        AuditEvent.objects.filter(user=user, operation=Operation.CONSULTATION)
        .order_by("pk")
        .values_list("operation", "outcome", "record_type", "person_id", "reason")
    )


def test_allowed_through_the_api_is_audited_with_its_channel(com: User, person: Person) -> None:
    access = access_person(
        com, person.pk, action=policy.Action.EDIT, channel=Channel.API, record_type="person"
    )
    assert access.person == person and access.relation == policy.Relation.ALLOCATED
    assert access.can(policy.Action.VIEW_VICTIMS)
    assert _events(com) == [
        (Operation.CONSULTATION, Outcome.ALLOWED, "person", person.pk, "channel: api")
    ]


def test_no_business_with_the_person_is_not_found_either_way(
    make_user: Callable[..., User], person: Person
) -> None:
    partner = make_user(Role.PARTNER, "partner")  # no sharing agreement
    with pytest.raises(NotFound):
        access_person(partner, person.pk, action=policy.Action.VIEW, channel=Channel.API)
    assert _events(partner) == [
        (
            Operation.CONSULTATION,
            Outcome.REFUSED,
            "person",
            person.pk,
            "partner without agreement; channel: api",
        )
    ]
    # A person who does not exist (or an id that is not one) looks the same, and is not audited
    # against anyone.
    for missing in ("00000000-0000-0000-0000-000000000000", "not-an-id"):
        with pytest.raises(NotFound):
            access_person(partner, missing, action=policy.Action.VIEW, channel=Channel.API)
    assert len(_events(partner)) == 1


def test_limited_access_is_refused_and_audited(
    make_user: Callable[..., User], person: Person
) -> None:
    colleague = make_user(Role.COM, "team")
    spo = make_user(Role.SPO, "team")
    services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=colleague, reason="Knows the family well")
    )
    with pytest.raises(LimitedAccessError) as refused:
        access_person(colleague, person.pk, action=policy.Action.VIEW, channel=Channel.API)
    assert refused.value.person == person and isinstance(refused.value, Refused)
    assert _events(colleague) == [
        (Operation.CONSULTATION, Outcome.REFUSED, "person", person.pk, "excluded; channel: api")
    ]


def test_limited_access_read_with_the_person_is_what_the_lists_say(
    make_user: Callable[..., User], person: Person, com: User
) -> None:
    """The gate reads the person and how limited access applies to the user in one query
    (`policy.with_limited_access`); `policy.limited_access` asks the same of the database
    later in a request. Both give, for each kind of user, what the lists say."""
    excluded = make_user(Role.COM, "team")
    listed = make_user(Role.COM, "team")
    unlisted = make_user(Role.COM, "team")
    spo = make_user(Role.SPO, "team")
    free = policy.LimitedAccess(excluded=False, not_on_restriction_list=False)

    def check(expected: dict[User, policy.LimitedAccess]) -> None:
        for user in (excluded, listed, unlisted, com, spo):
            read = policy.with_limited_access(Person.objects.filter(pk=person.pk), user).get()
            assert policy.limited_access_read_with(read) == expected.get(user, free), user
            assert policy.limited_access(user, person) == expected.get(user, free), user

    pom = (person.pom,) if person.pom else ()  # allocated, not listed: confirmed to lose access
    check({})  # nothing limited yet
    services.exclude_user(by=spo, person=person, exclusion=Exclusion(user=excluded, reason="Kin"))
    check({excluded: policy.LimitedAccess(excluded=True, not_on_restriction_list=False)})
    services.restrict_to(
        by=spo,
        person=person,
        restriction=Restriction(users=(listed, com), reason="A high-profile case", lock_out=pom),
    )
    # The excluded user is not on the list either, but exclusion decides first.
    check(
        {
            excluded: policy.LimitedAccess(excluded=True, not_on_restriction_list=False),
            unlisted: policy.LimitedAccess(excluded=False, not_on_restriction_list=True),
        }
    )


def test_break_glass_never_applies_without_a_session(
    make_user: Callable[..., User], person: Person
) -> None:
    stranger = make_user(Role.COM, "other_team")
    with pytest.raises(BreakGlassRequiredError):
        access_person(stranger, person.pk, action=policy.Action.VIEW, channel=Channel.API)
    # Even after a reason was given in a signed-in session: the API has no session, and a
    # session key passed along with another channel is ignored.
    BreakGlassAccess.objects.create(
        person=person, user=stranger, session_key="a-page-session", reason="Duty desk cover"
    )
    with pytest.raises(BreakGlassRequiredError):
        access_person(
            stranger,
            person.pk,
            action=policy.Action.VIEW,
            channel=Channel.JOB,
            session_key="a-page-session",
        )
    assert _events(stranger) == [
        (Operation.CONSULTATION, Outcome.REFUSED, "person", person.pk, reason)
        for reason in ("other staff; channel: api", "other staff; channel: job")
    ]
    # The page, with that session, opens the record and records the reason given.
    access = access_person(
        stranger,
        person.pk,
        action=policy.Action.VIEW,
        channel=Channel.PAGE,
        session_key="a-page-session",
    )
    assert access.relation == policy.Relation.BREAK_GLASS
    assert _events(stranger)[-1][1:] == (Outcome.ALLOWED, "person", person.pk, "Duty desk cover")


def test_may_see_the_record_but_not_do_this_is_refused(
    make_user: Callable[..., User], person: Person
) -> None:
    colleague = make_user(Role.COM, "team")
    with pytest.raises(Refused) as refused:
        access_person(colleague, person.pk, action=policy.Action.EDIT, channel=Channel.EXPORT)
    assert type(refused.value) is Refused
    assert _events(colleague) == [
        (Operation.CONSULTATION, Outcome.REFUSED, "person", person.pk, "team; channel: export")
    ]

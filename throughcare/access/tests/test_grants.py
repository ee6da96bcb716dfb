"""The ways a user comes to see a person are one table (`policy.GRANTS`): a new kind of grant
is one row, and both `relation` (one person) and `visible_people` (lists, search, the API)
follow it, with limited access still first."""

from collections.abc import Callable

import pytest
from django.db.models import Q

from throughcare.access import policy, services
from throughcare.access.commands import Exclusion
from throughcare.access.models import Role, User
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_new_kind_of_grant_is_one_row(
    monkeypatch: pytest.MonkeyPatch,
    make_user: Callable[..., User],
    make_person: Callable[..., Person],
    person: Person,
) -> None:
    other = make_person(release_in_days=60)
    reader = make_user(Role.COM, "other_team")
    assert policy.relation(reader, person) == policy.Relation.OTHER_STAFF
    assert not policy.visible_people(reader).exists()

    # A test-only grant (standing for "the recipient of an information request"): staff named
    # for one person read that person's record as their team does.
    named = {(reader.pk, person.pk)}
    row = policy.Grant(
        "named reader",
        policy.STAFF_ROLES,
        lambda user: policy.Relation.TEAM,
        lambda user, person_, context: (user.pk, person_.pk) in named,
        lambda user: Q(pk__in=[p for u, p in named if u == user.pk]),
    )
    monkeypatch.setattr(policy, "GRANTS", (*policy.GRANTS, row))

    assert policy.relation(reader, person) == policy.Relation.TEAM
    assert policy.relation(reader, other) == policy.Relation.OTHER_STAFF
    assert list(policy.visible_people(reader)) == [person]
    assert policy.can(reader, person, policy.Action.VIEW)
    assert not policy.can(reader, person, policy.Action.EDIT)

    # Limited access still comes before any grant.
    spo = make_user(Role.SPO, "team")
    services.exclude_user(
        by=spo, person=person, exclusion=Exclusion(user=reader, reason="Knows the family well")
    )
    assert policy.relation(reader, person) == policy.Relation.EXCLUDED
    assert not policy.visible_people(reader).exists()


def test_the_first_grant_that_holds_is_the_relation(
    make_user: Callable[..., User], make_person: Callable[..., Person]
) -> None:
    # An SPO allocated as a person's COM is in the team too: allocation comes first.
    spo = make_user(Role.SPO, "team")
    person = make_person(com=spo)
    assert policy.relation(spo, person) == policy.Relation.ALLOCATED
    assert policy.relation(make_user(Role.SPO, "team"), person) == policy.Relation.TEAM_SPO
    # Break-glass needs a session: it never counts towards the people a user sees.
    assert [grant.name for grant in policy.GRANTS if grant.people is None] == ["break-glass"]

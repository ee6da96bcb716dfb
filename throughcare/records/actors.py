"""Who a user is to a version, for the lifecycle table (`lifecycle.Actor`): the author is
anyone who may change the person's record (the allocated staff); the countersigner is anyone
who may countersign on it (the case team's senior probation officer) who did not write this
version. The system is never a user: it locks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from throughcare.access import policy

from .lifecycle import Actor

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

    from .models import Version


def actors(user: User, person: Person, version: Version | None) -> set[Actor]:
    relation = policy.relation(user, person)
    found = set()
    if policy.allows(relation, policy.Action.EDIT):
        found.add(Actor.AUTHOR)
    if policy.allows(relation, policy.Action.COUNTERSIGN) and (
        version is None or version.author_id != user.pk
    ):
        found.add(Actor.COUNTERSIGNER)
    return found

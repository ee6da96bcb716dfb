"""Reads about access: a user's own break-glass opening of a record; who may see a record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from throughcare.core import clock

from .models import BreakGlassAccess, SharingAgreement
from .policy import PERSON_RULES, Action, Relation

if TYPE_CHECKING:
    from throughcare.people.models import Person

    from .models import User


def break_glass_opening(
    user: User, person: Person, session_key: str | None
) -> BreakGlassAccess | None:
    """This user's break-glass opening of this record in this signed-in session, if any."""
    if not session_key:
        return None
    return (
        BreakGlassAccess.objects.filter(person=person, user=user, session_key=session_key)
        .order_by("created_at")
        .first()
    )


def who_may_see(person: Person, action: Action = Action.VIEW) -> list[str]:
    """Who may see what this action covers of this person's record, by name, generated from
    the access policy (P10): the allocated staff, their teams, and the partner organisations
    with a current sharing agreement, as far as the action's rule admits each."""
    allowed = PERSON_RULES[action]
    seen: list[str] = []
    staff = [(person.com, "community offender manager"), (person.pom, "prison offender manager")]
    if Relation.ALLOCATED in allowed:
        seen += [f"{user.full_name}, {label}" for user, label in staff if user is not None]
    teams = dict.fromkeys(
        user.organisation.name for user, _ in staff if user is not None and user.organisation
    )
    if Relation.TEAM in allowed:
        seen += [f"Staff of {name}" for name in teams]
    elif Relation.TEAM_SPO in allowed:
        seen += [f"The senior probation officer of {name}" for name in teams]
    if Relation.PARTNER_WITH_AGREEMENT in allowed:
        today = clock.today()
        agreements = (
            SharingAgreement.objects.filter(
                person=person, start_date__lte=today, end_date__gte=today, ended_at__isnull=True
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        names = dict.fromkeys(agreement.organisation.name for agreement in agreements)
        seen += [f"{name}, a partner organisation, under a sharing agreement" for name in names]
    if Relation.BREAK_GLASS in allowed:
        seen.append("Other prison and probation staff who give a reason, which is recorded")
    return seen

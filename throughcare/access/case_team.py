"""Who is on a person's case, found from the allocation: the senior probation officers of the
team holding it, the staff of the case team's organisations, the partner organisations that see
a section. Used to tell people (urgent concerns, advice) and to say who will see what (P2, P10);
whether a user may do something to the record is still `policy`'s answer alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from throughcare.core import clock
from throughcare.people.models import Person

from .models import Role, SharingAgreement
from .policy import CASE_TEAM, STAFF_ROLES, relation

if TYPE_CHECKING:
    from .models import User


def partners_sharing(person: Person, section: str) -> list[str]:
    """The partner organisations, by name, that see a section of this person's record now:
    those with a current sharing agreement covering it (for the person's own copy, P2)."""
    today = clock.today()
    agreements = SharingAgreement.objects.filter(
        person=person, start_date__lte=today, end_date__gte=today, ended_at__isnull=True
    ).select_related("organisation")
    return sorted({a.organisation.name for a in agreements if section in a.sections})


def _case_team_ids(person: Person) -> list[int]:
    return [
        u.organisation_id for u in (person.com, person.pom) if u is not None and u.organisation_id
    ]


def team_spos(person: Person) -> list[User]:
    """The senior probation officers of the team holding the case: those of the COM's
    probation team and of the POM's prison (the "team SPO" relation)."""
    from .models import User

    return list(
        User.objects.filter(
            role=Role.SPO, organisation_id__in=_case_team_ids(person), is_active=True
        ).order_by("full_name", "pk")
    )


def case_team_staff(person: Person) -> list[User]:
    """The active staff of the case team's organisations (the COM's team and the POM's
    prison), SPOs included: everyone who stands to the person as allocated, team SPO or team,
    unless limited access keeps them out (callers check `relation` for that)."""
    from .models import User

    return list(
        User.objects.filter(
            role__in=STAFF_ROLES, organisation_id__in=_case_team_ids(person), is_active=True
        )
        .select_related("organisation")
        .order_by("full_name", "pk")
    )


def in_case_team(user: User, person: Person) -> bool:
    return relation(user, person) in CASE_TEAM


def whom_to_ask(person: Person) -> list[User]:
    """Who to contact about a restricted record: the senior probation officers of the team
    holding the case (or the allocated staff when there is no such SPO)."""
    return team_spos(person) or [u for u in (person.com, person.pom) if u is not None]

"""Reads of interviews, for a person already loaded through the access policy: the interviews,
one interview, and who will see what is gathered (P2, P10), from the same policy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from throughcare.access import policy
from throughcare.access.models import Role, SharingAgreement
from throughcare.core.errors import NotFound
from throughcare.ui.forms import LARGEST_ID

from .models import Interview, InterviewAnswer

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person

SHARING_SECTION = SharingAgreement.Section.INTERVIEW


def interviews(access: Access) -> QuerySet[Interview]:
    return access.person.interviews.select_related("started_by").order_by("-created_at", "-pk")


def interview(access: Access, interview_id: int) -> Interview:
    """One of this person's interviews (NotFound for any other id)."""
    if not 0 < interview_id <= LARGEST_ID:
        raise NotFound("No such interview")
    found = interviews(access).filter(pk=interview_id).first()
    if found is None:
        raise NotFound("No such interview")
    return found


def answer(interview: Interview, answer_id: int) -> InterviewAnswer:
    """One answer of an interview already loaded through the policy."""
    if not 0 < answer_id <= LARGEST_ID:
        raise NotFound("No such answer")
    found = interview.answers.filter(pk=answer_id).first()
    if found is None:
        raise NotFound("No such answer")
    return found


@dataclass(frozen=True)
class Seer:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True)
class Audience:
    """Who will see what the person tells us, as the access policy has it now."""

    staff: tuple[Seer, ...]
    teams: tuple[str, ...]
    partners: tuple[str, ...]


def who_will_see(person: Person) -> Audience:
    """The allocated staff by name and role, their teams (colleagues there may read the
    record; the team's senior probation officer oversees it), and the partner organisations
    whose current sharing agreement covers the interview."""
    staff = tuple(
        Seer(
            user.full_name,
            str(Role(user.role).label),
            user.organisation.name if user.organisation else "",
        )
        for user in (person.pom, person.com)
        if user is not None
    )
    teams = tuple(dict.fromkeys(seer.organisation for seer in staff if seer.organisation))
    return Audience(staff, teams, tuple(policy.partners_sharing(person, SHARING_SECTION)))

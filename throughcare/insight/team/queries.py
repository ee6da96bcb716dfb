"""Reads of the team view (issue 16 point 1): for a senior probation officer their team's
people, for a prison or community offender manager their own (`policy.team_people`), and
of them:

- the people releasing in the next 2 and 12 weeks (their release date, not yet released),
  each with the status of every day-of-release need (`planning.release`: no checklist, or a
  need not recorded, is "not started"), their progress on each pathway of their resettlement
  plan (`planning.resettlement`) and whether they were marked ready for release;
- the people with something to act on: an open urgent concern, an overdue information request
  (`casework`), an assessment awaiting countersignature (`assessment`), a handover late or
  due soon (`planning.release`), a plan review due (`planning.running`).

Every answer comes from the owning app's own query for a list of people (the same ones the
caseload's flags use), each one query for the whole team: the view takes the same number of
queries whatever the number of people.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef

from throughcare.access import policy
from throughcare.assessment import queries as assessment
from throughcare.caseload.queries import RELEASING_SOON_WEEKS
from throughcare.casework.concerns import queries as concerns
from throughcare.casework.requests import queries as requests
from throughcare.people.models import Person
from throughcare.planning.release import queries as release
from throughcare.planning.release.models import NEEDS, NeedStatus, Release
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.running import queries as running

if TYPE_CHECKING:
    from throughcare.access.models import User

SOON_WEEKS = 2
QUARTER_WEEKS = RELEASING_SOON_WEEKS  # 12, as the caseload's filter
PERIODS = (SOON_WEEKS, QUARTER_WEEKS)
HANDOVER_DUE_WEEKS = 4
NOT_STARTED = "not started"
IN_PLACE = frozenset({NeedStatus.IN_PLACE.value, NeedStatus.NOT_NEEDED.value})


@dataclass(frozen=True)
class Releasing:
    """One person releasing in the next 12 weeks and how ready they are:
    - needs: each day-of-release need's status (a `NeedStatus` value, or `NOT_STARTED`);
    - pathways: their plan's progress on each pathway it has a goal on (`resettlement`'s
      `BEHIND`, `ON_TRACK`, `ACHIEVED`), in pathway order; empty: no resettlement plan;
    - ready: marked ready for release."""

    person: Person
    days: int
    needs: dict[str, str]
    pathways: dict[str, str]
    ready: bool

    def within(self, weeks: int) -> bool:
        return self.days <= weeks * 7

    @property
    def not_in_place(self) -> list[str]:
        """The needs neither in place nor not needed, in the checklist's order."""
        return [key for key, _ in NEEDS if self.needs[key] not in IN_PLACE]


@dataclass(frozen=True)
class TeamView:
    """What the team view shows, for one user today. The sets hold person ids."""

    today: date
    releasing: list[Releasing]
    concerns: set[uuid.UUID] = field(default_factory=set)
    overdue_requests: set[uuid.UUID] = field(default_factory=set)
    countersignature: dict[uuid.UUID, datetime | None] = field(default_factory=dict)
    handovers: dict[uuid.UUID, date] = field(default_factory=dict)  # not accepted: due date
    reviews: set[uuid.UUID] = field(default_factory=set)

    @property
    def handovers_late(self) -> set[uuid.UUID]:
        return {pk for pk, due in self.handovers.items() if due < self.today}

    @property
    def handovers_due(self) -> set[uuid.UUID]:
        last = self.today + timedelta(weeks=HANDOVER_DUE_WEEKS)
        return {pk for pk, due in self.handovers.items() if self.today <= due <= last}


def releasing_people(user: User, today: date) -> list[Person]:
    """The user's team people releasing from today to 12 weeks on and not released yet,
    soonest first (one query)."""
    return list(
        policy.team_people(user)
        .filter(
            release_date__gte=today,
            release_date__lte=today + timedelta(weeks=QUARTER_WEEKS),
        )
        .exclude(Exists(Release.objects.filter(person_id=OuterRef("pk"))))
        .select_related("pom", "com")
        .order_by("release_date", "family_name", "given_name", "pk")
    )


def _releasing(people: list[Person], today: date) -> list[Releasing]:
    ids = [person.pk for person in people]
    statuses = release.need_statuses(ids)
    ready = release.marked_ready(ids)
    progress = resettlement.pathway_progress(ids, today)
    shown = []
    for person in people:
        recorded = statuses.get(person.pk, {})
        shown.append(
            Releasing(
                person=person,
                days=person.days_until_release(today) or 0,  # chosen by their release date
                needs={key: recorded.get(key) or NOT_STARTED for key, _ in NEEDS},
                pathways=progress.get(person.pk, {}),
                ready=person.pk in ready,
            )
        )
    return shown


def team_view(user: User, today: date) -> TeamView:
    """Everything the team view shows, in a fixed number of queries."""
    ids = list(policy.team_people(user).values_list("pk", flat=True))
    return TeamView(
        today=today,
        releasing=_releasing(releasing_people(user, today), today),
        concerns=concerns.with_open_concerns(ids),
        overdue_requests=requests.overdue_people(ids),
        countersignature=assessment.awaiting_countersignature(ids),
        handovers=release.handovers_pending(ids),
        reviews=set(running.review_due_people(ids)),
    )


def people(user: User, ids: set[uuid.UUID]) -> list[Person]:
    """The people of one of the view's figures, by name (through the policy again: one
    query)."""
    if not ids:
        return []
    return list(
        policy.team_people(user)
        .filter(pk__in=list(ids))
        .select_related("pom", "com")
        .order_by("family_name", "given_name", "pk")
    )

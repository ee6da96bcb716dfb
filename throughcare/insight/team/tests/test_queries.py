"""The reads for lists of people that the team view added to the apps owning them: each
need's status and readiness (`planning.release`), progress on each pathway
(`planning.resettlement`), assessments awaiting countersignature (`assessment`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from throughcare.access.models import User
from throughcare.assessment import queries as assessment
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.planning.release import queries as release
from throughcare.planning.release.models import Readiness
from throughcare.planning.release.tests import helpers as release_helpers
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement import services as plan_services
from throughcare.planning.resettlement.tests import helpers as plan
from throughcare.records.lifecycle import State

from . import helpers

pytestmark = pytest.mark.django_db
People = Callable[..., Person]


def test_need_statuses_and_who_is_marked_ready(pom: User, make_person: People) -> None:
    recorded = make_person(release_in_days=10)
    release_helpers.checklist(pom, recorded, bank_status="not yet", gp_status="")
    nothing = make_person(release_in_days=10)
    withdrawn = make_person(release_in_days=10)
    Readiness.objects.create(person=recorded, ready_on=clock.today(), created_by=pom)
    Readiness.objects.create(
        person=withdrawn,
        ready_on=clock.today() - timedelta(days=3),
        withdrawn_on=clock.today(),
        created_by=pom,
    )
    ids = [recorded.pk, nothing.pk, withdrawn.pk]
    statuses = release.need_statuses(ids)
    assert set(statuses) == {recorded.pk}
    assert statuses[recorded.pk]["bank"] == "not yet"
    assert statuses[recorded.pk]["gp"] == "" and statuses[recorded.pk]["id"] == "in place"
    assert release.marked_ready(ids) == {recorded.pk}


def test_progress_on_each_pathway(pom: User, make_person: People) -> None:
    person = make_person(release_in_days=60)
    housing = plan.goal(pom, person)
    plan.step(pom, housing, due_date=clock.today())
    health = plan.goal(pom, person, pathway="health", area_of_need="emotional", title="GP")
    plan.step(pom, health, due_date=clock.today() + timedelta(days=5))
    work = plan.goal(pom, person, pathway="education_work", area_of_need="education", title="Job")
    plan.step(pom, work, due_date=clock.today())
    removed = plan.goal(pom, person, pathway="finance_id", area_of_need="finance", title="Bank")
    work.refresh_from_db()
    plan_services.change_goal(
        user=pom,
        goal=work,
        new=plan_services.NewGoal.from_cleaned(
            {
                "pathway": "education_work",
                "area_of_need": "education",
                "title": "Job",
                "status": "achieved",
                "target_date": work.target_date,
            }
        ),
        expected=work.version,
    )
    removed.refresh_from_db()
    plan_services.remove_goal(user=pom, goal=removed, expected=removed.version)
    nobody = make_person(release_in_days=60)
    clock.set_now(clock.now() + timedelta(days=1))  # the steps due yesterday are overdue
    progress = resettlement.pathway_progress([person.pk, nobody.pk], clock.today())
    assert progress == {
        person.pk: {
            "accommodation": resettlement.BEHIND,
            "education_work": resettlement.ACHIEVED,  # an achieved goal is never behind
            "health": resettlement.ON_TRACK,
        }
    }
    assert list(progress[person.pk]) == ["accommodation", "education_work", "health"]


def test_assessments_awaiting_countersignature(com: User, make_person: People) -> None:
    waiting = make_person()
    helpers.awaiting_countersignature(com, waiting)
    returned = make_person()
    version = helpers.awaiting_countersignature(com, returned)
    version.state = State.RETURNED
    version.save(update_fields=["state"])
    nothing = make_person()
    found = assessment.awaiting_countersignature([waiting.pk, returned.pk, nothing.pk])
    assert list(found) == [waiting.pk] and found[waiting.pk] == clock.now()

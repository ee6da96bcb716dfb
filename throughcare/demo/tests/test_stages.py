"""The demo holds a person at each stage of the plan (issue 12), as the plan's own queries see
them, whatever day it is loaded; and what it holds passes the services' own checks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from throughcare.access import policy
from throughcare.access.models import Role, SharingAgreement, User
from throughcare.audit.verify import verify_chain
from throughcare.core import clock
from throughcare.demo import builder, stages
from throughcare.people.models import Person
from throughcare.planning import ownership
from throughcare.planning.release import queries as release
from throughcare.planning.release.models import Handover, Release
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement import services as resettlement_services
from throughcare.planning.resettlement.models import Goal, Owner, Step, StepProgress
from throughcare.planning.riskplan import queries as riskplan
from throughcare.planning.riskplan import services as riskplan_services
from throughcare.planning.riskplan.models import Heading, LicenceCondition, RiskAction
from throughcare.planning.running import queries as running
from throughcare.planning.running.models import Review, Setback
from throughcare.records.models import Document

pytestmark = pytest.mark.django_db

LOCKED = "Locked"


def _seed() -> dict[str, Person]:
    builder.ensure_service()
    people = stages.add_stages()
    assert set(people) == {w.key for w in stages.WHO}
    return people


def _days_to_release(person: Person) -> int:
    assert person.release_date is not None
    return (person.release_date - clock.today()).days


# Loaded today, and loaded a year and a half from now: the same stages, the dates moved on.
@pytest.mark.parametrize("later", [timedelta(0), timedelta(days=540)])
def test_the_demo_holds_a_person_at_each_stage(later: timedelta) -> None:
    clock.set_now(NOW + later)
    people = _seed()
    pom = User.objects.get(email=stages.POM)
    com = User.objects.get(email=stages.COM)
    assert all(p.pom_id == pom.pk and p.com_id == com.pk for p in people.values())

    planning = people[stages.PLANNING]
    assert 35 <= _days_to_release(planning) <= 49
    assert release.stage(planning) == release.IN_CUSTODY
    assert ownership.owner_role(planning) == Role.POM
    plan = resettlement.plan_for(planning)
    assert plan is not None and plan.state == "Draft"
    assert len({goal.pathway for goal in plan.goals}) >= 4
    owners = {step.owner for goal in plan.goals for step in goal.steps}
    assert {"You", "Your prison offender manager", "Your community offender manager"} <= owners
    assert "Safe Harbour Housing" in owners
    risk = riskplan.risk_plan_for(planning)
    assert risk is not None and risk.state == "Draft" and not risk.uncovered
    assert all(h.actions and all(a.factors for a in h.actions) for h in risk.headings)
    assert len(riskplan.licence_for(planning).additional) == 2
    readiness = release.readiness_for(planning, may_see_victims=True)
    assert readiness.ready_on is None
    assert [c.title for c in readiness.unmet] == [
        "Victim liaison consulted where there is a victim"
    ]

    scratch = people[stages.FROM_SCRATCH]
    assert 35 <= _days_to_release(scratch) <= 49
    assert resettlement.plan_for(scratch) is None and riskplan.risk_plan_for(scratch) is None
    assert not Document.objects.filter(person=scratch).exclude(kind="assessment").exists()
    assert not release.readiness_for(scratch, may_see_victims=True).all_met

    for key in (stages.READY, stages.HANDED_OVER):
        person = people[key]
        assert 0 < _days_to_release(person) <= 14
        assert release.stage(person) == release.IN_CUSTODY
        assert resettlement.plan_for(person).state == LOCKED  # type: ignore[union-attr]
        assert riskplan.risk_plan_for(person).state == LOCKED  # type: ignore[union-attr]
        readiness = release.readiness_for(person, may_see_victims=True)
        assert readiness.all_met and readiness.ready_on is not None
        assert release.day_of_release_for(person).missing == []  # type: ignore[union-attr]
    assert ownership.owner_role(people[stages.READY]) == Role.POM
    assert not Handover.objects.filter(person=people[stages.READY]).exists()
    assert ownership.owner_role(people[stages.HANDED_OVER]) == Role.COM

    # At high risk, the SPO countersigned both plans.
    spo = User.objects.get(email=stages.SPO)
    for document in Document.objects.filter(person=people[stages.READY]):
        assert document.latest_locked().countersigned_by == spo  # type: ignore[union-attr]

    released = people[stages.RELEASED]
    assert release.stage(released) == release.ON_LICENCE
    assert ownership.owner_role(released) == Role.COM
    outcome = Release.objects.get(person=released)
    assert outcome.released_on == clock.today() - timedelta(days=21)
    assert outcome.slept and outcome.appointment_kept == "yes"
    assert outcome.accommodation_status == "in place"
    done = Review.objects.get(person=released, completed_on__isnull=False)
    assert done.next_review is not None and done.next_review.due_on > clock.today()
    assert running.running_for(released).next_review is not None
    assert Setback.objects.filter(person=released).count() == 1
    assert StepProgress.objects.filter(person=released, created_by=com).count() >= 2

    # The steps fell due and were done, but for the gaps the checklist shows.
    for key in (stages.PLANNING, stages.READY, stages.HANDED_OVER, stages.RELEASED):
        assert resettlement.overdue(list(Goal.objects.filter(person=people[key]))) == []
    late = resettlement.overdue(list(Goal.objects.filter(person=people[stages.GAPS])))
    assert [s.description for s in late] == [
        "Apply for his birth certificate",
        "Open a basic bank account through the prison's bank scheme",
    ]

    gaps = people[stages.GAPS]
    assert 0 < _days_to_release(gaps) <= 14
    assert release.stage(gaps) == release.IN_CUSTODY
    assert release.day_of_release_for(gaps).missing == [  # type: ignore[union-attr]
        "ID",
        "Bank account",
        "The first appointment",
    ]
    flagged = release.day_of_release_not_ready([p.pk for p in people.values()])
    assert flagged == [gaps.pk]


def test_the_stage_data_passes_the_services_checks() -> None:
    """Made through the services, it passes their checks as it stands."""
    people = _seed()
    for person in people.values():
        for step in Step.objects.filter(person=person):
            resettlement_services.check_step(
                {
                    "description": step.description,
                    "owner": step.owner,
                    "organisation": step.organisation,
                    "due_date": step.due_date,
                    "status": step.status,
                },
                person=person,
                was=step.due_date,
                new=False,
            )
            assert (step.owner == Owner.PARTNER) == (step.organisation is not None)
        conditions = list(LicenceCondition.objects.filter(person=person))
        assert riskplan_services.condition_problems(conditions, {}) == []
        assert all(c.names_a_risk and c.justification for c in conditions)

    # The drafts could be submitted but for what the journey does next.
    planning = people[stages.PLANNING]
    plan = Document.objects.get(person=planning, kind="resettlement-plan").open_version()
    assert plan is not None and resettlement_services.problems(plan) == {}
    risk = Document.objects.get(person=planning, kind="risk-management-plan").open_version()
    assert riskplan_services.problems(risk, planning) == {}
    kinds = {a.heading for a in RiskAction.objects.filter(person=planning)}
    assert kinds == set(Heading.values)

    # Safe Harbour Housing has the plan shared with them, and a step of their own on it.
    agreement = SharingAgreement.objects.get(
        person=planning, organisation__name="Safe Harbour Housing"
    )
    assert "plan" in agreement.sections and agreement.ended_at is None
    assert agreement.start_date <= clock.today() <= agreement.end_date
    housing = User.objects.get(email="housing@throughcare.example")
    assert policy.visible_people(housing).filter(pk=planning.pk).exists()
    assert Step.objects.filter(person=planning, organisation=agreement.organisation).exists()

    checked, finding = verify_chain()
    assert finding is None and checked > 0


def test_stages_are_added_once_the_demo_users_exist() -> None:
    assert stages.add_stages() == {}
    assert not Person.objects.exists()

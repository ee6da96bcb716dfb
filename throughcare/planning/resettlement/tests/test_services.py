"""The resettlement plan's services: a signed, versioned document whose goals and steps are
rows, written into the version at each change; the person's agreement asked again after each
change; a locked plan changed in a new version; bad input refused with every problem named
and nothing written; progress on steps that never changes the signed plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from throughcare.access.models import Organisation, Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.people import services as people_services
from throughcare.people.commands import NewSentence
from throughcare.people.models import Person
from throughcare.planning.models import Option
from throughcare.planning.resettlement import facts, queries, services, snapshot
from throughcare.planning.resettlement.models import KIND, Goal, Step, StepProgress
from throughcare.planning.tests.helpers import locked_assessment, option
from throughcare.records import services as records
from throughcare.records.lifecycle import State
from throughcare.records.models import Version

from .helpers import agreed, goal, in_days, step

pytestmark = pytest.mark.django_db


def _version(person: Person) -> Version:
    found = queries.current_version(queries.document(person))
    assert found is not None
    return found


def _snapshot_matches_rows(person: Person) -> None:
    version = _version(person)
    live = services.plan.live_goals(version.document)
    assert version.content["goals"] == snapshot.take(live)


def test_a_first_goal_starts_the_plan_and_each_change_writes_the_snapshot(
    pom: User, person: Person
) -> None:
    first = goal(pom, person)
    version = _version(person)
    assert (version.number, version.state, version.document.kind) == (1, State.DRAFT, KIND)
    _snapshot_matches_rows(person)
    made = step(pom, first)
    _snapshot_matches_rows(person)
    services.change_step(
        user=pom,
        step=made,
        new=services.NewStep.from_cleaned(
            {"description": "Apply for CAS3", "owner": "person", "due_date": in_days(7)}
        ),
        expected=made.version,
    )
    _snapshot_matches_rows(person)
    rows = snapshot.version_rows(_version(person))
    assert [r.label for r in rows] == ["Goal: Accommodation", "Step towards: " + first.title]
    assert "Apply for CAS3. Who does it: The person" in rows[1].shown
    assert _version(person).number == 1  # all in the one draft


def test_only_the_owner_changes_the_plan(pom: User, com: User, person: Person) -> None:
    with pytest.raises(Refused, match="prison offender manager who owns the plan"):
        goal(com, person)
    assert not Goal.objects.exists()
    made = goal(pom, person)
    with pytest.raises(Refused):
        step(com, made)
    with pytest.raises(Refused):
        services.remove_goal(user=com, goal=made, expected=made.version)
    with pytest.raises(Refused):
        agreed(com, person)


def test_a_step_with_no_owner_or_due_after_the_licence_ends_is_refused_naming_each(
    pom: User, person: Person
) -> None:
    made = goal(pom, person)
    end = facts.licence_end(person)
    assert end is not None and end.label == "SED"  # no LED or SLED recorded
    with pytest.raises(Invalid) as refused:
        step(pom, made, owner="", due_date=end.on + timedelta(days=1))
    assert refused.value.fields == {
        "owner": ["Select who does the step"],
        "due_date": [
            f"The due date must be on or before the day the licence ends "
            f"({end.on.day} {end.on:%B %Y}, the SED)"
        ],
    }
    step(pom, made, due_date=end.on)  # the last day of the licence is fine
    assert Step.objects.count() == 1


def test_the_licence_ends_on_the_led_or_sled_when_recorded(pom: User, person: Person) -> None:
    people_services.add_sentence(
        user=pom,
        person=person,
        sentence=NewSentence.from_cleaned(
            {
                "sentence_type": "sds",
                "sentence_date": clock.today() - timedelta(days=100),
                "crd": in_days(20),
                "led": in_days(200),
                "sed": in_days(300),
            }
        ),
    )
    end = facts.licence_end(person)
    assert end is not None and (end.on, end.label) == (in_days(200), "LED")
    made = goal(pom, person)
    with pytest.raises(Invalid, match="the LED"):
        step(pom, made, due_date=in_days(201))


def test_a_partner_step_names_a_partner_organisation(
    pom: User, person: Person, organisations: dict[str, Organisation]
) -> None:
    made = goal(pom, person)
    with pytest.raises(Invalid, match="Select the partner organisation"):
        step(pom, made, owner="partner")
    with pytest.raises(Invalid, match="Select a partner organisation"):
        step(pom, made, owner="partner", organisation=organisations["prison"])
    done = step(pom, made, owner="partner", organisation=organisations["partner"])
    assert done.organisation == organisations["partner"]
    # Another owner names none, whatever was posted.
    other = step(pom, made, owner="com", organisation=organisations["partner"])
    assert other.organisation is None


def test_goal_inputs_refused(pom: User, person: Person, com: User) -> None:
    considered = option(com, person)
    with pytest.raises(Invalid) as refused:
        goal(
            pom,
            person,
            pathway="nowhere",
            title=" ",
            target_date=clock.today() - timedelta(days=1),
            option=considered,
        )
    assert set(refused.value.fields) == {"pathway", "title", "target_date", "option"}
    assert refused.value.fields["target_date"] == ["The target date must be today or in the future"]
    with pytest.raises(Invalid, match="Enter the target date for an active goal"):
        goal(pom, person, target_date=None)
    goal(pom, person, status="future", target_date=None)  # a future goal may wait for one
    assert Goal.objects.count() == 1


def test_a_goal_links_to_a_chosen_option(pom: User, com: User, person: Person) -> None:
    chosen = option(com, person)
    chosen.status = Option.Status.CHOSEN
    chosen.save()
    made = goal(pom, person, option=chosen)
    assert made.option == chosen
    assert "Release option: His mother's flat" in snapshot.version_rows(_version(person))[0].shown


def test_needs_of_the_assessment_are_offered_as_goals(com: User, person: Person) -> None:
    assert facts.assessed_needs(person) == []
    locked_assessment(com, person)
    needs = facts.assessed_needs(person)
    assert [(n.pathway, n.severity, n.area_of_need) for n in needs] == [
        ("accommodation", "severe", "accommodation")
    ]


def test_the_agreement_is_asked_again_after_each_change(pom: User, person: Person) -> None:
    made = goal(pom, person)
    with pytest.raises(Invalid, match="Enter what the person said"):
        agreed(pom, person, "does not agree")
    agreed(pom, person)
    assert _version(person).sections["agreement"]["complete"] is True
    step(pom, made)
    version = _version(person)
    assert version.sections["agreement"]["complete"] is False
    assert version.content["agreement"] == {}
    with pytest.raises(Invalid) as refused:
        services.submit(pom, person)
    assert refused.value.fields == {
        "agreement": ["Record the person's agreement to this version of the plan"]
    }
    agreed(pom, person, "could not answer")
    services.submit(pom, person)
    assert _version(person).state == State.LOCKED


def test_an_active_goal_needs_a_step_before_submitting(pom: User, person: Person) -> None:
    made = goal(pom, person)
    agreed(pom, person)
    with pytest.raises(Invalid) as refused:
        services.submit(pom, person)
    assert refused.value.fields == {f"goal-{made.pk}": [f"Add a step to the goal: {made.title}"]}
    assert _version(person).state == State.DRAFT


def _locked_plan(pom: User, person: Person) -> Goal:
    made = goal(pom, person)
    step(pom, made)
    agreed(pom, person)
    services.submit(pom, person)
    return made


def test_changing_a_locked_plan_starts_a_new_version_with_the_goals_carried_over(
    pom: User, person: Person
) -> None:
    made = _locked_plan(pom, person)
    first = _version(person)
    assert (first.number, first.state, first.countersignature_reason) == (1, State.LOCKED, "")
    services.change_goal(
        user=pom,
        goal=made,
        new=services.NewGoal.from_cleaned(
            {
                "pathway": "accommodation",
                "area_of_need": "accommodation",
                "title": "Move into my own flat",
                "status": "active",
                "target_date": made.target_date,
            }
        ),
        expected=made.version,
    )
    second = _version(person)
    assert (second.number, second.state, second.previous_id) == (2, State.DRAFT, first.pk)
    first.refresh_from_db()
    assert "Have somewhere settled to live" in snapshot.version_rows(first)[0].shown
    assert "Move into my own flat" in snapshot.version_rows(second)[0].shown
    assert len(snapshot.version_rows(second)) == 2  # the step carried over
    _snapshot_matches_rows(person)
    # The agreement is asked again, in the words of an updated plan.
    assert second.sections["agreement"]["complete"] is False
    with pytest.raises(Invalid, match="Select whether the person agrees"):
        agreed(pom, person, "agreed")
    agreed(pom, person, "updated agreed")
    services.submit(pom, person)
    assert _version(person).state == State.LOCKED
    view = queries.plan_for(person)
    assert view is not None and view.agreement.label == "Agreed to the updated plan"
    assert view.agreed_on == clock.today()


def test_an_unchanged_save_starts_no_new_version(pom: User, person: Person) -> None:
    made = _locked_plan(pom, person)
    services.change_goal(
        user=pom,
        goal=made,
        new=services.NewGoal.from_cleaned(
            {
                "pathway": made.pathway,
                "area_of_need": made.area_of_need,
                "title": made.title,
                "status": made.status,
                "target_date": made.target_date,
            }
        ),
        expected=made.version,
    )
    assert Version.objects.filter(document__kind=KIND).count() == 1


def test_a_high_risk_plan_waits_for_the_spo_and_cannot_change_meanwhile(
    pom: User, com: User, person: Person, make_user: Callable[..., User]
) -> None:
    locked_assessment(com, person, "high")
    made = goal(pom, person)
    step(pom, made)
    agreed(pom, person)
    services.submit(pom, person)
    version = _version(person)
    assert version.state == State.SUBMITTED
    assert version.countersignature_reason == "The overall risk of serious harm is high"
    with pytest.raises(Refused, match="waiting for the senior probation officer"):
        step(pom, made)
    records.countersign(make_user(Role.SPO, "team"), version)
    assert _version(person).state == State.LOCKED
    step(pom, made)  # now a new version
    assert _version(person).number == 2


def test_a_stale_change_is_refused(pom: User, person: Person) -> None:
    made = goal(pom, person)
    services.remove_goal(user=pom, goal=made, expected=made.version)
    with pytest.raises(Stale):
        services.change_goal(
            user=pom,
            goal=made,
            new=services.NewGoal.from_cleaned({"title": "Other"}),
            expected=made.version,
        )


def test_progress_on_a_locked_plan_changes_no_version(
    pom: User, com: User, person: Person, make_user: Callable[..., User]
) -> None:
    made = _locked_plan(pom, person)
    the_step = made.steps.get()
    before = _version(person).content
    # The COM, allocated but not the plan's owner, records progress too.
    note = services.add_progress(
        user=com, step=the_step, note="Referral sent", status="in progress"
    )
    assert note.status == "in progress"
    the_step.refresh_from_db()
    assert the_step.status == "in progress"
    assert Version.objects.filter(document__kind=KIND).count() == 1
    assert _version(person).content == before
    again = services.add_progress(user=pom, step=the_step, note="Chased", status="in progress")
    assert again.status == ""  # it did not move
    with pytest.raises(Invalid, match="Enter the progress note"):
        services.add_progress(user=pom, step=the_step, note=" ")
    with pytest.raises(Refused):
        services.add_progress(user=make_user(Role.COM, "team"), step=the_step, note="Not mine")
    assert StepProgress.objects.count() == 2


def test_audit_events_are_written(pom: User, com: User, person: Person) -> None:
    made = goal(pom, person)
    the_step = step(pom, made)
    services.add_progress(user=com, step=the_step, note="Started", status="in progress")
    events = AuditEvent.objects.filter(person_id=person.pk)
    assert events.filter(
        record_type=RecordType.PLAN_GOAL, operation=Operation.COLLECTION, record_id=str(made.pk)
    ).exists()
    assert events.filter(
        record_type=RecordType.PLAN_STEP, operation=Operation.COLLECTION, record_id=str(the_step.pk)
    ).exists()
    assert events.filter(
        record_type=RecordType.PLAN_STEP, operation=Operation.ALTERATION, record_id=str(the_step.pk)
    ).exists()
    assert events.filter(record_type=RecordType.STEP_PROGRESS).exists()
    assert events.filter(record_type=RecordType.SIGNED_DOCUMENT_VERSION).exists()


def test_plan_for_reads_the_plan_in_the_persons_words(
    pom: User, person: Person, organisations: dict[str, Organisation]
) -> None:
    assert queries.plan_for(person) is None
    made = goal(pom, person)
    step(pom, made, owner="person", description="Open a bank account")
    step(pom, made, owner="partner", organisation=organisations["partner"])
    removed = goal(pom, person, pathway="health", area_of_need="emotional", title="Gone")
    services.remove_goal(user=pom, goal=removed, expected=removed.version)
    view = queries.plan_for(person)
    assert view is not None
    assert view.state == "Draft"
    assert view.agreement.label == "Not recorded" and view.agreed_on is None
    assert [g.title for g in view.goals] == [made.title]
    (only,) = view.goals
    assert (only.pathway, only.area, only.status) == ("Accommodation", "Accommodation", "Active")
    assert [(s.owner, s.organisation_id) for s in only.steps] == [
        ("You", None),
        ("Test Housing", organisations["partner"].pk),
    ]


def test_overdue_steps(pom: User, person: Person) -> None:
    made = goal(pom, person)
    late = step(pom, made)
    step(pom, made, description="Later", due_date=in_days(30))
    clock.set_now(clock.now() + timedelta(days=20))
    assert queries.overdue(queries._goals(person)) == [late]
    services.add_progress(user=pom, step=late, note="Done", status="completed")
    assert queries.overdue(queries._goals(person)) == []


def test_the_subject_access_export_holds_the_goals_steps_and_progress(
    pom: User, person: Person
) -> None:
    from throughcare.planning.resettlement.subject_access import PART

    made = goal(pom, person)
    the_step = step(pom, made)
    services.add_progress(user=pom, step=the_step, note="Form sent", status="in progress")
    (section,) = PART.sections
    (exported,) = section.build(person)
    assert exported["goal"] == made.title
    assert exported["steps"][0]["who"] == "The prison offender manager"
    assert exported["steps"][0]["progress"][0]["note"] == "Form sent"

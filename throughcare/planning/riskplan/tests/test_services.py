"""The risk management plan through its services: only the owner changes it; actions name the
risk factors they manage; each change is audited and written into the open version; a locked
plan changes in a new version; conditions are traced to risks and checked against the chosen
address before the plan can be submitted; countersigning when the risk is high."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from throughcare.access.models import Role, User
from throughcare.audit.models import AuditEvent, Operation, RecordType
from throughcare.core.errors import Invalid, Refused, Stale
from throughcare.people.models import Person
from throughcare.planning import facts as planning_facts
from throughcare.planning import services as planning_services
from throughcare.planning.riskplan import catalogue, facts, queries, services
from throughcare.planning.riskplan.models import LicenceCondition, RiskAction
from throughcare.planning.rules import criteria
from throughcare.planning.tests.helpers import option, victim
from throughcare.records import services as records
from throughcare.records.models import Version

from .helpers import EXCLUSION, PASSPORT, VICTIM_CONTACT, action, assessed, condition

pytestmark = pytest.mark.django_db


def _versions(person: Person) -> list[Version]:
    return list(Version.objects.filter(person=person, document__kind=facts.KIND).order_by("number"))


def _ready(pom: User, person: Person) -> None:
    """What a plan needs to be submitted, beside its conditions."""
    services.save_key_information(
        user=pom, person=person, situation="Living with his mother", considerations="", expected=0
    )
    if not RiskAction.objects.filter(person=person).exists():
        action(pom, person, factors=[f.key for f in facts.risk_factors(person)][:1])


def test_only_the_owner_changes_the_plan(pom: User, com: User, person: Person) -> None:
    assessed(pom, person)
    with pytest.raises(Refused, match="prison offender manager who owns the plan"):
        action(com, person)
    assert not RiskAction.objects.exists() and _versions(person) == []
    made = action(pom, person)
    (first,) = _versions(person)
    assert first.state == "draft" and first.author == pom
    entry = first.content["actions"][f"action-{made.pk}"]
    assert entry["action"] == "Weekly appointments at the probation office"
    assert entry["factor_labels"] == ["Stable dynamic factor: alcohol or drug use"]
    event = AuditEvent.objects.get(record_type=RecordType.RISK_ACTION)
    assert event.operation == Operation.COLLECTION and event.person_id == person.pk


def test_an_action_names_factors_from_the_assessment(pom: User, person: Person) -> None:
    assessed(pom, person)
    with pytest.raises(Invalid) as missing:
        action(pom, person, factors=[])
    assert missing.value.fields == {"factors": ["Select the risk factors this action manages"]}
    with pytest.raises(Invalid) as unknown:
        action(pom, person, factors=["stable:gambling"])
    assert "factors" in unknown.value.fields
    with pytest.raises(Invalid) as contingency:
        action(pom, person, heading="contingency", by_whom="", when="")
    assert contingency.value.fields == {
        "by_whom": ["Enter who will do it"],
        "when": ["Enter when, or how often"],
        "contingency_if": ["Enter what would have to happen for the plan to act"],
    }
    assert not RiskAction.objects.exists()


def test_without_an_assessment_an_action_names_no_factor(pom: User, person: Person) -> None:
    made = action(pom, person, factors=[])
    assert made.factors == []


def test_a_factor_no_action_manages_is_shown(pom: User, person: Person) -> None:
    assessed(pom, person)
    action(pom, person, factors=["stable:alcohol or drug use", "harm:public"])
    view = queries.risk_plan_for(person)
    assert view is not None
    assert view.uncovered == (
        "Acute dynamic factor: bereavement",
        "Other risk: suicide",
        "Severe need: accommodation",
        "Circumstances likely to increase the risk",
    )
    supervision = next(h for h in view.headings if h.key == "supervision")
    assert supervision.actions[0].factors == (
        "Stable dynamic factor: alcohol or drug use",
        "Risk of serious harm to the public: medium",
    )
    (version,) = _versions(person)
    assert version.content["factors"]["uncovered"] == list(view.uncovered)


def test_a_stale_change_is_refused_and_changes_nothing(pom: User, person: Person) -> None:
    made = action(pom, person, factors=[])
    new = services.NewAction.from_cleaned(
        {"heading": "supervision", "action": "Twice weekly", "by_whom": "COM", "when": "Now"}
    )
    services.change_action(user=pom, action=made, new=new, expected=1)
    made.refresh_from_db()
    assert made.version == 2 and made.action == "Twice weekly"
    late = services.NewAction.from_cleaned({**new.as_data(), "action": "Monthly"})
    with pytest.raises(Stale):
        services.change_action(user=pom, action=made, new=late, expected=1)
    with pytest.raises(Stale):
        services.remove_action(user=pom, action=made, expected=1)
    made.refresh_from_db()
    assert made.action == "Twice weekly"
    key = services.save_key_information(
        user=pom, person=person, situation="First", considerations="", expected=0
    )
    assert key.content["key-information"]["situation"] == "First"
    with pytest.raises(Stale):
        services.save_key_information(
            user=pom, person=person, situation="Second", considerations="", expected=0
        )


def test_a_condition_without_a_named_risk_or_justification_cannot_be_submitted(
    pom: User, person: Person
) -> None:
    assessed(pom, person)
    _ready(pom, person)
    passport = condition(pom, person)
    assert passport.text.startswith("To surrender your passport")
    with pytest.raises(Invalid) as refused:
        services.submit(user=pom, person=person)
    short = passport.short
    assert refused.value.fields == {
        "conditions": [
            f"Name the risk that “{short}” manages",
            f"Say why “{short}” is necessary and proportionate",
        ]
    }
    assert _versions(person)[0].state == "draft"
    services.change_condition(
        user=pom,
        condition=passport,
        new=services.NewCondition(
            risk_action=RiskAction.objects.get(), justification="He planned to leave the country"
        ),
        expected=passport.version,
    )
    version = services.submit(user=pom, person=person)
    assert version.state == "locked" and version.countersignature_reason == ""
    stored = version.content["licence-conditions"][f"condition-{passport.pk}"]
    assert stored["action"] == "Weekly appointments at the probation office"
    assert stored["justification"] == "He planned to leave the country"


def test_nothing_to_submit_without_key_information_or_actions(pom: User, person: Person) -> None:
    with pytest.raises(Invalid) as nothing:
        services.submit(user=pom, person=person)
    assert "There is no draft of the plan to submit" in str(nothing.value)
    condition(pom, person, factors=[], justification="x")
    with pytest.raises(Invalid) as empty:
        services.submit(user=pom, person=person)
    assert set(empty.value.fields) == {"situation", "actions", "conditions"}


def test_a_blank_left_empty_is_a_clear_error(pom: User, person: Person) -> None:
    code = next(
        c.code for c in catalogue.catalogue().additional if c.text.startswith("Not to reside")
    )
    with pytest.raises(Invalid) as refused:
        condition(pom, person, code, blank_0="SOME", blank_1="")
    assert refused.value.fields == {
        "blank_0": ["Select one: any or any female or any male"],
        "blank_1": ["Enter age"],
    }
    made = condition(pom, person, code, blank_0="ANY FEMALE", blank_1="16")
    assert "as any female child under the age of 16 without" in made.text
    assert made.inputs == {"blank_0": "ANY FEMALE", "blank_1": "16"}


def test_an_exclusion_zone_containing_the_chosen_address_must_be_explained(
    pom: User, person: Person
) -> None:
    _ready(pom, person)
    planning_services.choose(user=pom, option=option(pom, person), reasoning="Stable home")
    zone = condition(pom, person, EXCLUSION, zone="NB3", factors=[], justification="x")
    elsewhere = condition(pom, person, EXCLUSION, zone="NB9", justification="x")
    found = facts.conflicts_of([zone, elsewhere], facts.chosen_places(person))
    assert found == {
        zone.pk: ["The chosen address or area is inside the exclusion zone"],
        elsewhere.pk: [],
    }
    with pytest.raises(Invalid) as refused:
        services.submit(user=pom, person=person)
    messages = refused.value.fields["conditions"]
    assert f"“{zone.short}”: The chosen address or area is inside the exclusion zone. " in (
        "\n".join(messages)
    )
    assert sum("inside the exclusion zone" in m for m in messages) == 1  # not the NB9 zone


def test_a_non_contact_condition_where_the_victim_lives_near_the_chosen_address(
    pom: User, person: Person
) -> None:
    victim(pom, person, postcode="NB3 2AA")
    chosen = option(pom, person)
    planning_services.choose(
        user=pom, option=chosen, reasoning="Only offer", conflict_reason="No other offer"
    )
    made = condition(
        pom, person, VICTIM_CONTACT, blank_0="Vera", blank_1="Northbridge children's services"
    )
    shown = facts.conflicts_of([made], facts.chosen_places(person))[made.pk]
    assert shown == ["Conflicts with a victim's safety: at or next to where they live"]
    assert "Vera" not in shown[0]
    problems = services.condition_problems([made], {made.pk: shown})
    assert problems[-1].endswith("Change the condition or explain why it can stand")
    made = services.change_condition(
        user=pom,
        condition=made,
        new=services.NewCondition(
            inputs=made.inputs,
            risk_action=action(pom, person, factors=[]),
            justification="x",
            conflict_explanation="She is moving away before his release",
        ),
        expected=made.version,
    )
    assert services.condition_problems([made], {made.pk: shown}) == []


def test_high_risk_waits_for_the_spo_and_the_criterion_reads_the_plan(
    pom: User, person: Person, make_user: Callable[..., User]
) -> None:
    assessed(pom, person, level="high")
    spo = make_user(Role.SPO, "team")
    assert planning_facts.criteria_facts(person).plan is None
    _ready(pom, person)
    assert planning_facts.criteria_facts(person).plan == criteria.Plan(countersigned_on=None)
    version = services.submit(user=pom, person=person)
    assert version.state == "submitted" and "high" in version.countersignature_reason
    with pytest.raises(Invalid, match="waiting for the senior probation officer"):
        action(pom, person)
    records.countersign(spo, version)
    plan = planning_facts.criteria_facts(person).plan
    assert plan is not None and version.locked_at is not None
    assert plan.countersigned_on == version.locked_at.date()
    result = criteria.plan_countersigned_when_high(planning_facts.criteria_facts(person))
    assert result.met


def test_a_change_to_a_locked_plan_starts_a_new_version_carrying_the_rows(
    pom: User, person: Person
) -> None:
    _ready(pom, person)
    first = services.submit(user=pom, person=person)
    kept = dict(first.content)
    later = action(pom, person, heading="contingency", contingency_if="He drinks", factors=[])
    one, two = _versions(person)
    assert (one.state, two.state, two.previous_id) == ("locked", "draft", one.pk)
    assert one.content == kept
    assert set(two.content["actions"]) == {*kept["actions"], f"action-{later.pk}"}
    assert two.content["key-information"] == kept["key-information"]
    assert RiskAction.objects.filter(document=one.document).count() == 2


def test_an_action_a_condition_names_cannot_be_removed(pom: User, person: Person) -> None:
    made = action(pom, person, factors=[])
    passport = condition(pom, person, risk_action=made)
    with pytest.raises(Invalid, match="change the condition first"):
        services.remove_action(user=pom, action=made, expected=made.version)
    services.remove_condition(user=pom, condition=passport, expected=passport.version)
    services.remove_action(user=pom, action=made, expected=made.version)
    assert not RiskAction.objects.exists() and not LicenceCondition.objects.exists()
    erased = AuditEvent.objects.filter(operation=Operation.ERASURE)
    assert {e.record_type for e in erased} == {RecordType.RISK_ACTION, RecordType.LICENCE_CONDITION}
    assert _versions(person)[0].content["actions"] == {}


def test_the_licence_lists_standard_then_additional_conditions_in_catalogue_order(
    pom: User, person: Person
) -> None:
    assert queries.licence_for(person).standard == catalogue.catalogue().standard
    assert queries.licence_for(person).additional == ()
    condition(pom, person, EXCLUSION, zone="NB9")  # later in the catalogue
    condition(pom, person)
    licence = queries.licence_for(person)
    assert [c.code for c in licence.additional] == [PASSPORT, EXCLUSION]
    assert licence.additional[1].category == "Freedom of movement"
    assert queries.risk_plan_for(person) is not None


def test_the_subject_access_export_withholds_victim_safety_planning(
    pom: User, person: Person
) -> None:
    from throughcare.planning.riskplan.subject_access import PART

    action(pom, person, factors=[])
    action(
        pom, person, heading="victim safety planning", action="Vera's new address kept", factors=[]
    )
    condition(pom, person, justification="He tried to flee")
    actions, conditions = (section.build(person) for section in PART.sections)
    assert actions[0]["action"] == "Weekly appointments at the probation office"
    assert actions[1]["withheld"] is True
    assert actions[1]["category"] == "victim safety planning"
    assert "Vera" not in str(actions)
    assert conditions[0]["why"] == "He tried to flee"

"""The pure rules: risk factors from an assessment's content, the factors no action manages,
licence conditions checked against the chosen places, and when the plan needs countersigning;
and the catalogue shipped with the package (a byte copy of the shared one), its codes and
blanks."""

from __future__ import annotations

from django.conf import settings

from throughcare.assessment.sections.harm import levels_from
from throughcare.planning.riskplan import catalogue, facts, rules
from throughcare.planning.rules import conflicts
from throughcare.rules.places import Place

WORDS = facts.VOCABULARY


def _content(**sections: dict) -> dict:
    return {
        "factors": {"stable": ["temper control"], "acute": ["bereavement", "stopping medication"]},
        "rosh": {
            "children_community": "low",
            "public_community": "medium",
            "known_adult_custody": "very high",
            "staff_community": "low",
            "increases": "Losing his job",
        },
        "other-risks": {"suicide": "yes", "self_harm": "no", "escape": "not known"},
        "needs": {"accommodation_severity": "severe", "health_severity": "standard"},
        **sections,
    }


def test_the_risk_factors_of_an_assessment_each_with_a_stable_key_and_a_label() -> None:
    found = rules.risk_factors(_content(), WORDS)
    assert [(f.key, f.label) for f in found] == [
        ("stable:temper control", "Stable dynamic factor: temper control"),
        ("acute:bereavement", "Acute dynamic factor: bereavement"),
        ("acute:stopping medication", "Acute dynamic factor: stopping medication"),
        ("harm:public", "Risk of serious harm to the public: medium"),
        ("harm:known adult", "Risk of serious harm to a known adult: very high"),
        ("other:suicide", "Other risk: suicide"),
        ("need:accommodation", "Severe need: accommodation"),
        ("increases", "Circumstances likely to increase the risk"),
    ]
    assert found[-1].detail == "Losing his job"


def test_levels_are_read_as_the_assessment_reads_them() -> None:
    rosh = _content()["rosh"]
    levels = levels_from(rosh)
    medium_or_above = {g for (g, _), level in levels.items() if level and level.key != "low"}
    found = rules.risk_factors({"rosh": rosh}, WORDS)
    harm = {f.key.removeprefix("harm:") for f in found if f.kind == "harm"}
    assert harm == medium_or_above


def test_nothing_recorded_nothing_listed() -> None:
    assert rules.risk_factors({}, WORDS) == []
    assert rules.risk_factors(None, WORDS) == []
    low = {"rosh": {"public_community": "low", "bogus_community": "high", "staff_custody": "x"}}
    assert rules.risk_factors(low, WORDS) == []


def test_a_factor_no_action_manages_is_uncovered() -> None:
    found = rules.risk_factors(_content(), WORDS)
    left = rules.uncovered(found, [["stable:temper control"], ["harm:public", "increases"]])
    assert [f.key for f in left] == [
        "acute:bereavement",
        "acute:stopping medication",
        "harm:known adult",
        "other:suicide",
        "need:accommodation",
    ]
    assert rules.uncovered(found, [[f.key for f in found]]) == []


def _chosen(**values: object) -> rules.ChosenPlaces:
    data: dict = {"places": (Place("NB3 2AA", "Hillside estate"),)}
    data.update(values)
    return rules.ChosenPlaces(**data)


def test_an_exclusion_zone_containing_the_chosen_postcode_or_area_conflicts() -> None:
    for zone in ("NB3", "NB3 2AA", "hillside  Estate", "NB9\nHillside estate"):
        found = rules.condition_conflicts("exclusion", zone, _chosen())
        assert [c.message for c in found] == [
            "The chosen address or area is inside the exclusion zone"
        ], zone
    assert rules.condition_conflicts("exclusion", "NB9; Valley estate", _chosen()) == []
    assert rules.condition_conflicts("exclusion", "", _chosen()) == []
    assert rules.condition_conflicts("exclusion", "NB3", _chosen(places=())) == []


def test_an_area_they_must_not_leave_that_leaves_out_the_address_conflicts() -> None:
    assert rules.condition_conflicts("inclusion", "NB3", _chosen()) == []
    found = rules.condition_conflicts("inclusion", "NB7", _chosen())
    assert [c.rule for c in found] == [rules.OUTSIDE]


def test_no_contact_with_a_victim_at_or_near_the_chosen_address_conflicts() -> None:
    at_home = conflicts.VictimPlace(7, "nb3 2aa")
    keep_clear = conflicts.VictimPlace(8, "NB8 1AA", "Hillside estate")
    far = conflicts.VictimPlace(9, "NB8 1AA", "NB8")
    found = rules.condition_conflicts("victim", "", _chosen(victims=(at_home, keep_clear, far)))
    assert [(c.rule, c.victim) for c in found] == [
        (conflicts.VICTIM_ADDRESS, 7),
        (conflicts.VICTIM_AREA, 8),
    ]
    assert all("NB3" not in c.message and "Hillside" not in c.message for c in found)
    assert rules.condition_conflicts("victim", "", _chosen(victims=(far,))) == []


def test_no_contact_with_children_in_a_household_with_children_conflicts() -> None:
    assert rules.condition_conflicts("children", "", _chosen(household_children=True))
    assert rules.condition_conflicts("children", "", _chosen()) == []
    assert rules.condition_conflicts("", "NB3", _chosen(household_children=True)) == []


def test_high_and_very_high_need_countersigning() -> None:
    assert rules.countersignature_reason("high")
    assert rules.countersignature_reason("very high")
    assert rules.countersignature_reason("medium") == ""
    assert rules.countersignature_reason("") == ""


def test_the_catalogue_is_a_byte_copy_of_the_shared_one() -> None:
    shared = settings.SHARED_DIR / "domain" / "licence-conditions.json"
    assert catalogue.PATH.read_bytes() == shared.read_bytes()


def test_every_additional_condition_has_a_stable_unique_code() -> None:
    found = catalogue.catalogue()
    assert len(found.standard) == 8
    codes = [c.code for c in found.additional]
    assert len(codes) == len(set(codes)) == 65
    assert codes == [catalogue.code_for(c.text) for c in found.additional]
    assert found.by_code(codes[3]) is found.additional[3]
    assert found.by_code("no-such-code") is None


def test_blanks_are_choices_or_free_text_and_fill_in() -> None:
    entry = catalogue.Condition(
        "x",
        "Test",
        "[NOTIFY / REQUEST] about [ANY / ANY FEMALE] child under [INSERT AGE] at [TIME] or [TIME].",
        catalogue.parse_blanks(
            "[NOTIFY / REQUEST] about [ANY / ANY FEMALE] child under [INSERT AGE] at [TIME] "
            "or [TIME]."
        ),
    )
    first, second, age, one, two = entry.blanks
    assert first.options == ("NOTIFY", "REQUEST") and second.is_choice
    assert not age.is_choice and age.label == "Age"
    assert (one.label, two.label) == ("Time (first)", "Time (second)")
    inputs = {"blank_0": "NOTIFY", "blank_1": "ANY FEMALE", "blank_2": "16", "blank_3": "9pm"}
    assert catalogue.fill(entry, inputs) == (
        "Notify about any female child under 16 at 9pm or [TIME]."
    )
    assert catalogue.problems(entry, inputs) == {"blank_4": "Enter time (second)"}
    wrong = catalogue.problems(entry, {**inputs, "blank_1": "SOME", "blank_4": "x" * 501})
    assert wrong == {
        "blank_1": "Select one: any or any female",
        "blank_4": "Time (second) must be 500 characters or fewer",
    }


def test_open_ended_options_are_free_text_and_zones_are_asked_for() -> None:
    found = catalogue.catalogue()
    report = next(c for c in found.additional if c.text.startswith("Report to staff at [NAME"))
    assert [b.is_choice for b in report.blanks] == [False, False, False]
    zone = next(c for c in found.additional if c.check == "exclusion" and not c.blanks)
    assert zone.inputs == (catalogue.ZONE,)
    assert catalogue.problems(zone, {}) == {
        catalogue.ZONE: "Enter the zone: postcodes, postcode districts or named areas"
    }
    checks = {c.check for c in found.additional}
    assert checks == {"", "exclusion", "inclusion", "victim", "children"}

"""The OGRS3 section (the counts and their source, checked by the instrument's own rules
against the record's facts) and the judgement against the band."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from throughcare.assessment.sections.likelihood import LikelihoodForm, Ogrs3Form

from .helpers import FACTS, bind, errors

SOURCE = {"history_source": "Police National Computer record", "history_date": date(2026, 10, 1)}


def test_counts_with_their_source() -> None:
    form = bind(
        Ogrs3Form,
        {"previous_sanctions": "4", "first_sanction_date": date(2008, 1, 20), **SOURCE},
        facts=FACTS,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["previous_sanctions"] == 4
    assert form.cleaned_data["first_sanction_date"] == date(2008, 1, 20)


def test_a_first_offence_leaves_the_first_sanction_blank() -> None:
    form = bind(Ogrs3Form, {"previous_sanctions": "0", **SOURCE}, facts=FACTS)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["first_sanction_date"] is None


def test_nothing_yet_is_allowed_to_come_back_to() -> None:
    assert bind(Ogrs3Form, {}, facts=FACTS).is_valid()


def test_the_source_is_required_with_the_counts() -> None:
    found = errors(bind(Ogrs3Form, {"previous_sanctions": "0"}, facts=FACTS))
    assert found == {
        "history_source": ["Enter where the criminal history came from"],
        "history_date": ["Enter the date of the criminal history record"],
    }


def test_the_count_is_required_with_a_first_sanction_date() -> None:
    found = errors(
        bind(Ogrs3Form, {"first_sanction_date": date(2010, 1, 1), **SOURCE}, facts=FACTS)
    )
    assert found == {"previous_sanctions": ["Enter the number of previous sanctions"]}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", "Number of previous sanctions must be 0 or more"),
        ("1000", "Number of previous sanctions must be 999 or less"),
        ("two", "Number of previous sanctions must be a whole number"),
    ],
)
def test_the_count_is_a_whole_number_0_to_999(typed: str, message: str) -> None:
    found = errors(bind(Ogrs3Form, {"previous_sanctions": typed, **SOURCE}, facts=FACTS))
    assert found == {"previous_sanctions": [message]}


def test_earlier_sanctions_need_the_first_date() -> None:
    found = errors(bind(Ogrs3Form, {"previous_sanctions": "3", **SOURCE}, facts=FACTS))
    assert found == {
        "first_sanction_date": [
            "Enter the date of the first sanction: they have 3 previous sanctions"
        ]
    }


def test_no_earlier_sanctions_but_an_earlier_first_date() -> None:
    found = errors(
        bind(
            Ogrs3Form,
            {"previous_sanctions": "0", "first_sanction_date": date(2015, 1, 1), **SOURCE},
            facts=FACTS,
        )
    )
    assert found["first_sanction_date"][0].startswith("Leave the date of the first sanction blank")


def test_first_sanction_after_the_conviction_refused_by_the_instrument_rule() -> None:
    found = errors(
        bind(
            Ogrs3Form,
            {"previous_sanctions": "2", "first_sanction_date": date(2024, 3, 13), **SOURCE},
            facts=FACTS,
        )
    )
    assert found == {
        "first_sanction_date": [
            "Date of the first sanction must be on or before the current conviction, 12 March 2024"
        ]
    }


def test_first_sanction_before_age_10_refused_by_the_instrument_rule() -> None:
    found = errors(
        bind(
            Ogrs3Form,
            {"previous_sanctions": "2", "first_sanction_date": date(2000, 6, 4), **SOURCE},
            facts=FACTS,
        )
    )
    assert found == {
        "first_sanction_date": [
            "Date of the first sanction must be on or after their 10th birthday, 5 June 2000: "
            "no one younger can be sanctioned"
        ]
    }
    on_the_day = bind(
        Ogrs3Form,
        {"previous_sanctions": "2", "first_sanction_date": date(2000, 6, 5), **SOURCE},
        facts=FACTS,
    )
    assert on_the_day.is_valid(), on_the_day.errors


def test_dates_still_checked_when_the_offence_has_no_category() -> None:
    uncategorised = dataclasses.replace(FACTS, offence_category=None)
    found = errors(
        bind(
            Ogrs3Form,
            {"previous_sanctions": "2", "first_sanction_date": date(2025, 1, 1), **SOURCE},
            facts=uncategorised,
        )
    )
    assert list(found) == ["first_sanction_date"]
    fine = bind(
        Ogrs3Form,
        {"previous_sanctions": "2", "first_sanction_date": date(2012, 1, 1), **SOURCE},
        facts=uncategorised,
    )
    assert fine.is_valid(), fine.errors


def test_the_history_record_cannot_be_dated_in_the_future() -> None:
    found = errors(
        bind(
            Ogrs3Form,
            {"previous_sanctions": "0", **SOURCE, "history_date": date(2026, 11, 25)},
            facts=FACTS,
        )
    )
    assert found == {
        "history_date": ["Date of the criminal history record must be today or in the past"]
    }


def test_judgement_matching_the_band_needs_no_reason() -> None:
    form = bind(LikelihoodForm, {"judged": "Medium"}, band="Medium")
    assert form.is_valid(), form.errors
    assert "The OGRS3 band is Medium" in form.fields["judged"].help_text


@pytest.mark.parametrize(("judged", "way"), [("High", "higher"), ("Low", "lower")])
def test_a_departure_from_the_band_needs_a_reason(judged: str, way: str) -> None:
    found = errors(bind(LikelihoodForm, {"judged": judged}, band="Medium"))
    assert found == {
        "reason": [
            f"Enter why your judgement ({judged.lower()}) is {way} than the OGRS3 band (medium)"
        ]
    }
    form = bind(
        LikelihoodForm, {"judged": judged, "reason": "Relationship breakdown"}, band="Medium"
    )
    assert form.is_valid(), form.errors


def test_no_band_no_departure() -> None:
    form = bind(LikelihoodForm, {"judged": "Very high"}, band=None)
    assert form.is_valid(), form.errors
    assert "could not be calculated" in form.fields["judged"].help_text
    assert errors(bind(LikelihoodForm, {}, band="Low")) == {
        "judged": ["Select your judgement of the likelihood of reoffending"]
    }

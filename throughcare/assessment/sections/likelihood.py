"""Likelihood of reoffending: OGRS3's criminal-history inputs (the record supplies the rest),
the dynamic and protective factors, and the practitioner's judgement against the band."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms

from throughcare.assessment.instruments import ogrs3
from throughcare.assessment.rules import judgement
from throughcare.core import clock
from throughcare.ui.forms import BaseForm, long_text

from .common import count, long_date, lower_first, not_in_future, radios, require, short_text, when

if TYPE_CHECKING:
    from .headline import RecordFacts

MOST_SANCTIONS = 999


class Ogrs3Form(BaseForm):
    """The criminal-history counts and where they came from. The record's inputs (date of birth,
    sex, the main offence's category and conviction date) are shown above, never asked: `facts`
    is checked against the dates typed here, by the instrument's own rules."""

    previous_sanctions = count(
        "Number of previous sanctions",
        highest=MOST_SANCTIONS,
        required=False,
        hint=(
            "Convictions, cautions, reprimands and final warnings before the current conviction, "
            "not counting it"
        ),
    )
    first_sanction_date = when(
        "Date of the first sanction",
        required=False,
        hint=(
            "Leave blank if the current conviction is their first: its date is used. "
            "For example, 27 3 2016"
        ),
    )
    history_source = short_text(
        "Where the criminal history came from",
        required=False,
        hint="For example, Police National Computer record",
    )
    history_date = when("Date of that record", required=False)

    def __init__(self, *args: Any, facts: RecordFacts | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.facts = facts

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sanctions = cleaned.get("previous_sanctions")
        first = cleaned.get("first_sanction_date")
        if sanctions is not None or first is not None:
            require(self, "history_source", "Enter where the criminal history came from")
            require(self, "history_date", "Enter the date of the criminal history record")
        if first is not None:
            require(self, "previous_sanctions", "Enter the number of previous sanctions")
        if sanctions and first is None and "first_sanction_date" not in self.errors:
            self.add_error(
                "first_sanction_date",
                f"Enter the date of the first sanction: they have {sanctions} previous "
                f"sanction{'s' if sanctions != 1 else ''}",
            )
        not_in_future(
            self, "history_date", "Date of the criminal history record must be today or in the past"
        )
        if first is not None and "first_sanction_date" not in self.errors:
            self._check_first_sanction(sanctions, first)
        return cleaned

    def _check_first_sanction(self, sanctions: int | None, first: date) -> None:
        """The instrument's rules on the first sanction (not before the 10th birthday, not after
        the current conviction), checked by the instrument itself with the record's facts."""
        facts = self.facts
        if facts is None:
            return
        problems: tuple[ogrs3.Rule, ...] = ()
        try:
            ogrs3.score(
                sex=facts.sex,
                offence_category=facts.offence_category,
                previous_sanctions=sanctions if sanctions is not None else 0,
                birth_date=facts.date_of_birth,
                conviction_date=facts.conviction_date,
                first_sanction_date=first,
                assessment_date=clock.today(),
            )
        except ogrs3.OGRS3Error as error:
            problems = error.problems
        message = self._first_sanction_message(
            {p.code for p in problems if p.field == "first_sanction_date"}
        )
        if message:
            self.add_error("first_sanction_date", message)
        elif sanctions == 0 and facts.conviction_date and first < facts.conviction_date:
            self.add_error(
                "first_sanction_date",
                "Leave the date of the first sanction blank if they have no previous sanctions, "
                "or enter the number of previous sanctions",
            )

    def _first_sanction_message(self, codes: set[str]) -> str:
        facts = self.facts
        assert facts is not None  # noqa: S101 (checked by the caller)
        if "first_sanction_after_conviction" in codes and facts.conviction_date:
            return (
                "Date of the first sanction must be on or before the current conviction, "
                f"{long_date(facts.conviction_date)}"
            )
        if "first_sanction_before_age_10" in codes and facts.date_of_birth:
            tenth = _birthday(facts.date_of_birth, ogrs3.MIN_AGE_AT_FIRST_SANCTION)
            return (
                "Date of the first sanction must be on or after their 10th birthday, "
                f"{long_date(tenth)}: no one younger can be sanctioned"
            )
        return ""


def _birthday(born: date, age: int) -> date:
    """The date someone born on `born` turns `age` (29 February: 1 March in common years, as
    the instrument counts whole years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


# Dynamic factors (shared/domain/risk.md, certificate unit D/507/0639, AC 1.2 and 1.3).
STABLE_FACTORS: list[tuple[str, str]] = [
    ("alcohol or drug use", "Alcohol or drug use"),
    ("mood swings", "Mood swings"),
    ("temper control", "Temper control"),
]
ACUTE_FACTORS: list[tuple[str, str]] = [
    ("onset of depression", "Onset of depression"),
    ("relationship breakdown", "Relationship breakdown"),
    ("bereavement", "Bereavement"),
    ("stopping medication", "Stopping medication"),
]


def _factors(label: str, choices: list[tuple[str, str]], hint: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=hint,
        widget=forms.CheckboxSelectMultiple,
    )


class FactorsForm(BaseForm):
    """Stable and acute dynamic factors, and the protective factors."""

    stable = _factors(
        "Stable dynamic factors",
        STABLE_FACTORS,
        "Long-standing problems that can change. Select all that apply",
    )
    stable_details = long_text(
        "Stable dynamic factors: details",
        required=False,
        hint="How each bears on their offending, and any other stable factor",
        rows=4,
    )
    acute = _factors(
        "Acute dynamic factors",
        ACUTE_FACTORS,
        "Recent changes that can quickly raise the risk. Select all that apply",
    )
    acute_details = long_text(
        "Acute dynamic factors: details",
        required=False,
        hint="When it happened and how it bears on the risk, and any other acute factor",
        rows=4,
    )
    inner_strengths = long_text(
        "Protective factors: inner strengths",
        required=False,
        hint="Their capacity and commitment to change, their social skills",
        rows=3,
    )
    outside_resources = long_text(
        "Protective factors: resources from outside",
        required=False,
        hint=(
            "Rewarding relationships, how they respond to interventions, their capacity to "
            "engage, an open relationship with you"
        ),
        rows=3,
    )
    external_controls = long_text(
        "Protective factors: external controls",
        required=False,
        hint="Licence restrictions, drug testing, approved premises, other agencies",
        rows=3,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for chosen, details, words in (
            ("stable", "stable_details", "stable"),
            ("acute", "acute_details", "acute"),
        ):
            if cleaned.get(chosen):
                require(
                    self,
                    details,
                    f"Enter how the {words} dynamic factors you selected bear on the risk",
                )
        return cleaned


BAND_CHOICES: list[tuple[str, str]] = [(band, band) for band in judgement.BANDS]


class LikelihoodForm(BaseForm):
    """The practitioner's judgement of the likelihood of reoffending, with the reason when it
    departs from the OGRS3 band (`band`; None when OGRS3 could not be calculated)."""

    judged = radios("Your judgement of the likelihood of reoffending", BAND_CHOICES)
    reason = long_text(
        "Why your judgement differs from the OGRS3 band",
        required=False,
        hint="Needed when your judgement is not the OGRS3 band. Name the factors that move it",
    )

    def __init__(self, *args: Any, band: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.band = band
        self.fields["judged"].help_text = (
            f"The OGRS3 band is {band}. Weigh it with the dynamic and protective factors"
            if band
            else "OGRS3 could not be calculated: judge from what was gathered"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        judged = cleaned.get("judged")
        if judgement.departs(self.band, judged):
            way = judgement.direction(self.band, judged)
            require(
                self,
                "reason",
                f"Enter why your judgement ({lower_first(str(judged))}) is {way} than the "
                f"OGRS3 band ({lower_first(str(self.band))})",
            )
        return cleaned

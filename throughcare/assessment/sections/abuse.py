"""Domestic abuse (the DASH result received, and the MARAC referral its thresholds call for)
and safeguarding concerns about children and adults at risk."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from throughcare.assessment.rules import dash
from throughcare.ui.forms import BaseForm, long_text

from .common import (
    NO,
    YES,
    YES_NO,
    add_field,
    blank,
    count,
    drop,
    lower_first,
    not_in_future,
    radios,
    require,
    short_text,
    when,
    yes_no,
)

MOST_DASH_ANSWERS = 27  # the DASH checklist has 27 questions
MOST_INCIDENTS = 999
HONOUR, FORCED_MARRIAGE, FGM = "honour-based abuse", "forced marriage", "fgm"
SUSPICIONS: list[tuple[str, str]] = [
    (HONOUR, "Honour-based abuse"),
    (FORCED_MARRIAGE, "Forced marriage"),
    (FGM, "Female genital mutilation (FGM)"),
]
DASH_FIELDS = ("dash_completed_by", "dash_date", "dash_yes_answers", "dash_outcome")


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def marac_reasons_for(values: Mapping[str, Any]) -> list[str]:
    """Why a MARAC referral is due, from the section's values (saved or cleaned)."""
    suspected = set(values.get("suspected") or ())
    received = values.get("dash_received") == YES
    return dash.marac_reasons(
        yes_answers=_whole(values.get("dash_yes_answers")) if received else None,
        incidents_in_12_months=_whole(values.get("incidents")),
        professional_judgement=values.get("professional_judgement") == YES,
        honour_based_abuse=HONOUR in suspected,
        forced_marriage=FORCED_MARRIAGE in suspected,
        fgm=FGM in suspected,
    )


class DomesticAbuseForm(BaseForm):
    """The DASH result (completed with the victim by police or an independent domestic violence
    adviser), the incidents, what is suspected, and the MARAC referral: required whenever
    `rules.dash.marac_reasons` gives a reason, and never "no" for visible high risk."""

    dash_received = yes_no(
        "Have you received a DASH risk checklist result?",
        error="Select whether you have received a DASH risk checklist result",
    )
    dash_completed_by = short_text(
        "Who completed the DASH checklist",
        required=False,
        hint="For example, police, or an independent domestic violence adviser (IDVA)",
    )
    dash_date = when("Date the DASH checklist was completed", required=False)
    dash_yes_answers = count(
        "Number of yes answers on the DASH checklist", highest=MOST_DASH_ANSWERS, required=False
    )
    dash_outcome = long_text("Outcome of the DASH checklist", required=False, rows=3)
    incidents = count(
        "Domestic abuse incidents in the last 12 months",
        highest=MOST_INCIDENTS,
        required=False,
        hint="Police call-outs and other reports. Leave blank if not known",
    )
    suspected = forms.MultipleChoiceField(
        label="Is any of these suspected?",
        choices=SUSPICIONS,
        required=False,
        help_text="Each is referred to MARAC whatever the count. Select all that apply",
        widget=forms.CheckboxSelectMultiple,
    )
    professional_judgement = yes_no(
        "In your professional judgement, should the case go to MARAC?",
        hint="Whatever the number of yes answers or incidents",
        error="Select whether, in your judgement, the case should go to MARAC",
    )
    marac_referred = radios(
        "Has a referral to MARAC been made?", YES_NO, required=False, inline=True
    )
    marac_date = when("Date of the MARAC referral", required=False)
    marac_not_reason = long_text("Why no referral has been made", required=False, rows=3)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("dash_received") == YES:
            require(self, "dash_completed_by", "Enter who completed the DASH checklist")
            require(self, "dash_date", "Enter the date the DASH checklist was completed")
            require(
                self, "dash_yes_answers", "Enter the number of yes answers on the DASH checklist"
            )
            require(self, "dash_outcome", "Enter the outcome of the DASH checklist")
            not_in_future(
                self,
                "dash_date",
                "Date the DASH checklist was completed must be today or in the past",
            )
        elif cleaned.get("dash_received") == NO:
            for name in DASH_FIELDS:  # the answers under "yes", hidden when "no" is chosen
                drop(self, cleaned, name)
        self._check_referral(cleaned)
        return cleaned

    def _check_referral(self, cleaned: dict[str, Any]) -> None:
        reasons = marac_reasons_for(cleaned)
        referred = cleaned.get("marac_referred")
        if reasons and blank(referred):
            due = "; ".join(lower_first(reason.split(":")[0]) for reason in reasons)
            self.add_error(
                "marac_referred",
                f"Select whether a referral to MARAC has been made: one is due ({due})",
            )
        yes_answers = cleaned.get("dash_yes_answers")
        if (
            referred == NO
            and cleaned.get("dash_received") == YES
            and isinstance(yes_answers, int)
            and yes_answers >= dash.VISIBLE_HIGH_RISK
        ):
            self.add_error(
                "marac_referred",
                f"A referral to MARAC must be made: {yes_answers} yes answers is visible high "
                f"risk ({dash.VISIBLE_HIGH_RISK} or more), which professional judgement must "
                "not downgrade",
            )
        if referred == YES:
            require(self, "marac_date", "Enter the date of the MARAC referral")
            not_in_future(
                self, "marac_date", "Date of the MARAC referral must be today or in the past"
            )
            drop(self, cleaned, "marac_not_reason")
        elif referred == NO:
            require(self, "marac_not_reason", "Enter why no referral to MARAC has been made")
            drop(self, cleaned, "marac_date")


CONCERNS = 5  # numbered concerns on the page; blank ones are ignored
WHO_AT_RISK: list[tuple[str, str]] = [("child", "A child"), ("adult", "An adult at risk")]
CONCERN_PARTS = ("who", "concern", "agency", "reference", "date")


def concern_field(number: int, part: str) -> str:
    return f"concern_{number}_{part}"


class SafeguardingForm(BaseForm):
    """Up to five safeguarding concerns about children and adults at risk: who, the concern,
    the agency told, its reference and the date. A concern left wholly blank is ignored."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, CONCERNS + 1):
            add_field(
                self,
                concern_field(n, "who"),
                radios(f"Concern {n}: who is at risk", WHO_AT_RISK, required=False, inline=True),
            )
            add_field(
                self,
                concern_field(n, "concern"),
                long_text(f"Concern {n}: the concern", required=False, rows=3),
            )
            add_field(
                self,
                concern_field(n, "agency"),
                short_text(
                    f"Concern {n}: agency told",
                    required=False,
                    hint="For example, the local authority's children's services",
                ),
            )
            add_field(
                self,
                concern_field(n, "reference"),
                short_text(
                    f"Concern {n}: the agency's reference", required=False, hint="If they gave one"
                ),
            )
            add_field(
                self,
                concern_field(n, "date"),
                when(f"Concern {n}: date the agency was told", required=False),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, CONCERNS + 1):
            names = [concern_field(n, part) for part in CONCERN_PARTS]
            if all(blank(cleaned.get(name)) and name not in self.errors for name in names):
                continue
            require(self, concern_field(n, "who"), f"Select who is at risk in concern {n}")
            require(self, concern_field(n, "concern"), f"Enter concern {n}")
            require(self, concern_field(n, "agency"), f"Enter the agency told of concern {n}")
            require(
                self, concern_field(n, "date"), f"Enter the date the agency was told of concern {n}"
            )
            not_in_future(
                self,
                concern_field(n, "date"),
                f"Date the agency was told of concern {n} must be today or in the past",
            )
        return cleaned


def concerns_from(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The concerns recorded, each as {part: value}, blank ones left out."""
    found = []
    for n in range(1, CONCERNS + 1):
        concern = {part: values.get(concern_field(n, part)) for part in CONCERN_PARTS}
        if not all(blank(value) for value in concern.values()):
            found.append(concern)
    return found

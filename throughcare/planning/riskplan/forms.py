"""The forms of the risk management plan. Every free-text field has a limit; choices refuse
values that cannot exist; errors are in GOV.UK words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django import forms

from throughcare.access.models import Organisation
from throughcare.records.services import TEXT_LIMIT as LONG_LIMIT
from throughcare.ui.forms import BaseForm, ModelChoiceField, limited_text, use_govuk_messages

from . import catalogue
from .models import SHORT_LIMIT, TEXT_LIMIT, Heading, RiskAction
from .rules import RiskFactor

_long = partial(limited_text, limit=TEXT_LIMIT)


def _short(label: str, *, hint: str = "", limit: int = SHORT_LIMIT) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=limit)


class VersionForm(BaseForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31
    )

    def expected(self) -> int:
        return int(self.cleaned_data.get("version") or 0)


class KeyInformationForm(VersionForm):
    situation = _long(
        "Key information on the current situation",
        hint="What is happening now that bears on the risk: where they are, who they see, "
        "what has changed",
        rows=6,
        limit=LONG_LIMIT,
    )
    considerations = _long(
        "Further considerations",
        hint="Anything else the plan must weigh: imminence, other agencies, the balance of "
        "rehabilitative and restrictive measures",
        rows=6,
        limit=LONG_LIMIT,
    )


def _factor_choices(factors: Sequence[RiskFactor], kept: Sequence[str]) -> list[tuple[str, str]]:
    choices = [(f.key, f.label) for f in factors]
    known = {f.key for f in factors}
    choices += [(k, f"{k} (no longer in the assessment)") for k in kept if k not in known]
    return choices


class ActionForm(VersionForm):
    heading = forms.ChoiceField(
        label="Heading",
        choices=Heading.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the heading the action comes under"},
    )
    contingency_if = _long(
        "If this happens",
        hint="For a contingency: what would have to happen, for example “he misses two "
        "appointments” or “he returns to his former partner's street”",
        rows=3,
    )
    action = _long("Action", hint="What will be done. For a contingency: then do what")
    by_whom = _short("By whom", hint="For example, the community offender manager, police")
    organisation = ModelChoiceField(
        label="Partner organisation, if a partner does it",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("name"),
        required=False,
        empty_label="None",
    )
    when = _short("When", hint="When or how often, for example “weekly for the first month”")
    factors = forms.MultipleChoiceField(
        label="Risk factors it manages",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the current assessment. Select all that apply",
    )

    field_order = [
        "heading",
        "contingency_if",
        "action",
        "by_whom",
        "organisation",
        "when",
        "factors",
        "version",
    ]

    def __init__(
        self,
        *args: Any,
        factors: Sequence[RiskFactor] = (),
        kept: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["factors"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101
        field.choices = _factor_choices(factors, kept)


class RemoveForm(VersionForm):
    """Confirms a removal (the row's version, so a stale removal is refused)."""


class SubmitForm(BaseForm):
    """Submits the plan from the check page."""


class ConditionForm(VersionForm):
    """The condition's blanks (a choice or free text each), the zone for a condition checked
    against the chosen address, the risk it manages and its justification."""

    def __init__(
        self,
        *args: Any,
        entry: catalogue.Condition,
        actions: Sequence[RiskAction] = (),
        factors: Sequence[RiskFactor] = (),
        kept: Sequence[str] = (),
        conflicted: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.entry = entry
        for blank in entry.blanks:
            if blank.is_choice:
                self.fields[blank.name] = forms.ChoiceField(
                    label=blank.label,
                    choices=[(o, catalogue._shown_option(o, True)) for o in blank.options],
                    widget=forms.RadioSelect,
                    required=False,
                )
            else:
                self.fields[blank.name] = _short(blank.label, limit=catalogue.BLANK_LIMIT)
        if entry.needs_zone:
            self.fields[catalogue.ZONE] = _long(
                catalogue.ZONE_LABEL, hint=catalogue.ZONE_HINT, rows=3, limit=catalogue.BLANK_LIMIT
            )
        self.fields["risk_action"] = ModelChoiceField(
            label="The action of the plan it serves",
            queryset=RiskAction.objects.filter(pk__in=[a.pk for a in actions]),
            required=False,
            empty_label="None",
        )
        self.fields["risk_action"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.get_heading_display()}: {a.short}"
        )
        self.fields["factors"] = forms.MultipleChoiceField(
            label="Risk factors it manages",
            choices=_factor_choices(factors, kept),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Name an action of the plan, or risk factors, or both",
        )
        self.fields["justification"] = _long(
            "Why it is necessary and proportionate",
            hint="What it prevents, and why nothing less restrictive would do",
        )
        if conflicted:
            self.fields["conflict_explanation"] = _long(
                "Why the condition can stand despite the conflict",
                hint="Or change the condition or the chosen address",
                rows=3,
            )
        for name, field in self.fields.items():
            use_govuk_messages(name, field)  # the fields added here, in GOV.UK words too
        self.order_fields(
            [
                *entry.inputs,
                "risk_action",
                "factors",
                "justification",
                "conflict_explanation",
                "version",
            ]
        )

    @property
    def blank_fields(self) -> list[Any]:
        return [self[name] for name in self.entry.inputs]

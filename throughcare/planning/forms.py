"""The forms of the Options section. Every free-text field has a limit; choices refuse ids
that cannot exist (`ui.forms.ModelChoiceField`); errors are in GOV.UK words."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms

from throughcare.access.models import Organisation
from throughcare.casework.sources import TEXT_LIMIT as SOURCE_LIMIT
from throughcare.casework.sources import SourceKind
from throughcare.ui.forms import (
    BaseForm,
    DateField,
    ModelChoiceField,
    limited_text,
    use_govuk_messages,
)

from .models import (
    SHORT_LIMIT,
    TEXT_LIMIT,
    AccommodationType,
    Barrier,
    Criterion,
    Evaluation,
    Option,
    OptionKind,
    Restriction,
)
from .services import AGREE, DECLINE, evidence_field, rating_field

_long = partial(limited_text, limit=TEXT_LIMIT)


def _short(
    label: str,
    *,
    required: bool = False,
    missing: str = "",
    hint: str = "",
    limit: int = SHORT_LIMIT,
) -> forms.CharField:
    messages = {"required": missing} if missing else {}
    return forms.CharField(
        label=label, required=required, help_text=hint, max_length=limit, error_messages=messages
    )


def _partners() -> Any:
    return Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("name")


class OptionForm(BaseForm):
    kind = forms.ChoiceField(
        label="Kind of option",
        choices=OptionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of option"},
    )
    title = _short(
        "Option",
        required=True,
        missing="Enter the option",
        hint="A short name, like “His mother's flat” or “Safe Harbour hostel”",
    )
    description = _long("Details", hint="What the option is and what it would involve")
    provider = ModelChoiceField(
        label="Partner organisation that would provide it",
        queryset=_partners(),
        required=False,
        empty_label="None, or not yet known",
    )
    accommodation_type = forms.ChoiceField(
        label="Type of accommodation",
        choices=[("", "Choose a type"), *AccommodationType.choices],
        required=False,
        help_text="For where to live",
    )
    address = _long("Address", hint="For where to live", rows=3)
    postcode = _short(
        "Postcode", hint="Checked against victims' addresses and exclusion areas", limit=10
    )
    area = _short(
        "Named area",
        hint="For example, Hillside estate. Checked against areas to "
        "keep clear and exclusion areas",
    )
    household = _long(
        "Who lives there",
        hint="For where to live: names, ages and relationship to the person",
        rows=3,
    )
    household_children = forms.BooleanField(
        label="Children live at or visit the address", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == OptionKind.ACCOMMODATION:
            if not data.get("accommodation_type") and "accommodation_type" not in self.errors:
                self.add_error("accommodation_type", "Select the type of accommodation")
            if not data.get("address") and "address" not in self.errors:
                self.add_error("address", "Enter the address")
        return data


class SourceFields(BaseForm):
    """Where the information came from, and when (`casework.sources.Source`)."""

    source_kind = forms.ChoiceField(
        label="Where the information came from",
        choices=SourceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the information came from"},
    )
    source_name = _short(
        "Name", hint="For a colleague, a document or a partner organisation", limit=SOURCE_LIMIT
    )
    source_role = _short("Their role", hint="For a colleague", limit=SOURCE_LIMIT)
    obtained_on = DateField(label="Date obtained", help_text="For example, 27 3 2026")


class EvaluationForm(SourceFields):
    """A rating and its evidence for each point of P25; points left blank are not changed."""

    field_order = [
        *(name for c in Criterion.values for name in (rating_field(c), evidence_field(c))),
        "source_kind",
        "source_name",
        "source_role",
        "obtained_on",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for criterion, label in Criterion.choices:
            self.fields[rating_field(criterion)] = forms.ChoiceField(
                label=f"{criterion}: {label}",
                choices=Evaluation.Rating.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[evidence_field(criterion)] = _long(
                f"{criterion}: the evidence",
                rows=3,
                hint="What shows it, and where it comes from in the record",
            )
        for name in (rating_field(c) for c in Criterion.values):
            use_govuk_messages(name, self.fields[name])
        for name in (evidence_field(c) for c in Criterion.values):
            use_govuk_messages(name, self.fields[name])
        self.order_fields(self.field_order)


class ChoiceForm(BaseForm):
    reasoning = _long(
        "Why you chose it",
        required=True,
        missing="Enter why you chose it",
        hint="Your reasoning: why this option over the others",
    )
    conflict_reason = _long(
        "Why you chose it despite the conflicts",
        hint="Needed when the option has a conflict. "
        "The senior probation officer must agree to the choice",
    )


class RejectionForm(BaseForm):
    reasoning = _long(
        "Why you rejected it",
        required=True,
        missing="Enter why you rejected it",
        hint="Kept with the option, so the decision can be explained later",
    )


class AgreementForm(BaseForm):
    decision = forms.ChoiceField(
        label="Do you agree to this choice?",
        choices=[(AGREE, "Yes, I agree"), (DECLINE, "No, it goes back to being considered")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree to the choice"},
    )
    comments = _long("Your comments", hint="Needed if you do not agree")


class OptionChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.get_kind_display().lower()})"


class BarrierForm(BaseForm):
    kind = forms.ChoiceField(
        label="Kind of barrier",
        choices=Barrier.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of barrier"},
    )
    option = OptionChoiceField(
        label="Option it stands in the way of",
        queryset=Option.objects.none(),
        required=False,
        empty_label="None in particular",
    )
    description = _long(
        "The barrier",
        required=True,
        missing="Enter the barrier",
        hint="For example, the local authority refuses a housing assessment",
    )
    challenge = _long("How it is being challenged")
    challenged_by = _short("Who is challenging it")
    outcome = _long("Outcome", hint="Leave blank while it is being challenged")
    resolved = forms.BooleanField(label="The barrier is resolved", required=False)

    def __init__(self, *args: Any, options: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["option"]
        assert isinstance(field, OptionChoiceField)  # noqa: S101 - for the type checker
        field.queryset = options if options is not None else Option.objects.none()


class BarrierUpdateForm(BaseForm):
    challenge = _long("How it is being challenged")
    challenged_by = _short("Who is challenging it")
    outcome = _long("Outcome")
    resolved = forms.BooleanField(label="The barrier is resolved", required=False)


class RestrictionForm(SourceFields):
    field_order = [
        "kind",
        "area",
        "details",
        "source_kind",
        "source_name",
        "source_role",
        "obtained_on",
    ]
    kind = forms.ChoiceField(
        label="Restriction",
        choices=Restriction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the restriction"},
    )
    area = _long(
        "Area they are excluded from",
        rows=3,
        hint="Postcode districts (like NB2), "
        "postcodes or named areas, one per line. Needed for an exclusion area",
    )
    details = _long("Details", rows=3)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        excluded = data.get("kind") == Restriction.Kind.EXCLUSION
        if excluded and not data.get("area") and "area" not in self.errors:
            self.add_error("area", "Enter the area they are excluded from")
        return data


class ConsultationForm(SourceFields):
    field_order = ["summary", "source_kind", "source_name", "source_role", "obtained_on"]
    summary = _long(
        "What victim liaison said", required=True, missing="Enter what victim liaison said", rows=6
    )

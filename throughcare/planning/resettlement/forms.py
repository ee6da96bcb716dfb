"""The forms of the resettlement plan's pages. Free text has its limit; choices refuse ids
that cannot exist (`ui.forms.ModelChoiceField`); errors are in GOV.UK words. The services
check again (`services.check_*`)."""

from __future__ import annotations

from functools import partial
from typing import Any, cast

from django import forms

from throughcare.ui.forms import (
    BaseForm,
    DateField,
    ModelChoiceField,
    limited_text,
    use_govuk_messages,
)

from .models import TEXT_LIMIT, TITLE_LIMIT, AreaOfNeed, Goal, Owner, Pathway, Step
from .snapshot import Agreement

_long = partial(limited_text, limit=TEXT_LIMIT)


class VersionField(forms.IntegerField):
    """The row's version when the page was opened, to refuse a stale save."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, min_value=0, required=True)


GOAL_STATUSES = [
    (Goal.Status.ACTIVE, Goal.Status.ACTIVE.label),
    (Goal.Status.FUTURE, Goal.Status.FUTURE.label),
    (Goal.Status.ACHIEVED, Goal.Status.ACHIEVED.label),
]


class GoalForm(BaseForm):
    pathway = forms.ChoiceField(
        label="Pathway",
        choices=[("", "Choose a pathway"), *Pathway.choices],
        error_messages={"required": "Select the pathway"},
    )
    area_of_need = forms.ChoiceField(
        label="Area of need",
        choices=[("", "Choose an area of need"), *AreaOfNeed.choices],
        error_messages={"required": "Select the area of need"},
    )
    title = forms.CharField(
        label="What do they want to achieve?",
        help_text="In the person's words where you can, like “Have somewhere settled to live”",
        max_length=TITLE_LIMIT,
        error_messages={"required": "Enter what they want to achieve"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=GOAL_STATUSES,
        widget=forms.RadioSelect,
        initial=Goal.Status.ACTIVE,
        help_text="A future goal is one to work on later",
        error_messages={"required": "Select the status of the goal"},
    )
    target_date = DateField(
        label="Target date",
        required=False,
        help_text="Needed for an active goal. For example, 27 3 2027",
    )
    option = ModelChoiceField(
        label="Release option it carries out",
        queryset=None,
        required=False,
        empty_label="None",
        help_text="A chosen release option, if the goal carries it out",
    )

    def __init__(self, *args: Any, options: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["option"])
        field.queryset = options
        use_govuk_messages("option", field)


class GoalChangeForm(GoalForm):
    version = VersionField()


class RemoveGoalForm(BaseForm):
    version = VersionField()


class StepForm(BaseForm):
    description = _long("What will be done", required=True, missing="Enter what will be done")
    owner = forms.ChoiceField(
        label="Who does it",
        choices=Owner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who does the step"},
    )
    organisation = ModelChoiceField(
        label="Partner organisation",
        queryset=None,
        required=False,
        empty_label="Choose the organisation",
        help_text="If a partner organisation does it",
    )
    due_date = DateField(label="Due date", help_text="For example, 27 3 2027")
    status = forms.ChoiceField(
        label="Status",
        choices=Step.Status.choices,
        widget=forms.RadioSelect,
        initial=Step.Status.NOT_STARTED,
        error_messages={"required": "Select the status of the step"},
    )

    def __init__(self, *args: Any, partners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = partners
        use_govuk_messages("organisation", field)


class StepChangeForm(StepForm):
    version = VersionField()


class AgreementForm(BaseForm):
    agreement = forms.ChoiceField(
        label="Does the person agree with the plan?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person agrees with the plan"},
    )
    words = _long(
        "What the person said",
        hint="In their own words. Needed if they do not agree",
    )
    version = VersionField()

    def __init__(self, *args: Any, number: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["agreement"])
        field.choices = Agreement.choices(number)
        if number > 1:
            field.label = "Does the person agree with the updated plan?"


class ProgressForm(BaseForm):
    note = _long("Progress note", required=True, missing="Enter the progress note")
    status = forms.ChoiceField(
        label="The step's status now",
        choices=Step.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the step's status now"},
    )

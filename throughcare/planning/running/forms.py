"""The forms of running the plan. Every free-text field has a limit; choices refuse ids that
cannot exist (`ui.forms.ModelChoiceField`); errors are in GOV.UK words."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.utils import timezone

from throughcare.ui.forms import LARGEST_ID, BaseForm, DateField, ModelChoiceField, limited_text

from .models import TEXT_LIMIT, EnforcementRecommendation, Escalation, Review, Setback

_long = partial(limited_text, limit=TEXT_LIMIT)


def _date(label: str, hint: str = "For example, 27 3 2027") -> DateField:
    missing = f"Enter the {label[:1].lower()}{label[1:]}"
    return DateField(label=label, help_text=hint, error_messages={"required": missing})


def _version() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=LARGEST_ID,
        error_messages={
            "required": "The page was incomplete: open it again",
            "invalid": "The page was incomplete: open it again",
            "min_value": "The page was incomplete: open it again",
            "max_value": "The page was incomplete: open it again",
        },
    )


class ReviewForm(BaseForm):
    due_on = _date("Date the review is due")
    reason = forms.ChoiceField(
        label="Reason for the review",
        choices=Review.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the reason for the review"},
    )
    details = _long(
        "What prompted it",
        hint="Needed for “Other”. For example, a new job or a move to a new partner",
        rows=3,
    )


class CompletionForm(BaseForm):
    completed_on = _date("Date of the review")
    summary = _long(
        "Summary of the review",
        required=True,
        missing="Enter a summary of the review",
        hint="How the plan is going: progress, what is working and what is not",
        rows=6,
    )
    changes = _long(
        "What changed in the plan",
        hint="Goals, steps or risk measures added, changed or ended. Leave blank if nothing "
        "changed",
    )
    next_review_on = _date("Date of the next review")
    version = _version()


class SetbackForm(BaseForm):
    occurred_on = _date("Date it happened")
    kind = forms.ChoiceField(
        label="Setback or lapse",
        choices=Setback.Kind.choices,
        widget=forms.RadioSelect,
        help_text="A lapse is a return to the old behaviour, such as drinking again; a setback is "
        "any other step back, such as losing a job or a tenancy",
        error_messages={"required": "Select setback or lapse"},
    )
    what_happened = _long("What happened", required=True, missing="Enter what happened")
    response = _long(
        "The response",
        required=True,
        missing="Enter the response",
        hint="What you, the person and others did or will do",
    )


class EscalationForm(BaseForm):
    reason = _long(
        "Why you are escalating",
        required=True,
        missing="Enter why you are escalating",
        hint="What shows the risk is rising, what you have done already and what you need "
        "from the senior probation officer",
        rows=6,
    )


class ResponseForm(BaseForm):
    response = _long(
        "Your response",
        required=True,
        missing="Enter your response",
        hint="What you decided and what should happen next",
        rows=6,
    )
    version = _version()


class EscalationField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        raised = timezone.localtime(obj.created_at)
        return f"Raised {raised:%-d %B %Y} by {obj.raised_by.full_name}"


class RecommendationForm(BaseForm):
    recommendation = forms.ChoiceField(
        label="Recommendation",
        choices=EnforcementRecommendation.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the recommendation"},
    )
    reasons = _long(
        "Reasons",
        required=True,
        missing="Enter the reasons",
        hint="The behaviour, the licence condition or risk it concerns, and why this response "
        "is proportionate",
        rows=6,
    )
    escalation = EscalationField(
        label="Escalation it follows",
        queryset=Escalation.objects.none(),
        required=False,
        empty_label="None",
    )

    def __init__(self, *args: Any, escalations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["escalation"]
        assert isinstance(field, EscalationField)  # noqa: S101 - declared above
        if escalations is not None:
            field.queryset = escalations

"""The forms of advice: asking a colleague, and their answer."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.access.models import User
from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm, ModelChoiceField

from .models import TEXT_LIMIT, AdviceRequest


class AdviserField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        organisation = obj.organisation.name if obj.organisation_id else ""
        return f"{obj.full_name} ({obj.get_role_display()}, {organisation})"


def _text(label: str, missing: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 8, CHARACTER_COUNT: TEXT_LIMIT}),
        max_length=TEXT_LIMIT,
        error_messages={
            "required": missing,
            "max_length": f"{label} must be 20,000 characters or fewer",
        },
    )


class AdviceRequestForm(BaseForm):
    specialism = forms.ChoiceField(
        label="What do you need advice on?",
        choices=AdviceRequest.Specialism.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you need advice on"},
    )
    adviser = AdviserField(
        label="Who to ask",
        queryset=User.objects.none(),
        empty_label="Choose a colleague",
        help_text="Colleagues who can already see this record: the senior probation officer, "
        "and staff of the probation team and the prison holding the case",
        error_messages={"required": "Select who to ask"},
    )
    question = _text("Your question", "Enter your question")

    def __init__(self, *args: Any, advisers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adviser"]
        assert isinstance(field, AdviserField)  # noqa: S101 - for the type checker
        field.queryset = (
            User.objects.filter(pk__in=[u.pk for u in advisers])
            .select_related("organisation")
            .order_by("full_name", "pk")
        )


class AnswerForm(BaseForm):
    text = _text("Your advice", "Enter your advice")

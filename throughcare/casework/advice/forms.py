"""The forms of advice: asking a colleague or a specialist role, and the answer."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.access.models import Function, Organisation, User
from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm, ModelChoiceField

from .models import TEXT_LIMIT, AdviceRequest
from .services import ROLE_KINDS, AskOf


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
    ask_of = forms.ChoiceField(
        label="Who do you want to ask?",
        choices=[
            (AskOf.COLLEAGUE, "The senior probation officer or a named colleague"),
            (AskOf.ROLE, "A specialist role at a prison or probation team"),
        ],
        widget=forms.RadioSelect,
        initial=AskOf.COLLEAGUE,
        error_messages={"required": "Select who you want to ask"},
    )
    adviser = AdviserField(
        label="Colleague",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose a colleague",
        help_text="Colleagues who can already see this record: the senior probation officer, "
        "and staff of the probation team and the prison holding the case",
    )
    function = forms.ChoiceField(
        label="Specialist role",
        choices=[("", "Choose a role"), *Function.choices],
        required=False,
        help_text="Everyone with this role at the prison or team is told; any of them may "
        "answer. Someone outside the case team sees only your question and the person's name, "
        "CRN and prison number.",
    )
    organisation = ModelChoiceField(
        label="Prison or probation team",
        queryset=Organisation.objects.filter(kind__in=ROLE_KINDS).order_by("name"),
        required=False,
        empty_label="Choose a prison or team",
    )
    question = _text("Your question", "Enter your question")

    def __init__(
        self,
        *args: Any,
        advisers: list[User],
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["organisation"].initial = organisation.pk
        field = self.fields["adviser"]
        assert isinstance(field, AdviserField)  # noqa: S101 - for the type checker
        field.queryset = (
            User.objects.filter(pk__in=[u.pk for u in advisers])
            .select_related("organisation")
            .order_by("full_name", "pk")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ask_of") == AskOf.COLLEAGUE and not data.get("adviser"):
            self.add_error("adviser", "Select the colleague to ask")
        if data.get("ask_of") == AskOf.ROLE:
            if not data.get("function"):
                self.add_error("function", "Select the specialist role to ask")
            if not data.get("organisation"):
                self.add_error("organisation", "Select the prison or probation team to ask")
        return data


class AnswerForm(BaseForm):
    text = _text("Your advice", "Enter your advice")

"""The forms of information requests: sending one, withdrawing one, answering one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import QueryDict

from throughcare.access.models import Function, Organisation, Role, User
from throughcare.ui.fields import CHARACTER_COUNT
from throughcare.ui.forms import BaseForm, DateField, ModelChoiceField, govuk_error_messages

from .models import InformationRequest, RecipientKind, Topic
from .services import TEXT_LIMIT, answer_field


def _long_text(label: str, required_message: str | None, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 5, CHARACTER_COUNT: TEXT_LIMIT}),
        max_length=TEXT_LIMIT,
        required=required_message is not None,
        help_text=hint,
        error_messages={
            "required": required_message or "",
            "max_length": f"{label} must be 20,000 characters or fewer",
        },
    )


class _UserChoice(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        where = obj.organisation.name if obj.organisation else ""
        return f"{obj.full_name} ({obj.get_role_display()}, {where})"


class InformationRequestForm(BaseForm):
    recipient_kind = forms.ChoiceField(
        label="Who do you want to ask?",
        choices=RecipientKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who to ask"},
    )
    colleague = _UserChoice(
        label="Colleague",
        queryset=User.objects.none(),
        required=False,
        empty_label="Select a colleague",
    )
    organisation = ModelChoiceField(
        label="Prison or probation team",
        queryset=Organisation.objects.filter(
            kind__in=(Organisation.Kind.PRISON, Organisation.Kind.PROBATION_TEAM)
        ),
        required=False,
        empty_label="Select a prison or team",
    )
    function = forms.ChoiceField(
        label="Role", choices=[("", "Select a role"), *Function.choices], required=False
    )
    partner = ModelChoiceField(
        label="Partner organisation",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        required=False,
        empty_label="Select a partner organisation",
    )
    purpose = _long_text(
        "Why you are asking",
        "Enter why you are asking",
        "Say what the information is for: it is shown to whoever answers.",
    )
    topics = forms.MultipleChoiceField(
        label="What do you want to know?",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply.",
    )
    further_questions = _long_text("Any further questions (optional)", None)
    due_on = DateField(label="Answer by", help_text="Today or later. For example, 27 3 2027")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = (
            User.objects.filter(is_active=True)
            .exclude(role=Role.ADMIN)
            .select_related("organisation")
            .order_by("full_name")
        )

    @classmethod
    def prefilled(cls, query: QueryDict) -> InformationRequestForm:
        """An unbound form filled in from a page address's query (a "request it" link): the
        parameters are the form's field names (`topics` repeated), each value cleaned by its
        field as a sent form's would be; a value its field refuses is left out, never shown as
        an error before the user has sent anything. `due_on` is the user's to choose."""
        form = cls()
        initial: dict[str, Any] = {}
        for name, field in form.fields.items():
            if name == "due_on" or name not in query:
                continue
            value = field.widget.value_from_datadict(query, {}, name)
            try:
                cleaned = field.clean(value)
            except ValidationError:
                continue
            if cleaned in (None, "", []):
                continue
            initial[name] = cleaned.pk if isinstance(cleaned, Model) else cleaned
        return cls(initial=initial)


class WithdrawForm(BaseForm):
    reason = _long_text("Why are you withdrawing it? (optional)", None)


class ReplyForm(BaseForm):
    """One answer for each topic the request asks about, and one for its further questions."""

    def __init__(self, request: InformationRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for topic, label in request.topic_labels:
            self.fields[answer_field(topic)] = _long_text(
                label, f"Answer about {label.lower()}, or say that you do not know"
            )
        if request.further_questions:
            self.fields["further_answer"] = _long_text(
                "Your answer to the further questions",
                "Answer the further questions, or say that you do not know",
            )
        for name, field in self.fields.items():  # added after BaseForm worded its own
            for code, message in govuk_error_messages(name, field).items():
                field.error_messages.setdefault(code, message)

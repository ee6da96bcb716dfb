"""The forms of referrals: sending one, the partner's answer, the sender's reply to a
question, and withdrawing one. Every free-text field has a limit; errors are in GOV.UK words."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from django import forms

from throughcare.ui.forms import BaseForm, DateField, limited_text

from .models import TEXT_LIMIT, Referral
from .services import ACCEPT, ASK, DECLINE

_long = partial(limited_text, limit=TEXT_LIMIT)


class ReferralForm(BaseForm):
    kind = forms.ChoiceField(
        label="What are you sending?",
        choices=Referral.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a referral or a notice"},
    )
    asked = _long(
        "What you are asking of them",
        required=True,
        missing="Enter what you are asking of them",
        hint="For example, a room from the day of release",
        rows=5,
    )
    needed_from = DateField(
        label="Needed from", required=False, help_text="Optional. For example, 8 1 2027"
    )
    reply_by = DateField(
        label="Please answer by", required=False, help_text="Optional. For example, 15 12 2026"
    )
    risks = forms.MultipleChoiceField(
        label="Risk information to include",
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="From the current assessment. Include only what they need to know to answer",
        error_messages={"invalid_choice": "Select risk information from the current assessment"},
    )

    def __init__(self, *args: Any, risks: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["risks"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - for the type checker
        field.choices = list(risks)
        if not risks:
            del self.fields["risks"]


class AnswerForm(BaseForm):
    decision = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ACCEPT, "Accept"),
            (DECLINE, "Decline"),
            (ASK, "Ask for more information"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select your answer"},
    )
    note = _long("A note with your acceptance", hint="Optional. For example, the room and date")
    reason = _long("Why you are declining", hint="Needed if you decline")
    question = _long("What you need to know", hint="Needed if you ask for more information")


class ReplyForm(BaseForm):
    reply = _long(
        "Your answer to their question",
        required=True,
        missing="Enter your answer to their question",
        rows=5,
    )


class WithdrawForm(BaseForm):
    reason = _long(
        "Why you are withdrawing it",
        hint="Optional. They will see only that it was withdrawn",
        rows=3,
    )

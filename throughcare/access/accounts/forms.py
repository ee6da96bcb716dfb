"""The invitation's password form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from throughcare.access.models import User
from throughcare.ui.forms import BaseForm

MAX_PASSWORD = 200


class NewPasswordForm(BaseForm):
    password1 = forms.CharField(
        label="Create a password",
        help_text="At least 12 characters. A few words that are not a well-known phrase make a "
        "good password.",
        strip=False,
        max_length=MAX_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "spellcheck": "false"}),
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        max_length=MAX_PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "spellcheck": "false"}),
        error_messages={"required": "Confirm your password"},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password1(self) -> str:
        password = str(self.cleaned_data["password1"])
        try:
            password_validation.validate_password(password, self.user)
        except forms.ValidationError as problems:
            raise forms.ValidationError(_govuk(problems.messages)) from None
        return password

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The passwords do not match")
        return data


def _govuk(messages: list[str]) -> str:
    """Django's password validators' messages, as one GOV.UK message."""
    words = {
        "This password is too short. It must contain at least 12 characters.": (
            "Password must be 12 characters or more"
        ),
        "This password is too common.": "Choose a password that is not commonly used",
        "This password is entirely numeric.": "Password must not be only numbers",
    }
    for message in messages:
        if message in words:
            return words[message]
        if message.startswith("The password is too similar to the"):
            return "Password must not be like your name or email address"
    return " ".join(messages)

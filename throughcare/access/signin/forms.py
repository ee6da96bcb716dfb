"""The code form: six digits from the authenticator app."""

from __future__ import annotations

import re

from django import forms

from throughcare.ui.forms import BaseForm


class CodeForm(BaseForm):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        error_messages={"required": "Enter the security code"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        # People copy codes with spaces or dashes ("123 456"): keep the digits.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d+", code):
            raise forms.ValidationError("The security code must only include numbers")
        if len(code) != 6:
            raise forms.ValidationError("Enter the security code, it is 6 numbers")
        return code


class RecoveryCodeForm(BaseForm):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you were given when you set up your authenticator app, "
        "like abcd 2345",
        max_length=40,
        error_messages={"required": "Enter a recovery code"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )

    def clean_code(self) -> str:
        # Shown in two groups of four ("abcd 2345"); typed with or without the space, any case.
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()
        if not re.fullmatch(r"[a-z2-7]{8}", code):
            raise forms.ValidationError(
                "Enter the recovery code as it is written, 8 letters and numbers"
            )
        return code

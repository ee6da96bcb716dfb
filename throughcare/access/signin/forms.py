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

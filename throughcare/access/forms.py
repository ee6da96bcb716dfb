from django import forms
from django.contrib.auth.forms import AuthenticationForm

from throughcare.ui.forms import GovUKFormMixin


class SignInForm(GovUKFormMixin, AuthenticationForm):
    """Email and password. The error does not say which of the two was wrong."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,  # as the accounts' own; longer would overflow the lock-out's record
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been disabled. Ask your administrator.",
    }

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).lower()

"""Forms for managing who may see one person's record: sharing agreements and limited access."""

from __future__ import annotations

from typing import Any

from django import forms

from throughcare.ui.forms import BaseForm, DateField, ModelChoiceField, ModelMultipleChoiceField

from .models import Organisation, Role, SharingAgreement, User

STAFF = (Role.POM, Role.COM, Role.SPO)


class ShareForm(BaseForm):
    organisation = ModelChoiceField(
        label="Partner organisation",
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER),
        empty_label="Choose a partner",
        error_messages={"required": "Choose the partner organisation"},
    )
    purpose = forms.CharField(
        label="Purpose of sharing",
        help_text="What the partner needs the information for, for example a housing referral",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the purpose of sharing"},
    )
    sections = forms.MultipleChoiceField(
        label="What to share",
        choices=SharingAgreement.Section.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Victim details, safeguarding details and sensitive notes are never shared",
        error_messages={"required": "Choose what to share"},
    )
    start_date = DateField(label="Start date")
    end_date = DateField(label="End date", help_text="Sharing stops at the end of this day")


class ExclusionForm(BaseForm):
    user = ModelChoiceField(
        label="Member of staff to exclude",
        queryset=User.objects.filter(role__in=STAFF, is_active=True),
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose the member of staff to exclude"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the reason"},
    )


class RestrictionForm(BaseForm):
    users = ModelMultipleChoiceField(
        label="Who may see this record",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Nobody else will be able to see it. You are added to the list yourself",
        error_messages={"required": "Choose who may see this record"},
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter the reason"},
    )

    def __init__(self, *args: Any, team_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["users"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - for the type checker
        field.queryset = (
            User.objects.filter(role__in=STAFF, is_active=True, organisation_id=team_id)
            if team_id is not None
            else User.objects.none()
        )

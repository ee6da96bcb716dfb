"""Forms for managing who may see one person's record: sharing agreements and limited access."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q

from throughcare.access import services
from throughcare.access.models import Organisation, Role, SharingAgreement, User
from throughcare.ui.forms import BaseForm, DateField, ModelChoiceField, ModelMultipleChoiceField

if TYPE_CHECKING:
    from throughcare.people.models import Person

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
        help_text=(
            "Victim details, safeguarding details and sensitive notes are never shared. "
            "The plans are shared only in part: the partner sees the steps and actions the "
            "signed plan gives their organisation, and the contingency plans that name it; "
            "never drafts, the person's agreement, other organisations' steps or victim safety "
            "planning. To show the levels of risk with their actions, also share the risk of "
            "serious harm summary"
        ),
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


class EndAgreementForm(BaseForm):
    reason = forms.CharField(
        label="Why are you ending sharing?",
        help_text="Your reason is kept in the record's audit log",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Enter why you are ending sharing",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )


def _describe(user: User, *, allocated: dict[int, str]) -> str:
    """A choice on the restriction list: name, role, organisation, and allocation if any."""
    parts = [user.full_name, user.get_role_display().lower()]
    if user.organisation:
        parts.append(user.organisation.name)
    label = ", ".join(parts)
    return f"{label} (allocated {allocated[user.pk]})" if user.pk in allocated else label


class RestrictionForm(BaseForm):
    """Who may see the record. The allocated staff are on the list unless the SPO takes them
    off on purpose: then the form names who loses access and asks for confirmation."""

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
    # The people the warning named, so that a confirmation covers only them: if the allocation
    # changes meanwhile, the new people are named and confirmed too.
    lock_out = ModelMultipleChoiceField(
        queryset=User.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    confirm_lock_out = forms.BooleanField(required=False, label="Remove their access")

    def __init__(self, *args: Any, person: Person, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.by = by
        self.losing: list[User] = []
        allocated = {
            u.pk: "POM" if u.pk == person.pom_id else "COM"
            for u in (person.com, person.pom)
            if u is not None
        }
        organisations = {
            org
            for org in (
                person.pom.organisation_id if person.pom else None,
                person.com.organisation_id if person.com else None,
                by.organisation_id,
            )
            if org
        }
        # The case team (the POM's prison and the COM's probation team), the SPO's own team
        # and the allocated staff themselves; the SPO making the list is on it anyway.
        choices = (
            User.objects.filter(role__in=STAFF, is_active=True)
            .filter(Q(organisation_id__in=organisations) | Q(pk__in=allocated))
            .exclude(pk=by.pk)
            .select_related("organisation")
            .order_by("organisation__name", "full_name")
        )
        users = self.fields["users"]
        assert isinstance(users, forms.ModelMultipleChoiceField)  # noqa: S101 - for the type checker
        users.queryset = choices
        users.label_from_instance = partial(_describe, allocated=allocated)  # type: ignore[method-assign]
        lock_out = self.fields["lock_out"]
        assert isinstance(lock_out, forms.ModelMultipleChoiceField)  # noqa: S101
        lock_out.queryset = User.objects.filter(pk__in=allocated)
        # The allocated staff who may see the record now are on the list unless taken off.
        self.initial.setdefault("users", [u.pk for u in services.allocated_with_access(person)])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        users = cleaned.get("users")
        if users is not None:
            self.losing = services.losing_access(person=self.person, by=self.by, users=users)
        if self.losing:
            names = _names(self.losing)
            label = f"I understand that {names} will no longer be able to see this record"
            self.fields["confirm_lock_out"].label = label
            self["confirm_lock_out"].label = label  # the bound field, already made
            confirmed = set(cleaned.get("lock_out") or ())
            if not cleaned.get("confirm_lock_out") or not set(self.losing) <= confirmed:
                self.add_error(
                    "confirm_lock_out",
                    f"Confirm that {names} will lose access to this record, "
                    "or add them to the list",
                )
        return cleaned


def _names(users: list[User]) -> str:
    names = [u.full_name for u in users]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

"""Administrators manage users and organisations here. The admin site admits administrators
only (User.is_staff follows the role), and case records are not registered in it.

An administrator must never see case data, and Django's delete confirmation lists everything a
deletion would take with it (people, case notes with their dates). So an account or
organisation with any case history is not deleted, and the refusal names none of it:
deactivate the account instead, which keeps who did what in the record.

Every change to an account or organisation made here goes through
throughcare.access.accounts.services, which records it in the audit chain."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models, router
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .accounts import services as accounts
from .models import Function, Invitation, Organisation, User, UserSession

# What an account is made of: deleting these takes no case history with it.
ACCOUNT_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "otp_totp", "otp_static"})
ACCOUNT_MODELS: frozenset[type[models.Model]] = frozenset(
    {User, UserSession, Organisation, Invitation}
)


def has_case_history(objs: Iterable[models.Model], using: str) -> bool:
    """Whether deleting these would delete, or is prevented by, anything but account data."""
    collector = NestedObjects(using=using)
    collector.collect(list(objs))
    touched = [type(obj) for obj in collector.protected] + list(collector.model_objs)
    return any(
        isinstance(model, str)
        or (model._meta.app_label not in ACCOUNT_APPS and model not in ACCOUNT_MODELS)
        for model in touched
    )


class RefuseDeletingCaseHistory(admin.ModelAdmin):
    """Deletes only what holds no case history, and refuses the rest without listing it."""

    refusal = "{} has case history, so it cannot be deleted."

    def _refused(self, objs: Iterable[models.Model]) -> list[str]:
        using = router.db_for_write(self.model)
        return [self.refusal.format(obj) for obj in objs if has_case_history([obj], using)]

    def get_deleted_objects(
        self, objs: Any, request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
        refused = self._refused(objs)
        if refused:
            # Shown as what blocks the deletion, in place of the records themselves.
            return [], {}, set(), refused
        return super().get_deleted_objects(objs, request)

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        refused = self._refused([obj]) if obj is not None else []
        if obj is not None and refused:
            for message in refused:
                messages.error(request, message)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        return super().delete_view(request, object_id, extra_context)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ("name", "kind", "code")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = accounts.check_organisation(
            name=str(data.get("name") or ""),
            kind=str(data.get("kind") or ""),
            organisation=self.instance,
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


@admin.register(Organisation)
class OrganisationAdmin(RefuseDeletingCaseHistory):
    form = OrganisationForm
    list_display = ("name", "kind", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        accounts.save_organisation(by=_admin(request), organisation=obj, fields=form.changed_data)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        accounts.delete_organisation(by=_admin(request), organisation=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for organisation in queryset:
            accounts.delete_organisation(by=_admin(request), organisation=organisation)


def _admin(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # noqa: S101 - the admin site admits administrators only
    return user


class _AccountChecks(forms.ModelForm):
    """The service's own checks, shown on the form."""

    functions = forms.MultipleChoiceField(
        choices=Function.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="What they do at their prison or team: information requests sent to that "
        "function there reach them. Prison and probation staff only.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = accounts.check_account(
            email=str(data.get("email") or ""),
            full_name=str(data.get("full_name") or ""),
            role=str(data.get("role") or ""),
            organisation=data.get("organisation"),
            user=self.instance if self.instance.pk else None,
            functions=data.get("functions") or (),
        )
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class UserCreationForm(_AccountChecks):
    """No password: the new account's owner sets it through their invitation."""

    class Meta:
        model = User
        fields = ("email", "full_name", "role", "organisation", "grade", "functions")


class UserEditForm(_AccountChecks):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "organisation", "grade", "functions", "is_active")


@admin.register(User)
class UserAdmin(RefuseDeletingCaseHistory, BaseUserAdmin):
    """Every change goes through throughcare.access.accounts.services, which records it in the
    audit chain. Passwords are never set here: a new account gets an invitation, and a lost
    phone is dealt with by "Reset two-factor and send a new invitation"."""

    refusal = (
        "{} has case history, so the account cannot be deleted. "
        "Deactivate the account instead: untick Active and save."
    )
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("full_name", "email", "role", "organisation", "is_active", "last_login")
    list_filter = ("role", "organisation", "is_active")
    search_fields = ("full_name", "email")
    ordering = ("full_name",)
    filter_horizontal = ()
    actions = ["reset_two_factor"]
    fieldsets = (
        (None, {"fields": ("email",)}),
        (
            "Person and role",
            {"fields": ("full_name", "role", "organisation", "grade", "functions", "is_active")},
        ),
        ("Dates", {"fields": ("last_login",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "description": "An invitation is emailed to the new account's owner, through "
                "which they set their password and authenticator app.",
                "fields": ("email", "full_name", "role", "organisation", "grade", "functions"),
            },
        ),
    )
    readonly_fields = ("last_login",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        by = _admin(request)
        data = form.cleaned_data
        if not change:
            created = accounts.create_user(
                by=by,
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                organisation=data.get("organisation"),
                functions=data.get("functions") or (),
                grade=data.get("grade") or "",
            )
            obj.__dict__.update(created.__dict__)
            return
        changes = {f: data[f] for f in form.changed_data if f in accounts.EDITABLE}
        accounts.update_user(by=by, user=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        accounts.delete_user(by=_admin(request), user=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for user in queryset:
            accounts.delete_user(by=_admin(request), user=user)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        raise Http404("Passwords are set by their owners, through an invitation")

    @admin.action(description="Reset two-factor and send a new invitation")
    def reset_two_factor(self, request: HttpRequest, queryset: Any) -> None:
        by = _admin(request)
        users = list(queryset)
        for user in users:
            accounts.reset_two_factor(by=by, user=user)
        messages.success(
            request,
            f"Authenticator apps removed and a new invitation sent to {len(users)} "
            f"account{'s' if len(users) != 1 else ''}.",
        )


# Devices change only through the audited reset above and the invitation: django-otp's own
# admin pages for them would let an administrator add or remove one unseen.
for _device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device):
        admin.site.unregister(_device)

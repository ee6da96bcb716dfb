"""Administrators manage users and organisations here. The admin site admits administrators
only (User.is_staff follows the role), and case records are not registered in it.

An administrator must never see case data, and Django's delete confirmation lists everything a
deletion would take with it (people, case notes with their dates). So an account or
organisation with any case history is not deleted, and the refusal names none of it:
deactivate the account instead, which keeps who did what in the record."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import models, router
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .models import Organisation, User, UserSession

# What an account is made of: deleting these takes no case history with it.
ACCOUNT_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "otp_totp", "otp_static"})
ACCOUNT_MODELS: frozenset[type[models.Model]] = frozenset({User, UserSession, Organisation})


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


@admin.register(Organisation)
class OrganisationAdmin(RefuseDeletingCaseHistory):
    list_display = ("name", "kind", "code")
    list_filter = ("kind",)
    search_fields = ("name", "code")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "organisation")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "organisation", "is_active")


@admin.register(User)
class UserAdmin(RefuseDeletingCaseHistory, BaseUserAdmin):
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
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person and role", {"fields": ("full_name", "role", "organisation", "is_active")}),
        ("Dates", {"fields": ("last_login",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login",)

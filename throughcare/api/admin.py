"""API tokens in the admin site: listed, and revoked through the service (audited). They are
created with `manage.py create_api_token`, which shows the token once; the admin site never
holds or shows one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from . import services
from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "expires_at", "revoked_at")
    readonly_fields = (
        *("name", "user", "prefix", "scopes", "created_at", "created_by", "expires_at"),
        *("revoked_at", "revoked_by"),
    )
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            services.revoke_api_token(by=request.user, token=token)  # type: ignore[arg-type]
        messages.success(request, f"{queryset.count()} token(s) revoked.")

"""django-axes' view of a sign-in attempt: who it is for, where it comes from, and the page
shown when that pair is locked out. The policy itself is in settings (AXES_*)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, behind THROUGHCARE_TRUSTED_PROXIES reverse
    proxies that each append to X-Forwarded-For, the address the outermost of them saw.

    Entries further left were written by the client and are never trusted: otherwise anyone
    could escape the lock-out by sending a new made-up address with each attempt.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "THROUGHCARE_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def client_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The email address tried, as the sign-in form normalises it (lower case), so that
    'Sam@…' and 'sam@…' count against the same lock-out on every sign-in form (the admin
    site's too)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else request.POST.get(field)
    return str(value).strip().lower() if value else None


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The page for a locked-out attempt. It says the same whether or not the account exists."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "access/lockout.html",
        {"minutes": minutes},
        status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429),  # set by axes.conf
    )

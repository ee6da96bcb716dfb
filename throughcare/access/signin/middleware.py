"""Two gates every request passes: the session time-outs, then the second factor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from throughcare.core.compiled import CompiledQuery

from . import sessions, two_factor


class SessionTimeoutMiddleware:
    """Signs the user out after 30 minutes without a request, and 10 hours after signing in
    however active they are (THROUGHCARE_SESSION_IDLE_TIMEOUT, _ABSOLUTE_TIMEOUT).

    The request then goes on as an anonymous one, so LoginRequiredMiddleware sends it to the
    sign-in page and back here afterwards. Comes after AuthenticationMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = sessions.now_timestamp()
            if sessions.expired(request.session, now):
                logout(request)
            else:
                sessions.touch(request.session, now)
        return self.get_response(request)


class TwoFactorMiddleware:
    """A signed-in session that has not passed the second factor reaches only the set-up and
    code pages and signing out; anything else is sent to the step it still has to do.

    Comes after OTPMiddleware (which sets `user.otp_device`) and LoginRequiredMiddleware. The
    Django admin site is covered like every other page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or two_factor.is_verified(request):
            return None
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if request.path_info == reverse("access:sign-out"):
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        wanted = request.get_full_path() if request.method == "GET" else None
        if request.path_info == reverse("access:sign-in"):
            if request.method == "POST":
                return None  # signing in afresh: the sign-in view ends this session first
            wanted = None
        return redirect(two_factor.next_step_url(request, wanted))


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware (`request.user.otp_device`, `is_verified()`), reading the device
    named in the session with SQL built once per process (`core.compiled`), as every request
    reads it. A device id that names no device model, or no device, is no device."""

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        try:
            model_label, device_id = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            model = apps.get_model(model_label)
            pk = int(device_id)
        except (ValueError, LookupError):
            return None
        if not issubclass(model, Device):
            return None
        return _device_query(model).first(device_id=pk)


_device_queries: dict[type[Device], CompiledQuery[Device]] = {}


def _device_query(model: type[Device]) -> CompiledQuery[Device]:
    query = _device_queries.get(model)
    if query is None:
        query = _device_queries[model] = CompiledQuery(
            model, lambda device_id: model.objects.filter(id=device_id), device_id=model._meta.pk
        )
    return query

"""Turns the access policy's refusals into pages: a limited-access record shows whom to ask;
a record outside the user's team asks for a reason first (break-glass)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import policy


class AccessRefusalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, policy.LimitedAccessError):
            return render(
                request,
                "access/restricted.html",
                {"contacts": policy.whom_to_ask(exception.person)},
                status=403,
            )
        if isinstance(exception, policy.BreakGlassRequiredError):
            return redirect("access:break-glass", person_id=exception.person.pk)
        return None

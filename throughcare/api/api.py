"""The JSON API, `/api/v1/`: Django Ninja, its OpenAPI 3.1 schema at `/api/v1/openapi.json`
and its docs page at `/api/v1/docs`, which Ninja's own Swagger UI files serve from our static
files (no CDN: the content security policy allows only this site, and production has no
internet; docs/decisions.md)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, re_path
from ninja import NinjaAPI, Swagger

from . import assessments, errors, people, plans, records
from .auth import StaffSession, TokenAuth

api = NinjaAPI(
    title="Throughcare API",
    version="1",
    description=(
        "People, sentences and key dates, allocations and case notes, through the same access "
        "policy and audit log as the pages. See docs/api.md."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), StaffSession()],
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", people.router)
api.add_router("/", records.router)
api.add_router("/", assessments.router)
api.add_router("/", plans.router)


View = Callable[..., HttpResponse]


def _for_api(view: View) -> View:
    """Every API address answers in JSON, signed in or not (a token is not a session): Django's
    sign-in redirect is turned off for it (each operation requires a token or a session), and a
    405 is the error shape, not the service's page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            allowed = response.get("Allow", "")
            response = errors.error_response(
                405, "method_not_allowed", f"This address takes {allowed or 'no other method'}"
            )
            response["Allow"] = allowed
        response.is_service_page = True  # type: ignore[attr-defined]
        return response

    wrapped.login_required = False  # type: ignore[attr-defined]
    return wrapped


def _not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    response = errors.error_response(404, "not_found", "There is no such address in the API")
    response.is_service_page = True  # type: ignore[attr-defined]
    return response


def urls() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    wrapped: list[Any] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = _for_api(pattern.callback)
        wrapped.append(pattern)
    wrapped.append(re_path(r"^(?P<rest>.*)$", _for_api(_not_found), name="not-found"))
    return wrapped, app_name, namespace


__all__ = ["api", "path", "urls"]

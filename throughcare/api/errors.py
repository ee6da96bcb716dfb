"""The API's one error shape, `{"code", "message", "fields"}`, and the one place the error
family of `throughcare.core.errors` (and Ninja's own errors) become responses.

| raised | status | code |
|---|---|---|
| a body that is not JSON, a bad cursor | 400 | `malformed` |
| not signed in, no token, a token unknown, expired or revoked | 401 | `unauthenticated` |
| `Refused`: may see the record but not do this; a token without the scope | 403 | `refused` |
| `NotFound`, limited access, break-glass needed: nothing the caller may see | 404 | `not_found` |
| a method the address does not take | 405 | `method_not_allowed` |
| the same `Idempotency-Key` still being written | 409 | `conflict` |
| `Stale`: `If-Match` names an older version | 412 | `stale` |
| `Invalid`, input the schema refuses; a key reused with another body | 422 | `invalid` |
| an update without `If-Match` | 428 | `precondition_required` |
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from throughcare.core.errors import Invalid, Stale


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}


def malformed(message: str, field: str | None = None) -> ApiError:
    return ApiError(400, "malformed", message, {field: [message]} if field else None)


def error_response(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    """The error shape outside an operation (an address or method Ninja does not route)."""
    return JsonResponse({"code": code, "message": message, "fields": fields or {}}, status=status)


_HTTP_CODES = {
    400: "malformed",
    401: "unauthenticated",
    403: "refused",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "stale",
    422: "invalid",
    428: "precondition_required",
    429: "too_many_requests",
}


def _location(loc: Any) -> str:
    """A field's name from a Pydantic error location ("body", "payload", "given_name")."""
    parts = [str(part) for part in loc if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


def _validation_fields(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        fields.setdefault(_location(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return fields


def install(api: NinjaAPI) -> None:
    """Registers the mapping on the API (Ninja picks the handler of the nearest class)."""

    def respond(
        request: HttpRequest,
        status: int,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
    ) -> HttpResponse:
        return api.create_response(
            request, {"code": code, "message": message, "fields": fields or {}}, status=status
        )

    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, exc.status, exc.code, exc.message, exc.fields)

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 422, "invalid", "The request has errors", exc.fields)

    def stale(request: HttpRequest, exc: Any) -> HttpResponse:
        fields = {name: ["Changed by someone else"] for name in sorted(exc.changed)}
        return respond(request, 412, "stale", exc.messages[0], fields)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, 404, "not_found", "Not found")

    def refused(request: HttpRequest, exc: Any) -> HttpResponse:
        # Limited access and break-glass carry the person: the API hides the record instead
        # (it has no page to explain them, and break-glass needs a signed-in page's session).
        if getattr(exc, "person", None) is not None:
            return not_found(request, Http404())
        return respond(request, 403, "refused", str(exc) or "You cannot do that")

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc) if str(exc) != "Unauthorized" else "Sign in, or send an API token"
        response = respond(request, 401, "unauthenticated", message)
        response["WWW-Authenticate"] = 'Bearer realm="throughcare"'
        return response

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        status = exc.status_code
        return respond(request, status, _HTTP_CODES.get(status, "error"), exc.message)

    def schema_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(
            request, 422, "invalid", "The request has errors", _validation_fields(exc.errors)
        )

    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(Invalid, invalid)
    api.add_exception_handler(Stale, stale)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, refused)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(NinjaValidationError, schema_invalid)

"""`Idempotency-Key` on creates, and `If-Match` / `ETag` on records that carry a version.

A create sent with a key is done once: its response is kept (with the key, the caller, the
endpoint and a hash of the body) in the create's own transaction; the same key again from the
same caller to the same endpoint gets that response back, unwritten, for IDEMPOTENCY_WINDOW.
The same key with a different body is refused (422): it is a mistake on the caller's side."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

from throughcare.access.models import User
from throughcare.core import clock

from . import services
from .errors import ApiError
from .models import IdempotentRequest

IDEMPOTENCY_WINDOW = timedelta(hours=24)
REPLAYED = "Idempotent-Replayed"


@dataclass
class Created:
    """What a create returns: the status, the JSON body and the headers (Location, ETag)."""

    body: dict[str, Any]
    status: int = 201
    headers: dict[str, str] = field(default_factory=dict)


def _json(created: Created, replayed: bool = False) -> HttpResponse:
    response = JsonResponse(created.body, status=created.status, encoder=DjangoJSONEncoder)
    for name, value in created.headers.items():
        response[name] = value
    if replayed:
        response[REPLAYED] = "true"
    return response


def request_hash(body: Any) -> str:
    canonical = json.dumps(body, sort_keys=True, cls=DjangoJSONEncoder, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def once(
    request: HttpRequest,
    *,
    user: User,
    key: str | None,
    body: Any,
    create: Callable[[], Created],
) -> HttpResponse:
    """Runs `create` unless this key was used before; returns the first response either way."""
    if key is None:
        return _json(create())
    endpoint = f"{request.method} {request.path}"
    digest = request_hash(body)
    with transaction.atomic():
        services.forget_responses_before(clock.now() - IDEMPOTENCY_WINDOW)
        kept = (
            IdempotentRequest.objects.select_for_update()
            .filter(user=user, endpoint=endpoint, key=key)
            .first()
        )
        if kept is not None:
            if kept.request_hash != digest:
                raise ApiError(
                    422,
                    "idempotency_key_reused",
                    "This Idempotency-Key was used with a different request",
                    {"Idempotency-Key": ["Use a new key for a different request"]},
                )
            return _json(Created(kept.body, kept.status_code, kept.headers), replayed=True)
        created = create()
        try:
            with transaction.atomic():
                services.remember_response(
                    user=user,
                    key=key,
                    endpoint=endpoint,
                    request_hash=digest,
                    status_code=created.status,
                    body=json.loads(json.dumps(created.body, cls=DjangoJSONEncoder)),
                    headers=created.headers,
                )
        except IntegrityError:
            # The same key is being written by another request at this moment: this one is
            # rolled back whole, so nothing is written twice; the caller retries.
            raise ApiError(
                409, "conflict", "A request with this Idempotency-Key is still in progress"
            ) from None
    return _json(created)


def etag(version: int) -> str:
    return f'"v{version}"'


_TAG = re.compile(r'^(?:W/)?"v(\d{1,9})"$')


def expected_version(if_match: str | None) -> int:
    """The version an update's `If-Match` names: 428 without one, 412 for one that names no
    version this API gave (it cannot match the record)."""
    if if_match is None or not if_match.strip():
        raise ApiError(
            428,
            "precondition_required",
            "Send If-Match with the ETag of the record you read",
            {"If-Match": ["Required for an update"]},
        )
    match = _TAG.match(if_match.strip())
    if match is None:
        raise ApiError(412, "stale", "If-Match does not match the record's ETag")
    return int(match.group(1))

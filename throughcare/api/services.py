"""Changes the API makes to its own tables: tokens created and revoked by an administrator (each
audited in the same transaction, as account changes are), and the responses kept for
`Idempotency-Key`. Case data is written by the services of the apps that own it."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.access.models import Role
from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid

from .models import ApiToken, IdempotentRequest, Scope

if TYPE_CHECKING:
    from throughcare.access.models import User

TOKEN_START = "tc_"  # noqa: S105 - the public start of every token, not a secret
PREFIX_BYTES = 6  # 12 hexadecimal characters: public, to find the row
SECRET_BYTES = 32  # 256 bits of randomness: a plain SHA-256 hash is enough (docs/decisions.md)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def split_token(token: str) -> str | None:
    """The public prefix of a token as written (`tc_<prefix>_<secret>`), or None."""
    if not token.startswith(TOKEN_START):
        return None
    prefix, _, secret = token[len(TOKEN_START) :].partition("_")
    if not prefix or not secret or len(prefix) > 16:
        return None
    return prefix


@dataclass(frozen=True)
class NewApiToken:
    """A token to create: the service account it acts as, what it may do, and until when."""

    name: str
    user: User
    scopes: tuple[str, ...]
    expires_at: datetime


def check_token(details: NewApiToken) -> None:
    problems: dict[str, str] = {}
    if not details.name.strip():
        problems["name"] = "Enter the name of the system that will use the token"
    unknown = sorted(set(details.scopes) - set(Scope.values))
    if not details.scopes:
        problems["scopes"] = "Select at least one scope"
    elif unknown:
        problems["scopes"] = f"Not a scope: {', '.join(unknown)}"
    if details.user.role == Role.ADMIN or not details.user.is_active:
        problems["user"] = "Choose an active service account with a case role, not an administrator"
    if details.expires_at <= clock.now():
        problems["expires_at"] = "The expiry must be in the future"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def create_api_token(*, by: User | None, details: NewApiToken) -> tuple[ApiToken, str]:
    """A new token and its value, which is shown once and never kept (only its hash is)."""
    check_token(details)
    prefix = secrets.token_hex(PREFIX_BYTES)  # hexadecimal: never the "_" that ends it
    while ApiToken.objects.filter(prefix=prefix).exists():  # pragma: no cover - 48 random bits
        prefix = secrets.token_hex(PREFIX_BYTES)
    token = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    created = ApiToken.objects.create(
        name=details.name.strip(),
        user=details.user,
        prefix=prefix,
        secret_hash=hash_token(token),
        scopes=sorted(set(details.scopes)),
        created_by=by,
        expires_at=details.expires_at,
    )
    record_for(
        created,
        user=by,
        operation=Operation.COLLECTION,
        fields=["name", "user", "scopes", "expires_at"],
        reason=(
            f"API token for {details.user.email} ({', '.join(created.scopes)}), "
            f"expires {details.expires_at:%Y-%m-%d %H:%M}"
        ),
    )
    return created, token


@transaction.atomic
def revoke_api_token(*, by: User | None, token: ApiToken) -> ApiToken:
    """Ends a token at once. Revoking it again writes nothing."""
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = clock.now()
        current.revoked_by = by
        current.save(update_fields=["revoked_at", "revoked_by"])
        record_for(current, user=by, operation=Operation.ALTERATION, fields=["revoked_at"])
    token.revoked_at, token.revoked_by = current.revoked_at, current.revoked_by
    return token


def remember_response(
    *,
    user: User,
    key: str,
    endpoint: str,
    request_hash: str,
    status_code: int,
    body: Any,
    headers: Mapping[str, str],
) -> IdempotentRequest:
    """Keeps the first response to a write sent with this key (in the write's transaction)."""
    return IdempotentRequest.objects.create(
        user=user,
        key=key,
        endpoint=endpoint,
        request_hash=request_hash,
        status_code=status_code,
        body=body,
        headers=dict(headers),
    )


def forget_responses_before(moment: datetime) -> int:
    """Removes kept responses older than the idempotency window (they hold case data)."""
    return IdempotentRequest.objects.filter(created_at__lt=moment).delete()[0]


def scopes_named(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({name.strip() for name in names if name.strip()}))

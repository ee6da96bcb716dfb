"""Who is calling: a member of staff through their signed-in browser session (writes need the
CSRF token, as the pages' forms do), or a system with an API token, acting as the token's
service account. Either way the caller is a `User`, to whom the access policy applies as on
the pages; a token is further held to its scopes."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from throughcare.access.models import User
from throughcare.core.errors import Refused

from . import queries
from .models import ApiToken
from .services import hash_token, split_token


@dataclass(frozen=True)
class Caller:
    user: User
    token: ApiToken | None = None

    def require(self, scope: str) -> User:
        """The user, if the token (if any) carries the scope: a session has every scope,
        since the policy alone decides what staff may do."""
        if self.token is not None and scope not in self.token.scopes:
            raise Refused(f"This token does not have the {scope} scope")
        return self.user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tc_<prefix>_<secret>`. A token that is unknown, expired, revoked
    or whose service account is disabled is a 401 at once (no falling back to a session)."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller:
        prefix = split_token(token)
        found = queries.token_by_prefix(prefix) if prefix else None
        if found is None or not hmac.compare_digest(found.secret_hash, hash_token(token)):
            raise AuthenticationError(message="The API token is not valid")
        if found.revoked_at is not None:
            raise AuthenticationError(message="The API token has been revoked")
        if not found.is_usable:
            raise AuthenticationError(message="The API token has expired")
        if not found.user.is_active:
            raise AuthenticationError(message="The API token's service account is disabled")
        return Caller(found.user, found)


class StaffSession(SessionAuth):
    """The browser session of a signed-in member of staff (the sign-in middleware has already
    required their second factor). Ninja checks the CSRF token on writes."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        # Nobody signed in: a 401, not a CSRF refusal (checked only for a session).
        if not request.user.is_authenticated:
            return None
        result: Caller | None = super().__call__(request)
        return result

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user: Any = request.user
        if user.is_authenticated and user.is_active:
            return Caller(user)
        return None


def caller(request: HttpRequest) -> Caller:
    auth = getattr(request, "auth", None)
    if not isinstance(auth, Caller):  # pragma: no cover - every operation requires auth
        raise AuthenticationError()
    return auth

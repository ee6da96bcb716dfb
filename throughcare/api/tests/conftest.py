"""Fixtures for the API tests: a token for a user, and a JSON client that sends it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from throughcare.access.models import User
from throughcare.api import services
from throughcare.api.models import Scope
from throughcare.core import clock

ALL_SCOPES = tuple(Scope.values)


class Api:
    """A client speaking JSON to /api/v1/ with a bearer token (or a session's client)."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        self.token = token

    def _headers(self, headers: dict[str, str]) -> dict[str, str]:
        if self.token:
            headers = {"Authorization": f"Bearer {self.token}", **headers}
        return headers

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(f"/api/v1{path}", headers=self._headers(headers))

    def send(self, method: str, path: str, body: Any, **headers: str) -> Any:
        data = body if isinstance(body, str) else json.dumps(body, default=str)
        return self.client.generic(
            method,
            f"/api/v1{path}",
            data=data,
            content_type="application/json",
            headers=self._headers(headers),
        )

    def post(self, path: str, body: Any, **headers: str) -> Any:
        return self.send("POST", path, body, **headers)

    def patch(self, path: str, body: Any, **headers: str) -> Any:
        return self.send("PATCH", path, body, **headers)


@pytest.fixture
def make_token(db: None) -> Callable[..., tuple[Any, str]]:
    def make(user: User, scopes: tuple[str, ...] = ALL_SCOPES, days: int = 30) -> tuple[Any, str]:
        return services.create_api_token(
            by=None,
            details=services.NewApiToken(
                name=f"System for {user.email}",
                user=user,
                scopes=scopes,
                expires_at=clock.now() + timedelta(days=days),
            ),
        )

    return make


@pytest.fixture
def api_for(make_token: Callable[..., tuple[Any, str]]) -> Callable[..., Api]:
    """An API client with a token acting as the user (with these scopes)."""

    def make(user: User, scopes: tuple[str, ...] = ALL_SCOPES) -> Api:
        return Api(Client(), make_token(user, scopes)[1])

    return make

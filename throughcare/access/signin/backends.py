"""The authentication backend: Django's ModelBackend (passwords, `is_active`), reading the
signed-in user on each request with what the page header shows of them (the count of what
needs their attention) in the same query, instead of a query of its own on every page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from throughcare.notifications import queries as notifications

from ..models import User

PATH = "throughcare.access.signin.backends.ModelBackend"


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = (
            User._default_manager.annotate(**notifications.open_count_read_with_user())
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

"""The authentication backend: Django's ModelBackend (passwords, `is_active`), reading the
signed-in user on each request with what the page header shows of them (the count of what
needs their attention) in the same query, instead of a query of its own on every page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from throughcare.core.compiled import CompiledQuery
from throughcare.notifications import queries as notifications

from ..models import User

PATH = "throughcare.access.signin.backends.ModelBackend"


def _user_with_open_count(user_id: int) -> QuerySet[User]:
    return User._default_manager.annotate(**notifications.open_count_read_with_user()).filter(
        pk=user_id
    )


# Its SQL is built once per process (`core.compiled`), as it is read on every request.
_user_query = CompiledQuery(User, _user_with_open_count, user_id=User._meta.pk)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = _user_query.first(user_id=pk)
        return user if user is not None and self.user_can_authenticate(user) else None

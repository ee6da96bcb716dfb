"""The one family of errors that services, queries and the access gate raise, and that pages
(and later the API) map to responses in one place each.

- `Invalid`: the input is wrong; `fields` names the fields at fault with their messages (a
  Django ValidationError, so forms show it as they show their own errors).
- `Refused`: the user may not do this (a 403 on a page, or the page that explains why).
- `NotFound`: there is no such record, or the user has no business knowing that there is (a
  404 either way: the response gives no hint that the record exists).
- `Stale`: someone else changed the record since the user loaded it; `changed` names the
  fields they changed, so a page can show them beside the user's own.

They subclass Django's own exceptions, so anything Django already maps (PermissionDenied to
403, Http404 to 404, ValidationError on forms) keeps working while callers move over.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404


class Invalid(ValidationError):
    """Input that cannot be accepted: every problem found, by field."""

    def __init__(self, fields: Mapping[str, str | list[str]] | str) -> None:
        super().__init__(dict(fields) if isinstance(fields, Mapping) else fields)

    @property
    def fields(self) -> dict[str, list[str]]:
        if hasattr(self, "error_dict"):
            return {
                name: [str(m) for e in errors for m in e]
                for name, errors in self.error_dict.items()
            }
        return {"__all__": [str(m) for m in self.messages]}


class Refused(PermissionDenied):
    """The user may not do this to this record (the reason is for the page, never a log)."""

    def __init__(self, reason: str = "You cannot do that on this record") -> None:
        super().__init__(reason)
        self.reason = reason


class NotFound(Http404):
    """No such record, or none the user may know of."""


class Stale(ValidationError):
    """Someone else changed the record after the user loaded it."""

    def __init__(self, message: str, *, changed: Iterable[str] = (), current: Any = None) -> None:
        super().__init__(message)
        self.changed = set(changed)
        self.current = current

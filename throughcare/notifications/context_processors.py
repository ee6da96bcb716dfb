"""The count of what needs the signed-in user's attention, for the header. A callable, which
the template engine calls only where a page names it: a page without the header runs no query
for it."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from . import queries


def attention(request: HttpRequest) -> dict[str, Any]:
    return {"attention_count": partial(queries.count_open, getattr(request, "user", None))}

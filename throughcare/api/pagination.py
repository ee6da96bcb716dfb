"""Cursor pagination: a page of results and an opaque cursor to the next, built from the
sort key of the last row shown (keyset pagination), so that a page costs the same however deep
it is and rows added meanwhile are neither skipped nor shown twice.

A cursor is base64url of a small JSON list; it says nothing the caller could not read in the
page it came with. One that cannot be read is a 400."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from .errors import malformed

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def encode(values: list[str]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode(cursor: str, parts: int) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values: Any = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise malformed("The cursor is not one this API gave", "cursor") from None
    if (
        not isinstance(values, list)
        or len(values) != parts
        or not all(isinstance(v, str) for v in values)
    ):
        raise malformed("The cursor is not one this API gave", "cursor")
    return values

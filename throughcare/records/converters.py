"""The URL converter of a kind of document: only a registered kind's key matches, so an
address naming no kind is not found (and takes no other page's place)."""

from __future__ import annotations

from . import kinds


class KindConverter:
    regex = "[a-z][a-z0-9-]*"

    def to_python(self, value: str) -> str:
        try:
            return kinds.kind(value).key
        except kinds.UnknownKind:
            raise ValueError(value) from None

    def to_url(self, value: str) -> str:
        return str(value)

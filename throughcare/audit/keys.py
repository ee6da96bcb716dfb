"""The audit keys: the HMAC keys that make each event's hash, kept in the environment
(`THROUGHCARE_AUDIT_KEYS`), never in the database.

The setting lists one or more keys, newest first, as `id:secret` separated by spaces or commas:

    THROUGHCARE_AUDIT_KEYS="2027a:<new secret> 2026a:<old secret>"

New events are hashed with the first key and carry its id; the others are kept so that events
written under them still verify (docs/operations.md, "Rotating the audit key"). An event's key
id is part of what its hash covers, so it cannot be swapped for another.

Events written before the chain was keyed have the empty key id: their hash is a plain SHA-256,
which anyone could recompute. They verify only as the opening stretch of the log, sealed by the
keyed event the migration `audit.0005_seal_unkeyed_events` wrote after them.

No Django imports here: the production settings use `parse` to refuse a missing or short key.
"""

from __future__ import annotations

import re

# The key id of the events from before the chain was keyed (plain SHA-256).
LEGACY_KEY_ID = ""
# Secrets shorter than this are refused: 32 characters of `secrets.token_urlsafe` carry about
# 190 bits.
MIN_SECRET_LENGTH = 32
_KEY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,31}")
# The development settings' key, published in the repository: production refuses it.
DEVELOPMENT_KEYS = "development:development-only-audit-key-not-secret-0000"


class AuditKeyError(ValueError):
    """THROUGHCARE_AUDIT_KEYS is missing or not in the expected form."""


def parse(text: str) -> dict[str, bytes]:
    """The keys by id, newest first. Raises AuditKeyError, naming the problem but never a
    secret."""
    entries = text.replace(",", " ").split()
    if not entries:
        raise AuditKeyError(
            "THROUGHCARE_AUDIT_KEYS is not set: give at least one key as id:secret "
            "(docs/operations.md)"
        )
    keys: dict[str, bytes] = {}
    for number, entry in enumerate(entries, start=1):
        key_id, colon, secret = entry.partition(":")
        if not colon or not _KEY_ID.fullmatch(key_id):
            raise AuditKeyError(
                f"THROUGHCARE_AUDIT_KEYS, key {number}: write it as id:secret, the id 1 to 32 "
                "letters, digits, dots, dashes or underscores"
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise AuditKeyError(
                f"THROUGHCARE_AUDIT_KEYS, key {key_id}: the secret must be at least "
                f"{MIN_SECRET_LENGTH} characters"
            )
        if key_id in keys:
            raise AuditKeyError(f"THROUGHCARE_AUDIT_KEYS: the key id {key_id} appears twice")
        keys[key_id] = secret.encode()
    return keys


_cache: dict[str, dict[str, bytes]] = {}


def configured() -> dict[str, bytes]:
    """The keys in the settings (parsed once for each value of the setting)."""
    from django.conf import settings

    text = str(getattr(settings, "THROUGHCARE_AUDIT_KEYS", ""))
    if text not in _cache:
        _cache.clear()
        _cache[text] = parse(text)
    return _cache[text]


def current() -> tuple[str, bytes]:
    """The id and secret of the key new events are hashed with."""
    key_id, secret = next(iter(configured().items()))
    return key_id, secret


def secret(key_id: str) -> bytes:
    """The secret of a configured key. KeyError for an id that is not configured."""
    return configured()[key_id]


def age(key_id: str) -> int:
    """How recent a key is: 0 for the unkeyed events, then 1 for the oldest configured key up
    to the number of keys for the newest. Events must never go back to an older key."""
    if key_id == LEGACY_KEY_ID:
        return 0
    ids = list(configured())
    return len(ids) - ids.index(key_id)


def is_configured(key_id: str) -> bool:
    return key_id == LEGACY_KEY_ID or key_id in configured()

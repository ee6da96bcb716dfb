"""For the data migrations that give existing tables the `CaseRecord` columns: who made each
row and when, and who last changed it and when, read from the audit log, which recorded every
collection and alteration with the user and the time.

A migration calls `stamp_from_audit_log` with the historical models it is given, so this reads
the tables as they were at that migration. Keep its behaviour as it is: migrations that have
run already depend on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

BATCH = 500


def stamp_from_audit_log(
    apps: Any, app_label: str, tables: Mapping[str, tuple[str, str, bool]]
) -> None:
    """For each model name in `tables`: the audit log's record type for its rows, the
    operation that records their making ("collection", or "disclosure" for a sharing
    agreement), and whether the table had created_at already (then kept). Sets created_at
    (unless kept) and created_by where it is empty from the making, and updated_at and
    updated_by from the latest alteration, or else from the making. Rows the log does not
    mention keep what they have; users who no longer exist are not named."""
    events = apps.get_model("audit", "AuditEvent").objects
    users = set(apps.get_model("access", "User").objects.values_list("pk", flat=True))
    fields = ["created_at", "created_by", "updated_at", "updated_by"]
    for model_name, (record_type, made_by, keep_created) in tables.items():
        model = apps.get_model(app_label, model_name)
        made: dict[str, tuple[Any, Any]] = {}
        for record_id, occurred_at, user_id in (
            events.filter(record_type=record_type, operation=made_by, outcome="allowed")
            .order_by("-id")
            .values_list("record_id", "occurred_at", "user_id")
        ):
            made[record_id] = (occurred_at, user_id if user_id in users else None)
        changed: dict[str, tuple[Any, Any]] = {}
        for record_id, occurred_at, user_id in (
            events.filter(record_type=record_type, operation="alteration", outcome="allowed")
            .order_by("id")
            .values_list("record_id", "occurred_at", "user_id")
        ):
            changed[record_id] = (occurred_at, user_id if user_id in users else None)
        rows = []
        for row in model.objects.all().iterator(chunk_size=BATCH):
            key = str(row.pk)
            if key in made:
                made_at, made_by_user = made[key]
                if not keep_created:
                    row.created_at = made_at
                if row.created_by_id is None:
                    row.created_by_id = made_by_user
            made_or_changed = changed.get(key, (row.created_at, row.created_by_id))
            row.updated_at, row.updated_by_id = made_or_changed
            rows.append(row)
            if len(rows) == BATCH:
                model.objects.bulk_update(rows, fields)
                rows = []
        if rows:
            model.objects.bulk_update(rows, fields)

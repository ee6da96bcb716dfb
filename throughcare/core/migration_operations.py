"""Migration operations that apply on PostgreSQL only, so that SQLite keeps its simple path."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """An index that only PostgreSQL can build (a trigram GIN index, say): added to the model
    state everywhere, created in the database on PostgreSQL only."""

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)

    def describe(self) -> str:
        return f"{super().describe()} (PostgreSQL only)"


class TrigramExtensionOnPostgreSQL(TrigramExtension):
    """`pg_trgm`, on PostgreSQL only: Django's own operation asks PostgreSQL's catalogue even on
    SQLite when it is reversed."""

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)

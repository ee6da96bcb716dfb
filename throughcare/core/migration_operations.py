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


class AddBlankTextField(migrations.AddField):
    """A text column, empty for the rows already there, added in place on SQLite too
    (`ALTER TABLE ... ADD COLUMN ... NOT NULL DEFAULT ''`, and `DROP COLUMN` back). Django's
    SQLite editor would build a NOT NULL column by copying the table into a new one with every
    index of the model state, and the state holds indexes only PostgreSQL can build
    (`AddIndexOnPostgreSQL`), which SQLite refuses."""

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "sqlite":
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            added = "ADD COLUMN {} text NOT NULL DEFAULT ''"
            self._alter(app_label, schema_editor, to_state, added)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "sqlite":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            self._alter(app_label, schema_editor, from_state, "DROP COLUMN {}")

    def _alter(self, app_label: str, schema_editor: Any, state: Any, change: str) -> None:
        """`ALTER TABLE <the model's table> <change, with the column's quoted name>`."""
        model = state.apps.get_model(app_label, self.model_name)
        column = schema_editor.quote_name(model._meta.get_field(self.name).column)
        table = schema_editor.quote_name(model._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} {change.format(column)}")

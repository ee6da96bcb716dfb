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
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} "
            f"ADD COLUMN {quote(field.column)} text NOT NULL DEFAULT ''"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if schema_editor.connection.vendor != "sqlite":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        field = model._meta.get_field(self.name)
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(model._meta.db_table)} DROP COLUMN {quote(field.column)}"
        )

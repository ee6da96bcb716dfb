"""Creates, if they are missing, the two PostgreSQL roles Throughcare runs with and its database
(docs/operations.md, "Database roles"). Idempotent: running it again changes nothing.

    DATABASE_URL          the application's role: it may SELECT and INSERT on the audit log only
    DATABASE_MIGRATE_URL  the owner of the tables, which runs `migrate`
    POSTGRES_ADMIN_URL    a role that may create roles and databases (default: the owner's host
                          and port, the `postgres` database, as the PG* environment says)

    .venv/bin/python scripts/database_roles.py             create what is missing
    .venv/bin/python scripts/database_roles.py --app-role  print the application's role name

`make migrate` runs it when DATABASE_MIGRATE_URL is set, then migrates as the owner with
THROUGHCARE_DATABASE_APP_ROLE set to the application's role, which grants that role its rights.
A password in either URL becomes the role's password when the role is created.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import dj_database_url
import psycopg
from psycopg import sql


def _settings(variable: str) -> dict[str, Any]:
    url = os.environ.get(variable, "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit(f"{variable} must be a postgres:// URL (it is {url or 'not set'}).")
    return dict(dj_database_url.parse(url))


def main(argv: list[str]) -> int:
    app = _settings("DATABASE_URL")
    if argv[1:] == ["--app-role"]:
        print(app["USER"])
        return 0
    owner = _settings("DATABASE_MIGRATE_URL")
    if app["NAME"] != owner["NAME"] or app["USER"] == owner["USER"]:
        raise SystemExit(
            "DATABASE_URL and DATABASE_MIGRATE_URL must name the same database and two "
            "different roles: the application's and the owner's."
        )
    admin_url = os.environ.get("POSTGRES_ADMIN_URL") or ""
    connect: dict[str, Any] = (
        {"conninfo": admin_url}
        if admin_url
        else {"host": owner["HOST"] or None, "port": owner["PORT"] or None, "dbname": "postgres"}
    )
    with psycopg.connect(**connect, autocommit=True) as admin:
        for settings in (owner, app):
            exists = admin.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = %s", [settings["USER"]]
            ).fetchone()
            if exists:
                continue
            statement = sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(settings["USER"]))
            if settings.get("PASSWORD"):
                statement = sql.SQL("{} PASSWORD {}").format(
                    statement, sql.Literal(settings["PASSWORD"])
                )
            admin.execute(statement)
            print(f"Created the role {settings['USER']}.")
        found = admin.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [owner["NAME"]]
        ).fetchone()
        if found is None:
            admin.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(owner["NAME"]), sql.Identifier(owner["USER"])
                )
            )
            print(f"Created the database {owner['NAME']}, owned by {owner['USER']}.")
        elif found[0] != owner["USER"]:
            raise SystemExit(
                f"The database {owner['NAME']} belongs to {found[0]}, not {owner['USER']}: "
                "use a new database, or give it and its tables to the owner (docs/operations.md)."
            )
        admin.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(owner["NAME"]), sql.Identifier(app["USER"])
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Benchmark the bulk import: 100,000 generated rows imported into SQLite and PostgreSQL.

    .venv/bin/python bench/import.py [--rows 100000] [--databases sqlite postgresql]

For each database, a throwaway one is made (a temporary SQLite file; on PostgreSQL a database
`throughcare_bench_import` at 127.0.0.1:5432 as user root, dropped afterwards), migrated, given
one prison and one community offender manager, and the rows are imported in one run of the
import (`throughcare.imports.running.run`: every row checked, then written in batches of 5,000,
each with its audit events in one transaction). Prints rows per second for the checking pass,
the writing pass and the whole, and the peak memory of the process (resident set, from
getrusage) and, with --trace, of the import's own allocations (tracemalloc).
Each database runs in its own process, so the peaks are its own.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = "postgresql://root@127.0.0.1:5432/postgres"
PG_NAME = "throughcare_bench_import"
COM_EMAIL = "bench.com@throughcare.example"
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def generate(path: Path, rows: int) -> None:
    """Plausible rows: unique CRNs, prison and PNC numbers, one sentence each."""
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            [
                "crn", "given_name", "family_name", "date_of_birth", "sex", "prison_number",
                "pnc_number", "prison", "com", "sentence_type", "sentence_date", "length_years",
                "crd", "sed", "hdced",
            ]
        )  # fmt: skip
        for n in range(rows):
            year = 1960 + n % 40
            writer.writerow(
                [
                    f"B{n:06d}", f"Given{n % 977}", f"Family{n}",
                    f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}", "male" if n % 10 else "female",
                    f"{'ABCDEFGHJK'[n // 10000 % 10]}{n % 10000:04d}{LETTERS[n % 23]}"
                    f"{LETTERS[n // 23 % 23]}",
                    f"20{10 + n % 10}/{n:07d}X", "BNCH", COM_EMAIL, "sds",
                    f"2025-{1 + n % 12:02d}-15", "2", f"2027-{1 + n % 12:02d}-15",
                    f"2028-{1 + n % 12:02d}-15", "" if n % 3 else f"2026-{1 + n % 12:02d}-28",
                ]
            )  # fmt: skip


def one(database: str, rows: int, trace: bool) -> None:
    """In this process: migrate the throwaway database and import the rows into it."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "throughcare.settings.development")
    django.setup()
    from django.core.management import call_command

    from throughcare.access.models import Organisation, Role, User
    from throughcare.imports import running

    call_command("migrate", verbosity=0)
    Organisation.objects.create(name="HMP Bench", kind=Organisation.Kind.PRISON, code="BNCH")
    team = Organisation.objects.create(name="Bench team", kind=Organisation.Kind.PROBATION_TEAM)
    User.objects.create_user(
        COM_EMAIL, None, full_name="Bench COM", role=Role.COM, organisation=team
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        generate(path, rows)
        phases: dict[str, float] = {}

        def progress(at: running.Progress) -> None:
            phases[at.phase] = at.seconds

        if trace:
            tracemalloc.start()
        cpu_started = time.process_time()
        started = time.perf_counter()
        result = running.run(
            lambda: path.open(encoding="utf-8", newline=""),
            "csv",
            user=None,
            partial=False,
            reason="Benchmark",
            progress=progress,
        )
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        traced = ""
        if trace:
            traced = f", {tracemalloc.get_traced_memory()[1] / 2**20:,.0f} MB allocated by Python"
            tracemalloc.stop()
    assert result.written and result.counts.created == rows, result.problems[:5]  # noqa: S101
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{database}: {rows:,} rows in {seconds:.1f} s, {rows / seconds:,.0f} rows/s "
        f"(checking {rows / phases['checking']:,.0f} rows/s, writing "
        f"{rows / phases['importing']:,.0f} rows/s); {cpu:.1f} s of this process's CPU time "
        f"(on a busy machine the rest is waiting for a core or for the database); "
        f"peak memory {rss:,.0f} MB resident{traced}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument(
        "--trace", action="store_true", help="also trace Python's allocations (slows it 2-3x)"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        one(options.one, options.rows, options.trace)
        return
    print(f"Load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for database in options.databases:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="throughcare.settings.development")
        env.pop("DATABASE_MIGRATE_URL", None)
        with tempfile.TemporaryDirectory() as folder:
            if database == "sqlite":
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            else:
                _psql(f"DROP DATABASE IF EXISTS {PG_NAME}")
                _psql(f"CREATE DATABASE {PG_NAME}")
                env["DATABASE_URL"] = f"postgresql://root@127.0.0.1:5432/{PG_NAME}"
            try:
                command = [sys.executable, __file__, "--one", database, "--rows", str(options.rows)]
                command += ["--trace"] if options.trace else []
                subprocess.run(command, env=env, check=True)  # noqa: S603
            finally:
                if database != "sqlite":
                    _psql(f"DROP DATABASE IF EXISTS {PG_NAME}")


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(sql.encode())


if __name__ == "__main__":
    main()

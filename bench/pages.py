#!/usr/bin/env python
"""Server time of Throughcare's busiest pages at scale: a script that prints figures.

Seeds made-up people (with sentences, offences and case notes) into the database named by
DATABASE_URL, then times the caseload, person overview, activity timeline and search pages
through Django's test client, signed in as a typical community offender manager, prison offender
manager and senior probation officer of the national shape that seed_scale builds (the officer
with the median caseload, the SPO of the median-sized team), and prints the median and 95th
percentile for each page with the number of SQL queries it runs. For the SPO (whose landing page
it is) and the COM it times the team view too (issue 16), and one list behind its figures.

It is not a test and asserts nothing about speed. Run it from the repository root:

    .venv/bin/python bench/pages.py                        # SQLite: var/bench.sqlite3
    DATABASE_URL=postgres://root@127.0.0.1:5432/throughcare_bench .venv/bin/python bench/pages.py

It writes to the database it is given (people, case notes, audit events), so give it a scratch
one: without DATABASE_URL it uses var/bench.sqlite3, never the development database. A
PostgreSQL database that does not exist yet is created. Re-runs reuse the people already
there and add only the missing ones.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

if TYPE_CHECKING:
    from django.test import Client

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{REPO / 'var' / 'bench.sqlite3'}"
WARM_UP = 10
SAMPLE_PEOPLE = 100
TEAM_VIEW_ROLES = ("spo", "com")  # whose team view is timed (access.models.Role values)


@dataclass(frozen=True)
class PageCase:
    """One page to time: a label, a function giving the URL of the i-th request and, for a
    form, one giving what the i-th request posts (the redirect after it is followed and
    timed with it)."""

    label: str
    url: Callable[[int], str]
    form: Callable[[int], dict[str, str]] | None = None


@dataclass(frozen=True)
class Result:
    label: str
    requests: int
    median_ms: float
    p95_ms: float
    max_ms: float
    queries: int
    example: str
    sql: tuple[str, ...]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/pages.py",
        description=(
            "Seed N made-up people with case notes into a scratch database, then print the "
            "median and 95th percentile server time (Django test client, in process) and "
            "the SQL query count of the caseload, person overview, activity timeline and "
            "search pages, and of the team view for the SPO and the COM. Prints figures; "
            "asserts nothing."
        ),
        epilog=(
            "Database: --database-url, else $DATABASE_URL, else "
            f"{DEFAULT_DATABASE_URL}. The script writes people, case notes and audit events "
            "to it: point it at a scratch database, never one with real data. A PostgreSQL "
            "database that does not exist is created (by connecting to the 'postgres' "
            "database on the same server). Seeding is skipped when the database already "
            "holds N people, so re-runs are quick."
        ),
    )
    parser.add_argument(
        "--people",
        type=int,
        default=10_000,
        metavar="N",
        help="people the database should hold before timing (default: %(default)s)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=200,
        metavar="R",
        help=f"timed requests per page, after {WARM_UP} warm-up ones (default: %(default)s)",
    )
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="database to use, instead of $DATABASE_URL (e.g. "
        "postgres://root@127.0.0.1:5432/throughcare_bench)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="delete the benchmark database first and build it again (after the migrations "
        "have been rewritten, say); refused for the development database",
    )
    parser.add_argument(
        "--show-sql",
        action="store_true",
        help="print the SQL of one request to each page, to look into a slow one",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2026,
        help="seed for choosing which people and search terms to request (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.people < 1 or args.requests < 1:
        parser.error("--people and --requests must be at least 1")
    return args


def redacted(url: str) -> str:
    """The URL without any password, for printing."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def ensure_postgres_database(url: str, *, fresh: bool) -> None:
    """Creates the PostgreSQL database the URL names, if it is missing (or, when fresh, drops
    it first)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise SystemExit(f"No database name in {redacted(url)}")
    server = urlunsplit(parts._replace(path="/postgres", query="", fragment=""))
    with psycopg.connect(server, autocommit=True) as connection:
        if fresh:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            print(f"Dropped database {name}")
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")


def remove_sqlite_database(url: str) -> None:
    import dj_database_url

    name = dj_database_url.parse(url)["NAME"]
    path = Path(str(name)).resolve()
    if path == (REPO / "var" / "throughcare.sqlite3").resolve():
        raise SystemExit("--fresh would delete the development database: refused")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"Deleted {path}")


def configure(database_url: str, *, fresh: bool) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "throughcare.settings.development")
    # Time pages as they run in production: no debug cursor recording every query.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    if database_url.startswith("sqlite:"):
        (REPO / "var").mkdir(exist_ok=True)
        if fresh:
            remove_sqlite_database(database_url)
    elif database_url.startswith(("postgres:", "postgresql:", "pgsql:")):
        ensure_postgres_database(database_url, fresh=fresh)
    elif fresh:
        raise SystemExit("--fresh works on SQLite and PostgreSQL only")

    import django

    django.setup()


def prepare(people: int) -> None:
    """Migrates, then tops the database up to the number of people asked for."""
    from django.core.management import call_command

    from throughcare.demo import national

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    print(f"Migrated in {time.perf_counter() - started:.1f} s")
    existing = national.scale_people()
    if existing >= people:
        print(f"Reusing {existing:,} people already in the database")
        return
    started = time.perf_counter()
    # seed_scale adds only the people missing (batch by batch, each from its own seed).
    call_command("seed_scale", people=people)
    print(f"Seeded in {time.perf_counter() - started:.1f} s")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `fraction` of values at or
    below it."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def typical_officers() -> list[tuple[str, Any]]:
    """The COM and POM with the median caseload, and the SPO of the median-sized team."""
    from django.db.models import Count

    from throughcare.access.models import Role, User
    from throughcare.demo import national

    def median_of(role: str, counted: str) -> Any:
        officers = list(
            User.objects.filter(role=role, email__startswith=national.EMAIL_PREFIX)
            .annotate(n=Count(counted))
            .order_by("n", "email")
        )
        if not officers:
            raise SystemExit(f"No {role} in the scale service: run seed_scale")
        return officers[len(officers) // 2]

    return [
        ("COM", median_of(Role.COM, "com_caseload")),
        ("POM", median_of(Role.POM, "pom_caseload")),
        ("SPO", median_of(Role.SPO, "organisation__users__com_caseload")),
    ]


def cases(rng: random.Random, user: Any) -> tuple[list[PageCase], dict[str, int]]:
    """The pages to time, for people the user may see, and some counts to print."""
    from django.urls import reverse

    from throughcare.access import policy
    from throughcare.caseload import queries
    from throughcare.people.models import Person

    visible = policy.visible_people(user)
    visible_ids = sorted(visible.values_list("pk", flat=True))
    if not visible_ids:
        raise SystemExit(f"{user.email} may see nobody: nothing to time")
    chosen = rng.sample(visible_ids, min(SAMPLE_PEOPLE, len(visible_ids)))
    people = list(Person.objects.filter(pk__in=chosen).order_by("pk"))
    rng.shuffle(people)
    # Search terms: the first three letters of surnames this user may see, and exact CRNs.
    prefixes = sorted({p.family_name[:3] for p in people if len(p.family_name) >= 3})
    crns = [p.crn for p in people]
    caseload = reverse("caseload:caseload")
    search = reverse("caseload:search")

    def person_url(name: str) -> Callable[[int], str]:
        return lambda i: reverse(name, args=[people[i % len(people)].pk])

    pages = [
        PageCase("caseload", lambda i: caseload),
        PageCase("caseload ?sort=name", lambda i: f"{caseload}?sort=name"),
        PageCase("caseload ?releasing=soon", lambda i: f"{caseload}?releasing=soon"),
        PageCase("caseload ?page=50", lambda i: f"{caseload}?page=50"),
        PageCase("person overview", person_url("record:overview")),
        PageCase("activity timeline", person_url("casework:activity")),
        # Search is posted (the text never goes into a URL) and redirects to its results.
        PageCase(
            "search: 3 letters of a surname",
            lambda i: search,
            lambda i: {"q": prefixes[i % len(prefixes)]},
        ),
        PageCase("search: CRN", lambda i: search, lambda i: {"q": crns[i % len(crns)]}),
    ]
    if user.role in TEAM_VIEW_ROLES:
        # The SPO's landing page over their team, and the COM's over their own people.
        team = reverse("insight_team:view")
        pages += [
            PageCase("team view", lambda i: team),
            PageCase(
                "team view ?show=releasing-12-weeks", lambda i: f"{team}?show=releasing-12-weeks"
            ),
            PageCase("team view ?show=handover-late", lambda i: f"{team}?show=handover-late"),
        ]
    from throughcare.core import clock

    today = clock.today()
    counts = {
        "people": Person.objects.count(),
        "visible": len(visible_ids),
        "caseload": queries.caseload(user, queries.CaseloadOptions(), today).count(),
    }
    return pages, counts


def time_page(client: Client, case: PageCase, requests: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(i: int) -> float:
        url = case.url(i)
        started = time.perf_counter()
        if case.form is None:
            response = client.get(url)
        else:
            response = client.post(url, case.form(i), follow=True)
        elapsed = time.perf_counter() - started
        landed = response.request["PATH_INFO"]
        if response.status_code != 200 or landed != urlsplit(url).path:
            raise SystemExit(f"{url} answered {response.status_code} at {landed}: stopping")
        return elapsed

    for i in range(WARM_UP):
        get(i)
    with CaptureQueriesContext(connection) as captured:
        get(0)
    # Count now: the log the context reads is cleared at the start of every later request.
    sql = tuple(query["sql"] for query in captured.captured_queries)
    timings = [get(i) * 1000 for i in range(requests)]
    return Result(
        label=case.label,
        requests=requests,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        max_ms=max(timings),
        queries=len(sql),
        example=case.url(0) if case.form is None else f"POST {case.url(0)} {case.form(0)}",
        sql=sql,
    )


def describe_database() -> str:
    from django.db import connection

    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SHOW server_version")
        elif vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
        else:
            return vendor
        row = cursor.fetchone()
    return f"{vendor} {row[0] if row else ''}".strip()


def print_table(results: list[Result]) -> None:
    width = max(len(r.label) for r in results)
    header = (
        f"{'page':<{width}}  {'requests':>8}  {'median ms':>9}  {'p95 ms':>7}  {'max ms':>7}  "
        f"{'queries':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.label:<{width}}  {r.requests:>8}  {r.median_ms:>9.1f}  {r.p95_ms:>7.1f}  "
            f"{r.max_ms:>7.1f}  {r.queries:>7}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    database_url = args.database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    print(f"Database: {redacted(database_url)}")
    configure(database_url, fresh=args.fresh)
    prepare(args.people)

    import django
    from django.conf import settings
    from django.test import Client

    print()
    print(
        f"{describe_database()}, Django {django.get_version()}, "
        f"Python {sys.version.split()[0]}, DEBUG={settings.DEBUG}"
    )
    print(
        f"{args.requests} timed requests per page after {WARM_UP} warm-up; server time in "
        "process through django.test.Client (middleware, view, queries, templates)"
    )
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    timed = 0
    every: list[tuple[str, list[Result]]] = []
    for role, user in typical_officers():
        rng = random.Random(args.seed)
        pages, counts = cases(rng, user)
        client = Client()
        client.force_login(user)
        results = [time_page(client, case, args.requests) for case in pages]
        timed += len(results) * (args.requests + WARM_UP + 1)
        every.append((role, results))
        print()
        print(
            f"{role} {user.email}: {counts['people']:,} people in the database; may see "
            f"{counts['visible']:,}, {counts['caseload']:,} on their caseload"
        )
        print_table(results)
    took = time.perf_counter() - started
    print()
    print(
        f"Timed {timed:,} requests in {took:.1f} s; "
        f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after "
        f"({os.cpu_count()} CPUs): other work on the machine inflates the figures"
    )
    if args.show_sql:
        for role, results in every:
            for r in results:
                print(f"\n{role}, {r.label}: {r.example}")
                for number, statement in enumerate(r.sql, 1):
                    print(f"  {number}. {statement}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

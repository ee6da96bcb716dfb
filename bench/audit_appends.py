#!/usr/bin/env python
"""How many audit events a second the chain takes with N concurrent writers: a script that
prints figures.

Each writer is a process with its own database connection that appends audit events, each in a
transaction of its own, as a request does (`services.record` inside `transaction.atomic`), for a
fixed time; all start together. The script runs it for N = 1, 2, 4, 8 and 16 writers (or those
given) and prints appends per second, the mean and 95th percentile time of one append, and
whether the chain still verifies afterwards.

It is not a test and asserts nothing about speed. It creates a throwaway PostgreSQL database,
migrates it, and drops it at the end (unless --keep). Run it from the repository root:

    .venv/bin/python bench/audit_appends.py
    .venv/bin/python bench/audit_appends.py --writers 1 4 16 --seconds 5 --shards 1
    .venv/bin/python bench/audit_appends.py --hold-ms 5

--shards sets THROUGHCARE_AUDIT_SHARDS for the run (1: a single chain under one lock, as
before the chain was sharded).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://root@127.0.0.1:5432"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--seconds", type=float, default=3.0, help="how long each run lasts")
    parser.add_argument("--events", type=int, default=1, help="events appended in each transaction")
    parser.add_argument(
        "--hold-ms",
        type=float,
        default=0.0,
        help="time each transaction goes on after its events before it commits (a request's "
        "other work: the chain's lock is held until the commit)",
    )
    parser.add_argument("--shards", type=int, default=None, help="THROUGHCARE_AUDIT_SHARDS")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args(argv)
    if min(args.writers) < 1 or args.seconds <= 0 or args.events < 1:
        parser.error("--writers, --seconds and --events must be positive")
    if max(args.writers) > 32:
        parser.error("at most 32 writers: the machine has 2 cores")
    return args


def _admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(statement.encode())


def configure(database_url: str, shards: int | None) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "throughcare.settings.development")
    os.environ.setdefault("DJANGO_DEBUG", "0")
    if shards is not None:
        os.environ["THROUGHCARE_AUDIT_SHARDS"] = str(shards)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import django

    django.setup()


def _writer(
    start: Any, seconds: float, events: int, hold: float, results: Any
) -> None:  # pragma: no cover - runs in a child process
    import uuid

    from django.db import connection, transaction

    from throughcare.audit import services
    from throughcare.audit.models import Operation

    connection.ensure_connection()
    durations: list[float] = []
    start.wait()
    end = time.perf_counter() + seconds
    while (began := time.perf_counter()) < end:
        with transaction.atomic():
            for _ in range(events):
                services.record(
                    user=None,
                    operation=Operation.CONSULTATION,
                    record_type="person",
                    record_id="bench",
                    person_id=uuid.uuid4(),
                )
            if hold:
                time.sleep(hold)
        durations.append(time.perf_counter() - began)
    connection.close()
    results.put(durations)


def run(writers: int, seconds: float, events: int, hold: float) -> tuple[int, list[float]]:
    from django.db import connections

    connections.close_all()  # each child opens its own connection
    context = multiprocessing.get_context("fork")
    start = context.Event()
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(start, seconds, events, hold, results))
        for _ in range(writers)
    ]
    for process in processes:
        process.start()
    time.sleep(0.5 + 0.1 * writers)  # let every child connect
    start.set()
    durations: list[float] = []
    for _ in processes:
        durations += results.get(timeout=seconds + 120)
    for process in processes:
        process.join()
    return len(durations) * events, durations


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    server = args.server.rstrip("/")
    name = f"throughcare_bench_audit_{os.getpid()}"
    _admin(server, f"CREATE DATABASE {name}")
    parts = urlsplit(server)
    configure(urlunsplit(parts._replace(path=f"/{name}")), args.shards)
    try:
        from django.conf import settings
        from django.core.management import call_command

        from throughcare.audit.verify import verify_chain

        call_command("migrate", verbosity=0)
        shards = getattr(settings, "THROUGHCARE_AUDIT_SHARDS", 1)
        print(
            f"Audit appends on PostgreSQL, {os.cpu_count()} cores, {shards} chain shard(s), "
            f"{args.events} event(s) a transaction held {args.hold_ms:g} ms, "
            f"{args.seconds:g} s a run"
        )
        print(f"{'writers':>7} {'appends/s':>10} {'mean ms':>8} {'p95 ms':>8}  chain")
        for writers in args.writers:
            appended, durations = run(writers, args.seconds, args.events, args.hold_ms / 1000)
            checked, finding = verify_chain()
            verdict = "verifies" if finding is None else f"BROKEN{finding}"
            print(
                f"{writers:>7} {appended / args.seconds:>10.0f} "
                f"{statistics.fmean(durations) * 1000:>8.2f} "
                f"{percentile(durations, 0.95) * 1000:>8.2f}  {verdict} ({checked:,} events)",
                flush=True,
            )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            _admin(server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""A load benchmark: N signed-in users browse a running Throughcare server and add case notes
for a fixed time, then it prints throughput, the 50th, 95th and 99th percentile time of each
page, the errors, and whether the audit chain still verifies.

It is not a test and asserts nothing about speed. Start a server on this machine first, on a
scratch database built by seed_scale (the accounts are its officers, signing in with the demo
password, which the development settings' demo switch lets through without a second factor):

    DATABASE_URL=sqlite:///var/load.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:///var/load.sqlite3 .venv/bin/python manage.py seed_scale --people 10000
    export DJANGO_SETTINGS_MODULE=throughcare.settings.development
    DATABASE_URL=sqlite:///var/load.sqlite3 .venv/bin/python -m gunicorn -c gunicorn.conf.py
    DATABASE_URL=sqlite:///var/load.sqlite3 .venv/bin/python bench/load.py http://127.0.0.1:8000

It adds case notes to the people in the database it drives: only loopback addresses
(127.0.0.1, localhost, ::1) are accepted, and the run is bounded in time and in requests.
Before the run it writes an audit checkpoint (`audit_checkpoint`), and at the end `verify_audit`
checks from it against $DATABASE_URL (the server's database: give the same): the chain as it
was is unchanged and every event since is hashed and linked (`--full-verify` walks it all).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
DEMO_PASSWORD = "resettle-demo-2026"  # noqa: S105 - throughcare.demo.builder's published one
PERSON_LINK = re.compile(r'href="/people/([0-9a-f-]{36})/"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NOTE_TEXT = "Telephone contact about housing on release. Load benchmark note."


@dataclass
class Tally:
    """What every user thread records, under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0

    def take(self, limit: int) -> bool:
        """Counts a request about to be made; False once the limit is reached."""
        with self.lock:
            if self.requests >= limit:
                return False
            self.requests += 1
            return True

    def record(self, page: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error is None:
                self.timings[page].append(seconds * 1000)
            else:
                self.errors[f"{page}: {error}"] += 1


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/load.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="the server, on a loopback address: http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=5, help="signed-in users (default 5)")
    parser.add_argument("--duration", type=float, default=60, help="seconds (default 60)")
    parser.add_argument(
        "--max-requests", type=int, default=5_000, help="stop after this many (default 5000)"
    )
    parser.add_argument(
        "--accounts",
        default="scale.com.{n:05d}@throughcare.example",
        help="the accounts' emails, {n} counting from 1 (default: seed_scale's COMs)",
    )
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument(
        "--note-every", type=int, default=5, help="one case note every N pages a user views"
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--full-verify",
        action="store_true",
        help="verify the whole audit chain afterwards, not from a checkpoint taken before the run",
    )
    args = parser.parse_args(argv)
    host = urllib.parse.urlsplit(args.url).hostname
    if urllib.parse.urlsplit(args.url).scheme not in ("http", "https") or host not in LOOPBACK:
        parser.error("the URL must be http(s) on 127.0.0.1, localhost or ::1: refused")
    if not (1 <= args.users <= 200 and 0 < args.duration <= 3600 and args.max_requests >= 1):
        parser.error("--users 1 to 200, --duration up to 3600 seconds, --max-requests 1 or more")
    return args


class User:
    """One person at a browser: their own cookies, signing in, then pages."""

    def __init__(self, base: str, email: str, tally: Tally) -> None:
        self.base = base.rstrip("/")
        self.email = email
        self.tally = tally
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.last_path = ""  # where the last request landed, after redirects
        self.people: list[str] = []  # the people on the page signing in landed on

    def request(self, page: str, path: str, form: dict[str, str] | None = None) -> str | None:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(  # noqa: S310 - loopback http(s) only, checked above
            self.base + path, data=data, headers={"Referer": self.base + path}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                body = response.read().decode()
                self.last_path = urllib.parse.urlsplit(response.geturl()).path
                error = None if response.status == 200 else str(response.status)
        except urllib.error.HTTPError as failure:
            body, error = "", str(failure.code)
        except OSError as failure:
            body, error = "", type(failure).__name__
        self.tally.record(page, time.perf_counter() - started, error)
        return body if error is None else None

    def sign_in(self, password: str) -> bool:
        page = self.request("sign-in page", "/sign-in/")
        token = CSRF_INPUT.search(page or "")
        if token is None:
            return False
        landed = self.request(
            "sign in",
            "/sign-in/",
            {"csrfmiddlewaretoken": token[1], "username": self.email, "password": password},
        )
        self.people = PERSON_LINK.findall(landed or "")
        return landed is not None and not self.last_path.startswith("/sign-in/")

    def browse(self, rng: random.Random, limit: int, until: float, note_every: int) -> None:
        """The people of the caseload signing in landed on (or of the caseload, asked first if
        there were none), then their pages, the caseload again every tenth page and a note
        every `note_every`th. Each user starts at a point of that round of their own: from the
        same point, the users asked for their caseloads in the same second, round after round
        (they keep in step), and those requests queued behind each other."""
        people: list[str] = list(self.people)
        viewed = rng.randrange(10)
        while time.monotonic() < until and self.tally.take(limit):
            viewed += 1
            if not people or viewed % 10 == 1:
                caseload = self.request("caseload", "/")
                people = PERSON_LINK.findall(caseload or "") or people
                continue
            person = rng.choice(people)
            if viewed % note_every == 0:
                self.add_note(person)
            elif viewed % 2 == 0:
                self.request("person overview", f"/people/{person}/")
            else:
                self.request("activity timeline", f"/people/{person}/activity/")

    def add_note(self, person: str) -> None:
        path = f"/people/{person}/activity/"
        token = CSRF_INPUT.search(self.request("activity timeline", path) or "")
        if token is None:
            return
        today = time.localtime()
        self.request(
            "add a case note",
            path,
            {
                "csrfmiddlewaretoken": token[1],
                "note_type": "contact",
                "occurred_on_day": str(today.tm_mday),
                "occurred_on_month": str(today.tm_mon),
                "occurred_on_year": str(today.tm_year),
                "text": NOTE_TEXT,
            },
        )


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def manage(*command: str) -> subprocess.CompletedProcess[str]:
    """This repository's `manage.py` against $DATABASE_URL (the server's database)."""
    environ = {"DJANGO_SETTINGS_MODULE": "throughcare.settings.development", **os.environ}
    return subprocess.run(  # noqa: S603 - this interpreter, this repository's manage.py
        [sys.executable, str(REPO / "manage.py"), *command],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


def checkpoint(path: Path) -> None:
    """A signed checkpoint of the audit chain as it stands, before the run (`audit_checkpoint`):
    the check afterwards starts there, not from the first event of a national database."""
    done = manage("audit_checkpoint", "--file", str(path))
    if done.returncode != 0:
        raise SystemExit(f"audit_checkpoint failed: {(done.stdout + done.stderr).strip()}")


def verify_audit(checkpoints: Path | None) -> str:
    """`manage.py verify_audit`, from the checkpoint taken before the run if there is one (the
    events before it unchanged, every event since hashed and linked): its verdict and last line."""
    done = manage("verify_audit", *(["--checkpoints", str(checkpoints)] if checkpoints else []))
    lines = (done.stdout + done.stderr).strip().splitlines()
    verdict = "verifies" if done.returncode == 0 else f"DOES NOT VERIFY (exit {done.returncode})"
    return f"{verdict}: {lines[-1] if lines else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    checkpoints = None
    if not args.full_verify:
        checkpoints = Path(tempfile.mkdtemp()) / "checkpoints.jsonl"
        checkpoint(checkpoints)
    tally = Tally()
    users = [User(args.url, args.accounts.format(n=n), tally) for n in range(1, args.users + 1)]
    signed_in = [u for u in users if u.sign_in(args.password)]
    print(f"{len(signed_in)} of {len(users)} users signed in at {args.url}")
    if not signed_in:
        print("Nobody signed in: is the demo switch on and seed_scale's data there?")
        return 1
    sign_in_tally = dict(tally.timings), dict(tally.errors)
    tally.timings.clear()
    tally.errors.clear()
    tally.requests = 0
    started = time.monotonic()
    until = started + args.duration
    threads = [
        threading.Thread(
            target=user.browse,
            args=(random.Random(args.seed + i), args.max_requests, until, args.note_every),
        )
        for i, user in enumerate(signed_in)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - started
    report(tally, took, sign_in_tally)
    print(f"Audit chain {verify_audit(checkpoints)}")
    return 0


def report(
    tally: Tally, took: float, sign_in: tuple[dict[str, list[float]], dict[str, int]]
) -> None:
    done = sum(len(t) for t in tally.timings.values())
    failed = sum(tally.errors.values())
    print(
        f"{done + failed:,} requests in {took:.1f} s: {(done + failed) / took:.1f} a second "
        f"({done:,} answered 200, {failed:,} errors; a note is two: its page and the post)"
    )
    print()
    header = f"{'page':<20} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    print(header)
    print("-" * len(header))
    for page, timings in [*sorted(sign_in[0].items()), *sorted(tally.timings.items())]:
        print(
            f"{page:<20} {len(timings):>8} {percentile(timings, 0.5):>8.0f} "
            f"{percentile(timings, 0.95):>8.0f} {percentile(timings, 0.99):>8.0f}"
        )
    errors = {**sign_in[1], **tally.errors}
    print()
    print("Errors: none" if not errors else "Errors:")
    for error, count in sorted(errors.items()):
        print(f"  {error}: {count}")


if __name__ == "__main__":
    sys.exit(main())

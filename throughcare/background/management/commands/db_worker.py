"""Runs the background tasks queued in the database (Django's tasks framework)."""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from throughcare.background import worker


class Command(BaseCommand):
    help = (
        "Run queued background tasks (imports) until stopped. Started beside the server by "
        "`make run`. A task cut off part way is put back in the queue when a worker next starts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue-name", action="append", dest="queues")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            # Between tasks: stop at once. Within one, SIGTERM's default would cut it off
            # mid-batch (rolled back, and resumed by the next worker); waiting is kinder.
            nonlocal stopping
            if stopping:
                raise SystemExit(1)
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        done = worker.run(
            queues=options["queues"] or ["default"],
            once=options["batch"],
            interval=options["interval"],
            should_stop=lambda: stopping,
        )
        self.stdout.write(f"Worker stopped after {done} task{'s' if done != 1 else ''}.")

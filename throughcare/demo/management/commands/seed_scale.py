"""Adds N made-up people (with sentences, offences and case notes) for benchmarks."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from throughcare.core import clock
from throughcare.demo import builder as demo
from throughcare.people.models import Person


class Command(BaseCommand):
    help = "Add N made-up people with sentences and case notes, for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--notes-per-person", type=int, default=5)
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        service, _ = demo.ensure_service()
        seed = options["seed"] if options["seed"] is not None else 1000 + Person.objects.count()
        done = 0
        for batch in demo.generate(
            service,
            options["people"],
            seed=seed,
            today=clock.today(),
            notes_per_person=options["notes_per_person"],
        ):
            demo.store(batch, actor=None)
            done += len(batch.people)
            print(f"  {done:,} people", file=sys.stderr)
        self.stdout.write(self.style.SUCCESS(f"Added {done:,} people."))

"""Builds made-up data in the national shape, for benchmarks (throughcare/demo/national.py)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from throughcare.demo import national


class Command(BaseCommand):
    help = (
        "Build a made-up national service holding N people (teams, officers with 30 to 60 "
        "cases, sentences, offences, case notes, audit events). Re-running adds only what is "
        "missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--notes-per-person", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        people = options["people"]
        already = national.scale_people()
        if already >= people:
            self.stdout.write(f"The scale service already holds {already:,} people; nothing added.")
            return
        self.stdout.write(f"Building {people:,} people ({already:,} already there)...")
        seconds = 0.0
        for stored, total, seconds in national.build(
            people, seed=options["seed"], notes_per_person=options["notes_per_person"]
        ):
            rate = (stored - already) / seconds if seconds else 0.0
            self.stdout.write(f"  {stored:,} of {total:,} people, {seconds:.0f} s ({rate:,.0f}/s)")
            self.stdout.flush()
        self.stdout.write(
            self.style.SUCCESS(f"The scale service holds {people:,} people ({seconds:.0f} s).")
        )

"""Loads the demo service once: running it again changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand

from throughcare.core import clock
from throughcare.demo import assessments, concerns, history, partners, planning, stages
from throughcare.demo import builder as demo
from throughcare.demo.requests import seed_requests

DEMO_PEOPLE = 60
DEMO_SEED = 1


class Command(BaseCommand):
    help = "Load a small made-up probation service for trying Throughcare (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        service, created = demo.ensure_service()
        if not created:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        today = clock.today()
        for batch in demo.generate(
            service, DEMO_PEOPLE, seed=DEMO_SEED, today=today, notes_per_person=3
        ):
            demo.store(batch, actor=None)
        demo.share_with_partners(service, today=today)
        demo.add_interviews(service)
        seed_requests(today=today)
        concerns.add_concerns_and_advice()
        assessments.add_assessments()
        planning.add_options()
        partners.add_referrals()
        staged = stages.add_stages()
        released = history.add_history()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo service with {DEMO_PEOPLE + len(staged) + released} people "
                f"({len(staged)} of them at each stage of the plan, {released} released over "
                f"the past {history.MONTHS} months with their outcomes)."
            )
        )

"""Checks the audit log's hash chain and names the first event altered, removed or reordered."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from throughcare.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify the audit log: exit status 1 and the first bad event if it was tampered with."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, finding = verify_chain()
        if finding:
            raise CommandError(
                f"Audit log check failed at event {finding.event_id}: {finding.problem} "
                f"({finding.detail}). {checked:,} events read."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit log intact: {checked:,} events checked."))

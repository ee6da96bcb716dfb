"""`manage.py send_reminders`: emails the recipients of overdue items, once a day each (safe to
run twice, or from several schedulers)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from throughcare.notifications import services


class Command(BaseCommand):
    help = "Remind staff of overdue items that need their attention (once a day each)."

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = services.send_reminders()
        self.stdout.write(f"{reminded} reminder{'s' if reminded != 1 else ''} sent")

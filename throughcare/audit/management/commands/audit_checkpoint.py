"""Writes a signed checkpoint of the audit log (how many events, the last one's id and hash,
when) outside the database: appended to a file, or to standard output for the operator's log
store. Run it on a schedule; `verify_audit` checks the log against the latest."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from throughcare.audit import checkpoint


class Command(BaseCommand):
    help = "Write a signed checkpoint of the audit log to a file or to standard output."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            metavar="FILE",
            default=settings.THROUGHCARE_AUDIT_CHECKPOINT_FILE,
            help="append the checkpoint to this file ('-' or nothing: standard output). "
            "Default: THROUGHCARE_AUDIT_CHECKPOINT_FILE",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        taken = checkpoint.take()
        target = options["file"]
        if target and target != "-":
            checkpoint.append(target, taken)
            self.stderr.write(f"Audit checkpoint of {taken.count:,} events written to {target}.")
        else:
            self.stdout.write(taken.to_json())

"""Checks the audit log's keyed hash chains, and the log against the latest signed checkpoint,
and names the first problem found; or checks a CSV export of the log on its own.

With a checkpoint it checks only what was written since (each shard from the head the
checkpoint signed, which must still be there as it was); `--full` reads the whole log."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from throughcare.audit import checkpoint as checkpoints
from throughcare.audit.export_check import ExportError, verify_export
from throughcare.audit.verify import verify_chain, verify_since


class Command(BaseCommand):
    help = (
        "Verify the audit log against the latest checkpoint (exit status 1 and the problem if "
        "it was tampered with), or verify a CSV export with --csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            metavar="FILE",
            default=settings.THROUGHCARE_AUDIT_CHECKPOINT_FILE,
            help="the file audit_checkpoint writes to ('-' for standard input); the latest "
            "checkpoint in it is used. Default: THROUGHCARE_AUDIT_CHECKPOINT_FILE",
        )
        parser.add_argument(
            "--csv",
            metavar="FILE",
            help="verify the chain through this audit export instead of the database",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="read the whole log from its first event, not only what was written since the "
            "checkpoint (then compare it with the checkpoint)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["csv"]:
            self._verify_export(Path(options["csv"]))
            return
        source = options["checkpoints"]
        latest = None
        if source:
            try:
                latest = checkpoints.read_latest(source)
            except checkpoints.CheckpointError as problem:
                raise CommandError(f"Cannot read the checkpoints: {problem}.") from None
            if latest is None:
                raise CommandError(f"There is no audit checkpoint in {source}.")
        since = latest is not None and not options["full"]
        if latest is not None and since:
            checked, finding = verify_since(latest)
        else:
            checked, finding = verify_chain(checkpoint=latest)
        if finding:
            raise CommandError(f"Audit log check failed{finding}. {checked:,} events read.")
        if latest is None:
            self.stdout.write(
                self.style.WARNING(
                    f"{checked:,} events checked: each follows the one before and carries the "
                    "audit key's hash. No checkpoint was given (--checkpoints), so events "
                    "removed from the end of the log, or all of them, cannot be seen."
                )
            )
            return
        if since:
            shards, since_then = (
                _count(len(latest.shard_heads()), "shard"),
                _count(checked, "event"),
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit log intact since the checkpoint of {latest.at} ({latest.count:,} "
                    f"events then): the last event it signed in each shard ({shards}) is as "
                    f"it was, and the {since_then} written since were checked (--full reads "
                    "the whole log)."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit log intact: {checked:,} events checked, against the checkpoint of "
                f"{latest.at} ({latest.count:,} events)."
            )
        )

    def _verify_export(self, path: Path) -> None:
        try:
            checked, finding = verify_export(path)
        except ExportError as problem:
            raise CommandError(f"Cannot verify {path}: {problem}.") from None
        if finding:
            raise CommandError(f"Audit export check failed{finding}. {checked:,} events read.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit export intact: {checked:,} events, each following the one before and "
                "carrying the audit key's hash."
            )
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"

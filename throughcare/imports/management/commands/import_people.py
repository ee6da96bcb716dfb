"""Imports people, their identifiers, sentences and key dates from a CSV or JSON lines file
(docs/import.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from throughcare.imports import reading, running

PROBLEMS_PRINTED = 10_000


class Command(BaseCommand):
    help = (
        "Import people, identifiers, sentences and key dates from a CSV or JSON lines file. "
        "Every row is checked first; without --partial nothing is written unless every row "
        "is good."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--partial",
            action="store_true",
            help="import the good rows; write the others to --rejected",
        )
        parser.add_argument(
            "--rejected", type=Path, help="where --partial writes the rows not imported"
        )
        parser.add_argument(
            "--format", choices=reading.FORMATS, help="default: from the file's name"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        partial = options["partial"]
        rejected: Path | None = options["rejected"]
        if partial and rejected is None:
            rejected = path.with_name(
                path.name
                + ".rejected"
                + (".jsonl" if path.suffix in (".jsonl", ".ndjson") else ".csv")
            )
        file_format = options["format"] or reading.format_of(path.name, _first(path))

        def open_file() -> TextIO:
            return path.open(encoding="utf-8-sig", newline="")

        def progress(at: running.Progress) -> None:
            self.stderr.write(f"  {at}")

        result = running.run(
            open_file,
            file_format,
            user=None,
            partial=partial,
            reason=f"Bulk import from the command line ({path.name[:60]})",
            progress=progress,
        )
        for problem in result.problems[:PROBLEMS_PRINTED]:
            self.stdout.write(
                f"Row {problem.row}, {problem.column or 'whole row'}: {problem.message}"
            )
        if len(result.problems) > PROBLEMS_PRINTED:
            self.stdout.write(f"... and {len(result.problems) - PROBLEMS_PRINTED:,} more problems")
        if not result.written:
            raise CommandError(
                f"Nothing imported: {len(result.problems):,} problems in {result.rejected_rows:,} "
                f"of {result.rows:,} rows." + ("" if partial else " Fix them, or use --partial.")
            )
        if partial and rejected is not None and result.problems:
            rejected.write_text(result.rejected_text, encoding="utf-8")
            self.stdout.write(f"{result.rejected_rows:,} rows not imported, written to {rejected}")
        counts = result.counts
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.rows:,} rows: {counts.created:,} people added, "
                f"{counts.updated:,} updated, {counts.unchanged:,} unchanged, "
                f"{result.rejected_rows:,} not imported."
            )
        )


def _first(path: Path) -> str:
    with path.open(encoding="utf-8-sig", errors="replace") as stream:
        return stream.read(100)

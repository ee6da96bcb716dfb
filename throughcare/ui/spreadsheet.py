"""CSV files that spreadsheet programs open safely: the audit export and the case exports."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator

# Spreadsheet programs run a cell that starts with one of these as a formula. A cell that starts
# with a quote gets one too, so that `verify_audit --csv` can take exactly one off every cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


class _Echo:
    """A file-like object that hands back what is written, for streaming CSV rows."""

    def write(self, value: str) -> str:
        return value


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will show as text: a leading quote before anything that would
    otherwise be taken as a formula (free text such as reasons is typed by users)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_lines(rows: Iterable[list[str]], keep: re.Pattern[str] | None = None) -> Iterator[str]:
    """Each row as one line of CSV, every cell made safe but those `keep` matches whole (a
    negative number, say, which a spreadsheet should read as a number)."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow(
            [cell if keep and keep.fullmatch(cell) else safe_cell(cell) for cell in row]
        )

"""The command: score a CSV file of cases through the batch path, a chunk at a time.

``python -m throughcare.assessment.instruments.ogrs3 --input cases.csv --output scored.csv``
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TextIO

import numpy as np

from .batch import score_batch

INPUT_COLUMNS: Final = (
    "sex",
    "offence_category",
    "previous_sanctions",
    "birth_date",
    "conviction_date",
    "first_sanction_date",
    "assessment_date",
)
OUTPUT_COLUMNS: Final = ("ogrs3_1y", "ogrs3_2y", "ogrs3_band", "error")


class CommandError(Exception):
    """A problem with the whole input (not one row): reported and exit status 1."""


def _chunks(reader: Iterator[list[str]], size: int) -> Iterator[list[list[str]]]:
    chunk: list[list[str]] = []
    for row in reader:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def score_csv(
    source: TextIO,
    target: TextIO,
    *,
    chunk_size: int = 50_000,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Score every row of ``source`` (CSV with :data:`INPUT_COLUMNS`) into ``target``.

    Returns (rows, rows not scored). Raises :class:`CommandError` for an empty file or
    missing columns. Output: the input columns (any old ``ogrs3_*``/``error`` columns replaced)
    plus :data:`OUTPUT_COLUMNS`, one row per input row, in order.
    """
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise CommandError(
            "the input file is empty: it needs a header row naming the columns "
            + ", ".join(INPUT_COLUMNS)
        )
    names = [h.strip() for h in header]
    missing = [c for c in INPUT_COLUMNS if c not in names]
    if missing:
        raise CommandError(
            "the input has no column named "
            + ", ".join(missing)
            + " (columns needed: "
            + ", ".join(INPUT_COLUMNS)
            + ")"
        )
    keep = [i for i, h in enumerate(names) if h not in OUTPUT_COLUMNS]
    where = {c: names.index(c) for c in INPUT_COLUMNS}
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow([header[i] for i in keep] + list(OUTPUT_COLUMNS))
    width = len(header)
    total = failed = 0
    for chunk in _chunks(reader, chunk_size):
        shape_error: dict[int, str] = {}
        columns: dict[str, list[str | None]] = {c: [] for c in INPUT_COLUMNS}
        for r, row in enumerate(chunk):
            if len(row) != width:
                shape_error[r] = f"row has {len(row)} values but the header has {width} columns"
            for c, i in where.items():
                columns[c].append(row[i] if i < len(row) else None)
        result = score_batch(**{c: np.array(v, dtype=object) for c, v in columns.items()})
        errors = result.errors()
        one = result.one_year.tolist()
        two = result.two_year.tolist()
        bands = result.bands()
        for r, row in enumerate(chunk):
            padded = row + [""] * (width - len(row))
            error = shape_error.get(r) or errors[r]
            if error is None:
                extra = [repr(one[r]), repr(two[r]), bands[r] or "", ""]
            else:
                failed += 1
                extra = ["", "", "", error]
            writer.writerow([padded[i] for i in keep] + extra)
        total += len(chunk)
        if progress is not None:
            progress(total, failed)
    return total, failed


def _stream(path: str, stdio: TextIO, *, write: bool) -> TextIO:
    """The file at `path`, or standard input or output for "-"; the caller closes a file."""
    if path == "-":
        return stdio
    if write:
        return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by main
    return open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed by main


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m throughcare.assessment.instruments.ogrs3 --input IN.csv --output OUT.csv``."""
    parser = argparse.ArgumentParser(
        prog="python -m throughcare.assessment.instruments.ogrs3",
        description="Score a CSV file of cases with OGRS3. Input columns: "
        + ", ".join(INPUT_COLUMNS)
        + " (dates YYYY-MM-DD, sex male/female, offence categories "
        "as named in ogrs3.md). Output: the input columns plus "
        + ", ".join(OUTPUT_COLUMNS)
        + "; probabilities are 0-1 at full precision; a row that cannot be scored has its "
        "reason in 'error' and empty scores.",
    )
    parser.add_argument("--input", required=True, help="CSV file to score ('-' for stdin)")
    parser.add_argument("--output", required=True, help="CSV file to write ('-' for stdout)")
    parser.add_argument("--chunk-size", type=int, default=50_000, help=argparse.SUPPRESS)
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    args = parser.parse_args(argv)
    if args.chunk_size < 1:
        parser.error("--chunk-size must be at least 1")
    started = time.perf_counter()

    def progress(rows: int, failed: int) -> None:
        if not args.quiet and rows >= args.chunk_size:
            print(
                f"ogrs3: {rows:,} rows read, {failed:,} not scored "
                f"({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
                flush=True,
            )

    source: TextIO | None = None
    target: TextIO | None = None
    try:
        source = _stream(args.input, sys.stdin, write=False)
        target = _stream(args.output, sys.stdout, write=True)
        rows, failed = score_csv(source, target, chunk_size=args.chunk_size, progress=progress)
    except OSError as exc:
        print(f"ogrs3: error: {exc}", file=sys.stderr)
        return 1
    except (CommandError, UnicodeDecodeError, csv.Error) as exc:
        print(f"ogrs3: error in {args.input}: {exc}", file=sys.stderr)
        return 1
    finally:
        for stream in (source, target):
            if stream is not None and stream not in (sys.stdin, sys.stdout):
                stream.close()
    if not args.quiet:
        print(
            f"ogrs3: scored {rows - failed:,} of {rows:,} rows; {failed:,} could not be scored "
            "(reason in the 'error' column)",
            file=sys.stderr,
        )
    return 0

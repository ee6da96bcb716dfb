"""Running an import: every row checked first, then the good rows written in batches.

    result = running.run(open_file, file_format, user=..., partial=False)

Without `partial`, nothing is written unless every row is good. With it, the good rows are
written and the others returned (`Result.rejected_text`, in the file's own format, each with
its problems). Batch k is the k-th run of BATCH rows of the file: it commits with its audit
events and, for a job, with the job's counts and `batches_committed`, so a run cut off part
way is resumed (`resume_after`) from the next batch and never leaves half of one.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import itertools
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TextIO

from django.db import connection, transaction

from throughcare.core import clock

from . import reading, writing
from .checking import Checker, Problem, Row
from .writing import Counts

# Rows a batch: each commits in one transaction with its audit events. 5,000 rather than 1,000:
# a commit (and on SQLite its share of the write-ahead log's checkpoints) costs about the same
# whatever the batch holds, and 100,000 rows were written in 34 s instead of 42 s (SQLite).
BATCH = 5_000
SQLITE_CACHE_KIB = 128 * 1024
# The rows checked are kept for the writing pass, so it need not check them again, for files of
# up to this many rows (about 2 KB a row held in memory); a larger file's rows are checked
# again as they are written, a chunk at a time, so memory stays bounded whatever the size.
KEEP_CHECKED = 200_000

OpenFile = Callable[[], TextIO]


@dataclass(frozen=True)
class Progress:
    """Where a run has got to: rows checked or written of the total, and the rate so far."""

    phase: str  # "checking" or "importing"
    done: int
    total: int | None
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    @property
    def seconds_left(self) -> float | None:
        if self.total is None or not self.rate:
            return None
        return max(0.0, (self.total - self.done) / self.rate)

    def __str__(self) -> str:
        verb = "checked" if self.phase == "checking" else "imported"
        of = f" of {self.total:,}" if self.total is not None else ""
        text = f"{self.done:,}{of} rows {verb}, {self.rate:,.0f} rows a second"
        if (left := self.seconds_left) is not None:
            text += f", about {left:,.0f} s left"
        return text


@dataclass
class Result:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    written: bool = False
    rejected_text: str = ""
    # Each chunk's size and good rows, in order, while the file is small enough to keep them
    # (`KEEP_CHECKED`); None once it is not.
    checked: list[tuple[int, list[Row]]] | None = field(default_factory=list, repr=False)

    @property
    def rejected_rows(self) -> int:
        return len({p.row for p in self.problems})


Hooks = Callable[[Progress], None]
BatchDone = Callable[[int, int, Counts], None]  # (batches committed, its rows, its counts)


def _chunks(
    rows: Iterator[tuple[int, dict[str, str]]], size: int
) -> Iterator[list[tuple[int, dict[str, str]]]]:
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


def check(
    open_file: OpenFile, file_format: str, today: date, progress: Hooks, batch: int | None = None
) -> tuple[Result, dict[int, dict[str, str]]]:
    """Every row checked, `batch` rows at a time (`BATCH` unless given; the writing pass's
    batches): the problems, and the rows that have any (for the rejects file)."""
    batch = batch or BATCH
    result = Result()
    bad: dict[int, dict[str, str]] = {}
    checker = Checker(today)
    started = time.perf_counter()
    try:
        with _collector_paused(), open_file() as stream:
            for chunk in _chunks(reading.rows(stream, file_format), batch):
                good, problems = checker.check(chunk)
                result.rows += len(chunk)
                if result.checked is not None:
                    result.checked.append((len(chunk), good))
                    if result.rows > KEEP_CHECKED:
                        result.checked = None
                result.problems += problems
                failing = {p.row for p in problems}
                bad |= {number: raw for number, raw in chunk if number in failing}
                progress(Progress("checking", result.rows, None, time.perf_counter() - started))
    except reading.FileProblem as problem:
        result.problems = [Problem(problem.row, problem.column, problem.message)]
        result.checked, bad = None, {}
    except UnicodeDecodeError:
        result.problems = [Problem(1, "", "The file is not UTF-8 text: save it as CSV UTF-8")]
        result.checked, bad = None, {}
    return result, bad


def rejected_text(file_format: str, bad: dict[int, dict[str, str]], problems: list[Problem]) -> str:
    """The rows not imported, in the file's format, each with a `problems` column."""
    why: dict[int, list[str]] = {}
    for problem in problems:
        where = problem.column or "row"
        why.setdefault(problem.row, []).append(f"{where}: {problem.message}")
    out = io.StringIO()
    rows = [(number, raw) for number, raw in sorted(bad.items()) if "" not in raw]
    if file_format == reading.JSON_LINES:
        for number, raw in rows:
            out.write(json.dumps({**raw, "row": number, "problems": why[number]}) + "\n")
        return out.getvalue()
    header = list(rows[0][1]) if rows else []
    writer = csv.writer(out)
    writer.writerow(["row", *header, "problems"])
    for number, raw in rows:
        writer.writerow([number, *(raw.get(name, "") for name in header), "; ".join(why[number])])
    return out.getvalue()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a pass runs. The rows checked are kept (up to
    `KEEP_CHECKED`), and each of its full collections walked every one of them again: 30% of
    the CPU time of importing 50,000 rows, more the larger the file. An import makes few
    reference cycles (the peak memory was the same without the collector); they are collected
    once it resumes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def _page_cache() -> Iterator[None]:
    """On SQLite, a larger page cache for this connection while it writes (SQLite's default
    is 2 MB): each batch adds to a dozen indexes keyed by random ids (people's, the audit's),
    and once they outgrow the cache every insert reads their pages again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def write(
    open_file: OpenFile,
    file_format: str,
    *,
    user: Any,
    reason: str,
    today: date,
    total: int,
    resume_after: int = 0,
    batch_done: BatchDone | None = None,
    progress: Hooks = lambda p: None,
    checked: list[tuple[int, list[Row]]] | None = None,
    batch: int | None = None,
) -> Counts:
    """Writes the good rows, `batch` rows a batch (`BATCH` unless given; as the checking pass
    was given), skipping the first `resume_after` batches (already committed). `batch_done`
    runs inside each batch's transaction. `checked`: the checking pass's chunks
    (`Result.checked`), if it kept them; otherwise the file is read and checked again, a chunk
    at a time (each row's checks seeing the earlier rows, as the first time)."""
    batch = batch or BATCH
    counts = Counts()
    started = time.perf_counter()
    done = 0
    with contextlib.ExitStack() as stack:
        stack.enter_context(_collector_paused())
        stack.enter_context(_page_cache())
        if checked is None:
            checker = Checker(today)
            stream = stack.enter_context(open_file())
            chunks: Iterable[tuple[int, list[Row]]] = (
                (len(chunk), checker.check(chunk)[0])
                for chunk in _chunks(reading.rows(stream, file_format), batch)
            )
        else:
            chunks = checked
        for index, (size, good) in enumerate(chunks, start=1):
            if index <= resume_after:
                continue
            with transaction.atomic():
                written = writing.write(good, user=user, reason=reason)
                if batch_done is not None:
                    batch_done(index, size, written)
            counts.add(written)
            done += size
            progress(Progress("importing", done, total, time.perf_counter() - started))
    return counts


def run(
    open_file: OpenFile,
    file_format: str,
    *,
    user: Any,
    partial: bool,
    reason: str,
    progress: Hooks = lambda p: None,
) -> Result:
    """Checks every row, then (if every row is good, or with `partial`) writes the good ones."""
    today = clock.today()
    result, bad = check(open_file, file_format, today, progress)
    file_refused = bool(result.problems) and not bad
    if file_refused or (result.problems and not partial):
        return result
    if partial:
        result.rejected_text = rejected_text(file_format, bad, result.problems)
    result.counts = write(
        open_file,
        file_format,
        user=user,
        reason=reason,
        today=today,
        total=result.rows,
        progress=progress,
        checked=result.checked,
    )
    result.written = True
    return result

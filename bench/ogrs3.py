"""Benchmark OGRS3: generated cases through the batch path and one by one.

    .venv/bin/python bench/ogrs3.py [--rows 1000000] [--seed 2009]

Prints rows per second for the batch path (integer codes and datetime64 arrays, best of three
runs; and once from strings, as the command passes them), for one case at a time (``score``
in a Python loop, one pass), and the peak memory: the batch path's own allocations (traced by
``tracemalloc`` in a separate run) and the whole process's peak resident set. Each path is timed
from its natural input (arrays for the batch, Python values for one at a time); the time to build
those inputs is not counted. About 1% of the generated rows break a rule, so the error path is
timed too. The machine's load is printed alongside because the figures depend on it.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from throughcare.assessment.instruments import ogrs3  # noqa: E402


def generate(rows: int, seed: int) -> dict[str, Any]:
    """Plausible cases: born 1940-2005, first sanction at 10-40, conviction up to 25 years
    later, assessment within two years of it; about 1% made invalid in assorted ways."""
    rng = np.random.default_rng(seed)
    day = np.timedelta64(1, "D")
    birth = np.datetime64("1940-01-01") + rng.integers(0, 365 * 65, rows) * day
    first = birth + rng.integers(3653, 365 * 40, rows) * day
    conviction = first + rng.integers(0, 365 * 25, rows) * day
    assessment = conviction + rng.integers(0, 730, rows) * day
    previous = rng.integers(0, 60, rows)
    previous[rng.random(rows) < 0.15] = 0
    first = np.where(previous == 0, conviction, first)
    sex = (rng.random(rows) < 0.12).astype(np.int64)  # 1 = female
    category = rng.integers(0, len(ogrs3.CATEGORIES), rows)
    broken = rng.random(rows) < 0.01
    kind = rng.integers(0, 4, rows)
    previous = np.where(broken & (kind == 0), -1, previous)
    assessment = np.where(broken & (kind == 1), conviction - 30 * day, assessment)
    category = np.where(broken & (kind == 2), -1, category)
    first = np.where(broken & (kind == 3), birth + 365 * 5 * day, first)
    return {
        "sex": sex,
        "offence_category": category,
        "previous_sanctions": previous,
        "birth_date": birth,
        "conviction_date": conviction,
        "first_sanction_date": first,
        "assessment_date": assessment,
    }


def as_strings(cases: dict[str, Any]) -> dict[str, Any]:
    names = np.array([*ogrs3.CATEGORIES, "", ""], dtype=object)  # -1 -> ""
    return {
        "sex": np.array(ogrs3.SEXES, dtype=object)[cases["sex"]],
        "offence_category": names[cases["offence_category"]],
        "previous_sanctions": cases["previous_sanctions"].astype(str).astype(object),
        **{k: cases[k].astype(str).astype(object) for k in ogrs3.INPUT_COLUMNS[3:]},
    }


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def one_by_one(cases: dict[str, Any]) -> tuple[float, np.ndarray, int]:
    sexes = [ogrs3.SEXES[i] for i in cases["sex"].tolist()]
    names = [*ogrs3.CATEGORIES, None]
    categories = [names[i] for i in cases["offence_category"].tolist()]
    previous = cases["previous_sanctions"].tolist()
    dates = [cases[k].tolist() for k in ogrs3.INPUT_COLUMNS[3:]]  # datetime.date objects
    two_year = np.full(len(sexes), np.nan)
    failed = 0
    score = ogrs3.score
    error = ogrs3.OGRS3Error
    started = time.perf_counter()
    for i, (sex, cat, prev, born, convicted, first, assessed) in enumerate(
        zip(sexes, categories, previous, *dates, strict=True)
    ):
        try:
            two_year[i] = score(
                sex=sex,
                offence_category=cat,
                previous_sanctions=prev,
                birth_date=born,
                conviction_date=convicted,
                first_sanction_date=first,
                assessment_date=assessed,
            ).two_year
        except error:
            failed += 1
    return time.perf_counter() - started, two_year, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2009)
    args = parser.parse_args()
    n = args.rows
    load = os.getloadavg()
    print(
        f"OGRS3 benchmark: {n:,} generated cases; Python {platform.python_version()}, "
        f"numpy {np.__version__}; {os.cpu_count()} CPUs; load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (other work may be running)"
    )
    cases = generate(n, args.seed)
    ogrs3.score_batch(**{k: v[:10_000] for k, v in cases.items()})  # warm up

    runs = [timed(lambda: ogrs3.score_batch(**cases)) for _ in range(3)]
    best, batch = min(runs, key=lambda r: r[0])
    print(
        f"batch, codes and datetime64: {n / best:>12,.0f} rows/s  (best of 3: "
        f"{best * 1000:.0f} ms; others {', '.join(f'{r[0] * 1000:.0f}' for r in runs)} ms); "
        f"{int((~batch.ok).sum()):,} rows not scored"
    )

    strings = as_strings(cases)
    seconds, from_strings = timed(lambda: ogrs3.score_batch(**strings))
    print(f"batch, from strings (CSV):   {n / seconds:>12,.0f} rows/s  ({seconds:.2f} s)")

    seconds, two_year, failed = one_by_one(cases)
    print(
        f"one by one, score():         {n / seconds:>12,.0f} rows/s  ({seconds:.1f} s); "
        f"{failed:,} rows refused"
    )

    agree_nan = np.array_equal(np.isnan(two_year), np.isnan(batch.two_year))
    worst = float(np.nanmax(np.abs(two_year - batch.two_year)))
    same_strings = np.array_equal(from_strings.two_year, batch.two_year, equal_nan=True)
    print(
        f"check: batch and one-by-one agree on which rows fail: {agree_nan}; largest "
        f"difference {worst:.1e}; strings and codes identical: {same_strings}"
    )

    del runs, batch, from_strings
    tracemalloc.start()
    ogrs3.score_batch(**cases)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"peak memory: batch path allocations {peak / 2**20:,.0f} MiB for {n:,} rows "
        f"({peak / n:.0f} bytes/row); whole process peak RSS {rss:,.0f} MiB "
        "(includes the generated inputs and the one-by-one Python objects)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Import files for the tests: rows as dicts, written as CSV or JSON lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any


def row(n: int, com_email: str, **changes: Any) -> dict[str, str]:
    values = {
        "crn": f"A{n:06d}",
        "given_name": "Imported",
        "family_name": f"Person{n}",
        "date_of_birth": "1990-01-01",
        "sex": "male",
        "prison_number": f"B{n:04d}CD",
        "pnc_number": f"2010/{n:07d}A",
        "prison": "TMI",
        "com": com_email,
        "sentence_type": "sds",
        "sentence_date": "2025-06-01",
        "crd": "2027-01-10",
        "sed": "2028-01-01",
    }
    return {**values, **changes}


def csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def jsonl_text(rows: list[dict[str, str]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text(csv_text(rows), encoding="utf-8")
    return path

"""Reading an import file: CSV with a header row, or JSON lines (one object a line). Rows come
out as {column: text}, numbered as a person looking at the file counts them: in a CSV the
header is row 1 and the first person row 2; in JSON lines, each line is its own row."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TextIO

from .columns import COLUMNS, REQUIRED

CSV = "csv"
JSON_LINES = "jsonl"
FORMATS = (CSV, JSON_LINES)

csv.field_size_limit(64 * 1024)


class FileProblem(Exception):
    """The file as a whole cannot be read (its header, its format)."""

    def __init__(self, row: int, column: str, message: str) -> None:
        super().__init__(message)
        self.row, self.column, self.message = row, column, message


def format_of(filename: str, first_text: str = "") -> str:
    """CSV or JSON lines, by the file's name or, failing that, its first character."""
    lower = filename.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return JSON_LINES
    if lower.endswith(".csv"):
        return CSV
    return JSON_LINES if first_text.lstrip().startswith("{") else CSV


def header_problems(columns: list[str]) -> list[tuple[str, str]]:
    """(column, message) for each required column missing and each column not known."""
    problems = [(name, "This column is needed: add it") for name in REQUIRED if name not in columns]
    problems += [
        (name or "(blank)", "Not a column Throughcare reads: remove it or check its spelling")
        for name in columns
        if name not in COLUMNS
    ]
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            problems.append((name, "This column is in the file twice"))
        seen.add(name)
    return problems


def _csv_rows(stream: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(stream)
    try:
        header = [name.strip().lstrip("\ufeff").lower() for name in next(reader)]
    except StopIteration:
        raise FileProblem(1, "", "The file is empty") from None
    except csv.Error as error:
        raise FileProblem(1, "", f"Not a CSV file Throughcare can read ({error})") from None
    if problems := header_problems(header):
        column, message = problems[0]
        raise FileProblem(1, column, message)
    try:
        for index, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                yield index, {"": f"has {len(cells)} cells where the header has {len(header)}"}
                continue
            yield index, dict(zip(header, cells, strict=True))
    except csv.Error as error:
        raise FileProblem(reader.line_num, "", f"The CSV cannot be read here ({error})") from None


def _json_rows(stream: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    for index, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError:
            yield index, {"": "is not a JSON object"}
            continue
        if not isinstance(data, dict):
            yield index, {"": "is not a JSON object"}
            continue
        row: dict[str, str] = {}
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                row[str(key)] = "\x00"  # refused by the cell's check as a control character
            else:
                row[str(key)] = "" if value is None else str(value)
        yield index, row


def rows(stream: TextIO, file_format: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row's number and cells. A row that cannot be split into cells has one cell named
    "" saying why."""
    if file_format == CSV:
        return _csv_rows(stream)
    return _json_rows(stream)

"""Rows for the summary list component, so that pages never hand-write its markup."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.dateformat import format as format_date
from django.utils.safestring import SafeData


def _flatten(arguments: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    for argument in arguments:
        if isinstance(argument, list | tuple):
            for pair in argument:
                flat.extend(pair)
        else:
            flat.append(argument)
    return flat


def summary_rows(*arguments: Any) -> list[dict[str, Any]]:
    """`{% govuk_rows "Name" name "Date of birth" person.date_of_birth key_dates as rows %}`:
    the `rows` of a summary list from labels and values, in order.

    An argument that is a list of (label, value) pairs is taken in place. A date is shown as
    "4 June 2019"; a value already marked safe (captured markup, or filtered by Django) is
    passed as html, any other as text. A row whose value is None or "" is left out, so a row
    that only some records have needs no {% if %}.
    """
    flat = _flatten(arguments)
    if len(flat) % 2:
        raise ValueError("govuk_rows needs a value for every label")
    rows = []
    for label, value in zip(flat[::2], flat[1::2], strict=True):
        if value is None or value == "":
            continue
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            value = format_date(value, "j F Y")
        shown = {"html": value} if isinstance(value, SafeData) else {"text": str(value)}
        rows.append({"key": {"text": str(label)}, "value": shown})
    return rows

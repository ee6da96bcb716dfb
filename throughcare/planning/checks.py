"""The checks of submitted text that the planning services and its sub-apps' services share:
each problem goes into `problems` under the field's name; `raise_if` refuses them together."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from throughcare.core.errors import Invalid

from .models import TEXT_LIMIT


def text(
    problems: dict[str, str],
    data: Mapping[str, Any],
    name: str,
    label: str,
    *,
    required: bool = False,
    missing: str = "",
    limit: int = TEXT_LIMIT,
) -> None:
    """A text field among `data` (checked only if given): `missing` is the message when it is
    required and empty (by default "Enter <label>")."""
    if name not in data:
        return
    value = str(data[name] or "")
    if required and not value.strip():
        problems[name] = missing or f"Enter {label[:1].lower()}{label[1:]}"
    elif len(value) > limit:
        problems[name] = f"{label} must be {limit:,} characters or fewer"


def raise_if(problems: Mapping[str, Any]) -> None:
    if problems:
        raise Invalid(dict(problems))

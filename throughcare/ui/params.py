"""Building the `params` of a GOV.UK component, as its Nunjucks macro would receive them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def build_params(base: Mapping[str, Any] | None = None, **options: Any) -> dict[str, Any]:
    """A copy of `base` with `options` set in it; `a__b=1` sets `{"a": {"b": 1}}`.

    Options whose value is None or "" are left out, as a Nunjucks macro would see a missing
    option, so `value=item.value` sets nothing when the item has no value. `base` is copied,
    never changed.

        {% govuk_params params.label for=id as label %}
    """
    params: dict[str, Any] = dict(base) if isinstance(base, Mapping) else {}
    for key, value in options.items():
        if value is None or value == "":
            continue
        *parents, leaf = key.split("__")
        target = params
        for parent in parents:
            child = target.get(parent)
            target[parent] = dict(child) if isinstance(child, Mapping) else {}
            target = target[parent]
        target[leaf] = value
    return params


def js_string(value: Any) -> str:
    """A value as a Nunjucks template prints it: booleans as true/false, None as nothing."""
    if value is True or value is False:
        return "true" if value else "false"
    return "" if value is None else str(value)

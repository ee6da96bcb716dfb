"""The words a page shows for a value that is missing: never "None", never a blank.

"Not recorded" is for a fact someone could have written down and has not (a prison number,
a nationality); "Not known" is for one nobody can know yet (a release date before the
sentence is calculated). Templates use the filters of the same names (`{% load govuk %}`):

    {{ person.prison_number|or_not_recorded }}
    {{ person.eligibility_date|date:"j F Y"|or_not_known }}
"""

from __future__ import annotations

from typing import Any

NOT_KNOWN = "Not known"
NOT_RECORDED = "Not recorded"


def is_missing(value: Any) -> bool:
    """None, an empty or blank string, or an empty list."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | dict):
        return not value
    return False


def or_not_known(value: Any) -> Any:
    return NOT_KNOWN if is_missing(value) else value


def or_not_recorded(value: Any) -> Any:
    return NOT_RECORDED if is_missing(value) else value

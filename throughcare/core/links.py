"""Links to a page of a person's record, built without resolving the URL each time.

Every page of a record shows its sections and buttons, each a link that takes the person's id
(`reverse(name, args=[person.pk])`). Reversing walks Django's URL resolver for each link; a
link's text around the id is the same for every person, so `person_url` reverses each name
once per process (for the URL configuration and script prefix in use) with a stand-in id and
puts the person's id in its place.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse

_STAND_IN = uuid.UUID("00000000-0000-4000-8000-000000000000")


@functools.cache
def _around_the_id(url_name: str, urlconf: Any, prefix: str) -> tuple[str, str]:
    url = reverse(url_name, urlconf=urlconf, args=[_STAND_IN])
    before, found, after = url.partition(str(_STAND_IN))
    if not found or str(_STAND_IN) in after:
        raise ValueError(f"{url_name} does not take a person's id once")
    return before, after


def person_url(url_name: str, person_id: uuid.UUID | str) -> str:
    """`reverse(url_name, args=[person_id])` for a URL whose one argument is a person's id."""
    before, after = _around_the_id(url_name, get_urlconf(), get_script_prefix())
    return f"{before}{uuid.UUID(str(person_id))}{after}"

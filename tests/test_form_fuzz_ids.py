"""Ids too big for the database in URLs are not found (a 404, never a 500): the form fuzz's
world (`tests/test_form_fuzz.py`), every URL pattern that takes an id."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_access_matrix import named_patterns
from tests.test_form_fuzz import THIRTY_DIGITS, _client, _converters, _url, world

pytestmark = pytest.mark.django_db
__all__ = ["world"]  # the fuzz's world, as a fixture of this module too


@pytest.mark.parametrize(
    "name", [n for n, p in named_patterns() if "_id>" in str(p.pattern) and "admin:" not in n]
)
def test_ids_too_big_for_the_database_in_urls_are_not_found(
    world: dict[str, Any], name: str
) -> None:
    client = _client(world, "com")
    converters = _converters(name)
    url = _url(name, world, converters)
    for converter in (
        "sentence_id",
        "note_id",
        "user_id",
        "agreement_id",
        "request_id",
        "concern_id",
        "advice_id",
        "option_id",
        "barrier_id",
        "version_id",
    ):
        if converter in converters:
            big = url.replace(f"/{_url_value(world, converter)}/", f"/{THIRTY_DIGITS}/")
            # Opening a post-only address sends the user back to the page its form is on.
            got = client.get(big)
            back = f"/people/{world['person'].pk}/"
            assert got.status_code in (403, 404, 405) or (
                got.status_code == 302 and got["Location"].startswith(back)
            ), f"{big}: {got.status_code}"
            posted = client.post(big)
            assert posted.status_code in (403, 404, 405), f"{big}: {posted.status_code}"


def _url_value(world: dict[str, Any], converter: str) -> int:
    return {
        "sentence_id": world["sentence"].pk,
        "note_id": world["note"].pk,
        "user_id": world["users"]["com"].pk,
        "agreement_id": world["agreement"].pk,
        "request_id": world["request"].pk,
        "concern_id": world["concern"].pk,
        "advice_id": world["advice"].pk,
        "option_id": world["option"].pk,
        "barrier_id": world["barrier"].pk,
        "version_id": world["assessment"].pk,
    }[converter]

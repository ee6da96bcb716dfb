"""The API's docs page works under the service's content security policy: Ninja's Swagger UI
from our own static files, no script or style from another site, no inline script to run."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_nothing_from_elsewhere() -> None:
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/assets/ninja/") for source in sources)
    for source in sources:
        assert finders.find(source.removeprefix("/assets/")), source
    # Only JSON data in <script> elements without a src: nothing inline runs.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']
    assert "cdn" not in html.lower()


def test_the_schema_is_openapi_3_1() -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["openapi"] == "3.1.0"
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "StaffSession"}

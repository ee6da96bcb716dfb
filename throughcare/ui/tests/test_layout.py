"""The page template, the error pages and the sign-in page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from .html import html_tokens, squash

REPO = Path(__file__).resolve().parents[3]


def page(template: str = "base.html", user: Any = None, **context: Any) -> str:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return render_to_string(template, context, request=request)


def signed_in_user(verified: bool = True) -> Any:
    """A user as django-otp's middleware leaves them: with `is_verified()` saying whether the
    second factor has been given."""
    user = get_user_model()(email="sam@example.gov.uk", full_name="Sam Officer", role="com")
    user.is_verified = lambda: verified  # type: ignore[attr-defined]
    return user


def test_navigation_waits_for_the_second_factor() -> None:
    html = squash(page(user=signed_in_user(verified=False), nav_section="search"))
    assert "My caseload" not in html
    assert "Add a person" not in html


def assert_no_inline_script_or_style(html: str) -> None:
    for token in html_tokens(html):
        if token[0] == "start":
            attributes = {pair.split("=")[0] for pair in token[2:]}
            assert "style" not in attributes, token
            assert not any(name.startswith("on") for name in attributes), token
            assert token[1] != "style", "no <style> elements"
            if token[1] == "script":
                assert "src" in attributes, "no inline scripts"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "style=" not in html
    assert "javascript:" not in html


def test_page_template() -> None:
    html = page(user=signed_in_user())
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" class="govuk-template">' in html
    assert '<meta charset="utf-8">' in html
    assert (
        '<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">'
        in html
    )
    assert '<meta name="theme-color" content="#0b0c0c">' in html
    assert '<link rel="icon" sizes="any" href="/assets/ui/images/favicon.svg"' in html
    assert '<link rel="stylesheet" href="/assets/vendor/govuk-frontend.min.css">' in html
    assert '<link rel="stylesheet" href="/assets/vendor/moj-frontend.min.css">' in html
    body = squash(html).split("<body", 1)[1]
    assert body.startswith(
        ' class="govuk-template__body"><script src="/assets/ui/js/init.js"></script>'
    )
    assert '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert '<strong class="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>' in squash(
        html
    )
    assert '<footer class="govuk-template__footer"><div class="govuk-footer">' in squash(html)
    assert (
        '<script type="module" src="/assets/ui/js/app.mjs"'
        ' data-govuk-frontend="/assets/vendor/govuk-frontend.min.js"'
        ' data-moj-frontend="/assets/vendor/moj-frontend.min.js"></script>'
    ) in html
    assert_no_inline_script_or_style(html)


def test_title() -> None:
    class Errors:
        errors = {"name": ["Enter a name"]}

    assert "<title> – Throughcare</title>" in page()
    assert "<title>Error:  – Throughcare</title>" in page(form=Errors())
    html = page("404.html")
    assert "<title>Page not found – Throughcare</title>" in html


def test_header_is_for_a_service_not_on_govuk() -> None:
    """The generic header names the service; the GOV.UK header, its crown and its logotype are
    for services on GOV.UK, and no page title says GOV.UK."""
    for user in (None, signed_in_user()):
        html = squash(page(user=user))
        assert (
            '<header class="govuk-template__header"><div class="govuk-generic-header">'
            '<div class="govuk-generic-header__container govuk-width-container">'
            '<div class="govuk-generic-header__logo">'
            '<a href="/" class="govuk-generic-header__homepage-link">Throughcare</a>'
        ) in html
        assert "govuk-header" not in html
        assert 'aria-label="GOV.UK"' not in html
        assert "GOV.UK" not in html.split("</title>")[0]
        assert "/images/govuk-" not in html and "favicon.ico" not in html


def test_signed_in_navigation_marks_the_current_section() -> None:
    html = squash(page(user=signed_in_user(), nav_section="search"))
    assert '<a class="govuk-service-navigation__link" href="/caseload/">My caseload</a>' in html
    assert (
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        '<a class="govuk-service-navigation__link" href="/search/" aria-current="true">'
        '<strong class="govuk-service-navigation__active-fallback">Search</strong></a></li>'
    ) in html
    assert '<a class="govuk-service-navigation__link" href="/people/new/">Add a person</a>' in html
    assert "Sam Officer" in html
    sign_out = re.search(r'<form method="post" action="/sign-out/" novalidate>(.*?)</form>', html)
    assert sign_out
    assert 'name="csrfmiddlewaretoken"' in sign_out.group(1)
    assert ">Sign out</button>" in sign_out.group(1)


def test_signed_out_page_has_no_navigation() -> None:
    html = page()
    assert "My caseload" not in html
    assert "Sign out" not in html
    assert "govuk-service-navigation__list" not in html


def test_messages_show_in_a_success_banner() -> None:
    html = squash(page(user=signed_in_user(), messages=["Note added", "<b>Sent</b>"]))
    assert (
        '<main class="govuk-main-wrapper" id="main-content">'
        '<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"'
    ) in html
    assert '<p class="govuk-notification-banner__heading">Note added</p>' in html
    assert "&lt;b&gt;Sent&lt;/b&gt;" in html


def test_blocks() -> None:
    from django.template import engines

    child = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Overview{% endblock %}'
        '{% block before_content %}<a class="govuk-back-link" href="/">Back</a>{% endblock %}'
        "{% block content %}<h1>Hello</h1>{% endblock %}"
    )
    html = squash(child.render({}))
    assert "<title>Overview – Throughcare</title>" in html
    assert (
        '<a class="govuk-back-link" href="/">Back</a>'
        '<main class="govuk-main-wrapper" id="main-content"><h1>Hello</h1></main>'
    ) in html


@pytest.mark.parametrize("name", ["403.html", "404.html", "500.html"])
def test_error_pages(name: str) -> None:
    html = page(name, user=signed_in_user())
    assert '<h1 class="govuk-heading-l">' in html
    assert_no_inline_script_or_style(html)


def test_server_error_page_needs_no_request() -> None:
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "Sign out" not in html


def test_static_javascript_is_not_inline_and_starts_both_frontends() -> None:
    scripts = REPO / "throughcare" / "ui" / "static" / "ui" / "js"
    assert "govuk-frontend-supported" in (scripts / "init.js").read_text()
    app = (scripts / "app.mjs").read_text()
    assert "govuk.initAll()" in app and "moj.initAll()" in app


def test_templates_have_no_inline_script_or_style() -> None:
    templates = list((REPO / "throughcare" / "templates").rglob("*.html"))
    templates += list(
        (REPO / "throughcare" / "access" / "templates" / "access").glob("sign_in.html")
    )
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert "style=" not in text, path
        assert "<style" not in text, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path


@pytest.mark.django_db
def test_sign_in_page(client: Client) -> None:
    response = client.get(reverse("access:sign-in"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Sign in – Throughcare</title>" in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html
    assert "govuk-error-summary" not in html
    assert "My caseload" not in html
    assert_no_inline_script_or_style(html)


@pytest.mark.django_db
def test_sign_in_errors(client: Client) -> None:
    response = client.post(reverse("access:sign-in"), {"username": "", "password": ""})
    html = squash(response.content.decode())
    assert "<title>Error: Sign in – Throughcare</title>" in html
    assert '<a href="#id_username">' in html
    assert '<a href="#id_password">' in html
    assert 'aria-describedby="id_username-error"' in html

    response = client.post(
        reverse("access:sign-in"), {"username": "x@example.com", "password": "y"}
    )
    html = squash(response.content.decode())
    assert "<li>Enter a correct email address and password</li>" in html
    assert 'value="x@example.com"' in html
    assert 'value="y"' not in html

"""`{% govuk_fixed %}`: a component whose params are all written in the template is rendered
once, where the template is first used, and gives the markup `{% govuk %}` gives; anything
that could vary (a variable, a filter) is refused when the template is read."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError

from throughcare.ui import components

LOAD = "{% load govuk %}"


def test_it_renders_what_govuk_renders_and_only_once() -> None:
    options = 'text="Sign out" classes="govuk-button--secondary"'
    fixed = Template(f'{LOAD}{{% govuk_fixed "button" {options} %}}')
    plain = Template(f'{LOAD}{{% govuk "button" {options} %}}')
    expected = plain.render(Context())
    assert "Sign out" in expected and "govuk-button--secondary" in expected
    calls: list[str] = []
    real = components.render

    def counted(name: str, params: Any) -> Any:
        calls.append(name)
        return real(name, params)

    with mock.patch.object(components, "render", counted):
        assert [fixed.render(Context({"n": n})) for n in range(3)] == [expected] * 3
    assert calls == ["button"]


def test_numbers_and_options_with_parts_are_written_values() -> None:
    fixed = Template(f'{LOAD}{{% govuk_fixed "phase-banner" tag__text="Alpha" text="New" %}}')
    assert "Alpha" in fixed.render(Context()) and "New" in fixed.render(Context())
    Template(f'{LOAD}{{% govuk_fixed "textarea" name="x" rows=5 %}}')


@pytest.mark.parametrize(
    "tag",
    [
        '{% govuk_fixed "button" text=user.full_name %}',
        '{% govuk_fixed "button" text="Save"|upper %}',
        "{% govuk_fixed name %}",
        '{% govuk_fixed "button" "Save" %}',
        "{% govuk_fixed %}",
    ],
)
def test_anything_that_could_vary_is_refused_when_the_template_is_read(tag: str) -> None:
    with pytest.raises(TemplateSyntaxError):
        Template(LOAD + tag)

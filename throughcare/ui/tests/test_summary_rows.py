"""The template helpers that let pages build a component's rows and items instead of writing
its markup: govuk_rows, govuk_append and govuk_dict."""

from __future__ import annotations

import datetime

import pytest
from django.template import TemplateSyntaxError, engines
from django.utils.safestring import mark_safe

from throughcare.ui.summary import summary_rows

from .html import squash


def render(source: str, **context: object) -> str:
    return engines["django"].from_string("{% load govuk %}" + source).render(context)


def test_rows_from_labels_and_values() -> None:
    rows = summary_rows(
        "Name",
        "Alex <Example>",
        "Born",
        datetime.date(1990, 3, 27),
        "Address",
        mark_safe("1 Road<br>Town"),
        "Other names",
        "",
        "Prison",
        None,
        [("Release date", datetime.date(2027, 1, 3)), ("Licence end", "Not known")],
    )
    assert rows == [
        {"key": {"text": "Name"}, "value": {"text": "Alex <Example>"}},
        {"key": {"text": "Born"}, "value": {"text": "27 March 1990"}},
        {"key": {"text": "Address"}, "value": {"html": "1 Road<br>Town"}},
        {"key": {"text": "Release date"}, "value": {"text": "3 January 2027"}},
        {"key": {"text": "Licence end"}, "value": {"text": "Not known"}},
    ]


def test_rows_need_a_value_for_every_label() -> None:
    with pytest.raises(ValueError, match="a value for every label"):
        summary_rows("Name", "Alex", "Born")


def test_a_page_renders_a_summary_list_from_rows() -> None:
    html = squash(
        render(
            '{% govuk_rows "Name" name "Where" where as rows %}'
            '{% govuk "summary-list" rows=rows %}',
            name="<b>Alex</b>",
            where=mark_safe("HMP Testmoor<br>Wing B"),
        )
    )
    assert html == (
        '<dl class="govuk-summary-list"><div class="govuk-summary-list__row">'
        '<dt class="govuk-summary-list__key">Name</dt>'
        '<dd class="govuk-summary-list__value">&lt;b&gt;Alex&lt;/b&gt;</dd></div>'
        '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Where</dt>'
        '<dd class="govuk-summary-list__value">HMP Testmoor<br>Wing B</dd></div></dl>'
    )


def test_items_built_in_a_loop_with_hyphenated_attributes() -> None:
    html = squash(
        render(
            "{% govuk_list as items %}"
            "{% for name in names %}"
            '{% govuk_dict "data-testid" name as attributes %}'
            "{% govuk_params text=name href=name attributes=attributes as item %}"
            "{% govuk_append items item %}"
            "{% endfor %}"
            '{% govuk "sub-navigation" items=items %}',
            names=["one", "two"],
        )
    )
    assert html.count('class="moj-sub-navigation__item"') == 2
    assert '<a class="moj-sub-navigation__link" href="one" data-testid="one">one</a>' in html
    assert '<a class="moj-sub-navigation__link" href="two" data-testid="two">two</a>' in html


def test_a_dict_needs_a_value_for_every_key() -> None:
    with pytest.raises(TemplateSyntaxError):
        render('{% govuk_dict "role" as attributes %}')

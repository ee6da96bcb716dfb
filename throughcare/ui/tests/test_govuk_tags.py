"""The `govuk` tag, its helpers, and the one form-field rendering path."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django import forms
from django.template import engines
from django.utils.safestring import mark_safe

from throughcare.ui.components import govuk_attributes
from throughcare.ui.forms import BaseForm, DateField
from throughcare.ui.templatetags.govuk import build_params, field_params

from .html import html_tokens, normalise, squash


def render(source: str, **context: Any) -> str:
    return engines["django"].from_string("{% load govuk %}" + source).render(context)


def start_tags(html: str, tag: str) -> list[dict[str, str | None]]:
    """The attributes of every `tag` start tag, in order."""
    found = []
    for token in html_tokens(html):
        if token[0] == "start" and token[1] == tag:
            attrs: dict[str, str | None] = {}
            for pair in token[2:]:
                name, _, value = pair.partition("=")
                attrs[name] = value.strip("'\"") if value else None
            found.append(attrs)
    return found


# The govuk tag and its helpers ----------------------------------------------------------


def test_govuk_tag_renders_a_component_from_keyword_arguments() -> None:
    html = render('{% govuk "button" text="Save note" classes="govuk-button--secondary" %}')
    assert normalise(html) == normalise(
        '<button type="submit" class="govuk-button govuk-button--secondary"'
        ' data-module="govuk-button">Save note</button>'
    )


def test_double_underscore_nests_and_params_is_the_base() -> None:
    base = {"name": "q", "label": {"text": "Old", "isPageHeading": False}}
    html = render(
        '{% govuk "input" params=base id="q" label__text="Search"'
        ' label__classes="govuk-label--m" %}',
        base=base,
    )
    label = start_tags(html, "label")[0]
    assert label == {"class": "govuk-label govuk-label--m", "for": "q"}
    assert "Search" in html and "Old" not in html
    assert base == {"name": "q", "label": {"text": "Old", "isPageHeading": False}}, "base copied"


def test_name_is_a_component_option() -> None:
    html = render('{% govuk "input" name="q" label__text="Search" %}')
    assert start_tags(html, "input")[0] == {
        "class": "govuk-input",
        "id": "q",
        "name": "q",
        "type": "text",
    }


def test_build_params_leaves_out_empty_options() -> None:
    assert build_params({"a": 1}, b="", c=None, d=0, e__f="x") == {"a": 1, "d": 0, "e": {"f": "x"}}


def test_components_see_only_params() -> None:
    html = render('{% govuk "tag" text=label %}', label="Due", params={"classes": "leak"})
    assert "leak" not in html
    assert "Due" in html


def test_text_is_escaped_and_html_is_not() -> None:
    assert "&lt;b&gt;x" in render("{% govuk 'tag' text=value %}", value="<b>x</b>")
    assert "<b>x</b>" in render("{% govuk 'tag' html=value %}", value="<b>x</b>")


def test_component_names_cannot_leave_the_components_directory() -> None:
    with pytest.raises(Exception, match="Not a component name"):
        render('{% govuk "../base" %}')


def test_govuk_attributes() -> None:
    attributes = {
        "data-a": 'x"y',
        "aria-hidden": True,
        "hidden": {"value": True, "optional": True},
        "gone": {"value": None, "optional": True},
        "empty": None,
        "safe": mark_safe("&amp;"),
    }
    assert govuk_attributes(attributes) == (
        ' data-a="x&quot;y" aria-hidden="true" hidden empty="" safe="&amp;"'
    )
    assert govuk_attributes("onclick=alert(1)") == ""


def test_table_header_can_link_for_server_side_sorting() -> None:
    table = {
        "head": [
            {"text": "Name", "sort": {"href": "?sort=name&order=desc", "direction": "ascending"}},
            {"text": "Release date", "sort": {"href": "?sort=release", "direction": "none"}},
        ],
        "rows": [[{"text": "A"}, {"text": "B"}]],
    }
    html = render('{% govuk "table" params=table %}', table=table)
    headers = start_tags(html, "th")
    assert headers[0]["aria-sort"] == "ascending"
    assert headers[1]["aria-sort"] == "none"
    assert '<a class="govuk-link" href="?sort=name&amp;order=desc">Name</a>' in squash(html)


def test_moj_components_render() -> None:
    when = datetime.datetime(2025, 6, 14, 14, 1, tzinfo=datetime.UTC)
    html = render(
        '{% govuk "sub-navigation" label="Record" items=items %}'
        '{% govuk "identity-bar" title__text="Jo Bloggs" %}'
        '{% govuk "timeline" items=events headingLevel=3 %}',
        items=[{"text": "Overview", "href": "/o", "active": True}, {"text": "Notes", "href": "/n"}],
        events=[
            {
                "label": {"text": "Note added"},
                "text": "Met at gate",
                "datetime": {"timestamp": when, "type": "datetime"},
                "byline": {"text": "Sam"},
            }
        ],
    )
    assert start_tags(html, "a")[0] == {
        "class": "moj-sub-navigation__link",
        "aria-current": "page",
        "href": "/o",
    }
    assert 'aria-label="Record"' in html
    assert '<span class="moj-identity-bar__title">Jo Bloggs</span>' in html
    assert '<h3 class="moj-timeline__title">Note added</h3>' in html
    assert "14 June 2025 at 3:01pm" in html  # British Summer Time
    assert 'datetime="2025-06-14T14:01:00+00:00"' in html


# govuk_field -----------------------------------------------------------------------------


class ExampleForm(BaseForm):
    name = forms.CharField(label="Full name", help_text="As on their licence", max_length=50)
    email = forms.EmailField(
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
    )
    password = forms.CharField(widget=forms.PasswordInput)
    age = forms.IntegerField(required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(choices=[("", "Choose"), ("r", "Red"), ("g", "Green")])
    risk = forms.ChoiceField(
        choices=[("low", "Low"), ("high", "High")], widget=forms.RadioSelect, required=False
    )
    needs = forms.MultipleChoiceField(
        choices=[("a", "Accommodation"), ("b", "Benefits")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="I agree")
    released = DateField(label="Release date", help_text="For example, 27 3 2026")


VALID = {
    "name": "Jo",
    "email": "jo@example.com",
    "password": "secret",
    "colour": "g",
    "agree": "true",
    "released_day": "1",
    "released_month": "2",
    "released_year": "2026",
}


@pytest.mark.parametrize(
    ("field", "component", "input_type"),
    [
        ("name", "input", None),
        ("email", "input", "email"),
        ("password", "input", "password"),
        ("age", "input", "number"),
        ("notes", "textarea", None),
        ("colour", "select", None),
        ("risk", "radios", None),
        ("needs", "checkboxes", None),
        ("agree", "checkboxes", None),
        ("released", "date-input", None),
    ],
)
def test_each_widget_gets_its_component(field: str, component: str, input_type: str | None) -> None:
    chosen, params = field_params(ExampleForm()[field])
    assert chosen == component
    assert params.get("type") == input_type


def test_text_input_params() -> None:
    _, params = field_params(
        ExampleForm(initial={"name": "Jo"})["name"], classes="govuk-input--width-20"
    )
    assert params == {
        "name": "name",
        "id": "id_name",
        "label": {"text": "Full name"},
        "hint": {"text": "As on their licence"},
        "classes": "govuk-input--width-20",
        "value": "Jo",
    }


def test_widget_attributes_pass_through() -> None:
    _, params = field_params(ExampleForm()["email"])
    assert params["autocomplete"] == "email"
    assert params["spellcheck"] is False
    html = render("{% govuk_field form.email %}", form=ExampleForm())
    assert start_tags(html, "input")[0] == {
        "class": "govuk-input",
        "id": "id_email",
        "name": "email",
        "type": "email",
        "spellcheck": "false",
        "autocomplete": "email",
    }


def test_label_options() -> None:
    html = render(
        '{% govuk_field form.name is_page_heading=True label_classes="govuk-label--xl" %}'
        "{% govuk_field form.risk is_page_heading=True %}"
        '{% govuk_field form.needs label_classes="govuk-label--m" %}',
        form=ExampleForm(),
    )
    assert '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--xl"' in squash(
        html
    )
    assert (
        '<legend class="govuk-fieldset__legend govuk-fieldset__legend--l">'
        '<h1 class="govuk-fieldset__heading">Risk</h1></legend>'
    ) in squash(html)
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">' in squash(html)


def test_hint_override_and_safe_help_text() -> None:
    _, params = field_params(ExampleForm()["name"], hint="Their legal name")
    assert params["hint"] == {"text": "Their legal name"}
    _, params = field_params(ExampleForm()["name"], hint=mark_safe("<b>Legal</b> name"))
    assert params["hint"] == {"html": "<b>Legal</b> name"}


def test_an_error_is_shown_and_described() -> None:
    form = ExampleForm(data={**VALID, "email": "not an email"})
    assert not form.is_valid()
    html = render("{% govuk_field form.email %}{% govuk_field form.name %}", form=form)
    email, name = start_tags(html, "input")
    assert email["aria-describedby"] == "id_email-error"
    assert email["class"] == "govuk-input govuk-input--error"
    assert email["value"] == "not an email", "what the user typed is kept"
    assert name["aria-describedby"] == "id_name-hint"
    assert '<p id="id_email-error" class="govuk-error-message">' in html
    assert "Enter a valid email address." in html
    assert 'class="govuk-form-group govuk-form-group--error"' in html


def test_hint_and_error_both_describe_the_field() -> None:
    form = ExampleForm(data={**VALID, "name": ""})
    form.is_valid()
    (name,) = start_tags(render("{% govuk_field form.name %}", form=form), "input")
    assert name["aria-describedby"] == "id_name-hint id_name-error"


def test_only_the_first_error_of_a_field_is_shown() -> None:
    form = ExampleForm(data=VALID)
    form.is_valid()
    form.add_error("name", "First problem")
    form.add_error("name", "Second problem")
    html = render("{% govuk_field form.name %}", form=form)
    assert "First problem" in html and "Second problem" not in html


def test_choices_keep_the_submitted_value() -> None:
    form = ExampleForm(data={**VALID, "risk": "high", "needs": ["b"], "name": ""})
    assert not form.is_valid()
    html = render(
        "{% govuk_field form.colour %}{% govuk_field form.risk %}{% govuk_field form.needs %}",
        form=form,
    )
    assert '<option value="g" selected>Green</option>' in html
    radios = start_tags(html, "input")[:2]
    assert [radio["id"] for radio in radios] == ["id_risk", "id_risk-2"]
    assert "checked" not in radios[0] and "checked" in radios[1]
    checkboxes = start_tags(html, "input")[2:]
    assert "checked" not in checkboxes[0] and "checked" in checkboxes[1]


def test_radios_error_describes_the_fieldset() -> None:
    form = ExampleForm(data=VALID)
    form.is_valid()
    form.add_error("risk", "Select a risk level")
    html = render("{% govuk_field form.risk %}", form=form)
    assert start_tags(html, "fieldset")[0]["aria-describedby"] == "id_risk-error"


def test_single_checkbox() -> None:
    form = ExampleForm(data={**VALID, "agree": ""})
    form.is_valid()
    html = render("{% govuk_field form.agree %}", form=form)
    (checkbox,) = start_tags(html, "input")
    assert checkbox == {
        "class": "govuk-checkboxes__input",
        "id": "id_agree",
        "name": "agree",
        "type": "checkbox",
        "value": "true",
        "aria-describedby": "id_agree-error",
    }
    assert "<fieldset" not in html
    assert ExampleForm(data=VALID).is_valid()
    html = render("{% govuk_field form.agree %}", form=ExampleForm(data=VALID))
    assert "checked" in start_tags(html, "input")[0]


def test_single_checkbox_label_classes_and_disabled_choices() -> None:
    form = ExampleForm()
    form.fields["needs"].disabled = True
    html = render(
        '{% govuk_field form.agree label_classes="govuk-!-font-weight-bold" %}'
        "{% govuk_field form.needs %}",
        form=form,
    )
    assert '<label class="govuk-label govuk-checkboxes__label govuk-!-font-weight-bold"' in html
    assert ["disabled" in tag for tag in start_tags(html, "input")] == [False, True, True]


def test_password_is_never_redisplayed() -> None:
    form = ExampleForm(data={**VALID, "email": "bad"})
    form.is_valid()
    (password,) = start_tags(render("{% govuk_field form.password %}", form=form), "input")
    assert "value" not in password


def test_textarea_keeps_typed_text_and_drops_djangos_default_size() -> None:
    form = ExampleForm(data={**VALID, "notes": "Line <one>", "email": "bad"})
    form.is_valid()
    html = render("{% govuk_field form.notes %}", form=form)
    assert start_tags(html, "textarea")[0]["rows"] == "5"
    assert ">Line &lt;one&gt;</textarea>" in html


def test_maxlength_is_left_to_the_error_message() -> None:
    html = render("{% govuk_field form.name %}", form=ExampleForm())
    assert "maxlength" not in html


def test_date_field_renders_as_date_input() -> None:
    form = ExampleForm(initial={"released": datetime.date(2026, 3, 27)})
    html = render("{% govuk_field form.released %}", form=form)
    inputs = start_tags(html, "input")
    assert [(i["id"], i["name"], i["value"]) for i in inputs] == [
        ("id_released-day", "released_day", "27"),
        ("id_released-month", "released_month", "3"),
        ("id_released-year", "released_year", "2026"),
    ]
    assert all(i["inputmode"] == "numeric" for i in inputs)
    fieldset = start_tags(html, "fieldset")[0]
    assert fieldset == {
        "class": "govuk-fieldset",
        "role": "group",
        "aria-describedby": "id_released-hint",
    }


def test_date_field_marks_only_the_parts_in_error_and_keeps_what_was_typed() -> None:
    form = ExampleForm(
        data={**VALID, "released_day": " 3", "released_month": "", "released_year": "2O26"}
    )
    form.is_valid()
    html = render("{% govuk_field form.released %}", form=form)
    inputs = start_tags(html, "input")
    assert [i.get("value") for i in inputs] == [" 3", None, "2O26"]
    assert ["govuk-input--error" in str(i["class"]) for i in inputs] == [False, True, False]
    assert "Release date must include a month" in html


def test_date_autocomplete_is_split_into_parts() -> None:
    _, params = field_params(ExampleForm()["released"], autocomplete="bday")
    assert [item["autocomplete"] for item in params["items"]] == [
        "bday-day",
        "bday-month",
        "bday-year",
    ]


def test_unsupported_widgets_are_refused() -> None:
    class Upload(forms.Form):
        file = forms.FileField()

    with pytest.raises(TypeError, match="ClearableFileInput"):
        field_params(Upload()["file"])


# govuk_error_summary ------------------------------------------------------------------------


def test_error_summary_renders_nothing_without_errors() -> None:
    assert render("{% govuk_error_summary form %}", form=ExampleForm()).strip() == ""
    assert render("{% govuk_error_summary form %}", form=ExampleForm(data=VALID)).strip() == ""


def test_error_summary_links_each_error_to_its_input() -> None:
    form = ExampleForm(data={"risk": "", "released_day": "40"})
    form.is_valid()
    form.add_error(None, "These details match someone already recorded")
    form.add_error("risk", "Select a risk level")
    form.add_error("needs", "Select a need")
    html = render("{% govuk_error_summary form %}", form=form)
    assert "There is a problem" in html
    assert 'data-module="govuk-error-summary"' in html
    links = [(a["href"]) for a in start_tags(html, "a")]
    assert links == [
        "#id_name",
        "#id_email",
        "#id_password",
        "#id_colour",
        "#id_risk",
        "#id_needs",
        "#id_agree",
        "#id_released-month",  # the first box in error
    ]
    assert "<li>These details match someone already recorded</li>" in squash(html)
    assert "Release date must include a month and year" in html


def test_error_summary_links_to_the_first_date_box_in_error() -> None:
    form = ExampleForm(data={**VALID, "released_month": ""})
    form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    assert [a["href"] for a in start_tags(html, "a")] == ["#id_released-month"]
    form = ExampleForm(
        data={**VALID, "released_day": "", "released_month": "", "released_year": ""}
    )
    form.is_valid()
    html = render("{% govuk_error_summary form %}", form=form)
    assert [a["href"] for a in start_tags(html, "a")] == ["#id_released-day"]


def test_error_summary_links_match_the_rendered_ids() -> None:
    form = ExampleForm(data={})
    form.is_valid()
    page = render(
        "{% govuk_error_summary form %}{% for f in form %}{% govuk_field f %}{% endfor %}",
        form=form,
    )
    ids = {tag.get("id") for tag in start_tags(page, "input") + start_tags(page, "select")}
    ids |= {tag.get("id") for tag in start_tags(page, "textarea")}
    for link in start_tags(page, "a"):
        assert str(link["href"]).removeprefix("#") in ids

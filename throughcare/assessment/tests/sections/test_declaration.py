"""The long form's declaration: the contract's sections in order, each form a BaseForm, every
long answer through the one builder, no field the form does not explain."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template import engines
from django.utils.html import escape

from throughcare.assessment.sections import SECTIONS
from throughcare.assessment.sections.harm import RoshForm
from throughcare.assessment.sections.likelihood import Ogrs3Form
from throughcare.assessment.sections.needs import NeedsForm
from throughcare.ui.forms import LONG_TEXT_LIMIT, BaseForm, long_text

KEYS = (
    "sources",
    "summary",
    "needs",
    "ogrs3",
    "factors",
    "likelihood",
    "rosh",
    "other-risks",
    "evaluation",
    "community",
    "domestic-abuse",
    "safeguarding",
    "contributions",
)


def test_sections_in_the_contract_order() -> None:
    assert tuple(section.key for section in SECTIONS) == KEYS


def test_every_form_is_a_base_form_with_labelled_limited_fields() -> None:
    for section in SECTIONS:
        assert issubclass(section.form, BaseForm), section.key
        form = (
            NeedsForm(entries=[("note:1", "Case note")])
            if section.form is NeedsForm
            else section.form()
        )
        assert form.fields, section.key
        for name, field in form.fields.items():
            assert field.label, (section.key, name)
            if isinstance(field, forms.CharField):
                assert field.max_length, (section.key, name)
            # never Django's own "This field is required."
            assert "This field" not in str(field.error_messages.get("required")), (
                section.key,
                name,
            )


def test_intros_only_where_the_record_adds_something() -> None:
    intros = {section.key: section.intro for section in SECTIONS if section.intro}
    assert set(intros) == {
        "sources",
        "ogrs3",
        "likelihood",
        "rosh",
        "domestic-abuse",
        "contributions",
    }
    assert all(str(t).startswith("assessment/sections/") for t in intros.values())


def test_long_text_is_one_builder() -> None:
    field = long_text("Why", required=False, hint="Because", rows=3)
    assert (field.required, field.help_text, field.max_length) == (
        False,
        "Because",
        LONG_TEXT_LIMIT,
    )
    assert field.widget.attrs["rows"] == 3
    assert field.widget.attrs["data-character-count"] == LONG_TEXT_LIMIT
    assert field.clean("  padded  ") == "padded"


def test_the_interview_uses_the_shared_builder() -> None:
    from throughcare.casework.interview import questions

    assert not hasattr(questions, "answer")
    field = questions.OffendingForm().fields["why"]
    assert isinstance(field, forms.CharField)
    assert field.max_length == LONG_TEXT_LIMIT
    assert field.widget.attrs["data-character-count"] == LONG_TEXT_LIMIT


def test_every_section_renders_as_the_frame_renders_it() -> None:
    """Each field through `{% govuk_field %}`, as the long-form frame's page does, with errors:
    radios, checkboxes, numbers and dates each as their GOV.UK component."""
    page = engines["django"].from_string(
        "{% load govuk %}{% for field in form %}{% govuk_field field %}{% endfor %}"
    )
    for section in SECTIONS:
        kwargs: dict[str, Any] = (
            {"entries": [("note:1", "Case note")]} if section.form is NeedsForm else {}
        )
        form = section.form({"unknown": "x"}, **kwargs)
        form.is_valid()
        html = page.render({"form": form})
        for name in form.fields:
            assert f'name="{name}' in html, (section.key, name)
        for message in (str(e) for errors in form.errors.values() for e in errors):
            assert escape(message) in html, (section.key, message)
    rosh = page.render({"form": RoshForm()})
    assert "govuk-radios--inline" in rosh and "govuk-fieldset__legend" in rosh
    needs = page.render({"form": NeedsForm(entries=[("note:1", "Case note")])})
    assert 'type="checkbox"' in needs and 'value="note:1"' in needs
    assert 'inputmode="numeric"' in page.render({"form": Ogrs3Form()})

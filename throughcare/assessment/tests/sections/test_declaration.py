"""The long form's declaration: the contract's sections in order, each form a BaseForm, every
long answer through the one builder, no field the form does not explain."""

from __future__ import annotations

from django import forms

from throughcare.assessment.sections import SECTIONS
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
    assert set(intros) == {"sources", "ogrs3", "likelihood", "rosh", "domestic-abuse"}
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
    assert field.max_length == LONG_TEXT_LIMIT
    assert field.widget.attrs["data-character-count"] == LONG_TEXT_LIMIT

"""The markup of a blank form that holds nothing about a person is kept per process
(`components.render_kept`, `BaseForm.blank_is_impersonal`): it is the markup rendering gives,
a form with anything typed in is never kept, and the store stays bounded."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django import forms
from django.utils.safestring import mark_safe

from throughcare.casework.forms import CaseNoteForm
from throughcare.ui import components
from throughcare.ui.fields import field_params
from throughcare.ui.forms import BaseForm
from throughcare.ui.templatetags.govuk import govuk_field


@pytest.fixture(autouse=True)
def empty_store() -> Iterator[None]:
    components._kept.clear()
    yield
    components._kept.clear()


def test_the_blank_add_note_form_renders_as_before_and_once_a_day() -> None:
    for day in (datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)):
        blank = CaseNoteForm(None, initial={"occurred_on": day})
        for field in blank:
            expected = components.render(*field_params(field))
            assert govuk_field(field) == expected
            assert govuk_field(CaseNoteForm(None, initial={"occurred_on": day})[field.name]) == (
                expected
            )
    # Six fields, of which only the date differs from one day to the next.
    assert len(components._kept) == 7
    assert "2026" not in "".join(
        markup for (name, _), markup in components._kept.items() if name != "date-input"
    )


def test_a_form_with_anything_typed_in_is_never_kept() -> None:
    posted = CaseNoteForm({"note_type": "contact", "text": "Seen at the hostel"})
    assert posted.is_bound
    for field in posted:
        govuk_field(field)
    assert components._kept == {}


def test_a_form_that_does_not_say_so_is_never_kept() -> None:
    class Details(BaseForm):
        name = forms.CharField()

    govuk_field(Details(None, initial={"name": "Jo Bloggs"})["name"])
    assert components._kept == {}


def test_safe_and_plain_text_are_different_keys() -> None:
    plain = components.render_kept("hint", {"text": "<b>x</b>"})
    safe = components.render_kept("hint", {"html": mark_safe("<b>x</b>")})  # noqa: S308
    again = components.render_kept("hint", {"text": "<b>x</b>"})
    assert "&lt;b&gt;" in plain and "<b>x</b>" in safe and again == plain
    assert len(components._kept) == 2


def test_params_of_another_type_are_rendered_not_kept() -> None:
    class Label:
        def __str__(self) -> str:
            return "Note"

    assert "Note" in components.render_kept("hint", {"text": Label()})
    assert components._kept == {}


def test_the_store_keeps_the_most_recently_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components, "KEPT_MOST", 3)
    for n in range(5):
        components.render_kept("hint", {"text": f"hint {n}"})
    components.render_kept("hint", {"text": "hint 2"})
    components.render_kept("hint", {"text": "hint 5"})
    assert [key[1] for key in components._kept] == [
        components._frozen({"text": f"hint {n}"}) for n in (4, 2, 5)
    ]

"""DateField: the GOV.UK date input pattern's validation."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from throughcare.ui.forms import BaseForm, DateField, date_error_parts


class ReleaseForm(BaseForm):
    release_date = DateField(label="Release date")
    licence_end = DateField(label="Licence end date", required=False)


def submit(day: str = "", month: str = "", year: str = "", **other: str) -> ReleaseForm:
    return ReleaseForm(
        data={
            "release_date_day": day,
            "release_date_month": month,
            "release_date_year": year,
            **other,
        }
    )


def error_of(form: ReleaseForm, field: str = "release_date") -> tuple[str, tuple[str, ...]]:
    assert not form.is_valid()
    return str(form.errors[field][0]), date_error_parts(form[field].errors)


def test_a_real_date() -> None:
    form = submit("27", "3", "2026")
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "release_date": datetime.date(2026, 3, 27),
        "licence_end": None,
    }


def test_spaces_and_leading_zeros_are_fine() -> None:
    form = submit(" 07 ", "03", "2026 ")
    assert form.is_valid()
    assert form.cleaned_data["release_date"] == datetime.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("typed", "message", "parts"),
    [
        (("", "", ""), "Enter release date", ("day", "month", "year")),
        (("", "3", "2026"), "Release date must include a day", ("day",)),
        (("27", "", "2026"), "Release date must include a month", ("month",)),
        (("27", "3", ""), "Release date must include a year", ("year",)),
        (("", "", "2026"), "Release date must include a day and month", ("day", "month")),
        (("27", "", ""), "Release date must include a month and year", ("month", "year")),
        (("", "3", ""), "Release date must include a day and year", ("day", "year")),
        (("27", "3", "26"), "Year must include 4 numbers", ("year",)),
        (("27", "3", "20266"), "Year must include 4 numbers", ("year",)),
        (("32", "3", "2026"), "Release date must be a real date", ("day",)),
        (("27", "13", "2026"), "Release date must be a real date", ("month",)),
        (("27", "March", "2026"), "Release date must be a real date", ("month",)),
        (("27", "3", "twenty"), "Release date must be a real date", ("year",)),
        (("0", "0", "2026"), "Release date must be a real date", ("day", "month", "year")),
        (("31", "4", "2026"), "Release date must be a real date", ("day", "month", "year")),
        (("29", "2", "2027"), "Release date must be a real date", ("day", "month", "year")),
    ],
)
def test_error_messages(typed: tuple[str, str, str], message: str, parts: tuple[str, ...]) -> None:
    assert error_of(submit(*typed)) == (message, parts)


def test_leap_day() -> None:
    assert submit("29", "2", "2028").is_valid()


def test_optional_date_may_be_left_empty_but_not_half_done() -> None:
    assert submit("1", "1", "2026").is_valid()
    form = submit("1", "1", "2026", licence_end_month="5")
    assert error_of(form, "licence_end") == (
        "Licence end date must include a day and year",
        ("day", "year"),
    )


def test_label_starting_with_an_initialism_keeps_its_capitals() -> None:
    class Form(forms.Form):
        pnc_date = DateField(label="PNC check date")

    form = Form(data={})
    assert form.errors["pnc_date"] == ["Enter PNC check date"]


def test_messages_can_be_overridden() -> None:
    class Form(forms.Form):
        born = DateField(
            label="Date of birth", error_messages={"required": "Enter their date of birth"}
        )

    assert Form(data={}).errors["born"] == ["Enter their date of birth"]


def test_other_errors_mark_the_whole_date() -> None:
    form = submit("1", "1", "2026")
    assert form.is_valid()
    form.add_error("release_date", "Release date must be in the future")
    assert date_error_parts(form["release_date"].errors) == ("day", "month", "year")


def test_typed_values_are_what_the_field_redisplays() -> None:
    form = submit("3O", "2", "26")
    assert not form.is_valid()
    assert form["release_date"].value() == ["3O", "2", "26"]


def test_has_changed() -> None:
    unchanged = ReleaseForm(
        initial={"release_date": datetime.date(2026, 3, 27)},
        data={"release_date_day": "27", "release_date_month": "03", "release_date_year": "2026"},
    )
    assert "release_date" not in unchanged.changed_data
    changed = ReleaseForm(
        initial={"release_date": datetime.date(2026, 3, 27)},
        data={"release_date_day": "28", "release_date_month": "3", "release_date_year": "2026"},
    )
    assert "release_date" in changed.changed_data


def test_base_form_has_no_label_colon() -> None:
    assert ReleaseForm().label_suffix == ""
    assert ReleaseForm.error_css_class == "govuk-form-group--error"


@pytest.mark.parametrize(
    "typed",
    [
        ("²", "3", "2026"),
        ("27", "⑤", "2026"),
        ("27", "3", "２０２６"),
        ("1²", "3", "2026"),
        ("٢", "3", "2026"),
        ("27", "3", "202\x00"),
    ],
)
def test_only_ascii_digits_make_a_date(typed: tuple[str, str, str]) -> None:
    """str.isdigit() is true for superscript and circled digits, which int() refuses: such a
    box is simply not a real date, never an exception."""
    message, _parts = error_of(submit(*typed))
    assert message == "Release date must be a real date"

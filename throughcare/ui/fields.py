"""The one way a form field becomes a GOV.UK component: `field_params` picks the component for
the field's widget and builds its params (label, hint, error, value, items), one builder a
kind of widget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django import forms
from django.forms import widgets
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeData

from throughcare.ui.forms import DATE_PARTS, DateWidget, date_error_parts
from throughcare.ui.params import build_params, js_string

TEXT_INPUT_TYPES = {"text", "email", "number", "password", "url", "tel", "search"}
DATE_WIDTHS = {"day": 2, "month": 2, "year": 4}
CHARACTER_COUNT = "data-character-count"  # a Textarea attribute: its limit, for the count
DJANGO_TEXTAREA_SIZE = ("10", "40")  # Django's own default rows x cols: not a choice made here


def text_or_html(text: Any) -> dict[str, Any]:
    return {"html": text} if isinstance(text, SafeData) else {"text": str(text)}


def choice_items(field: BoundField, flag: str) -> list[dict[str, Any]]:
    widget = field.field.widget
    value = widget.format_value(field.value())
    items = []
    for _group, options, _index in widget.optgroups(field.html_name, value):
        for option in options:
            item: dict[str, Any] = {
                "value": js_string(option["value"]),
                "text": str(option["label"]),
            }
            if option["selected"]:
                item[flag] = True
            items.append(item)
    return items


@dataclass
class _Field:
    """What every builder needs: the field, its widget's remaining attributes, its id, the
    params so far, its label and label classes, and the caller's other options."""

    bound: BoundField
    attrs: dict[str, Any]
    html_id: str
    label: dict[str, Any]
    label_classes: str
    options: dict[str, Any]
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def widget(self) -> Any:
        return self.bound.field.widget


def _date_input(f: _Field) -> str:
    wrong = date_error_parts(f.bound.errors) if f.bound.errors else ()
    value = f.bound.value()
    typed = value if isinstance(value, list | tuple) else f.widget.decompress(value)
    autocomplete = f.options.pop("autocomplete", "")
    f.params.update(id=f.html_id, fieldset={"legend": f.label})
    f.params["items"] = [
        build_params(
            id=f"{f.html_id}-{part}",
            name=f"{f.bound.html_name}_{part}",
            label=part.capitalize(),
            value=typed[index] if index < len(typed) else None,
            classes=f"govuk-input--width-{DATE_WIDTHS[part]}"
            + (" govuk-input--error" if part in wrong else ""),
            autocomplete=f"{autocomplete}-{part}" if autocomplete else None,
        )
        for index, part in enumerate(DATE_PARTS)
    ]
    return "date-input"


def _choices(f: _Field) -> str:
    """Radios, or checkboxes for a multiple choice (CheckboxSelectMultiple is a RadioSelect)."""
    f.params.update(idPrefix=f.html_id, fieldset={"legend": f.label})
    f.params["items"] = [item for item in choice_items(f.bound, "checked") if item["value"]]
    return "checkboxes" if isinstance(f.widget, forms.CheckboxSelectMultiple) else "radios"


def _single_checkbox(f: _Field) -> str:
    item: dict[str, Any] = {"value": "true", **text_or_html(f.bound.label)}
    if f.label_classes:
        item["label"] = {"classes": f.label_classes}
    if f.widget.check_test(f.bound.value()):
        item["checked"] = True
    f.params.update(idPrefix=f.html_id, items=[item])
    return "checkboxes"


def _select(f: _Field) -> str:
    f.params.update(id=f.html_id, label=f.label, items=choice_items(f.bound, "selected"))
    return "select"


def _textarea(f: _Field) -> str:
    """A textarea, or the character count component when the widget names a limit
    (`data-character-count`)."""
    f.params.update(id=f.html_id, label=f.label)
    rows, cols = f.attrs.pop("rows", None), f.attrs.pop("cols", None)
    if rows and (str(rows), str(cols)) != DJANGO_TEXTAREA_SIZE:
        f.params["rows"] = rows
    _set_value(f, f.widget.format_value(f.bound.value()))
    limit = f.attrs.pop(CHARACTER_COUNT, None)
    if limit:
        f.params["maxlength"] = int(limit)
        return "character-count"
    return "textarea"


def _input(f: _Field) -> str:
    f.params.update(id=f.html_id, label=f.label)
    if f.widget.input_type != "text":
        f.params["type"] = f.widget.input_type
    hidden = isinstance(f.widget, forms.PasswordInput) and not f.widget.render_value
    _set_value(f, None if hidden else f.widget.format_value(f.bound.value()))
    return "input"


def _set_value(f: _Field, value: Any) -> None:
    if value is not None:
        f.params["value"] = value


def _is_text_input(widget: Any) -> bool:
    return isinstance(widget, widgets.Input) and widget.input_type in TEXT_INPUT_TYPES


# The first that matches the widget builds the component (order matters: a RadioSelect is a
# ChoiceWidget, a CheckboxSelectMultiple a RadioSelect).
BUILDERS: tuple[tuple[Callable[[Any], bool], Callable[[_Field], str]], ...] = (
    (lambda w: isinstance(w, DateWidget), _date_input),
    (lambda w: isinstance(w, forms.RadioSelect), _choices),
    (lambda w: isinstance(w, forms.CheckboxInput), _single_checkbox),
    (lambda w: isinstance(w, forms.Select), _select),
    (lambda w: isinstance(w, forms.Textarea), _textarea),
    (_is_text_input, _input),
)


def _common_params(field: BoundField, classes: str, hint: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"name": field.html_name}
    if field.field.disabled:
        params["disabled"] = True
    if field.errors:
        params["errorMessage"] = {"text": str(field.errors[0])}
    hint_text = field.help_text if hint is None else hint
    if hint_text:
        params["hint"] = text_or_html(hint_text)
    if classes:
        params["classes"] = classes
    return params


def _take_options(attrs: dict[str, Any], options: dict[str, Any]) -> None:
    """Widget attributes that are component options; GOV.UK asks services not to use
    maxlength or minlength (the error message says the limit)."""
    attrs.pop("maxlength", None)
    attrs.pop("minlength", None)
    for name in ("autocomplete", "inputmode", "spellcheck"):
        if name in attrs:
            options.setdefault(name, attrs.pop(name))
    if isinstance(options.get("spellcheck"), str):
        options["spellcheck"] = options["spellcheck"] == "true"


def _label(
    field: BoundField, *, uses_fieldset: bool, is_page_heading: bool, label_classes: str
) -> tuple[dict[str, Any], str]:
    label: dict[str, Any] = text_or_html(field.label)
    if uses_fieldset:
        label_classes = label_classes.replace("govuk-label--", "govuk-fieldset__legend--")
    if is_page_heading:
        label["isPageHeading"] = True
        label_classes = label_classes or (
            "govuk-fieldset__legend--l" if uses_fieldset else "govuk-label--l"
        )
    if label_classes:
        label["classes"] = label_classes
    return label, label_classes


def field_params(
    field: BoundField,
    *,
    classes: str = "",
    label_classes: str = "",
    is_page_heading: bool = False,
    hint: Any = None,
    **options: Any,
) -> tuple[str, dict[str, Any]]:
    """The component and its params for a bound form field."""
    widget = field.field.widget
    attrs = dict(widget.attrs)
    classes = f"{attrs.pop('class', '')} {classes}".strip()
    _take_options(attrs, options)
    builder = next((build for matches, build in BUILDERS if matches(widget)), None)
    if builder is None:
        raise TypeError(f"govuk_field cannot render a {type(widget).__name__}")
    label, label_classes = _label(
        field,
        uses_fieldset=isinstance(widget, DateWidget | forms.RadioSelect),
        is_page_heading=is_page_heading,
        label_classes=label_classes,
    )
    built = _Field(
        bound=field,
        attrs=attrs,
        html_id=str(field.auto_id or field.html_name),
        label=label,
        label_classes=label_classes,
        options=options,
        params=_common_params(field, classes, hint),
    )
    component = builder(built)
    params = built.params
    if field.field.disabled and component in ("radios", "checkboxes"):
        params["items"] = [{**item, "disabled": True} for item in params["items"]]
    if attrs:
        params["attributes"] = attrs
    return component, build_params(params, **built.options)

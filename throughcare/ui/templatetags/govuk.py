"""GOV.UK Frontend components as Django templates, and the one way a form field is rendered.

Each component is `templates/components/<name>.html` and reads one context variable, `params`,
a dict shaped like the options of GOV.UK Frontend's Nunjucks macro of the same name.

    {% govuk "button" text="Save note" classes="govuk-button--secondary" %}
    {% govuk "input" params=options label__text="Search" label__classes="govuk-label--m" %}
    {% govuk_error_summary form %}
    {% govuk_field form.email autocomplete="email" %}

The other tags and filters here are the small helpers the component templates use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import get_template
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe

from throughcare.ui import words
from throughcare.ui.fields import field_params
from throughcare.ui.forms import DateWidget, date_error_parts
from throughcare.ui.params import build_params, js_string
from throughcare.ui.summary import summary_rows

register = template.Library()

COMPONENT_NAME = re.compile(r"^[a-z][a-z-]*$")


# Rendering components ------------------------------------------------------------------


def render_component(name: str, params: Mapping[str, Any]) -> str:
    """Render components/<name>.html with `params` as the only context variable.

    The template engine returns a SafeString, so the tags below output it unescaped."""
    if not COMPONENT_NAME.match(name):
        raise template.TemplateSyntaxError(f"Not a component name: {name!r}")
    return get_template(f"components/{name}.html").render({"params": _Params.of(params)})


class _Params(dict[str, Any]):
    """A component's params, in which a missing option is None at once: the template engine
    then never falls back to `dir()` on the dict to explain a missing key, which cost the
    person overview more than a millisecond a request. Nested options are wrapped the same way;
    a missing option still reads as None in `{% if %}`, as it did."""

    def __missing__(self, key: str) -> None:
        return None

    @classmethod
    def of(cls, value: Any) -> Any:
        if isinstance(value, Mapping) and not isinstance(value, cls):
            return cls({key: cls.of(item) for key, item in value.items()})
        if isinstance(value, list):
            return [cls.of(item) for item in value]
        return value


register.simple_tag(build_params, name="govuk_params")


@register.simple_tag
def govuk(component: str, params: Mapping[str, Any] | None = None, **options: Any) -> str:
    """Render a component with params built from keyword arguments (see `build_params`).

    {% govuk "back-link" href=back_url %}
    {% govuk "tag" text=status.label classes="govuk-tag--grey" %}
    {% govuk "input" params=search_input label__text="Name" label__classes="govuk-label--m" %}
    """
    # The component's name is positional-only in effect, so `name=` stays free for the
    # component's own `name` option (input, textarea, radios...).
    return render_component(component, build_params(params, **options))


# Helpers for the component templates ------------------------------------------------------


@register.filter
def jsstr(value: Any) -> str:
    return js_string(value)


@register.filter
def govuk_attributes(attributes: Any) -> SafeString:
    """` name="value"` pairs from an `attributes` dict, as GOV.UK Frontend's govukAttributes.

    A value may be `{"value": v, "optional": True}`: then None and False leave the attribute
    out and True renders a bare boolean attribute.
    """
    if not isinstance(attributes, Mapping):
        return SafeString("")
    pairs: list[SafeString] = []
    for name, item in attributes.items():
        if isinstance(item, Mapping):
            value, optional = item.get("value"), item.get("optional") is True
        else:
            value, optional = item, False
        if optional and value is True:
            pairs.append(format_html(" {}", name))
        elif not optional or not (value is None or value is False):
            shown = value if isinstance(value, SafeData) else js_string(value)
            pairs.append(format_html(' {}="{}"', name, shown))
    return format_html_join("", "{}", ((pair,) for pair in pairs))


@register.filter
def key(mapping: Any, name: str) -> Any:
    """`params|key:"items"`: a dict's own key only. `params.items` in a template would be the
    dict's items() method when the key is missing."""
    return mapping.get(name) if isinstance(mapping, Mapping) else None


@register.filter
def slot_html(slot: Any) -> Any:
    """A slot given as markup or as `{"html": markup, ...}`: its markup."""
    return slot.get("html") if isinstance(slot, Mapping) else slot


@register.filter
def moj_choice(value: Any, choices: str) -> str:
    """`params.variant|moj_choice:"information success warning error"`: the value when it is
    one of the choices, else the first choice (MoJ Frontend's default)."""
    allowed = choices.split()
    return str(value) if value in allowed else allowed[0]


@register.filter
def compact(items: Any) -> list[Any]:
    """The truthy items of a list (Nunjucks' `select("truthy")`)."""
    return [item for item in items or () if item] if isinstance(items, Iterable) else []


register.simple_tag(summary_rows, name="govuk_rows")


@register.simple_tag
def govuk_list(*items: Any) -> list[Any]:
    """`{% govuk_list first second as items %}`: a list, for an `items` or `navigation` param."""
    return list(items)


@register.simple_tag
def govuk_append(items: list[Any], item: Any) -> str:
    """`{% govuk_append items item %}`: add to a list made with govuk_list, in a for loop that
    builds a component's items one by one. Outputs nothing."""
    items.append(item)
    return ""


@register.simple_tag
def govuk_dict(*pairs: Any) -> dict[str, Any]:
    """`{% govuk_dict "data-testid" "timeline" "role" "list" as attributes %}`: a dict from
    keys and values, for `attributes` whose names have hyphens."""
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("govuk_dict needs a value for every key")
    return {str(name): value for name, value in zip(pairs[::2], pairs[1::2], strict=True)}


@register.simple_block_tag
def capture(content: str) -> SafeString:
    """`{% capture as name %}...{% endcapture %}`: keep rendered markup, trimmed, for later."""
    # The content is this template's own output, already autoescaped by the template engine.
    return mark_safe(content.strip())  # noqa: S308


@register.simple_tag
def govuk_field_ids(
    id_prefix: Any, described_by: Any = "", hint: Any = None, error_message: Any = None
) -> dict[str, SafeString | str]:
    """The ids of a form field's hint and error message and the `aria-describedby` listing
    them: the one place that composition is done.

        {% govuk_field_ids id params.describedBy params.hint params.errorMessage as ids %}
    """
    hint_id = format_html("{}-hint", id_prefix) if hint else ""
    error_id = format_html("{}-error", id_prefix) if error_message else ""
    ids = [part for part in (described_by, hint_id, error_id) if part]
    return {
        "hint": hint_id,
        "error": error_id,
        "described_by": format_html_join(" ", "{}", ((part,) for part in ids)),
    }


@register.simple_tag
def govuk_checked(item: Any, current: Any = None, flag: str = "checked") -> bool:
    """Whether a radio, checkbox or option is chosen: its own `checked` (or `selected`) flag,
    or else its value matching `current` (a list, for checkboxes)."""
    if not isinstance(item, Mapping):
        return False
    if item.get(flag):
        return True
    if item.get(flag) is False or current is None or current == "" or current is False:
        return False
    value = item.get("value", item.get("text") if flag == "selected" else None)
    if value is None:
        return False
    if isinstance(current, list | tuple | set):
        return js_string(value) in {js_string(choice) for choice in current}
    return js_string(value) == js_string(current)


def _date_item_error(item: Mapping[str, Any]) -> bool:
    return bool(item.get("error")) or "govuk-input--error" in str(item.get("classes") or "")


@register.simple_tag
def govuk_date_items(params: Any) -> list[dict[str, Any]]:
    """The params of a date input's text inputs, worked out as GOV.UK Frontend 6's macro does:
    the default day, month and year (or `day`, `month`, `year`), their widths, the error class
    on every box when only the whole date is in error, and values from `values`."""
    params = params if isinstance(params, Mapping) else {}
    values = params.get("values") if isinstance(params.get("values"), Mapping) else {}
    widths = {"day": 2, "month": 2, "year": 4}
    defaults = {
        part: params[part]
        if part in params
        else {"name": part, "value": values.get(part), "classes": f"govuk-input--width-{width}"}
        for part, width in widths.items()
    }
    items = key(params, "items") or list(defaults.values())
    any_error = any(_date_item_error(item) for item in items if isinstance(item, Mapping))
    prefix = f"{params['namePrefix']}-" if params.get("namePrefix") else ""
    inputs = []
    for item in items:
        if not isinstance(item, Mapping) or not item:
            continue
        name, value, width = item.get("name"), item.get("value"), 2
        for part, default in defaults.items():
            names = {part, default.get("name") if isinstance(default, Mapping) else None}
            if item is default or (name and name in names):
                name = name or part
                if "value" not in item and isinstance(default, Mapping):
                    value = default.get("value")
                width = widths[part]
                break
        given = str(item.get("classes") or "")
        classes = ""
        if "govuk-input--error" not in given and (
            _date_item_error(item)
            or (item.get("error") is not False and params.get("errorMessage") and not any_error)
        ):
            classes = "govuk-input--error"
        if "govuk-input--width-" not in given:
            classes = f"{classes} govuk-input--width-{width}".strip()
        classes = f"{classes} {given}".strip()
        if value is None:
            value = values.get(f"{prefix}{name}")
        inputs.append(
            build_params(
                label={
                    "text": item.get("label") or js_string(name).capitalize(),
                    "classes": "govuk-date-input__label",
                },
                id=item.get("id") or f"{js_string(params.get('id'))}-{js_string(name)}",
                classes=f"govuk-date-input__input {classes}".strip(),
                name=f"{prefix}{js_string(name)}",
                value=value,
                inputmode=item.get("inputmode") or "numeric",
                autocomplete=item.get("autocomplete"),
                pattern=item.get("pattern"),
                attributes=item.get("attributes"),
            )
        )
    return inputs


@register.filter
def or_not_known(value: Any) -> Any:
    """`{{ person.release_date|date:"j F Y"|or_not_known }}`: "Not known" for a missing value."""
    return words.or_not_known(value)


@register.filter
def or_not_recorded(value: Any) -> Any:
    """`{{ person.pnc_number|or_not_recorded }}`: "Not recorded" for a missing value."""
    return words.or_not_recorded(value)


@register.filter
def moj_date(value: Any, kind: str = "datetime") -> str:
    """A date or datetime as MoJ Frontend's mojDate filter shows it: '14 June 2019 at 2:01pm'.

    kind: "datetime" (the default), "shortdatetime", "date", "shortdate" or "time".
    """
    if not hasattr(value, "year"):
        return js_string(value)
    if not hasattr(value, "hour"):
        return format_date(value, "j M Y" if kind.startswith("short") else "j F Y")
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    time = format_date(value, "g:ia" if value.minute else "ga").replace(".", "")
    if kind == "time":
        return time
    day = format_date(value, "j M Y" if kind.startswith("short") else "j F Y")
    return f"{day} at {time}" if kind.endswith("datetime") else day


# Form fields: the one rendering path ------------------------------------------------------


def field_anchor_id(field: BoundField) -> str:
    """The id the error summary links to: the first radio or checkbox, the first date box in
    error (the day, when the whole date is wrong), or the field's own input."""
    widget = field.field.widget
    if isinstance(widget, DateWidget):
        return f"{field.auto_id}-{date_error_parts(field.errors)[0]}"
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect too
        return str(field.auto_id)
    return str(field.id_for_label or field.auto_id)


@register.simple_tag
def govuk_field(field: BoundField, **options: Any) -> str:
    """Render a form field with the GOV.UK component for its widget.

    Options: classes, label_classes, is_page_heading, hint (overrides the help text),
    autocomplete, spellcheck, inputmode, and any component param (`formGroup__classes=...`).

        {% govuk_field form.name is_page_heading=True %}
        {% govuk_field form.email autocomplete="email" spellcheck=False %}
    """
    component, params = field_params(field, **options)
    return render_component(component, params)


@register.simple_tag
def govuk_error_summary(form: forms.BaseForm) -> str:
    """'There is a problem' and a link to each field in error; nothing when there are none."""
    if not form.errors:
        return ""
    error_list: list[dict[str, Any]] = [
        {"text": str(message)} for message in form.non_field_errors()
    ]
    for field in form:
        if field.errors:
            link = {"text": str(field.errors[0])}
            if not field.is_hidden:
                link["href"] = f"#{field_anchor_id(field)}"
            error_list.append(link)
    return render_component(
        "error-summary", {"titleText": "There is a problem", "errorList": error_list}
    )


@register.simple_tag
def govuk_count_message(params: Mapping[str, Any]) -> dict[str, str]:
    """The character count's count type and its message without JavaScript ("You can enter
    up to 20000 characters"): none when no limit is given (the script sets one)."""
    count_type = params.get("countType") or ("words" if params.get("maxwords") else "")
    limit = params.get("maxwords") or params.get("maxlength")
    if not limit:
        return {"type": count_type, "text": ""}
    unit = "words" if count_type == "words" else "characters"
    text = params.get("textareaDescriptionText") or f"You can enter up to %{{count}} {unit}"
    return {"type": count_type, "text": str(text).replace("%{count}", str(limit))}

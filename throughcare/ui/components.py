"""GOV.UK Frontend and MoJ Frontend components, rendered by Jinja2.

Each component is `templates/components/<name>.jinja` and reads one variable, `params`, a dict
shaped like the options of the Nunjucks macro of the same name. Pages reach them through the
`govuk` template tags (`throughcare.ui.templatetags.govuk`); Python code calls `render`.

Why Jinja2 for these and Django templates for the pages: the components are small, run dozens
of times on every page (28 buttons and 2 sets of radios on a timeline) and are all logic, which
Django's template engine interprets afresh on every render. Jinja2 compiles each template to
Python once, so the same markup costs a fraction of the time (docs/decisions.md, "Components
in Jinja2").

Rendering is kept the same as Django's: values are escaped with Django's own
`conditional_escape` (so `'` is `&#x27;` here as on the pages), a missing option is None as a
Nunjucks macro sees `undefined`, and `params.items` is the option called items, never a dict's
method.
"""

from __future__ import annotations

import datetime
import html
import re
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe
from jinja2 import ChainableUndefined, Environment, FileSystemLoader, Undefined
from markupsafe import Markup

from throughcare.ui.params import build_params, js_string

DIRECTORY = Path(__file__).resolve().parent.parent / "templates" / "components"
COMPONENT_NAME = re.compile(r"^_?[a-z][a-z-]*$")


def render(name: str, params: Mapping[str, Any]) -> SafeString:
    """The markup of component `name` given `params`."""
    return _render(name, {"params": params})


# Rendered markup kept per process by `render_kept`: at most this many, the least recently
# used going first.
KEPT_MOST = 256
_kept: OrderedDict[tuple[str, Hashable], SafeString] = OrderedDict()
_kept_lock = threading.Lock()


class _NotFrozen(Exception):
    """A param of a type whose value cannot be a key: the markup is rendered, not kept."""


def _frozen(value: Any) -> Hashable:
    """The params as a key: equal keys render the same markup. Safe and plain strings differ
    (one is escaped, the other not); a value of another type is not kept."""
    if isinstance(value, SafeData):
        return ("safe", str(value))
    if isinstance(value, str):
        return ("str", value)
    if value is None or isinstance(value, bool | int | float | datetime.date | datetime.datetime):
        return (type(value).__name__, value)
    if isinstance(value, Mapping):
        return ("map", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("seq", tuple(_frozen(item) for item in value))
    raise _NotFrozen(type(value).__name__)


def render_kept(name: str, params: Mapping[str, Any]) -> SafeString:
    """As `render`, keeping the markup for the same params, for a blank form field whose
    params hold nothing about a person (a form that says so: `BaseForm.blank_is_impersonal`):
    the add-note form on every timeline renders once per process and day."""
    try:
        key = (name, _frozen(params))
    except _NotFrozen:
        return render(name, params)
    with _kept_lock:
        markup = _kept.get(key)
        if markup is not None:
            _kept.move_to_end(key)
            return markup
    markup = render(name, params)
    with _kept_lock:
        _kept[key] = markup
        while len(_kept) > KEPT_MOST:
            _kept.popitem(last=False)
    return markup


def _render(name: str, context: dict[str, Any]) -> SafeString:
    if not COMPONENT_NAME.match(name):
        raise template.TemplateSyntaxError(f"Not a component name: {name!r}")
    # Autoescaped: every value printed went through _finalize, so the markup is safe.
    return mark_safe(_environment().get_template(f"{name}.jinja").render(context))  # noqa: S308


# Filters -------------------------------------------------------------------------------------


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


def slot_html(slot: Any) -> Any:
    """A slot given as markup or as `{"html": markup, ...}`: its markup."""
    return slot.get("html") if isinstance(slot, Mapping) else slot


def moj_choice(value: Any, choices: str) -> str:
    """`params.variant|moj_choice("information success warning error")`: the value when it is
    one of the choices, else the first choice (MoJ Frontend's default)."""
    allowed = choices.split()
    return str(value) if value in allowed else allowed[0]


def compact(items: Any) -> list[Any]:
    """The truthy items of a list (Nunjucks' `select("truthy")`)."""
    return [item for item in items or () if item] if isinstance(items, Iterable) else []


def moj_date(value: Any, kind: str = "datetime") -> str:
    """A date or datetime as MoJ Frontend's mojDate filter shows it: '14 June 2019 at 2:01pm'.

    kind: "datetime" (the default), "shortdatetime", "date", "shortdate" or "time".
    """
    if not hasattr(value, "year"):
        return js_string(value)
    if not hasattr(value, "hour"):
        return _day(value, short=kind.startswith("short"))
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    time = format_date(value, "g:ia" if value.minute else "ga").replace(".", "")
    if kind == "time":
        return time
    day = _day(value, short=kind.startswith("short"))
    return f"{day} at {time}" if kind.endswith("datetime") else day


def _day(value: Any, *, short: bool) -> str:
    """'3 March 2026' ('3 Mar 2026' short), as Django's date format "j F Y" ("j M Y") gives
    in English, without its formatter (a timeline page shows 25 dates)."""
    return (
        f"{value.day} {_MONTHS_SHORT[value.month] if short else _MONTHS[value.month]} {value.year}"
    )


_MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_SHORT = tuple(month[:3] for month in _MONTHS)


def _default(value: Any, fallback: Any) -> Any:
    """Django's `default`: the fallback for any false value, not only a missing one."""
    return value or fallback


def _default_if_none(value: Any, fallback: Any) -> Any:
    return fallback if value is None or isinstance(value, Undefined) else value


# Functions the templates call ----------------------------------------------------------------


def govuk_field_ids(
    id_prefix: Any, described_by: Any = "", hint: Any = None, error_message: Any = None
) -> dict[str, SafeString | str]:
    """The ids of a form field's hint and error message and the `aria-describedby` listing
    them: the one place that composition is done.

        {% set ids = govuk_field_ids(id, params.describedBy, params.hint, params.errorMessage) %}
    """
    hint_id = format_html("{}-hint", id_prefix) if hint else ""
    error_id = format_html("{}-error", id_prefix) if error_message else ""
    ids = [part for part in (described_by, hint_id, error_id) if part]
    return {
        "hint": hint_id,
        "error": error_id,
        "described_by": format_html_join(" ", "{}", ((part,) for part in ids)),
    }


def govuk_checked(item: Any, current: Any = None, flag: str = "checked") -> bool:
    """Whether a radio, checkbox or option is chosen: its own `checked` (or `selected`) flag,
    or else its value matching `current` (a list, for checkboxes)."""
    if isinstance(current, Undefined):
        current = None
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
    items = params.get("items") or list(defaults.values())
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


def _component(name: str, params: Any) -> Markup:
    """`{{ component("label", label) }}`: another component, inside this one."""
    # render() returns escaped markup (see _render).
    return Markup(render(name, params if isinstance(params, Mapping) else {}))  # noqa: S704


def _include(name: str, **context: Any) -> Markup:
    """`{{ include("_crown", classes="govuk-footer__crown") }}`: a partial with its variables."""
    return Markup(_render(name, context))  # noqa: S704 - escaped markup, see _render


# The environment -----------------------------------------------------------------------------


class _ComponentEnvironment(Environment):
    """`params.items` reads the option called items, never a dict's method: a dict is looked
    up by key only. A missing option is undefined, as in the Nunjucks macros: it prints
    nothing and is `none` in a test (see _is_none)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A plain dict first: most params are, and the Mapping check is the slower (a table of
        # 25 rows looks up over 2,000 options).
        if type(obj) is dict or isinstance(obj, Mapping):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def _is_none(value: Any) -> bool:
    """`params.value is none`: None, or not given at all."""
    return value is None or isinstance(value, Undefined)


def _length(value: Any) -> int:
    """Django's `length`: 0 for anything without one (None, a missing option)."""
    try:
        return len(value)
    except TypeError:
        return 0


def _finalize(value: Any) -> Any:
    """Every printed value, as Django's template engine prints it: localised and escaped with
    Django's escaping, and nothing for an undefined name."""
    if isinstance(value, str):
        # Django's conditional_escape, without its check for lazy text (a str is not lazy):
        # markup as it is, anything else escaped as Django's `escape` does.
        if hasattr(value, "__html__"):
            return value.__html__()
        return SafeString(html.escape(value))
    if isinstance(value, Undefined):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return conditional_escape(str(localize(value)))


_ENVIRONMENT: _ComponentEnvironment | None = None


def _environment() -> _ComponentEnvironment:
    global _ENVIRONMENT  # noqa: PLW0603 - built once per process, on first use
    if _ENVIRONMENT is None:
        environment = _ComponentEnvironment(
            loader=FileSystemLoader(DIRECTORY),
            autoescape=True,
            undefined=ChainableUndefined,
            finalize=_finalize,
            # Templates are compiled once; while developing they are reloaded when changed.
            auto_reload=settings.DEBUG,
            cache_size=-1,
        )
        environment.filters.update(
            govuk_attributes=govuk_attributes,
            jsstr=js_string,
            slot_html=slot_html,
            moj_choice=moj_choice,
            compact=compact,
            moj_date=moj_date,
            default=_default,
            default_if_none=_default_if_none,
            length=_length,
        )
        environment.tests["none"] = _is_none
        environment.globals.update(
            component=_component,
            include=_include,
            govuk_params=build_params,
            govuk_field_ids=govuk_field_ids,
            govuk_checked=govuk_checked,
            govuk_date_items=govuk_date_items,
            govuk_count_message=govuk_count_message,
        )
        _ENVIRONMENT = environment
    return _ENVIRONMENT

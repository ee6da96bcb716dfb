"""The template tags that put GOV.UK and MoJ Frontend components on a page, and the one way a
form field is rendered.

Each component is a Jinja2 template, `templates/components/<name>.jinja`, that reads one
variable, `params`, a dict shaped like the options of the Nunjucks macro of the same name
(`throughcare.ui.components`).

    {% govuk "button" text="Save note" classes="govuk-button--secondary" %}
    {% govuk "input" params=options label__text="Search" label__classes="govuk-label--m" %}
    {% govuk_error_summary form %}
    {% govuk_field form.email autocomplete="email" %}

The other tags build params in a page template: lists, dicts, summary rows, captured markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.base import FilterExpression, Parser, Token, Variable, token_kwargs
from django.utils.safestring import SafeString, mark_safe

from throughcare.ui import components, words
from throughcare.ui.fields import field_params
from throughcare.ui.forms import DateWidget, date_error_parts
from throughcare.ui.params import build_params
from throughcare.ui.summary import summary_rows

register = template.Library()

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
    return components.render(component, build_params(params, **options))


@register.tag
def govuk_fixed(parser: Parser, token: Token) -> template.Node:
    """A component whose params are all written in the template, none a variable or filtered:
    the same markup on every page (the header, the phase banner, the footer), so it is
    rendered once per process, where the template is first used, and kept with the template.

    {% govuk_fixed "footer" %}
    {% govuk_fixed "skip-link" href="#main-content" text="Skip to main content" %}
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a component's name")
    name = parser.compile_filter(bits[1])
    options = token_kwargs(bits[2:], parser, support_legacy=False)
    if len(options) != len(bits) - 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes name=value options only")
    for value in (name, *options.values()):
        if not _written(value):
            raise template.TemplateSyntaxError(
                f"{bits[0]} takes values written in the template, not {value.token!r}: "
                "use govuk for anything that varies"
            )
    nothing = template.Context()
    return _FixedNode(
        str(name.resolve(nothing)), {key: value.resolve(nothing) for key, value in options.items()}
    )


def _written(value: FilterExpression) -> bool:
    """A quoted string or a number, with no filter."""
    if value.filters:
        return False
    if isinstance(value.var, str):
        return True
    return isinstance(value.var, Variable) and value.var.lookups is None


class _FixedNode(template.Node):
    def __init__(self, name: str, options: dict[str, Any]) -> None:
        self.name = name
        self.options = options
        self.markup: SafeString | None = None

    def render(self, context: template.Context) -> str:
        if self.markup is None:
            self.markup = components.render(self.name, build_params(None, **self.options))
        return self.markup


# Helpers for page templates ----------------------------------------------------------------


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


@register.filter
def or_not_known(value: Any) -> Any:
    """`{{ person.release_date|date:"j F Y"|or_not_known }}`: "Not known" for a missing value."""
    return words.or_not_known(value)


@register.filter
def or_not_recorded(value: Any) -> Any:
    """`{{ person.pnc_number|or_not_recorded }}`: "Not recorded" for a missing value."""
    return words.or_not_recorded(value)


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
    if not field.form.is_bound and getattr(field.form, "blank_is_impersonal", False):
        return components.render_kept(component, params)
    return components.render(component, params)


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
    return components.render(
        "error-summary", {"titleText": "There is a problem", "errorList": error_list}
    )

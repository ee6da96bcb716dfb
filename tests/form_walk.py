"""Finding the forms a page shows, with the fields a browser would post, for the fuzz test.

Only what the page's HTML says: each `<form method="post">`, where it posts to, and each
field's name, kind and the value the page gives it (hidden values, text typed earlier, the
chosen option), so a test can post what a person filling the form in would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# What kind of value a field takes, from how the page shows it.
DATE_PART = "date part"  # a day, month or year box of the GOV.UK date input
TEXT = "text"  # a text box or textarea
EMAIL = "email"  # a box for an email address
NUMBER = "number"  # a box for a whole number
PASSWORD = "password"
HIDDEN = "hidden"
CHOICE = "choice"  # radios or a select: one of the values offered
CHOICES = "choices"  # checkboxes sharing a name: some of the values offered
TICK = "tick"  # a single checkbox (a yes or no)
FILE = "file"  # a file to upload: posted as a file, never as text


@dataclass
class Field:
    name: str
    kind: str
    value: str | list[str] = ""
    options: list[str] = field(default_factory=list)


@dataclass
class PageForm:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def data(self) -> dict[str, str | list[str]]:
        """What the browser posts if nothing is changed."""
        posted: dict[str, str | list[str]] = {}
        for item in self.fields.values():
            if (item.kind == TICK and not item.value) or item.kind == FILE:
                continue
            if item.kind == CHOICES:
                posted[item.name] = list(item.value)
            elif item.kind == CHOICE and not item.value:
                continue
            else:
                posted[item.name] = item.value
        return posted


class _Forms(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.value = a.get("value", "")
            return
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = PageForm(action=a.get("action") or self.page_url)
            return
        form = self._form
        if form is None or "name" not in a:
            return
        name = a["name"]
        if tag == "input":
            self._input(form, name, a)
        elif tag == "textarea":
            self._textarea = form.fields.setdefault(name, Field(name, TEXT))
        elif tag == "select":
            self._select = form.fields.setdefault(name, Field(name, CHOICE))

    def _input(self, form: PageForm, name: str, a: dict[str, str]) -> None:
        kind = a.get("type", "text").lower()
        value = a.get("value", "")
        if kind in ("submit", "button", "image", "reset"):
            return
        if kind == "radio":
            item = form.fields.setdefault(name, Field(name, CHOICE))
            item.options.append(value)
            if "checked" in a:
                item.value = value
        elif kind == "checkbox":
            item = form.fields.setdefault(name, Field(name, CHOICES, []))
            item.options.append(value)
            if "checked" in a:
                assert isinstance(item.value, list)
                item.value.append(value)
        elif kind == "hidden":
            form.fields[name] = Field(name, HIDDEN, value)
        elif kind == "file":
            form.fields[name] = Field(name, FILE)
        elif kind == "password":
            form.fields[name] = Field(name, PASSWORD, value)
        elif kind == "email":
            form.fields[name] = Field(name, EMAIL, value)
        elif name.endswith(("_day", "_month", "_year")) and a.get("inputmode") == "numeric":
            form.fields[name] = Field(name, DATE_PART, value)
        elif kind == "number" or a.get("inputmode") == "numeric":
            form.fields[name] = Field(name, NUMBER, value)
        else:
            form.fields[name] = Field(name, TEXT, value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            for item in self._form.fields.values():
                # A lone checkbox whose value is "true" is a yes or no (a BooleanField).
                if item.kind == CHOICES and len(item.options) == 1 and item.options[0] == "true":
                    item.kind = TICK
                    item.value = "true" if item.value else ""
            self.forms.append(self._form)
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            assert isinstance(self._textarea.value, str)
            # Django writes a newline after <textarea>, which browsers drop.
            self._textarea.value = (self._textarea.value + data).removeprefix("\n")


def post_forms(html: str, page_url: str) -> list[PageForm]:
    """Every form on the page that posts, in page order."""
    parser = _Forms(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms

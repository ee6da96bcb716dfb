"""What a browser would post from the page's form: each field's name and shown value (the
checked boxes and radios, the selected options, the textareas' text), so a test can submit a
page as the user saw it, hidden fields included."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _PostForm(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._option: str | None = None
        self._option_text: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button"):
                return
            self.values[name] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self._option = a.get("value")
            self._option_text = []
            if "selected" in a or self._select not in self.values:
                self.values[self._select] = self._option if self._option is not None else ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A newline straight after <textarea> is not part of its value.
            self.values[self._textarea] = "".join(self._text).removeprefix("\n")
            self._textarea = None


def form_values(response: Any) -> dict[str, str]:
    """The values the page's post form would submit, as shown."""
    parser = _PostForm()
    parser.feed(response.content.decode())
    parser.close()
    return parser.values

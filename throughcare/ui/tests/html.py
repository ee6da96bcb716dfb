"""Comparing HTML while ignoring whitespace, for the component tests."""

from __future__ import annotations

import re
from html.parser import HTMLParser

Token = tuple[str, ...]


class _Tokens(HTMLParser):
    """Tags (with attributes in order) and text, with whitespace-only text dropped, runs of
    whitespace collapsed and class lists normalised. Character references are resolved, so
    `&#39;` and `&#x27;` compare equal."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self._text: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.tokens.append(("text", text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        shown = []
        for name, value in attrs:
            if value is not None:
                value = " ".join(value.split()) if name == "class" else value
            shown.append(f"{name}={value!r}" if value is not None else name)
        self.tokens.append(("start", tag, *shown))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.tokens.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_tokens(html: str) -> list[Token]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


def normalise(html: str) -> str:
    """Readable one-token-per-line form, so a failing comparison shows a useful diff."""
    return "\n".join(" ".join(token) for token in html_tokens(html))


def squash(html: str) -> str:
    """Whitespace collapsed, and removed next to tags: for `in` checks on rendered pages."""
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", " ".join(html.split()))

"""The kinds of signed document (an assessment now, plans next), each registered once by the
app that owns it, in its `AppConfig.ready()`: `register(Kind(...))`. The records app keeps the
versions and their lifecycle; a kind tells it how to show a version's answers (`rows`), where
its pages belong in the person's record and who may read them, and what to do after a change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .diff import Row

if TYPE_CHECKING:
    from .models import Version

__all__ = ["Kind", "KindClashError", "Row", "UnknownKind", "kind", "kinds", "register"]


@dataclass(frozen=True)
class Kind:
    """A kind of signed document.

    - key: its name in URLs and on `Document.kind` ("assessment");
    - title: what pages call it ("Assessment");
    - record_section: the section of the person's record its pages belong to;
    - rows: every answer of a version, in order (`records.longform.rows` builds them from
      the long form's sections);
    - after_change: called inside the transaction after every lifecycle change and section
      save, with the user and the version (to keep the owning app's own row current);
    - view_action: the policy action (`access.policy.Action` value) needed to read it;
    - review_template: a template shown to the countersigner above the answers;
    - sharing: the sharing-agreement section a partner's agreement must cover to read it
      (None: the view action alone decides);
    - section_titles: the title of each section key, for headings (the key when missing);
    - edit_url: where the author changes an editable version (the owning app's long form).
    """

    key: str
    title: str
    record_section: str
    rows: Callable[[Version], list[Row]]
    after_change: Callable[[Any, Version], None] | None = None
    view_action: str = "view the record"
    review_template: str | None = None
    sharing: str | None = None
    section_titles: Mapping[str, str] = field(default_factory=dict)
    edit_url: Callable[[Version], str] | None = None

    def section_title(self, key: str) -> str:
        return self.section_titles.get(key) or key.replace("-", " ").capitalize()


class KindClashError(Exception):
    """Two apps registered different kinds under one key."""


class UnknownKind(LookupError):
    """No kind is registered under this key."""


_registry: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Registers a kind; registering the same kind again returns it, a different one under the
    same key is a mistake."""
    existing = _registry.get(kind.key)
    if existing is not None:
        if existing == kind:
            return existing
        raise KindClashError(f"A kind of document {kind.key!r} is registered already")
    _registry[kind.key] = kind
    return kind


def kind(key: str) -> Kind:
    try:
        return _registry[key]
    except KeyError:
        raise UnknownKind(f"No kind of document {key!r}") from None


def kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda k: k.key)

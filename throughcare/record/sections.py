"""The sections of a person's record, as the sub-navigation shows them.

Each app declares its own sections in its `AppConfig.ready()` with `register(Section(...))`,
so that a new capability adds its section without editing this app or any other. The record
itself declares Overview, and holds a place for the sections whose pages are not built yet
(shown as plain text so that the shape of the record is clear): an app that builds one
registers a section with the same key, which takes the place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from throughcare.core.links import person_url

if TYPE_CHECKING:
    from throughcare.access.policy import Access


@dataclass(frozen=True)
class Section:
    """One section of the record.

    - key: what a page names as its current section (`person_page(access, key)`);
    - label: its text in the sub-navigation;
    - position: its place, lowest first (the order of the work: 10 Overview, 20 Information,
      30 Assessment, 40 Options, 50 Plan, 60 Documents, 70 Activity, 80 Sharing and access);
    - url_name: the URL name of its first page, which takes the person's id; None for a
      section not built yet;
    - sharing: the sharing-agreement section a partner's agreement must cover for them to see
      it (None: any partner who may view the record sees it);
    - shown: a further condition on the user's access to the person (None: none).
    """

    key: str
    label: str
    position: int
    url_name: str | None = None
    sharing: str | None = None
    shown: Callable[[Access], bool] | None = None

    def visible_to(self, access: Access) -> bool:
        if self.sharing and not access.section(self.sharing):
            return False
        return self.shown is None or self.shown(access)


_registry: dict[str, Section] = {}


class SectionClashError(Exception):
    """Two apps declared a built section with the same key."""


def register(section: Section) -> Section:
    """Adds a section to the record. A section with pages replaces a place held for it (one
    with no `url_name`); two sections with pages under one key are a mistake."""
    existing = _registry.get(section.key)
    if existing is not None and existing.url_name is not None:
        if section.url_name is None or existing == section:
            return existing  # a place held for a section that is built already
        raise SectionClashError(f"The record already has a section {section.key!r}")
    _registry[section.key] = section
    return section


def sections() -> list[Section]:
    """Every section, in order."""
    return sorted(_registry.values(), key=lambda section: (section.position, section.key))


def sub_navigation(access: Access, current: str) -> dict[str, Any]:
    """The parameters of the sub-navigation component: the sections this user may see of this
    person's record, the current one marked."""
    person = access.person
    items = [
        {
            "text": section.label,
            "href": person_url(section.url_name, person.pk) if section.url_name else None,
            "active": section.key == current,
        }
        for section in sections()
        if section.visible_to(access)
    ]
    return {"label": "Sections of this record", "items": items}

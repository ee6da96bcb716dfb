"""What the top of every page of a person's record shows beside the name, declared by the
apps that need it, as sections are: banners (an open urgent concern) and buttons (Record an
urgent concern).

Each app registers them in its `AppConfig.ready()`, so this app knows none of them. A banner
answers for one person's page with one small query at most (none if what it needs is read by
the access gate with the person: `gate.read_with_person`); a button is shown to those whose
access to the person allows its action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from throughcare.core.links import person_url

if TYPE_CHECKING:
    from throughcare.access.policy import Access, Action


@dataclass(frozen=True)
class Banner:
    """- key: its name; position: its place, lowest first;
    - html: given the user's access to the person, the banner's HTML, or "" for none."""

    key: str
    position: int
    html: Callable[[Access], str]


@dataclass(frozen=True)
class Button:
    """A link styled as a button under the person's name, for users whose access allows
    `action`: its text, the URL name of its page (which takes the person's id) and classes."""

    key: str
    position: int
    text: str
    url_name: str
    action: Action
    classes: str = "govuk-button--secondary"


_banners: dict[str, Banner] = {}
_buttons: dict[str, Button] = {}


def register_banner(banner: Banner) -> Banner:
    _banners[banner.key] = banner
    return banner


def register_button(button: Button) -> Button:
    _buttons[button.key] = button
    return button


def banners(access: Access) -> list[str]:
    ordered = sorted(_banners.values(), key=lambda banner: (banner.position, banner.key))
    return [html for banner in ordered if (html := banner.html(access))]


def buttons(access: Access) -> list[dict[str, str]]:
    """The buttons this user may use, as the button component's parameters."""
    ordered = sorted(_buttons.values(), key=lambda button: (button.position, button.key))
    return [
        {
            "text": button.text,
            "href": person_url(button.url_name, access.person.pk),
            "classes": f"{button.classes} govuk-!-margin-bottom-4",
        }
        for button in ordered
        if access.can(button.action)
    ]

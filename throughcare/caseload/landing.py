"""Landing pages. What an app above the caseload adds to a partner worker's landing page,
declared in its `AppConfig.ready()` with `register` (as it declares its sections of the
record): a panel below the people shared with them (the partners app: "Referrals to us", issue
11 point 6). And where a role lands (the service's home, `/`), when an app above the caseload
gives it another landing page than the caseload, declared with `register_home`: a senior
probation officer lands on the team view (issue 16 point 1)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from throughcare.access.models import User


@dataclass(frozen=True)
class Panel:
    """- key: its name (registering the same key again replaces it);
    - position: its place, lowest first;
    - template: the panel's template, given `panel` (what `context` returned);
    - context: given the signed-in partner worker, what the template needs (None: no panel).
      A panel that names people records the consultation of each one it shows."""

    key: str
    position: int
    template: str
    context: Callable[[User], dict[str, Any] | None]


_panels: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    _panels[panel.key] = panel
    return panel


def panels_for(user: User) -> list[dict[str, Any]]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda p: (p.position, p.key)):
        context = panel.context(user)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


CASELOAD = "caseload:caseload"
_homes: dict[str, str] = {}


def register_home(role: str, url_name: str) -> None:
    """The page (its URL name) a user of this role lands on."""
    _homes[role] = url_name


def home_for(user: User) -> str:
    """The URL name of the user's landing page: their role's, or the caseload."""
    return _homes.get(user.role, CASELOAD)

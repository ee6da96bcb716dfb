"""What an app above the caseload adds to a partner worker's landing page, declared in its
`AppConfig.ready()` with `register` (as it declares its sections of the record): a panel
below the people shared with them (the partners app: "Referrals to us", issue 11 point 6)."""

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

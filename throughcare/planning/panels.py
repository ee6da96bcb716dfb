"""The Plan section of the person's record (SFJCCFI2 P28-P36) is one page made of panels, each
declared by the part of planning that owns it, in its `AppConfig.ready()` with `register`: the
resettlement plan, the risk management plan and licence conditions, ready for release and the
day of release, the handover and the release, and running the plan (reviews, setbacks,
escalations). A panel's `context` returns None to show nothing (for a reader who may not see
it, or a person it does not apply to)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from throughcare.access.policy import Access


@dataclass(frozen=True)
class PlanPanel:
    """- key: its name (registering the same key again replaces it);
    - position: its place on the Plan page, lowest first;
    - template: the panel's template, given `panel` (what `context` returned), `person` and
      `access`;
    - context: given the access, what the template needs (None: no panel)."""

    key: str
    position: int
    template: str
    context: Callable[[Access], dict[str, Any] | None]


_panels: dict[str, PlanPanel] = {}


def register(panel: PlanPanel) -> PlanPanel:
    _panels[panel.key] = panel
    return panel


def panels_for(access: Access) -> list[dict[str, Any]]:
    shown = []
    for panel in sorted(_panels.values(), key=lambda panel: (panel.position, panel.key)):
        context = panel.context(access)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": context})
    return shown

"""What an app above planning adds to a release option, declared in its `AppConfig.ready()`
with `register` (as sections and caseload flags are), so that planning shows it without
importing that app: a panel on the option's page and, optionally, a column of the tables of
the Options section (the partners app: the referrals sent about the option and the partner's
answer, issue 11 point 6)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from throughcare.access.policy import Access

    from .models import Option


@dataclass(frozen=True)
class OptionPanel:
    """- key: its name (registering the same key again replaces it);
    - position: its place on the option's page, lowest first;
    - template: the panel's template, given `panel` (what `context` returned) and `person`;
    - context: given the access and the option, what the template needs (None: no panel);
    - column: given the access and the options shown, the HTML of each option's cell in the
      tables of the Options section (an option missing from it shows "None"), headed
      `column_title`."""

    key: str
    position: int
    template: str
    context: Callable[[Access, Option], dict[str, Any] | None]
    column_title: str = ""
    column: Callable[[Access, list[Option]], dict[int, str]] | None = None


_panels: dict[str, OptionPanel] = {}


def register(panel: OptionPanel) -> OptionPanel:
    _panels[panel.key] = panel
    return panel


def _ordered() -> list[OptionPanel]:
    return sorted(_panels.values(), key=lambda panel: (panel.position, panel.key))


def panels_for(access: Access, option: Option) -> list[dict[str, Any]]:
    shown = []
    for panel in _ordered():
        context = panel.context(access, option)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown


def columns_for(access: Access, options: list[Option]) -> list[tuple[str, dict[int, str]]]:
    return [
        (panel.column_title, panel.column(access, options))
        for panel in _ordered()
        if panel.column is not None
    ]

"""Working with other agencies (P21: what each contributed, with its source), MAPPA, and the
advice sought (P22; the case's requests for advice are shown above it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from throughcare.ui.forms import BaseForm, long_text

from .common import add_field, blank, drop, not_in_future, radios, require, short_text, when

CONTRIBUTIONS = 5  # numbered contributions on the page; blank ones are ignored
CONTRIBUTION_PARTS = ("agency", "who", "said", "date")

# MAPPA categories and levels (shared/domain/practice.md).
NO_CATEGORY = "none"
MAPPA_CATEGORIES: list[tuple[str, str]] = [
    (NO_CATEGORY, "Not a MAPPA case"),
    ("1", "Category 1: registered sexual offender"),
    ("2", "Category 2: violent offender with 12 months or more in custody, or a hospital order"),
    ("3", "Category 3: other dangerous offender"),
    ("4", "Category 4: terrorism or terrorist risk"),
]
MAPPA_LEVELS: list[tuple[str, str]] = [
    ("1", "Level 1: ordinary agency management"),
    ("2", "Level 2: active multi-agency management"),
    ("3", "Level 3: as level 2, with senior staff to commit special resources"),
]


def contribution_field(number: int, part: str) -> str:
    return f"contribution_{number}_{part}"


class ContributionsForm(BaseForm):
    """Up to five contributions from other agencies, MAPPA category and level, and the advice
    sought and how it was used."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, CONTRIBUTIONS + 1):
            for part, field in (
                ("agency", short_text(f"Contribution {n}: agency", required=False)),
                (
                    "who",
                    short_text(
                        f"Contribution {n}: who gave it",
                        required=False,
                        hint="Their name and role",
                    ),
                ),
                ("said", long_text(f"Contribution {n}: what they said", required=False, rows=3)),
                ("date", when(f"Contribution {n}: date obtained", required=False)),
            ):
                add_field(self, contribution_field(n, part), field)
        add_field(
            self,
            "mappa_category",
            radios("MAPPA category", MAPPA_CATEGORIES, error="Select the MAPPA category"),
        )
        add_field(
            self,
            "mappa_level",
            radios(
                "MAPPA level",
                MAPPA_LEVELS,
                required=False,
                hint="Needed for a MAPPA case",
            ),
        )
        add_field(
            self,
            "advice",
            long_text(
                "The advice you sought, and how you used it",
                required=False,
                hint=(
                    "Where the case, their needs or the risk were beyond your role: whom you "
                    "asked, what they advised, what you did with it"
                ),
            ),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, CONTRIBUTIONS + 1):
            names = [contribution_field(n, part) for part in CONTRIBUTION_PARTS]
            if all(blank(cleaned.get(name)) and name not in self.errors for name in names):
                continue
            require(self, contribution_field(n, "agency"), f"Enter the agency of contribution {n}")
            require(
                self, contribution_field(n, "said"), f"Enter what they said in contribution {n}"
            )
            require(
                self, contribution_field(n, "date"), f"Enter the date contribution {n} was obtained"
            )
            not_in_future(
                self,
                contribution_field(n, "date"),
                f"Date contribution {n} was obtained must be today or in the past",
            )
        category = cleaned.get("mappa_category")
        if category == NO_CATEGORY:
            drop(self, cleaned, "mappa_level")
        elif category:
            require(self, "mappa_level", "Select the MAPPA level")
        return cleaned


def contributions_from(values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The contributions recorded, each as {part: value}, blank ones left out."""
    found = []
    for n in range(1, CONTRIBUTIONS + 1):
        given = {part: values.get(contribution_field(n, part)) for part in CONTRIBUTION_PARTS}
        if not all(blank(value) for value in given.values()):
            found.append(given)
    return found

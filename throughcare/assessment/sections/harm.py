"""Risk of serious harm: a level for each group in each setting (the overall level is the
highest, computed and shown, never typed), the five summary answers, and the other risks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from throughcare.assessment.rules.rosh import CELLS, GROUPS, Level
from throughcare.ui.forms import BaseForm, long_text

from .common import YES, add_field, radios, require, yes_no

LEVEL_CHOICES: list[tuple[str, str]] = [(level.key, level.label) for level in Level]
GROUP_WORDS = {
    "children": "Children",
    "public": "The public",
    "known adult": "A known adult",
    "staff": "Staff",
    "prisoners": "Other prisoners",
}
SETTING_WORDS = {"community": "in the community", "custody": "in custody"}


def cell_field(group: str, setting: str) -> str:
    """The field (and stored key) of one rated cell: ("known adult", "custody") ->
    "known_adult_custody"."""
    return f"{group.replace(' ', '_')}_{setting}"


def levels_from(values: Mapping[str, Any]) -> dict[tuple[str, str], Level | None]:
    """Every cell's level from the section's saved answers (None: not rated)."""
    found: dict[tuple[str, str], Level | None] = {}
    for group, setting in CELLS:
        stored = values.get(cell_field(group, setting))
        try:
            found[(group, setting)] = Level.from_key(stored) if stored else None
        except ValueError:
            found[(group, setting)] = None
    return found


@dataclass(frozen=True)
class GroupLevels:
    """One group at risk and its levels (None: not rated; prisoners are never rated in the
    community, `in_community` False)."""

    group: str
    community: Level | None
    custody: Level | None
    in_community: bool


def levels_by_group(values: Mapping[str, Any], *, community_only: bool) -> list[GroupLevels]:
    """The levels table, a row for each group: for a reader of the community levels only, no
    custody levels and no prisoners."""
    levels = levels_from(values)
    return [
        GroupLevels(
            group,
            levels.get((group, "community")),
            None if community_only else levels.get((group, "custody")),
            (group, "community") in levels,
        )
        for group in GROUPS
        if not (community_only and group == "prisoners")
    ]


SUMMARY_QUESTIONS: list[tuple[str, str, str]] = [
    ("who", "Who is at risk", "Name the groups and, where known, the people"),
    ("nature", "What is the nature of the risk", "The harm they could cause, and how"),
    ("when", "When is the risk likely to be greatest", "For example, straight after release"),
    ("increases", "What circumstances are likely to increase the risk", ""),
    ("reduces", "What factors are likely to reduce the risk", ""),
]


class RoshForm(BaseForm):
    """A level for each cell of `rules.rosh.CELLS`, community first then custody, each a
    fieldset of radios whose legend names the group and the setting; then the summary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for setting in ("community", "custody"):
            for group, where in CELLS:
                if where != setting:
                    continue
                name = cell_field(group, setting)
                words = f"{lower(GROUP_WORDS[group])} {SETTING_WORDS[setting]}"
                add_field(
                    self,
                    name,
                    radios(f"Risk to {words}", LEVEL_CHOICES, inline=True),
                    required_message=f"Select the level of risk to {words}",
                )
        for name, label, hint in SUMMARY_QUESTIONS:
            add_field(
                self,
                name,
                long_text(label, hint=hint, rows=4),
                required_message=f"Enter {lower(label)}",
            )


def lower(words: str) -> str:
    return words[:1].lower() + words[1:]


OTHER_RISKS: list[tuple[str, str]] = [
    ("suicide", "Suicide"),
    ("self_harm", "Self-harm"),
    ("coping", "Coping in custody or a hostel"),
    ("vulnerability", "Vulnerability"),
    ("escape", "Escape or abscond"),
    ("control", "Control issues"),
    ("trust", "Breach of trust"),
]


def details_field(risk: str) -> str:
    return f"{risk}_details"


class OtherRisksForm(BaseForm):
    """The risks recorded beside harm to others: each yes, no or not known, with the details
    when yes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in OTHER_RISKS:
            add_field(
                self,
                key,
                yes_no(f"Is there a concern about {lower(label)}?", known=True),
                required_message=f"Select whether there is a concern about {lower(label)}",
            )
            add_field(
                self,
                details_field(key),
                long_text(
                    f"{label}: details",
                    required=False,
                    hint="Needed if yes: what the concern is and what is known of it",
                    rows=3,
                ),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for key, label in OTHER_RISKS:
            if cleaned.get(key) == YES:
                require(
                    self,
                    details_field(key),
                    f"Enter the details of the concern about {lower(label)}",
                )
        return cleaned

"""The figures of the team view, each a list of people (issue 16 point 1: "every figure links
to the people behind it"): its key (the `show` value of the page that lists them,
`/team/?show=no-accommodation-2-weeks`), what it counts in words, and how it picks its people
from the `TeamView`. A figure about releases picks `Releasing` people (listed with their
readiness); any other picks person ids."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from throughcare.planning.release.models import NEEDS
from throughcare.planning.resettlement import queries as resettlement
from throughcare.planning.resettlement.models import Pathway

from .queries import HANDOVER_DUE_WEEKS, PERIODS, Releasing, TeamView

# What a person releasing lacks, for "3 releasing in the next 2 weeks without ...".
WITHOUT = {
    "accommodation": "without somewhere to live",
    "id": "without ID",
    "bank": "without a bank account",
    "benefit": "without a benefit claim",
    "gp": "without GP registration and medication",
    "travel": "without travel to the first appointment",
    "licence": "without the licence explained",
}
if set(WITHOUT) != {key for key, _ in NEEDS}:  # pragma: no cover - a need added to NEEDS
    raise ImproperlyConfigured("The team view needs words for every day-of-release need")


@dataclass(frozen=True)
class ReleaseFigure:
    key: str
    words: str  # follows a count: "3 releasing in the next 2 weeks without ID"
    weeks: int
    picks: Callable[[Releasing], bool]
    row: str = ""  # its row in the readiness table ("" for the totals)
    pathway: str = ""  # the pathway it is about, if any

    def people(self, view: TeamView) -> list[Releasing]:
        return [r for r in view.releasing if r.within(self.weeks) and self.picks(r)]


@dataclass(frozen=True)
class ActionFigure:
    key: str
    words: str  # follows a count: "2 with an open urgent concern"
    heading: str  # its row in the table of things to act on
    picks: Callable[[TeamView], set[uuid.UUID]]

    def people(self, view: TeamView) -> set[uuid.UUID]:
        return self.picks(view)


def _slug(key: str) -> str:
    return key.replace("_", "-")


def _lacks(need: str) -> Callable[[Releasing], bool]:
    return lambda r: need in r.not_in_place


def _behind(pathway: str) -> Callable[[Releasing], bool]:
    return lambda r: r.pathways.get(pathway) == resettlement.BEHIND


def _release_figures(weeks: int) -> list[ReleaseFigure]:
    period = f"releasing in the next {weeks} weeks"
    return [
        ReleaseFigure(f"releasing-{weeks}-weeks", period, weeks, lambda r: True),
        ReleaseFigure(
            f"not-ready-{weeks}-weeks",
            f"{period} not marked ready for release",
            weeks,
            lambda r: not r.ready,
            "Not marked ready for release",
        ),
        *(
            ReleaseFigure(
                f"no-{_slug(key)}-{weeks}-weeks",
                f"{period} {WITHOUT[key]}",
                weeks,
                _lacks(key),
                f"{label}: not in place",
            )
            for key, label in NEEDS
        ),
        ReleaseFigure(
            f"no-plan-{weeks}-weeks",
            f"{period} with no resettlement plan",
            weeks,
            lambda r: not r.pathways,
            "No resettlement plan",
        ),
        *(
            ReleaseFigure(
                f"behind-{_slug(key)}-{weeks}-weeks",
                f"{period} with a step overdue on the {label} pathway",
                weeks,
                _behind(key),
                f"{label}: a step overdue",
                key,
            )
            for key, label in Pathway.choices
        ),
    ]


# The readiness table's rows: each figure for the next 2 weeks beside the next 12 weeks'.
ROWS: list[tuple[ReleaseFigure, ...]] = list(
    zip(*(_release_figures(w) for w in PERIODS), strict=True)
)
RELEASE_FIGURES: list[ReleaseFigure] = [f for row in ROWS for f in row]

ACTION_FIGURES: list[ActionFigure] = [
    ActionFigure(
        "urgent-concerns",
        "with an open urgent concern",
        "Open urgent concerns",
        lambda view: view.concerns,
    ),
    ActionFigure(
        "overdue-requests",
        "with an overdue information request",
        "Overdue information requests",
        lambda view: view.overdue_requests,
    ),
    ActionFigure(
        "countersignature",
        "with an assessment awaiting countersignature",
        "Assessments awaiting countersignature",
        lambda view: set(view.countersignature),
    ),
    ActionFigure(
        "handover-late",
        "whose handover to the community offender manager is late",
        "Handovers late",
        lambda view: view.handovers_late,
    ),
    ActionFigure(
        "handover-due",
        f"whose handover is due in the next {HANDOVER_DUE_WEEKS} weeks",
        f"Handovers due in the next {HANDOVER_DUE_WEEKS} weeks",
        lambda view: view.handovers_due,
    ),
    ActionFigure(
        "review-due",
        "whose plan review is due",
        "Plan reviews due",
        lambda view: view.reviews,
    ),
]

FIGURES: dict[str, ReleaseFigure | ActionFigure] = {
    **{figure.key: figure for figure in RELEASE_FIGURES},
    **{figure.key: figure for figure in ACTION_FIGURES},
}

"""A partner organisation's part of the risk management plan (issue 12 point 8): what a partner
worker whose organisation's current agreement covers "risk_plan" sees, and nothing else of it.

Read from the latest LOCKED version (what was signed), never a draft: the actions whose
organisation is theirs, and the contingency plans naming them (their organisation chosen, or
its name in the "if", the "then" or "by whom"), each with the risk factors it manages. Never
anything under victim safety planning, whoever does it, never the key information, the
licence conditions or the risk factors no action manages. The levels of risk of serious harm
in the community come only when the agreement covers "rosh_summary" too.

`part_for(person, organisation)` is read without a user: the caller has checked that the reader
is a partner of that organisation whose agreement covers "risk_plan" (`may_see`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from throughcare.access.models import Organisation, Role
from throughcare.assessment.models import Assessment
from throughcare.assessment.sections.harm import GROUP_WORDS, levels_by_group
from throughcare.records.lifecycle import State
from throughcare.records.models import Version

from . import facts, snapshot
from .models import Heading

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person

SECTION = "risk_plan"
LEVELS_SECTION = "rosh_summary"
NEVER_SHARED = frozenset({Heading.VICTIM_SAFETY.value})


@dataclass(frozen=True)
class PartnerActionView:
    action: str
    contingency_if: str
    by_whom: str
    when: str
    factors: tuple[str, ...]


@dataclass(frozen=True)
class PartnerHeadingView:
    label: str
    actions: tuple[PartnerActionView, ...]


@dataclass(frozen=True)
class LevelView:
    group: str  # "The public", "Children", ...
    level: str  # "Low" ... "Very high", or "Not rated"


@dataclass(frozen=True)
class PartnerRiskPlanView:
    version: int
    locked_on: date | None
    headings: tuple[PartnerHeadingView, ...]


def may_see(access: Access) -> bool:
    """A partner worker whose organisation's current agreement covers the risk plan."""
    return (
        access.user.role == Role.PARTNER
        and access.user.organisation_id is not None
        and access.section(SECTION)
    )


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _names(entry: Mapping[str, Any], organisation: Organisation) -> bool:
    name = organisation.name.strip().casefold()
    if not name:
        return False
    return any(
        name in str(entry.get(field) or "").casefold() for field in ("if", "action", "by_whom")
    )


def is_theirs(entry: Mapping[str, Any], organisation: Organisation) -> bool:
    """A signed action is shown to the organisation: never under victim safety planning;
    theirs by its organisation's id (or, for a version signed before the id was kept, its
    name); a contingency plan also when it names them."""
    heading = entry.get("heading")
    if heading not in Heading.values or heading in NEVER_SHARED:
        return False
    if "organisation_id" in entry:
        own = _number(entry.get("organisation_id")) == organisation.pk
    else:
        own = bool(organisation.name) and entry.get("organisation") == organisation.name
    return own or (heading == Heading.CONTINGENCY and _names(entry, organisation))


def part_for(person: Person, organisation: Organisation) -> PartnerRiskPlanView | None:
    """The organisation's part of the signed plan (None: no locked version yet), under each
    heading that has something of theirs."""
    version = (
        Version.objects.filter(person=person, document__kind=facts.KIND, state=State.LOCKED)
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    entries = [
        entry
        for _, entry in sorted(
            ((version.content or {}).get(snapshot.ACTIONS) or {}).items(),
            key=lambda item: (_number(item[1].get("position")), item[0]),
        )
        if isinstance(entry, Mapping) and is_theirs(entry, organisation)
    ]
    headings = []
    for value, label in Heading.choices:
        actions = tuple(
            PartnerActionView(
                action=str(entry.get("action") or ""),
                contingency_if=str(entry.get("if") or ""),
                by_whom=str(entry.get("by_whom") or ""),
                when=str(entry.get("when") or ""),
                factors=tuple(str(f) for f in entry.get("factor_labels") or ()),
            )
            for entry in entries
            if entry.get("heading") == value
        )
        if actions:
            headings.append(PartnerHeadingView(str(label), actions))
    return PartnerRiskPlanView(
        version=version.number,
        locked_on=timezone.localdate(version.locked_at) if version.locked_at else None,
        headings=tuple(headings),
    )


def community_levels(person: Person) -> tuple[LevelView, ...]:
    """The current (locked) assessment's levels of risk of serious harm in the community, as
    the risk of serious harm summary shares them (none before an assessment locks)."""
    found = Assessment.objects.filter(person=person).select_related("current").first()
    if found is None or found.current is None:
        return ()
    return tuple(
        LevelView(
            GROUP_WORDS.get(row.group, row.group),
            row.community.label if row.community else "Not rated",
        )
        for row in levels_by_group(
            (found.current.content or {}).get("rosh") or {}, community_only=True
        )
    )


def panel(access: Access) -> dict[str, Any] | None:
    """The Plan page's panel for a partner whose agreement covers the risk plan."""
    if not may_see(access):
        return None
    organisation = access.user.organisation
    assert organisation is not None  # noqa: S101 - may_see checked it
    return {
        "organisation": organisation.name,
        "part": part_for(access.person, organisation),
        "levels": community_levels(access.person) if access.section(LEVELS_SECTION) else None,
    }

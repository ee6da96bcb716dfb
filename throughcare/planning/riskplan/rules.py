"""The risk management plan's rules, pure (no Django; the caller reads the record):

- `risk_factors`: the risk factors an action may manage, from an assessment version's content
  (the stable and acute dynamic factors, the groups at risk of serious harm at medium or above,
  the other risks recorded, the needs rated severe, and the circumstances likely to increase
  the risk), each with a stable key and a label;
- `uncovered`: the factors no action manages;
- `condition_conflicts`: an exclusion zone or non-contact condition checked against the chosen
  address and area, with the conflict rules of release options (`planning.rules.conflicts`);
- `countersignature_reason`: whether a plan needs the senior probation officer's signature.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from throughcare.assessment.rules.rosh import CELLS, GROUPS, Level
from throughcare.planning.rules import conflicts
from throughcare.rules.places import Area, Place

Labels = Sequence[tuple[str, str]]
YES = "yes"
SEVERE = "severe"
INCREASES = "increases"


@dataclass(frozen=True)
class Vocabulary:
    """The words of the assessment's questions, as (stored key, label): the caller passes the
    assessment's own lists (`throughcare.planning.riskplan.facts.VOCABULARY`)."""

    stable: Labels = ()
    acute: Labels = ()
    groups: Mapping[str, str] = field(default_factory=dict)  # group -> "Children"
    other_risks: Labels = ()
    pathways: Labels = ()


@dataclass(frozen=True)
class RiskFactor:
    """A risk factor from the assessment: `key` is stable across versions ("stable:temper
    control", "harm:children", "other:suicide", "need:accommodation", "increases")."""

    key: str
    label: str
    kind: str
    detail: str = ""


def _chosen(values: Any) -> list[str]:
    if isinstance(values, str):
        return [values] if values else []
    if isinstance(values, list | tuple):
        return [str(v) for v in values]
    return []


def _dynamic(content: Mapping[str, Any], words: Vocabulary) -> list[RiskFactor]:
    factors = content.get("factors") or {}
    found = []
    for kind, labels, what in (
        ("stable", words.stable, "Stable dynamic factor"),
        ("acute", words.acute, "Acute dynamic factor"),
    ):
        chosen = set(_chosen(factors.get(kind)))
        found += [
            RiskFactor(f"{kind}:{key}", f"{what}: {label.lower()}", kind)
            for key, label in labels
            if key in chosen
        ]
    return found


def _level(stored: Any) -> Level | None:
    try:
        return Level.from_key(str(stored)) if stored else None
    except ValueError:
        return None


def _harm(content: Mapping[str, Any], words: Vocabulary) -> list[RiskFactor]:
    rosh = content.get("rosh") or {}
    found = []
    for group in GROUPS:
        levels = [
            level
            for (g, setting) in CELLS
            if g == group
            and (level := _level(rosh.get(f"{group.replace(' ', '_')}_{setting}"))) is not None
        ]
        top = max(levels) if levels else None
        if top is not None and top >= Level.MEDIUM:
            name = words.groups.get(group, group.capitalize())
            found.append(
                RiskFactor(
                    f"harm:{group}",
                    f"Risk of serious harm to {name[:1].lower()}{name[1:]}: {top.key}",
                    "harm",
                )
            )
    return found


def _other(content: Mapping[str, Any], words: Vocabulary) -> list[RiskFactor]:
    other = content.get("other-risks") or {}
    return [
        RiskFactor(f"other:{key}", f"Other risk: {label.lower()}", "other")
        for key, label in words.other_risks
        if other.get(key) == YES
    ]


def _needs(content: Mapping[str, Any], words: Vocabulary) -> list[RiskFactor]:
    needs = content.get("needs") or {}
    return [
        RiskFactor(f"need:{key}", f"Severe need: {label.lower()}", "need")
        for key, label in words.pathways
        if needs.get(f"{key}_severity") == SEVERE
    ]


def _increases(content: Mapping[str, Any]) -> list[RiskFactor]:
    text = str((content.get("rosh") or {}).get(INCREASES) or "").strip()
    if not text:
        return []
    return [
        RiskFactor(
            INCREASES, "Circumstances likely to increase the risk", INCREASES, detail=text[:500]
        )
    ]


def risk_factors(content: Mapping[str, Any] | None, words: Vocabulary) -> list[RiskFactor]:
    """Every risk factor the assessment version's content records, in the order: dynamic
    factors, groups at risk, other risks, severe needs, what increases the risk."""
    if not content:
        return []
    return [
        *_dynamic(content, words),
        *_harm(content, words),
        *_other(content, words),
        *_needs(content, words),
        *_increases(content),
    ]


def uncovered(factors: Iterable[RiskFactor], managed: Iterable[Iterable[str]]) -> list[RiskFactor]:
    """The factors no action manages (`managed`: each action's factor keys)."""
    covered = {key for keys in managed for key in keys}
    return [factor for factor in factors if factor.key not in covered]


# Licence conditions checked against the chosen address and area ------------------------------

OUTSIDE = "outside the area"


@dataclass(frozen=True)
class ChosenPlaces:
    """Where the person will live (the chosen accommodation) and the chosen area, and what the
    conflict rules need of them."""

    places: tuple[Place, ...] = ()
    household_children: bool = False
    victims: tuple[conflicts.VictimPlace, ...] = ()


def condition_conflicts(check: str, zone: str, chosen: ChosenPlaces) -> list[conflicts.Conflict]:
    """The conflicts of one condition (`check` as in `catalogue.Condition.check`) with the
    chosen places: an exclusion zone containing one of them; an area they must not leave that
    leaves one out; a victim's address or keep-clear area at one of them (no contact); a
    household with children (no unsupervised contact with children). Messages never name or
    locate a victim."""
    found: list[conflicts.Conflict] = []
    seen: set[str] = set()
    for place in chosen.places:
        facts = conflicts.OptionFacts(
            place=place,
            household_children=chosen.household_children,
            children_contact_restricted=True,
            exclusion_areas=(zone,) if zone.strip() else (),
            victims=chosen.victims,
        )
        if check == "exclusion":
            hits = conflicts.exclusion(facts)
            hits = [
                conflicts.Conflict(
                    c.rule, "The chosen address or area is inside the exclusion zone"
                )
                for c in hits
            ]
        elif check == "inclusion":
            area = Area.parse(zone)
            inside = not area or area.contains(place)
            hits = (
                []
                if inside or not (place.postcode or place.area)
                else [
                    conflicts.Conflict(
                        OUTSIDE,
                        "The chosen address or area is outside the area they must not leave",
                    )
                ]
            )
        elif check == "victim":
            hits = conflicts.victims(facts)
        elif check == "children":
            hits = conflicts.children(facts)
        else:
            hits = []
        for hit in hits:
            if hit.message not in seen:
                seen.add(hit.message)
                found.append(hit)
    return found


HIGH = ("high", "very high")


def countersignature_reason(overall: str) -> str:
    """The reason the plan waits for the senior probation officer ("": it locks when
    submitted): a risk of serious harm of high or very high."""
    if overall in HIGH:
        return f"The risk of serious harm is {overall}: the plan needs countersigning"
    return ""

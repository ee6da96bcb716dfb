"""Decision criteria for release and resettlement (SFJCCFI2 P30): each a pure rule over facts
read from the record, answering met or not with its evidence. An administrator chooses which
criteria the organisation uses (`planning.DecisionCriterion`, each naming one rule here).

A fact the record does not hold yet is passed as None and the rule says so honestly (the risk
management plan, until the plan exists: issue 12)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

HIGH_LEVELS = ("high", "very high")


@dataclass(frozen=True)
class Result:
    met: bool
    evidence: str


@dataclass(frozen=True)
class Chosen:
    """A chosen accommodation option: its title and when it was chosen."""

    title: str
    chosen_on: date


@dataclass(frozen=True)
class Plan:
    """The risk management plan, as far as the criteria need it."""

    countersigned_on: date | None


@dataclass(frozen=True)
class Consultation:
    consulted_on: date
    source: str


@dataclass(frozen=True)
class Facts:
    """- release_date: the person's release date (None: not known);
    - accommodation: the chosen accommodation options (agreed, where agreement was needed);
    - rosh: the overall risk of serious harm of the current assessment ("" if none);
    - plan: the risk management plan (None: there is none yet);
    - has_victim: whether the record holds a victim;
    - consultations: the victim liaison consultations recorded."""

    release_date: date | None = None
    accommodation: tuple[Chosen, ...] = ()
    rosh: str = ""
    plan: Plan | None = None
    has_victim: bool = False
    consultations: tuple[Consultation, ...] = field(default_factory=tuple)


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def accommodation_on_release(facts: Facts) -> Result:
    """Somewhere to live confirmed for the night of release: a chosen accommodation option."""
    if facts.accommodation:
        chosen = facts.accommodation[0]
        return Result(True, f"{chosen.title}, chosen on {_day(chosen.chosen_on)}")
    night = f" (release date {_day(facts.release_date)})" if facts.release_date else ""
    return Result(False, f"No accommodation option chosen yet{night}")


def plan_countersigned_when_high(facts: Facts) -> Result:
    """A risk management plan countersigned when the risk of serious harm is high or very
    high."""
    if not facts.rosh:
        return Result(False, "Risk of serious harm not assessed yet")
    if facts.rosh not in HIGH_LEVELS:
        return Result(True, f"Not needed: the risk of serious harm is {facts.rosh}")
    if facts.plan is None:
        return Result(False, "No risk management plan yet")
    if facts.plan.countersigned_on is None:
        return Result(False, "The risk management plan is not countersigned yet")
    return Result(True, f"Countersigned on {_day(facts.plan.countersigned_on)}")


def victim_liaison_consulted(facts: Facts) -> Result:
    """Victim liaison consulted where there is a victim (a recorded consultation)."""
    if not facts.has_victim:
        return Result(True, "Not needed: no victim is recorded")
    if not facts.consultations:
        return Result(False, "No victim liaison consultation recorded")
    latest = max(facts.consultations, key=lambda c: c.consulted_on)
    return Result(True, f"Consulted on {_day(latest.consulted_on)} ({latest.source})")


RULES: dict[str, tuple[str, Callable[[Facts], Result]]] = {
    "accommodation on release": (
        "Somewhere to live confirmed for the night of release",
        accommodation_on_release,
    ),
    "plan countersigned when high": (
        "Risk management plan countersigned when risk of serious harm is high",
        plan_countersigned_when_high,
    ),
    "victim liaison consulted": (
        "Victim liaison consulted where there is a victim",
        victim_liaison_consulted,
    ),
}


def evaluate(rule: str, facts: Facts) -> Result:
    return RULES[rule][1](facts)

"""The lifecycle of a version of a signed document, as a table: from which state, by which
action, who may act and the state it leads to. Pure Python, no Django: the services ask it
before every change, and the pages ask it which buttons to show.

    draft --submit--> submitted --countersign--> countersigned --lock--> locked
      ^ edit            |  \\--return--> returned --submit--> submitted
                        \\--lock (no countersignature needed)--> locked

Only the author edits and submits; only a countersigner (never the author) returns or
countersigns; only the system locks (straight after countersigning, or on submission when no
countersignature is needed). A locked version never changes again: a change is a new version.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType


class State(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    COUNTERSIGNED = "countersigned"
    LOCKED = "locked"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    State.DRAFT: "Draft",
    State.SUBMITTED: "Submitted: awaiting countersignature",
    State.RETURNED: "Returned with comments",
    State.COUNTERSIGNED: "Countersigned",
    State.LOCKED: "Locked",
}


class Action(enum.StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    RETURN = "return"
    COUNTERSIGN = "countersign"
    LOCK = "lock"


class Actor(enum.StrEnum):
    AUTHOR = "author"
    COUNTERSIGNER = "countersigner"
    SYSTEM = "system"


_AUTHOR = frozenset({Actor.AUTHOR})
_COUNTERSIGNER = frozenset({Actor.COUNTERSIGNER})
_SYSTEM = frozenset({Actor.SYSTEM})

TRANSITIONS: Mapping[tuple[State, Action], tuple[frozenset[Actor], State]] = MappingProxyType(
    {
        (State.DRAFT, Action.EDIT): (_AUTHOR, State.DRAFT),
        (State.RETURNED, Action.EDIT): (_AUTHOR, State.RETURNED),
        (State.DRAFT, Action.SUBMIT): (_AUTHOR, State.SUBMITTED),
        (State.RETURNED, Action.SUBMIT): (_AUTHOR, State.SUBMITTED),
        (State.SUBMITTED, Action.RETURN): (_COUNTERSIGNER, State.RETURNED),
        (State.SUBMITTED, Action.COUNTERSIGN): (_COUNTERSIGNER, State.COUNTERSIGNED),
        (State.COUNTERSIGNED, Action.LOCK): (_SYSTEM, State.LOCKED),
        # No countersignature needed: locked on submission.
        (State.SUBMITTED, Action.LOCK): (_SYSTEM, State.LOCKED),
    }
)

# The states in which the author may still change the answers.
EDITABLE: frozenset[State] = frozenset(
    state for (state, action) in TRANSITIONS if action == Action.EDIT
)

_VERBS = {
    Action.EDIT: "changed",
    Action.SUBMIT: "submitted",
    Action.RETURN: "returned",
    Action.COUNTERSIGN: "countersigned",
    Action.LOCK: "locked",
}
_WHO = {
    Actor.AUTHOR: "its author (the allocated staff)",
    Actor.COUNTERSIGNER: "a senior probation officer of the case team who did not write it",
    Actor.SYSTEM: "Throughcare itself",
}


class NotAllowed(Exception):
    """The action cannot be taken on a version in this state by these actors."""


def allowed(state: State, action: Action, actor: Actor) -> bool:
    entry = TRANSITIONS.get((State(state), Action(action)))
    return entry is not None and Actor(actor) in entry[0]


def after(state: State, action: Action, actor: Actor) -> State:
    """The state the action leads to; NotAllowed, in plain English, if it cannot be taken."""
    state, action, actor = State(state), Action(action), Actor(actor)
    entry = TRANSITIONS.get((state, action))
    if entry is None:
        raise NotAllowed(
            f"A version that is {state.label.lower()} cannot be {_VERBS[action]}"
            + (": start a new version to change it" if state == State.LOCKED else "")
        )
    actors, following = entry
    if actor not in actors:
        who = " or ".join(_WHO[a] for a in sorted(actors))
        raise NotAllowed(f"Only {who} can do that: it cannot be {_VERBS[action]} by you")
    return following


def actions(state: State, actors: Iterable[Actor]) -> list[Action]:
    """What these actors may do to a version in this state, in the order of `Action`."""
    held = {Actor(a) for a in actors}
    return [action for action in Action if any(allowed(state, action, a) for a in held)]

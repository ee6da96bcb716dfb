"""The lifecycle table on its own: every (state, action, actor), the labels, the messages."""

from __future__ import annotations

import pytest

from throughcare.records.lifecycle import (
    EDITABLE,
    TRANSITIONS,
    Action,
    Actor,
    NotAllowed,
    State,
    actions,
    after,
    allowed,
)

S, Ac, W = State, Action, Actor

# (state, action, actor) -> the state it leads to; every other combination is refused.
EXPECTED = {
    (S.DRAFT, Ac.EDIT, W.AUTHOR): S.DRAFT,
    (S.RETURNED, Ac.EDIT, W.AUTHOR): S.RETURNED,
    (S.DRAFT, Ac.SUBMIT, W.AUTHOR): S.SUBMITTED,
    (S.RETURNED, Ac.SUBMIT, W.AUTHOR): S.SUBMITTED,
    (S.SUBMITTED, Ac.RETURN, W.COUNTERSIGNER): S.RETURNED,
    (S.SUBMITTED, Ac.COUNTERSIGN, W.COUNTERSIGNER): S.COUNTERSIGNED,
    (S.COUNTERSIGNED, Ac.LOCK, W.SYSTEM): S.LOCKED,
    (S.SUBMITTED, Ac.LOCK, W.SYSTEM): S.LOCKED,
}


@pytest.mark.parametrize("state", list(S), ids=str)
@pytest.mark.parametrize("action", list(Ac), ids=str)
@pytest.mark.parametrize("actor", list(W), ids=str)
def test_every_combination_of_the_table(state: State, action: Action, actor: Actor) -> None:
    expected = EXPECTED.get((state, action, actor))
    assert allowed(state, action, actor) is (expected is not None)
    if expected is None:
        with pytest.raises(NotAllowed):
            after(state, action, actor)
    else:
        assert after(state, action, actor) == expected


def test_the_table_holds_exactly_the_expected_transitions() -> None:
    flattened = {
        (state, action, actor): following
        for (state, action), (actors_, following) in TRANSITIONS.items()
        for actor in actors_
    }
    assert flattened == EXPECTED


def test_nothing_leaves_the_locked_state_and_only_drafts_and_returned_versions_are_editable() -> (
    None
):
    assert not any(state == S.LOCKED for state, _ in TRANSITIONS)
    assert {S.DRAFT, S.RETURNED} == EDITABLE


def test_the_refusals_say_why_in_plain_english() -> None:
    with pytest.raises(NotAllowed, match="locked cannot be changed: start a new version"):
        after(S.LOCKED, Ac.EDIT, W.AUTHOR)
    with pytest.raises(NotAllowed, match="Only a senior probation officer .* who did not write"):
        after(S.SUBMITTED, Ac.COUNTERSIGN, W.AUTHOR)
    with pytest.raises(NotAllowed, match="Only its author"):
        after(S.DRAFT, Ac.SUBMIT, W.COUNTERSIGNER)


def test_actions_for_the_actors_held() -> None:
    assert actions(S.DRAFT, [W.AUTHOR]) == [Ac.EDIT, Ac.SUBMIT]
    assert actions(S.SUBMITTED, [W.AUTHOR]) == []
    assert actions(S.SUBMITTED, [W.COUNTERSIGNER, W.AUTHOR]) == [Ac.RETURN, Ac.COUNTERSIGN]
    assert actions(S.SUBMITTED, [W.SYSTEM]) == [Ac.LOCK]
    assert actions(S.LOCKED, list(W)) == []


def test_labels() -> None:
    assert [s.label for s in S] == [
        "Draft",
        "Submitted: awaiting countersignature",
        "Returned with comments",
        "Countersigned",
        "Locked",
    ]

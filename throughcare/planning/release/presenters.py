"""How the release reads on the pages: the criteria met or not, the checklist's needs, the
handover and the release, and the two panels of the Plan page (`plan_panels`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.html import format_html

from throughcare.access.models import Role
from throughcare.access.policy import Action
from throughcare.core import clock
from throughcare.planning import ownership
from throughcare.planning.presenters import tag
from throughcare.rules.dates import long_date
from throughcare.rules.times import when

from . import queries
from .models import Handover, Outcome, Release
from .services import common

if TYPE_CHECKING:
    from throughcare.access.policy import Access
    from throughcare.people.models import Person


def owner_words(person: Person) -> str:
    if ownership.owner_role(person) == Role.COM:
        return "the community offender manager"
    return "the prison offender manager"


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def handover_rows(handover: Handover) -> list[dict[str, Any]]:
    rows: list[tuple[str, str]] = [
        ("Date of the handover", long_date(handover.handed_over_on)),
        ("Due by", long_date(handover.due_on) if handover.due_on else "Not known"),
        (
            "Recorded by",
            handover.created_by.full_name if handover.created_by else "Not recorded",
        ),
        ("The resettlement plan shared", _yes_no(handover.resettlement_plan_shared)),
        ("The risk management plan shared", _yes_no(handover.risk_plan_shared)),
        ("Licence conditions drafted", _yes_no(handover.licence_conditions_drafted)),
        ("The day-of-release checklist reviewed", _yes_no(handover.checklist_reviewed)),
        ("Accommodation confirmed", _yes_no(handover.accommodation_confirmed)),
        (
            "Handover meeting",
            f"Held on {long_date(handover.meeting_on)}"
            if handover.meeting_held and handover.meeting_on
            else f"Not held: {handover.meeting_not_held_because}",
        ),
    ]
    if handover.notes:
        rows.append(("Anything else", handover.notes))
    if handover.accepted_at:
        by = handover.accepted_by.full_name if handover.accepted_by else ""
        rows.append(("Accepted", f"{when(handover.accepted_at)} by {by}".strip()))
    else:
        rows.append(("Accepted", "Not yet accepted by the community offender manager"))
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def release_rows(release: Release) -> list[dict[str, Any]]:
    rows = [
        ("Date of release", long_date(release.released_on)),
        (
            "Where they slept that night",
            release.get_slept_display()
            + (f": {release.slept_details}" if release.slept_details else ""),
        ),
        ("First appointment kept", release.get_appointment_kept_display()),
        (
            "Somewhere to live that night (the checklist at release)",
            release.get_accommodation_status_display() or "Not recorded",
        ),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def outcome_rows(outcome: Outcome | None) -> list[dict[str, Any]]:
    """The outcomes after release; "Not recorded" for what is blank."""
    rows = [
        (
            "In work or training six weeks after release",
            (outcome.get_in_work_at_six_weeks_display() if outcome else "") or "Not recorded",
        ),
        (
            "Recalled to custody",
            long_date(outcome.recalled_on) if outcome and outcome.recalled_on else "Not recorded",
        ),
        (
            "New offence proven by a court",
            long_date(outcome.reoffence_on) if outcome and outcome.reoffence_on else "Not recorded",
        ),
    ]
    return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]


def checklist_rows(view: queries.DayOfReleaseView) -> list[dict[str, Any]]:
    rows = []
    for need in view.needs:
        colour = "green" if need.in_place else ("grey" if need.status == "Not recorded" else "red")
        details = need.details
        if need.key == "id" and view.id_documents:
            documents = ", ".join(view.id_documents)
            details = f"{documents}. {details}" if details else documents
        rows.append(
            {
                "key": {"text": need.label},
                "value": {"html": format_html("{} {}", tag(colour, need.status), details)},
            }
        )
    appointment = (
        f"{view.appointment_who}, {view.appointment_when[:1].lower()}{view.appointment_when[1:]}"
        if view.appointment_who and view.appointment_when
        else "Not set"
    )
    rows.append({"key": {"text": "First appointment"}, "value": {"text": appointment}})
    return rows


def readiness_panel(access: Access) -> dict[str, Any] | None:
    if not access.can(Action.VIEW_PLAN):
        return None
    person = access.person
    readiness = queries.readiness_for(person, may_see_victims=access.can(Action.VIEW_VICTIMS))
    view = queries.day_of_release_for(person)
    released = queries.release(person)
    return {
        "released_on": released.released_on if released else None,
        "readiness": readiness,
        "unmet": "; ".join(f"{c.title} ({c.evidence})" for c in readiness.unmet),
        "checklist": checklist_rows(view) if view else [],
        "missing": view.missing if view else [],
        "may_change": ownership.may_change_plans(access.user, person),
        "owner": owner_words(person),
        "readiness_url": reverse("release:readiness", args=[person.pk]),
        "checklist_url": reverse("release:checklist", args=[person.pk]),
    }


def handover_panel(access: Access) -> dict[str, Any] | None:
    if not access.can(Action.VIEW_PLAN):
        return None
    person = access.person
    handover = queries.handover(person)
    release = queries.release(person)
    due_on = queries.handover_due(person)
    accepted = handover is not None and handover.accepted
    return {
        "stage": queries.stage(person),
        "due_on": due_on,
        "late": due_on is not None and due_on < clock.today() and not accepted,
        "handover": handover,
        "handover_rows": handover_rows(handover) if handover else [],
        "release_rows": release_rows(release) if release else [],
        "outcome_rows": outcome_rows(queries.outcome(person)) if release else [],
        "released": release is not None,
        "may_hand_over": common.is_allocated(access.user, person, Role.POM)
        and not (handover and handover.accepted),
        "may_accept": common.is_allocated(access.user, person, Role.COM)
        and handover is not None
        and not handover.accepted,
        "may_release": common.is_allocated(access.user, person, Role.COM),
        "handover_url": reverse("release:handover", args=[person.pk]),
        "accept_url": reverse("release:accept", args=[person.pk]),
        "release_url": reverse("release:record", args=[person.pk]),
        "outcomes_url": reverse("release:outcomes", args=[person.pk]),
    }

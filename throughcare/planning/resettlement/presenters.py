"""What the resettlement plan's pages show: each goal as a summary card (its steps under it,
each with its progress notes), the version's state, and the Plan page's panel."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.html import format_html

from throughcare.access.policy import Access, Action
from throughcare.core import clock
from throughcare.planning import ownership
from throughcare.records.lifecycle import State
from throughcare.records.models import Version
from throughcare.rules.dates import long_date

from . import facts, partner, queries
from .models import KIND, Goal, Step
from .snapshot import AGREEMENT, Agreement

TAGS = {
    State.DRAFT: "grey",
    State.SUBMITTED: "yellow",
    State.RETURNED: "orange",
    State.COUNTERSIGNED: "turquoise",
    State.LOCKED: "green",
}


def url(name: str, person_id: Any, *args: Any) -> str:
    return reverse(f"resettlement:{name}", args=[person_id, *args])


def state_tag(version: Version | None) -> str:
    if version is None:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not started")
    state = State(version.state)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', TAGS[state], state.label
    )


def _row(key: str, value: str) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"text": value or "Not recorded"}}


def owner_text(step: Step) -> str:
    if step.organisation is not None:
        return step.organisation.name
    return step.get_owner_display()


def goal_card(goal: Goal, *, may_change: bool, may_record: bool) -> dict[str, Any]:
    person_id = goal.person_id
    actions = []
    if may_change and not goal.removed:
        actions = [
            {
                "href": url("goal", person_id, goal.pk),
                "text": "Change",
                "visuallyHiddenText": "goal",
            },
            {
                "href": url("goal-remove", person_id, goal.pk),
                "text": "Remove",
                "visuallyHiddenText": "goal",
            },
            {
                "href": url("step-create", person_id, goal.pk),
                "text": "Add a step",
                "visuallyHiddenText": "",
            },
        ]
    rows = [
        _row("Status", goal.get_status_display()),
        _row("Area of need", goal.get_area_of_need_display()),
        _row("Target date", long_date(goal.target_date) if goal.target_date else ""),
    ]
    if goal.option is not None:
        rows.append(_row("Release option", goal.option.title))
    today = clock.today()
    steps = []
    for step in goal.steps.all():
        step_actions = []
        if may_change and not goal.removed:
            step_actions.append({"href": url("step", person_id, step.pk), "text": "Change step"})
        if may_record and not goal.removed:
            step_actions.append(
                {"href": url("progress", person_id, step.pk), "text": "Add a progress note"}
            )
        steps.append(
            {
                "step": step,
                "owner": owner_text(step),
                "overdue": step.due_date < today and not step.finished,
                "actions": step_actions,
                "progress": list(step.progress.all()),
            }
        )
    return {
        "goal": goal,
        "card": {
            "card": {
                "title": {"text": goal.title, "headingLevel": 4},
                "actions": {"items": actions},
            },
            "rows": rows,
        },
        "steps": steps,
    }


def agreement_rows(version: Version | None) -> list[dict[str, Any]]:
    values = (version.content.get(AGREEMENT) or {}) if version is not None else {}
    label = Agreement.label(values.get("agreement"))
    if not label:
        return [_row("The person's agreement", "Not recorded for this version")]
    rows = [_row("The person's agreement", label)]
    if values.get("words"):
        rows.append(_row("What they said", str(values["words"])))
    recorded = str(values.get("recorded_on") or "")
    if recorded:
        rows.append(_row("Recorded on", long_date(date.fromisoformat(recorded))))
    return rows


def may_change(access: Access) -> bool:
    return ownership.may_change_plans(access.user, access.person)


def owner_notice(access: Access) -> str:
    whose = "community" if ownership.owner_role(access.person) == "com" else "prison"
    return f"Only the {whose} offender manager who owns the plan can change it."


def needs_to_offer(access: Access, goals: list[Goal]) -> list[dict[str, Any]]:
    """The assessment's needs with no goal on their pathway yet."""
    covered = {goal.pathway for goal in goals if not goal.removed}
    return [
        {"need": need, "href": url("goal-create", access.person.pk) + f"?need={need.pathway}"}
        for need in facts.assessed_needs(access.person)
        if need.pathway not in covered
    ]


def versions_url(person_id: Any) -> str:
    return reverse("records:versions", kwargs={"person_id": person_id, "document_kind": KIND})


def panel(access: Access) -> dict[str, Any] | None:
    """The Plan page's panel: the plan's state, the person's agreement, the goals on each
    pathway and the steps overdue, with a link to the plan. For the case team only."""
    if not access.can(Action.VIEW_PLAN):
        return None
    found = queries.document(access.person)
    version = queries.current_version(found)
    goals = queries.goals(access)
    agreement, agreed_on = queries.agreement_of(version)
    return {
        "version": version,
        "state": state_tag(version),
        "agreement": agreement.label,
        "agreed_on": agreed_on,
        "pathways": [(label, len(items)) for label, items in queries.by_pathway(goals)],
        "overdue": len(queries.overdue(goals)),
        "url": url("plan", access.person.pk),
    }


def partner_panel(access: Access) -> dict[str, Any] | None:
    """The Plan page's panel for a partner worker whose organisation's agreement covers the
    plan: their organisation's steps of the signed plan, the goal each serves, and the release
    date and first appointment when the agreement covers the sentence too."""
    if not partner.may_see(access):
        return None
    organisation = access.user.organisation
    assert organisation is not None  # noqa: S101 - may_see checked it
    context: dict[str, Any] = {
        "organisation": organisation.name,
        "part": partner.part_for(access.person, organisation),
        "release": None,
    }
    if access.section("sentence"):
        from throughcare.planning.release import queries as release_queries

        checklist = release_queries.checklist(access.person)
        context["release"] = {
            "date": access.person.release_date,
            "who": release_queries.appointment_who(checklist) if checklist else "",
            "when": release_queries.appointment_when(checklist) if checklist else "",
        }
    return context

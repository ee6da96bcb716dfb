"""What the risk management plan declares to the rest of the service, from
`AppConfig.ready()`: its kind of signed document (read by the case team only: a partner whose
agreement covers "risk_plan" never reads its versions, only their part), its panels on the
Plan page (position 20; 21 for a partner: their actions of the signed plan),
the reader the decision criterion "plan countersigned when high" uses, and its part of the
subject access export."""

from __future__ import annotations

from typing import Any


def _kind() -> None:
    from django.urls import reverse

    from throughcare.access.policy import Action
    from throughcare.records.kinds import Kind, register

    from . import facts, snapshot

    register(
        Kind(
            key=facts.KIND,
            title=facts.TITLE,
            record_section="plan",
            rows=snapshot.version_rows,
            view_action=Action.VIEW_PLAN,
            sharing="risk_plan",
            section_titles=snapshot.SECTION_TITLES,
            edit_url=lambda version: reverse("riskplan:plan", args=[version.person_id]),
        )
    )


def _panel(access: Any) -> dict[str, Any] | None:
    from . import presenters, queries

    found = queries.plan(access)
    if found is None:
        return None
    return {
        "found": found,
        "headings": [
            {"label": h["label"], "count": len(h["actions"])} for h in presenters.headings(found)
        ],
        "additional": len(found.conditions),
        "without_risk": len(found.without_risk),
    }


def connect() -> None:
    from throughcare.core import subject_access
    from throughcare.planning import facts as planning_facts
    from throughcare.planning.panels import PlanPanel, register

    from . import facts, partner
    from .subject_access import PART

    _kind()
    subject_access.register(PART)
    register(PlanPanel("risk-plan", 20, "riskplan/_panel.html", _panel))
    # A partner's part of it (issue 12 point 8): their actions of the signed plan.
    register(PlanPanel("risk-plan-partner", 21, "riskplan/_partner_panel.html", partner.panel))
    planning_facts.read_plans_with(facts.read_plan)

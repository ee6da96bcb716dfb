"""What the resettlement plan declares to the rest of the service, from `AppConfig.ready()`:
its kind of signed document ("resettlement-plan", read by the case team only: a partner whose
agreement covers "plan" never reads its versions, only their part), its panels on the Plan page
(position 10 for the case team, 11 for a partner: their steps of the signed plan), and its part
of the subject access export."""

from __future__ import annotations


def connect() -> None:
    from django.urls import reverse

    from throughcare.access.policy import Action
    from throughcare.core import subject_access
    from throughcare.planning.panels import PlanPanel
    from throughcare.planning.panels import register as register_panel
    from throughcare.records.kinds import Kind, register

    from . import presenters, snapshot
    from .models import KIND
    from .subject_access import PART

    register(
        Kind(
            key=KIND,
            title="Resettlement plan",
            record_section="plan",
            rows=snapshot.version_rows,
            view_action=Action.VIEW_PLAN.value,
            sharing="plan",
            section_titles=snapshot.SECTION_TITLES,
            edit_url=lambda version: reverse("resettlement:plan", args=[version.person_id]),
        )
    )
    register_panel(PlanPanel("resettlement", 10, "resettlement/_panel.html", presenters.panel))
    # A partner's part of it (issue 12 point 8): their steps of the signed plan.
    register_panel(
        PlanPanel(
            "resettlement-partner",
            11,
            "resettlement/_partner_panel.html",
            presenters.partner_panel,
        )
    )
    subject_access.register(PART)

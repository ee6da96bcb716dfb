"""The resettlement plan's part of the subject access export: the goals of their plan (removed
ones too), each goal's steps, who does each and by when, and the progress notes on them. The
signed versions of the plan are in the records' part (`signed_documents`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils import timezone

from throughcare.core.subject_access import Part, Section

from .models import Goal, Step, StepProgress

if TYPE_CHECKING:
    from throughcare.people.models import Person


def _step(step: Step) -> dict[str, Any]:
    return {
        "step": step.description,
        "who": step.organisation.name if step.organisation else step.get_owner_display(),
        "due_on": step.due_date,
        "status": step.get_status_display(),
        "progress": [
            {
                "on": timezone.localdate(note.created_at),
                "note": note.note,
                "moved_to": note.get_status_display() or None,
            }
            for note in step.progress.all()
        ],
    }


def _goals(person: Person) -> list[dict[str, Any]]:
    steps = Step.objects.select_related("organisation").prefetch_related(
        Prefetch("progress", queryset=StepProgress.objects.order_by("created_at", "pk"))
    )
    found = (
        Goal.objects.filter(person=person)
        .select_related("option")
        .prefetch_related(Prefetch("steps", queryset=steps))
        .order_by("pk")
    )
    return [
        {
            "pathway": goal.get_pathway_display(),
            "area_of_need": goal.get_area_of_need_display(),
            "goal": goal.title,
            "status": goal.get_status_display(),
            "target_date": goal.target_date,
            "release_option": goal.option.title if goal.option else None,
            "steps": [_step(step) for step in goal.steps.all()],
        }
        for goal in found
    ]


PART = Part(
    app="resettlement",
    sections=(
        Section(
            "resettlement_plan",
            93,
            _goals,
            includes="the goals of their resettlement plan, the steps towards them and the "
            "progress made",
        ),
    ),
    covers={
        "resettlement.Goal": "resettlement_plan",
        "resettlement.Step": "resettlement_plan",
        "resettlement.StepProgress": "resettlement_plan",
    },
)

"""Demo interviews with the person, written through the interview's services as a practitioner
would write them: one complete, its summary gone through and agreed with one correction, and
one in progress (begun on an earlier day, so its first answers can only be amended)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from throughcare.casework.interview import services, summary
from throughcare.casework.interview.draft import INTERVIEW, InterviewDraft
from throughcare.casework.interview.models import Interview
from throughcare.core import clock
from throughcare.core.errors import Invalid

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.access.policy import Access
    from throughcare.people.models import Person

# What the person said, as typed into each section's form.
ANSWERS: dict[str, dict[str, str]] = {
    "opening": {
        "role_explained": "true",
        "who_sees_explained": "true",
        "communication": "Face to face, with time to read things through",
        "interpreter": "no",
        "support": "Large print, please",
    },
    "offending": {
        "view_of_offending": "I took things that were not mine because I needed money.",
        "why": "I was using and in debt.",
        "pattern": "It happens when I stop working.",
    },
    "circumstances": {
        "accommodation": "No fixed address on release; my sister may have a room.",
        "drugs_alcohol": "Clean for eight months in custody.",
        "finance_id": "No bank account and no ID.",
    },
    "victims": {"attitude": "I feel bad for the shop staff who were scared."},
    "release-effect": {"on_victims": "They will worry I come back to the shop."},
    "release-plans": {
        "obstacles": "Old friends who still use.",
        "plans": "Stay with my sister and sign up for college.",
    },
    "supervision": {"attitude": "I will keep my appointments; I want to do it right."},
    "extreme-views": {"expressed": "no"},
    "behaviour": {"happened": "no"},
    "observations": {"observations": "Engaged well, calm, made eye contact throughout."},
}


def save(user: User, interview: Interview, key: str, posted: Mapping[str, str]) -> None:
    """Saves a section from what a practitioner typed, through its form and the service."""
    section = INTERVIEW.section(key)
    form = section.form(dict(posted))
    if not form.is_valid():
        raise Invalid({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    row = interview.sections.filter(key=key).first()
    services.save_section(
        user=user,
        interview=interview,
        section=section,
        data=form.cleaned_data,
        version=row.version if row else 0,
        complete=True,
    )


def complete(access: Access, answers: Mapping[str, Mapping[str, str]] = ANSWERS) -> Interview:
    """An interview with every section saved and submitted, its summary still to go through."""
    interview = services.start_interview(user=access.user, person=access.person)
    for key, posted in answers.items():
        save(access.user, interview, key, posted)
    draft = InterviewDraft(access, interview)
    services.submit(user=access.user, interview=interview, missing=INTERVIEW.missing(draft))
    return interview


def agreed_with_correction(access: Access, correction: str) -> Interview:
    interview = complete(access)
    draft = InterviewDraft(access, interview)
    return services.record_response(
        user=access.user,
        interview=interview,
        summary=summary.as_text(summary.paragraphs(draft.values())),
        response=Interview.Response.CORRECTED,
        response_on=clock.today(),
        correction=correction,
    )


def in_progress(user: User, person: Person) -> Interview:
    """Begun two days ago (the opening and the first topic), the rest still to do."""
    with clock.fixed_at(clock.now() - timedelta(days=2)):
        interview = services.start_interview(user=user, person=person)
        for key in ("opening", "offending"):
            save(user, interview, key, ANSWERS[key])
    return interview

"""Changes to interviews, each in one transaction with its audit event: start one, save a
section (answers changed in place only on the day they were written), submit it, record the
person's response to the summary (P5, their corrections kept beside it as amendments) and
amend an answer after its day (P15)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Stale
from throughcare.record.longform import FormSection
from throughcare.rules import dates
from throughcare.ui import answers

from .. import services as casework
from ..models import Amendment
from ..sources import Source, SourceKind
from . import questions
from .models import Interview, InterviewAnswer, InterviewSection

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

SUMMARY_FIELD = "summary"  # the Amendment.field of the person's corrections to the summary


@transaction.atomic
def start_interview(*, user: User, person: Person) -> Interview:
    """Starts an interview, or returns the one still open (a double click starts one)."""
    open_ = Interview.objects.filter(person=person, response_recorded_at__isnull=True).first()
    if open_ is not None:
        return open_
    interview = Interview.objects.create(person=person, started_by=user, created_by=user)
    record_for(interview, user=user, operation=Operation.COLLECTION, fields=["started_by"])
    return interview


def check_section(section: FormSection, data: Mapping[str, Any], today: date) -> None:
    """The service's own checks of a section's values: dates of past events not in the
    future, text within its limit."""
    problems: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, date):
            if value > today:
                problems[name] = "The date must be today or in the past"
            elif not dates.is_plausible(value, today):
                problems[name] = "Enter a date within 100 years of today"
        elif isinstance(value, str) and len(value) > questions.TEXT_LIMIT:
            problems[name] = "Enter 20,000 characters or fewer"
        elif name not in section.form.base_fields:
            problems[name] = "There is no such question"
    if problems:
        raise Invalid(problems)


def source_for(user: User, section: str, today: date) -> Source:
    """The person, on the day of the sitting; the practitioner for their own observations."""
    if section == questions.OBSERVATIONS:
        return Source(SourceKind.COLLEAGUE, today, user.full_name, user.get_role_display())
    return Source(SourceKind.PERSON, today)


def _section_row(interview: Interview, key: str) -> InterviewSection | None:
    return InterviewSection.objects.select_for_update().filter(interview=interview, key=key).first()


@transaction.atomic
def save_section(
    *,
    user: User,
    interview: Interview,
    section: FormSection,
    data: Mapping[str, Any],
    version: int,
    complete: bool,
) -> InterviewSection:
    """Saves one section as the frame posts it: refused as Stale if someone saved it since
    `version` was loaded; an answer written on an earlier day cannot change here (amend it)."""
    today = clock.today()
    if Interview.objects.select_for_update().get(pk=interview.pk).closed:
        raise Invalid({"__all__": "Their response to the summary is recorded: add amendments"})
    check_section(section, data, today)
    row = _section_row(interview, section.key)
    if (row.version if row else 0) != version:
        raise Stale("Someone else saved this section", current=row)
    existing = {a.field: a for a in interview.answers.filter(section=section.key)}
    changed = []
    for name, value in data.items():
        stored = answers.to_json(value)
        answer = existing.get(name)
        if answer is None:
            if answers.is_blank(stored):
                continue
            answer = InterviewAnswer(
                person_id=interview.person_id,
                interview=interview,
                section=section.key,
                field=name,
                created_by=user,
            )
            source_for(user, section.key, today).apply_to(answer)
        elif answer.value == stored:
            continue
        elif not casework.may_change_in_place(answer):
            raise Invalid({name: "This was written on an earlier day: add an amendment instead"})
        else:
            answer.version += 1
            answer.updated_by = user
        answer.value = stored
        answer.save()
        changed.append(name)
    if row is None:
        row = InterviewSection(
            person_id=interview.person_id, interview=interview, key=section.key, created_by=user
        )
        operation = Operation.COLLECTION
    else:
        row.version += 1
        row.updated_by = user
        operation = Operation.ALTERATION
    row.complete = complete
    row.save()
    record_for(row, user=user, operation=operation, fields=[*changed, "complete"])
    return row


@transaction.atomic
def submit(*, user: User, interview: Interview, missing: list[FormSection]) -> Interview:
    """Marks the interview ready for the summary; refused while required sections are not
    complete. Submitting again (after a change the same day) keeps the first time."""
    if missing:
        raise Invalid(
            {section.key: f"Complete the section: {section.title}" for section in missing}
        )
    current = Interview.objects.select_for_update().get(pk=interview.pk)
    if current.submitted_at is None:
        current.submitted_at = clock.now()
        current.version += 1
        current.updated_by = user
        current.save(update_fields=["submitted_at", "version", "updated_by"])
        record_for(current, user=user, operation=Operation.ALTERATION, fields=["submitted_at"])
    interview.submitted_at, interview.version = current.submitted_at, current.version
    return interview


def check_response(data: Mapping[str, Any], today: date | None = None) -> None:
    today = today or clock.today()
    problems: dict[str, str] = {}
    response = data.get("response")
    correction = str(data.get("correction") or "").strip()
    if response in (Interview.Response.CORRECTED, Interview.Response.DISAGREED) and not correction:
        problems["correction"] = "Enter what they wanted corrected, in their words"
    if len(str(data.get("correction") or "")) > questions.TEXT_LIMIT:
        problems["correction"] = "Enter 20,000 characters or fewer"
    response_on = data.get("response_on")
    if response_on and response_on > today:
        problems["response_on"] = "The date must be today or in the past"
    elif response_on and not dates.is_plausible(response_on, today):
        problems["response_on"] = "Enter a date within 100 years of today"
    if problems:
        raise Invalid(problems)


@transaction.atomic
def record_response(
    *,
    user: User,
    interview: Interview,
    summary: str,
    response: str,
    response_on: date,
    correction: str = "",
) -> Interview:
    """Records the person's response to the summary (P5): the summary as gone through is kept
    as it was; their correction is an amendment beside it, never over it. Closes the interview."""
    check_response({"response": response, "response_on": response_on, "correction": correction})
    current = Interview.objects.select_for_update().get(pk=interview.pk)
    if current.submitted_at is None:
        raise Invalid({"__all__": "Check and submit the answers before going through the summary"})
    if current.closed:
        raise Invalid({"__all__": "Their response to the summary is already recorded"})
    current.summary_text = summary
    current.response = response
    current.response_on = response_on
    current.response_recorded_at = clock.now()
    current.version += 1
    current.updated_by = user
    current.save()
    record_for(
        current,
        user=user,
        operation=Operation.ALTERATION,
        fields=["summary_text", "response", "response_on"],
    )
    if correction.strip():
        casework.add_amendment(
            user=user,
            entry=current,
            amendment=casework.NewAmendment(
                text=correction, field=SUMMARY_FIELD, reason="The person's correction"
            ),
        )
    return current


def amend_answer(*, user: User, answer: InterviewAnswer, text: str, reason: str) -> Amendment:
    """An amendment beside an answer: the answer itself never changes (P15)."""
    return casework.add_amendment(
        user=user,
        entry=answer,
        amendment=casework.NewAmendment(text=text, field=answer.field, reason=reason),
    )

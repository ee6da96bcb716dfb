"""Reviews of the plan (P35): scheduled by the allocated staff, opened at once when something
changes (an acute factor, an urgent concern, a change of address, a recall), one open review
for each reason, and completed with a summary, what changed and the next scheduled review."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid

from ..models import Review
from .common import choice, day, may_edit, not_stale, raise_problems, text

if TYPE_CHECKING:
    from datetime import date

    from throughcare.access.models import User
    from throughcare.people.models import Person

R = Review.Reason


def _already_due(review: Review) -> str:
    return (
        f"A review for this reason is already due on {review.due_on:%-d %B %Y}: "
        "complete that review first"
    )


def check_review(data: Mapping[str, Any], person: Person | None = None) -> None:
    """Scheduling a review: the date (today or later), the reason, and what prompted it when
    the reason is "other"."""
    problems: dict[str, str] = {}
    due_on = day(problems, data, "due_on", "The date the review is due", missing=MISSING_DUE)
    if due_on is not None and due_on < clock.today():
        problems["due_on"] = "The date the review is due must be today or in the future"
    choice(problems, data, "reason", R.values, "Select the reason for the review")
    other = data.get("reason") == R.OTHER
    text(
        problems,
        data,
        "details",
        "What prompted it",
        missing="Enter what prompted the review" if other else "",
    )
    if person is not None and "reason" not in problems and data.get("reason"):
        open_one = _open(person, str(data["reason"]))
        if open_one is not None:
            problems["reason"] = _already_due(open_one)
    raise_problems(problems)


MISSING_DUE = "Enter the date the review is due"


def _open(person: Person, reason: str) -> Review | None:
    return Review.objects.filter(person=person, reason=reason, completed_on__isnull=True).first()


@transaction.atomic
def schedule_review(
    *, user: User, person: Person, due_on: date | None, reason: str, details: str = ""
) -> Review:
    may_edit(user, person)
    check_review({"due_on": due_on, "reason": reason, "details": details}, person)
    assert due_on is not None  # noqa: S101 - checked above
    try:
        with transaction.atomic():
            review = Review.objects.create(
                person=person,
                created_by=user,
                due_on=due_on,
                reason=reason,
                details=details.strip(),
            )
    except IntegrityError:
        # Scheduled at the same moment by someone else: theirs stands.
        existing = _open(person, reason)
        raise Invalid({"reason": _already_due(existing) if existing else "Try again"}) from None
    record_for(review, user=user, operation=Operation.COLLECTION, fields=["due_on", "reason"])
    return review


@transaction.atomic
def open_review(*, person: Person, reason: str, details: str, by: User | None) -> Review:
    """A review due today because something changed (not a scheduled one), unless one for the
    same reason is open already: that one is returned, and nothing written. Called by the
    events that prompt a review and by a recall recommendation, whoever caused them (the
    change is theirs; the review follows from it)."""
    existing = _open(person, reason)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            review = Review.objects.create(
                person=person,
                created_by=by,
                due_on=clock.today(),
                reason=reason,
                details=details,
            )
    except IntegrityError:
        found = _open(person, reason)
        assert found is not None  # noqa: S101 - the constraint says it is there
        return found
    record_for(
        review,
        user=by,
        operation=Operation.COLLECTION,
        fields=["due_on", "reason", "details"],
        reason=details,
    )
    return review


def check_completion(data: Mapping[str, Any]) -> None:
    """Completing a review: its date (not in the future), a summary, what changed (optional)
    and the date of the next scheduled review (in the future, after the review)."""
    problems: dict[str, str] = {}
    today = clock.today()
    done_on = day(problems, data, "completed_on", "The date of the review", missing=MISSING_DONE)
    if done_on is not None and done_on > today:
        problems["completed_on"] = "The date of the review must be today or in the past"
        done_on = None
    text(problems, data, "summary", "The summary", missing="Enter a summary of the review")
    text(problems, data, "changes", "What changed in the plan")
    next_on = day(
        problems, data, "next_review_on", "The date of the next review", missing=MISSING_NEXT
    )
    if next_on is not None and next_on <= today:
        problems["next_review_on"] = "The date of the next review must be in the future"
    raise_problems(problems)


MISSING_DONE = "Enter the date of the review"
MISSING_NEXT = "Enter the date of the next review"


def _next_scheduled(user: User, review: Review, next_on: date) -> Review:
    """The next scheduled review: the open one moved to the new date, or a new one."""
    scheduled = (
        Review.objects.select_for_update()
        .filter(person_id=review.person_id, reason=R.SCHEDULED, completed_on__isnull=True)
        .first()
    )
    if scheduled is None:
        scheduled = Review.objects.create(
            person_id=review.person_id,
            created_by=user,
            due_on=next_on,
            reason=R.SCHEDULED,
            details=f"Set at the review of {review.completed_on:%-d %B %Y}",
        )
        record_for(scheduled, user=user, operation=Operation.COLLECTION, fields=["due_on"])
    elif scheduled.due_on != next_on:
        scheduled.due_on = next_on
        scheduled.updated_by = user
        scheduled.version += 1
        scheduled.save(update_fields=["due_on", "updated_by", "version"])
        record_for(scheduled, user=user, operation=Operation.ALTERATION, fields=["due_on"])
    return scheduled


@transaction.atomic
def complete_review(
    *,
    user: User,
    review: Review,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> Review:
    """Records the review (refused from a page loaded before someone else changed it, or for
    a review already completed) and sets the next scheduled review."""
    may_edit(user, review.person)
    values: dict[str, Any] = {
        name: data.get(name) for name in ("completed_on", "summary", "changes", "next_review_on")
    }
    check_completion(values)
    current = Review.objects.select_for_update().get(pk=review.pk)
    not_stale(current, expected_version, "review")
    if not current.is_open:
        raise Invalid(f"This review was completed on {current.completed_on:%-d %B %Y}")
    current.completed_on = values["completed_on"]
    current.completed_by = user
    current.summary = str(values["summary"] or "").strip()
    current.changes = str(values["changes"] or "").strip()
    current.updated_by = user
    current.version += 1
    fields = ["completed_on", "completed_by", "summary", "changes"]
    current.save(update_fields=[*fields, "updated_by", "version"])
    current.next_review = _next_scheduled(user, current, values["next_review_on"])
    current.save(update_fields=["next_review"])
    record_for(current, user=user, operation=Operation.ALTERATION, fields=[*fields, "next_review"])
    return current

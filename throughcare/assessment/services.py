"""Every change to a person's assessment: start, reassess, save a section, submit, and the
summary the caseload reads, kept in step with the signed document (`throughcare.records`).

The document's lifecycle (submitted, returned, countersigned, locked) is the records app's;
this app decides what the assessment adds to it:
- on submission, the sufficiency check (P17): a source missing or out of date needs a reason,
  which goes to the countersigner; the OGRS3 inputs, result and instrument version and the
  computed overall level are stored with the version (the "computed" part of its content), so
  that a score can be explained years later; and whether it needs countersigning (the pure
  rule `rules.countersign`, from the overall level and the author's grade);
- after every change, the person's `Assessment` row (current and open version; the current
  one's headline for the caseload);
- a newly recorded acute factor or urgent concern marks it "review due".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from throughcare.audit.models import Operation
from throughcare.audit.records import record_for
from throughcare.core import clock
from throughcare.core.errors import Invalid, Refused
from throughcare.records import lifecycle
from throughcare.records import services as records
from throughcare.records.models import Version

from . import computed
from .facts import record_facts
from .models import Assessment
from .rules import countersign, sufficiency

if TYPE_CHECKING:
    from throughcare.access.models import User
    from throughcare.people.models import Person

KIND = Assessment.KIND
COMPUTED = computed.SECTION


@transaction.atomic
def start(user: User, person: Person) -> Version:
    """The person's first assessment: a new document and its first draft."""
    if Assessment.objects.filter(person=person).exists():
        raise Refused("This person already has an assessment: reassess it instead")
    version = records.start(user, person, KIND)
    assessment = Assessment.objects.create(
        person=person, document=version.document, open=version, created_by=user, updated_by=user
    )
    record_for(assessment, user=user, operation=Operation.COLLECTION, fields=["open"])
    return version


@transaction.atomic
def reassess(user: User, person: Person) -> Version:
    """A new draft filled from the current (locked) version."""
    assessment = Assessment.objects.select_for_update().filter(person=person).first()
    if assessment is None:
        raise Refused("There is no assessment to reassess: start one")
    return records.reassess(user, assessment.document)


def _gaps(person: Person, version: Version) -> list[sufficiency.Finding]:
    from . import sources_check

    return sufficiency.gaps(sources_check.findings(person, version))


@transaction.atomic
def submit(user: User, version: Version) -> Version:
    """Submits a draft: refused while a gap in the sources has no reason; stores what was
    computed; locks it at once or sends it for countersignature."""
    person = version.person
    gaps = _gaps(person, version)
    reason = str(version.content.get("sources", {}).get("why_go_ahead", "")).strip()
    if gaps and not reason:
        names = ", ".join(f"{gap.need.value} ({gap.status.value})" for gap in gaps)
        raise Invalid(
            {
                "sources": (
                    f"Say why the assessment can go ahead without: {names}. "
                    "Answer it under 'Sources: is there enough to assess?', or request the "
                    "information first"
                )
            }
        )
    facts = record_facts(person)
    stored = computed.compute(version.content, facts, clock.today())
    current = version.sections.get(COMPUTED, {}).get("version", 0)
    records.save_section(user, version, COMPUTED, stored, expected=current, complete=True)
    version.refresh_from_db()
    overall = computed.overall_level(stored)
    grade = getattr(version.author, "grade", "") or ""
    needed = countersign.countersignature_reason(overall, grade)
    note = ""
    if gaps:
        listed = "; ".join(f"{gap.need.value}: {gap.status.value}" for gap in gaps)
        note = f"Sources missing or out of date: {listed}. Why it can go ahead: {reason}"
    return records.submit(user, version, countersignature_reason=needed, note=note)


def refresh(user: Any, version: Version) -> None:
    """After any change to a version (the records app calls it in the same transaction): the
    person's `Assessment` row follows. A version that has just locked becomes current: its
    headline is copied for the caseload and a review no longer due."""
    assessment = Assessment.objects.select_for_update().filter(document=version.document).first()
    if assessment is None:
        return
    changed: list[str] = []
    open_version = version if version.state != lifecycle.State.LOCKED else None
    if assessment.open_id != getattr(open_version, "pk", None):
        assessment.open = open_version
        changed.append("open")
    if version.state == lifecycle.State.LOCKED and assessment.current_id != version.pk:
        stored: Mapping[str, Any] = version.content.get(COMPUTED, {})
        level = computed.overall_level(stored)
        assessment.current = version
        assessment.rosh_level = level.key if level else ""
        assessment.rosh_rank = int(level) if level else None
        assessment.ogrs3_band = str(stored.get("ogrs3_band", ""))
        assessment.ogrs3_two_year = stored.get("ogrs3_two_year")
        assessment.judged_likelihood = str(stored.get("judged", ""))
        assessment.departs = bool(stored.get("departs", False))
        assessment.review_due = False
        assessment.review_due_reason = ""
        assessment.review_due_since = None
        changed += ["current", "rosh_level", "ogrs3_band", "judged_likelihood", "review_due"]
    if changed:
        assessment.version += 1
        assessment.updated_by = user
        assessment.save()
        record_for(assessment, user=user, operation=Operation.ALTERATION, fields=changed)


@transaction.atomic
def mark_review_due(*, person_id: Any, why: str, by: Any = None) -> bool:
    """A newly recorded acute factor or urgent concern: the current assessment needs review.
    Nothing to mark before the first assessment is locked."""
    assessment = (
        Assessment.objects.select_for_update()
        .filter(person_id=person_id, current__isnull=False)
        .first()
    )
    if assessment is None or assessment.review_due:
        return False
    assessment.review_due = True
    assessment.review_due_reason = why[:200]
    assessment.review_due_since = clock.now()
    assessment.version += 1
    assessment.updated_by = by
    assessment.save()
    record_for(assessment, user=by, operation=Operation.ALTERATION, fields=["review_due"])
    return True

"""The demo's assessments, written through the services as a practitioner would, answering each
section's form: one person's assessment in each state (a draft; submitted and awaiting the
SPO's countersignature; returned with comments; countersigned and locked at high risk; locked
without countersigning at low risk), so that every page of the Assessment section has
something to show. `answers` is also what the tests and the browser journey start from."""

from __future__ import annotations

from throughcare.access.models import Role, User
from throughcare.access.policy import Access, Relation
from throughcare.assessment import services
from throughcare.assessment.draft import AssessmentDraft, fill
from throughcare.assessment.examples import answers, fill_all
from throughcare.casework import services as casework
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.records import services as records

TEAM = "Northbridge probation team"


def _draft(com: User, person: Person) -> AssessmentDraft:
    version = services.start(com, person)
    return AssessmentDraft(Access(com, person, Relation.ALLOCATED), version)


def add_assessments() -> int:
    """One assessment in each state for people of the Northbridge team's COMs (once)."""
    spo = User.objects.filter(role=Role.SPO, organisation__name=TEAM).order_by("pk").first()
    people = list(
        Person.objects.filter(
            com__organisation__name=TEAM, com__role=Role.COM, assessments__isnull=True
        )
        .select_related("com")
        .order_by("release_date", "crn")[2:7]
    )
    if spo is None or len(people) < 5:
        return 0
    locked_high, locked_low, waiting, returned, draft = people
    for person, level in (
        (locked_high, "high"),
        (locked_low, "low"),
        (waiting, "high"),
        (returned, "very high"),
    ):
        assert person.com is not None  # noqa: S101 - filtered above
        made = _draft(person.com, person)
        fill_all(person.com, made, answers(level, person=person))
        services.submit(person.com, made.version)
        made.version.refresh_from_db()
        if person is locked_high:
            records.countersign(spo, made.version)
            # Since then, a sudden change: the assessment is due for review.
            casework.add_case_note(
                user=person.com,
                person=person,
                note=casework.NewCaseNote(
                    note_type="colleague",
                    occurred_on=clock.today(),
                    text="His key worker says his partner ended their relationship on a visit "
                    "yesterday; he was upset and angry afterwards.",
                    acute_change="relationship breakdown",
                ),
            )
        elif person is returned:
            records.return_for_changes(
                spo,
                made.version,
                "Say more about the risk to his former partner: the police call-outs are not "
                "in the sources yet.",
            )
    assert draft.com is not None  # noqa: S101 - filtered above
    begun = _draft(draft.com, draft)
    partial = answers("medium", person=draft)
    fill(draft.com, begun, "sources", partial["sources"])
    fill(draft.com, begun, "summary", partial["summary"])
    return 5

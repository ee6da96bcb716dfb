"""The assessment the access matrix's world holds (tests/test_access_matrix.py and
tests/test_access_matrix_assessment.py): version 1 countersigned and locked, with marked text in
its answers; version 2 (reassessed, with other marked text) submitted and waiting for the team's
SPO. The person's main offence has an OGRS3 category, so that the OGRS3 figures are worked out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.assessment import services
from throughcare.assessment.draft import AssessmentDraft, fill
from throughcare.core import clock
from throughcare.demo import assessments as demo
from throughcare.people import services as people_services
from throughcare.people.commands import NewOffence
from throughcare.people.models import Person, Sentence
from throughcare.records import services as records
from throughcare.records.models import Version

# In the five summary answers and the case summary of the locked version: for those who may
# read the full assessment (staff who may view the record; partners whose agreement shares it).
ASSESSED = "ASSESSED-LOCKED-ANSWER-TEXT"
# In the version still open (submitted, awaiting countersignature): staff only, never partners.
OPEN_ANSWER = "OPEN-ASSESSMENT-ANSWER-TEXT"
# Why the open version could go ahead without a source (the note to the countersigner).
SUMMARY_ANSWERS = ("who", "nature", "when", "increases", "reduces")


def _answers(person: Person, marker: str, public: str) -> dict[str, dict[str, Any]]:
    posted = demo.answers("high", person=person)
    rosh = posted["rosh"]
    rosh["public_community"] = public
    # Custody levels that appear nowhere in the community: a partner sharing only the summary
    # in the community must never see "Very high".
    for cell in ("children", "public", "known_adult", "staff", "prisoners"):
        rosh[f"{cell}_custody"] = "very high"
    for name in SUMMARY_ANSWERS:
        rosh[name] = f"{marker} ({name})"
    posted["summary"]["offence"] = f"{marker} (offence)"
    return posted


def add_assessment(com: User, spo: User, person: Person, sentence: Sentence) -> dict[str, Version]:
    """The world's assessment, written through the services as the pages would."""
    people_services.add_offence(
        user=com,
        person=person,
        sentence=sentence,
        offence=NewOffence(
            description="Wounding with intent",
            conviction_date=clock.today() - timedelta(days=320),
            ogrs3_category="Violence",
            is_main=True,
        ),
    )
    access = policy.Access(com, person, policy.Relation.ALLOCATED)
    first = services.start(com, person)
    demo.fill_all(com, AssessmentDraft(access, first), _answers(person, ASSESSED, "high"))
    services.submit(com, first)
    first.refresh_from_db()
    records.countersign(spo, first)
    second = services.reassess(com, person)
    draft = AssessmentDraft(access, second)
    posted = _answers(person, OPEN_ANSWER, "medium")
    for key in ("rosh", "summary"):
        fill(com, draft, key, posted[key])
    services.submit(com, second)
    first.refresh_from_db()
    second.refresh_from_db()
    return {"locked": first, "open": second}

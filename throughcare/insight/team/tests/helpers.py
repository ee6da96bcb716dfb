"""What the team view's tests make: through the services where a service makes it in one
call; the assessment waiting for its countersignature as the rows the records and assessment
apps keep (writing a whole assessment through its long form is the assessment tests' work)."""

from __future__ import annotations

from datetime import timedelta

from throughcare.access import policy
from throughcare.access.models import User
from throughcare.assessment.models import Assessment
from throughcare.casework.requests import services as requests
from throughcare.casework.requests.models import InformationRequest, RecipientKind, Topic
from throughcare.core import clock
from throughcare.people.models import Person
from throughcare.records.lifecycle import State
from throughcare.records.models import Document, Version


def awaiting_countersignature(author: User, person: Person) -> Version:
    document = Document.objects.create(person=person, kind=Assessment.KIND, created_by=author)
    version = Version.objects.create(
        person=person,
        document=document,
        number=1,
        author=author,
        state=State.SUBMITTED,
        submitted_at=clock.now(),
        countersignature_reason="Risk of serious harm is high",
        created_by=author,
    )
    Assessment.objects.create(person=person, document=document, open=version, created_by=author)
    return version


def overdue_request(sender: User, colleague: User, person: Person) -> InformationRequest:
    sent = requests.send_request(
        user=sender,
        access=policy.Access(sender, person, policy.relation(sender, person)),
        new=requests.NewRequest(
            recipient_kind=RecipientKind.COLLEAGUE,
            colleague=colleague,
            purpose="Planning release",
            topics=(Topic.values[0],),
            due_on=clock.today() + timedelta(days=1),
        ),
    )
    sent.due_on = clock.today() - timedelta(days=1)  # as if sent a while ago
    sent.save(update_fields=["due_on"])
    return sent

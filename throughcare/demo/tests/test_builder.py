from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from conftest import NOW
from throughcare.audit.verify import verify_chain
from throughcare.core import clock
from throughcare.demo import builder as demo
from throughcare.demo import history, stages
from throughcare.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded once for the tests that only read it (loading takes about 15 s), in a
    transaction rolled back after them; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        clock.set_now(NOW)
        try:
            with transaction.atomic():
                call_command("seed_demo")
                yield
                transaction.set_rollback(True)
        finally:
            clock.set_now(None)


def test_seed_demo_loads_once_and_is_deterministic() -> None:
    call_command("seed_demo")
    first = list(Person.objects.order_by("crn").values_list("crn", "family_name"))
    assert len(first) == 60 + len(stages.WHO) + history.PEOPLE
    call_command("seed_demo")
    assert list(Person.objects.order_by("crn").values_list("crn", "family_name")) == first
    checked, finding = verify_chain()
    assert finding is None and checked > 60


def test_generated_identifiers_that_clash_are_regenerated_across_batches() -> None:
    service, _ = demo.ensure_service()
    today = date(2026, 11, 24)
    for seed in (1, 2, 3):
        for batch in demo.generate(service, 5, seed=seed, today=today, notes_per_person=0):
            taken = list(Person.objects.values_list("crn", flat=True)[:5])
            for person, crn in zip(batch.people, taken, strict=False):
                person.crn = crn  # force clashes with records already stored
            demo.store(batch, actor=None)
    assert Person.objects.count() == 15
    assert Person.objects.values("crn").distinct().count() == 15


@pytest.mark.usefixtures("seeded_demo")
def test_each_demo_partner_worker_has_people_shared_with_them() -> None:
    from throughcare.access import policy
    from throughcare.access.models import SharingAgreement, User

    for email, count in (
        # ...and Safe Harbour has the plan of the demo's planning person (demo/stages.py).
        ("housing@throughcare.example", 4 + 1),
        ("employment@throughcare.example", 3),
    ):
        partner = User.objects.get(email=email)
        assert policy.visible_people(partner).count() == count
    assert SharingAgreement.objects.count() == 7 + 1
    checked, finding = verify_chain()
    assert finding is None


@pytest.mark.usefixtures("seeded_demo")
def test_seed_demo_has_one_interview_agreed_with_a_correction_and_one_in_progress() -> None:
    from throughcare.casework.models import Amendment, Interview

    interviews = list(Interview.objects.order_by("pk"))
    assert len(interviews) == 2
    done, begun = interviews
    assert done.response == Interview.Response.CORRECTED and done.closed
    assert Amendment.objects.filter(record_id=str(done.pk), field="summary").count() == 1
    assert not begun.closed and begun.answers.exists()
    checked, finding = verify_chain()
    assert finding is None and checked > 60


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_has_requests_one_overdue_one_answered_and_staff_with_functions() -> None:
    from throughcare.access.models import User
    from throughcare.casework.requests import queries
    from throughcare.casework.requests.models import InformationRequest

    requests = list(InformationRequest.objects.all())
    assert len(requests) == 3
    assert sum(r.is_overdue for r in requests) == 1
    assert sum(r.status == InformationRequest.Status.ANSWERED for r in requests) == 1
    key_worker = User.objects.get(email="keyworker.northbridge@throughcare.example")
    healthcare = User.objects.get(email="healthcare.northbridge@throughcare.example")
    assert key_worker.functions == ["key worker"] and healthcare.functions == ["healthcare"]
    assert queries.addressed_to(key_worker).count() == 1
    assert queries.addressed_to(healthcare).count() == 1


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_has_an_open_concern_a_resolved_one_and_answered_advice() -> None:
    from throughcare.access.models import User
    from throughcare.casework.models import Advice, UrgentConcern
    from throughcare.notifications import queries as notifications

    spo = User.objects.get(email="spo.northbridge@throughcare.example")
    open_concern = UrgentConcern.objects.get(resolved_at__isnull=True)
    assert open_concern.acknowledged_at is None
    assert UrgentConcern.objects.filter(resolved_at__isnull=False).count() == 1
    assert Advice.objects.get().source_name == spo.full_name
    concerns = [n for n in notifications.open_for(spo) if n.kind == "urgent concern"]
    assert [n.subject_id for n in concerns] == [str(open_concern.pk)]
    checked, finding = verify_chain()
    assert finding is None


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_asks_psychology_at_northbridge_for_advice() -> None:
    from throughcare.access.models import User
    from throughcare.casework.models import AdviceRequest
    from throughcare.notifications import queries as notifications

    psychologist = User.objects.get(email="psychology.northbridge@throughcare.example")
    assert psychologist.functions == ["psychology"]
    asked = AdviceRequest.objects.get(adviser_function="psychology")
    assert asked.is_open and asked.adviser_organisation_id == (
        User.objects.get(email="pom.northbridge@throughcare.example").organisation_id
    )
    assert [n.subject_id for n in notifications.open_for(psychologist)] == [str(asked.pk)]


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_has_three_accommodation_options_one_at_a_victims_address() -> None:
    from datetime import timedelta

    from throughcare.planning import facts
    from throughcare.planning.models import Barrier, Option
    from throughcare.planning.rules import conflicts

    staged = [who.crn for who in stages.WHO]  # each has supported housing chosen
    options = list(
        Option.objects.exclude(person__crn__in=staged).select_related("person").order_by("pk")
    )
    assert len(options) == 3 and {o.kind for o in options} == {"accommodation"}
    person = options[0].person
    assert person.release_date is not None
    assert person.release_date <= clock.today() + timedelta(weeks=6)
    assert person.com is not None and person.com.organisation is not None
    assert person.com.organisation.name == "Northbridge probation team"
    found = facts.person_facts(person)
    rules = [[c.rule for c in facts.option_conflicts(o, found)] for o in options]
    assert rules[0] == [conflicts.VICTIM_ADDRESS]
    assert rules[1:] == [[], []]
    assert all(o.evaluations.exists() for o in options)
    assert Barrier.objects.get(person=person).is_open


@pytest.mark.usefixtures("seeded_demo")
def test_the_demo_refers_the_supported_housing_option_to_the_housing_partner() -> None:
    from throughcare.access.models import User
    from throughcare.audit.models import AuditEvent, Operation, RecordType
    from throughcare.notifications import queries as notifications
    from throughcare.partners.models import Referral

    referral = Referral.objects.select_related("option", "organisation").get()
    housing = User.objects.get(email="housing@throughcare.example")
    assert referral.organisation_id == housing.organisation_id
    assert referral.option.title == "Safe Harbour supported housing"
    assert referral.status == Referral.Status.SENT
    assert AuditEvent.objects.filter(
        record_type=RecordType.REFERRAL,
        operation=Operation.DISCLOSURE,
        recipient=referral.organisation.name,
    ).exists()
    assert [n.subject_id for n in notifications.open_for(housing)] == [str(referral.pk)]
